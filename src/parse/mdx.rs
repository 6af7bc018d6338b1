//! The plain-Markdown parts of MDX (Docusaurus pages): top-level `import …` / `export …`
//! lines, which are code for the page's build and not text, are left out (with a note), and
//! `:::note|tip|info|warning|danger [title]` … `:::` admonitions become what they mean in
//! plain Markdown, a quote that starts with a bold label (`> **Tip:** …`; with a title,
//! `> **Tip: Remember**` on a line of its own), which the renderers write as an aside (see
//! [`crate::model::aside`]), at the top level and inside lists and quotes. An admonition that
//! is never closed is closed where its container ends (`unclosed-admonition`). JSX
//! components are raw HTML to this parser.

use crate::diagnostic::{Diagnostic, DiagnosticCode};
use crate::model::{AsideKind, Block, Inline};
use crate::parse::convention::{Node, Unit};

/// Drops MDX import/export paragraphs and makes admonitions asides.
pub fn rewrite(units: Vec<Unit>, path: &str, diags: &mut Vec<Diagnostic>) -> Vec<Unit> {
    let mut dropped: Vec<u32> = Vec::new();
    let mut out: Vec<Unit> = Vec::with_capacity(units.len());
    let mut run: Vec<(Block, u32, u32)> = Vec::new();
    let flush =
        |run: &mut Vec<(Block, u32, u32)>, out: &mut Vec<Unit>, diags: &mut Vec<Diagnostic>| {
            for (block, line, end_line) in asides(std::mem::take(run), path, diags) {
                out.push(Unit {
                    node: Node::Block(block),
                    line,
                    end_line,
                });
            }
        };
    for unit in units {
        match unit.node {
            Node::Block(Block::Paragraph { content }) if is_import_or_export(&content) => {
                let statements = statement_lines(&content);
                dropped.extend(std::iter::repeat_n(unit.line, statements.max(1)));
            }
            Node::Block(block) => run.push((block, unit.line, unit.end_line)),
            heading @ Node::Heading { .. } => {
                flush(&mut run, &mut out, diags);
                out.push(Unit {
                    node: heading,
                    ..unit
                });
            }
        }
    }
    flush(&mut run, &mut out, diags);
    if let Some(&first) = dropped.first() {
        let n = dropped.len();
        diags.push(
            Diagnostic::remark(
                DiagnosticCode::Mdx,
                format!(
                    "{n} MDX import/export statement{} left out: code for the page's build, not text",
                    if n == 1 { " is" } else { "s are" }
                ),
            )
            .at(path, first, 1),
        );
    }
    out
}

/// How many lines of an import/export paragraph start a statement.
fn statement_lines(content: &[Inline]) -> usize {
    content
        .iter()
        .filter_map(|i| match i {
            Inline::Text { text } => Some(text),
            _ => None,
        })
        .flat_map(|t| t.lines())
        .filter(|l| l.starts_with("import ") || l.starts_with("export "))
        .count()
}

/// Whether a paragraph is an MDX `import`/`export` statement.
fn is_import_or_export(content: &[Inline]) -> bool {
    let Some(Inline::Text { text }) = content.first() else {
        return false;
    };
    let first_line = text.lines().next().unwrap_or("");
    if let Some(rest) = first_line.strip_prefix("import ") {
        let rest = rest.trim_start();
        return rest.starts_with(['\'', '"'])
            || first_line.contains(" from '")
            || first_line.contains(" from \"")
            || (rest.starts_with('{') && content.len() > 1);
    }
    if let Some(rest) = first_line.strip_prefix("export ") {
        let word = rest.split_whitespace().next().unwrap_or("");
        return matches!(
            word,
            "const" | "let" | "var" | "function" | "default" | "class" | "async" | "*"
        ) || word.starts_with('{');
    }
    false
}

/// An open admonition.
struct Open {
    kind: AsideKind,
    title: Vec<Inline>,
    blocks: Vec<Block>,
    line: u32,
}

/// Makes the admonitions among `blocks` (each with its lines) asides, and those inside
/// lists and quotes.
fn asides(
    blocks: Vec<(Block, u32, u32)>,
    path: &str,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(Block, u32, u32)> {
    let mut out: Vec<(Block, u32, u32)> = Vec::with_capacity(blocks.len());
    let mut stack: Vec<Open> = Vec::new();
    let emit =
        |stack: &mut Vec<Open>, out: &mut Vec<(Block, u32, u32)>, b: (Block, u32, u32)| match stack
            .last_mut()
        {
            Some(open) => open.blocks.push(b.0),
            None => out.push(b),
        };
    for (block, line, end_line) in blocks {
        let block = nested(block, path, diags);
        let Block::Paragraph { content } = block else {
            emit(&mut stack, &mut out, (block, line, end_line));
            continue;
        };
        if let Some((kind, title, rest)) = opener(&content) {
            let (inner, closed) = match closer(&rest) {
                Some(before) => (before, true),
                None => (rest, false),
            };
            let mut open = Open {
                kind,
                title,
                blocks: Vec::new(),
                line,
            };
            if !inner.is_empty() {
                open.blocks.push(Block::Paragraph { content: inner });
            }
            if closed {
                let aside = close(open);
                emit(&mut stack, &mut out, (aside, line, end_line));
            } else {
                stack.push(open);
            }
            continue;
        }
        if !stack.is_empty()
            && let Some(before) = closer(&content)
        {
            let mut open = stack.pop().expect("an admonition is open");
            if !before.is_empty() {
                open.blocks.push(Block::Paragraph { content: before });
            }
            let start = open.line;
            let aside = close(open);
            emit(&mut stack, &mut out, (aside, start, end_line));
            continue;
        }
        emit(
            &mut stack,
            &mut out,
            (Block::Paragraph { content }, line, end_line),
        );
    }
    while let Some(open) = stack.pop() {
        if open.line > 0 {
            diags.push(
                Diagnostic::warning(
                    DiagnosticCode::UnclosedAdmonition,
                    format!("admonition `:::{}` is never closed", open.kind.name()),
                )
                .at(path, open.line, 1)
                .note("closed where the text around it ends"),
            );
        }
        let start = open.line;
        let aside = close(open);
        let end = out.last().map_or(start, |b| b.2);
        emit(&mut stack, &mut out, (aside, start, end));
    }
    out
}

/// The admonition as a quote led by its bold label.
fn close(open: Open) -> Block {
    let Open {
        kind,
        title,
        mut blocks,
        ..
    } = open;
    let mut label = vec![Inline::Text {
        text: format!("{}:", kind.label()),
    }];
    if title.is_empty() {
        let strong = Inline::Strong { content: label };
        match blocks.first_mut() {
            Some(Block::Paragraph { content }) => {
                content.splice(0..0, [strong, Inline::Text { text: " ".into() }]);
            }
            _ => blocks.insert(
                0,
                Block::Paragraph {
                    content: vec![strong],
                },
            ),
        }
    } else {
        label.push(Inline::Text { text: " ".into() });
        label.extend(title);
        blocks.insert(
            0,
            Block::Paragraph {
                content: vec![Inline::Strong { content: label }],
            },
        );
    }
    Block::Quote { blocks }
}

/// Admonitions inside a list's items or a quote.
fn nested(block: Block, path: &str, diags: &mut Vec<Diagnostic>) -> Block {
    let mut fold = |blocks: Vec<Block>| -> Vec<Block> {
        if !blocks.iter().any(|b| {
            matches!(b, Block::Paragraph { content } if opener(content).is_some())
                || matches!(b, Block::List { .. } | Block::Quote { .. })
        }) {
            return blocks;
        }
        let lines = blocks.into_iter().map(|b| (b, 0, 0)).collect();
        asides(lines, path, diags)
            .into_iter()
            .map(|(b, _, _)| b)
            .collect()
    };
    match block {
        Block::List { start, items } => Block::List {
            start,
            items: items
                .into_iter()
                .map(|mut item| {
                    item.blocks = fold(item.blocks);
                    item
                })
                .collect(),
        },
        Block::Quote { blocks } => Block::Quote {
            blocks: fold(blocks),
        },
        other => other,
    }
}

/// The first line of `content` split off: the inlines before the first line break, and
/// those after it.
fn first_line(content: &[Inline]) -> (&[Inline], &[Inline]) {
    match content
        .iter()
        .position(|i| matches!(i, Inline::SoftBreak | Inline::HardBreak))
    {
        Some(k) => (&content[..k], &content[k + 1..]),
        None => (content, &[]),
    }
}

/// `:::kind`, `:::kind Title` or `:::kind[Title]` on a paragraph's first line: the kind, the
/// title and the rest of the paragraph.
fn opener(content: &[Inline]) -> Option<(AsideKind, Vec<Inline>, Vec<Inline>)> {
    let (first, rest) = first_line(content);
    let Some(Inline::Text { text }) = first.first() else {
        return None;
    };
    let after = text.strip_prefix(":::")?.trim_start_matches(':');
    let name_len = after
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(after.len());
    let kind = AsideKind::from_name(&after[..name_len])?;
    let mut title_text = after[name_len..].trim().to_string();
    if title_text.starts_with('[') && title_text.ends_with(']') {
        title_text = title_text[1..title_text.len() - 1].trim().to_string();
    }
    let mut title = Vec::new();
    if !title_text.is_empty() {
        title.push(Inline::Text { text: title_text });
    }
    title.extend(first[1..].iter().cloned());
    Some((kind, title, rest.to_vec()))
}

/// If the last line of `content` is `:::`, the inlines before it (without the break).
fn closer(content: &[Inline]) -> Option<Vec<Inline>> {
    let last_break = content
        .iter()
        .rposition(|i| matches!(i, Inline::SoftBreak | Inline::HardBreak));
    let (before, last) = match last_break {
        Some(k) => (&content[..k], &content[k + 1..]),
        None => (&content[..0], content),
    };
    match last {
        [Inline::Text { text }]
            if text.trim().len() >= 3 && text.trim().chars().all(|c| c == ':') =>
        {
            Some(before.to_vec())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Inline {
        Inline::Text { text: s.into() }
    }

    fn unit(block: Block, line: u32) -> Unit {
        Unit {
            node: Node::Block(block),
            line,
            end_line: line,
        }
    }

    fn para(c: Vec<Inline>) -> Block {
        Block::Paragraph { content: c }
    }

    #[test]
    fn imports_and_exports_are_left_out() {
        assert!(is_import_or_export(&[t("import { X } from '../x'")]));
        assert!(is_import_or_export(&[t("export const meta = 1")]));
        assert!(!is_import_or_export(&[t("import this module first")]));
        let mut d = Vec::new();
        let out = rewrite(
            vec![
                unit(para(vec![t("import X from './x'")]), 3),
                unit(para(vec![t("text")]), 5),
            ],
            "g.md",
            &mut d,
        );
        assert_eq!(out.len(), 1);
        assert_eq!(d[0].code, DiagnosticCode::Mdx);
    }

    #[test]
    fn admonitions_become_labelled_quotes() {
        let mut d = Vec::new();
        let strong = |s: &str| Inline::Strong {
            content: vec![t(s)],
        };
        let out = rewrite(
            vec![
                unit(para(vec![t(":::tip Remember")]), 1),
                unit(para(vec![t("Body.")]), 3),
                unit(para(vec![t(":::")]), 5),
                unit(
                    para(vec![
                        t(":::warning"),
                        Inline::SoftBreak,
                        t("Careful."),
                        Inline::SoftBreak,
                        t(":::"),
                    ]),
                    7,
                ),
                unit(para(vec![t(":::note")]), 11),
                unit(para(vec![t("never closed")]), 12),
            ],
            "g.md",
            &mut d,
        );
        assert_eq!(
            out[0],
            Unit {
                node: Node::Block(Block::Quote {
                    blocks: vec![
                        para(vec![Inline::Strong {
                            content: vec![t("Tip:"), t(" "), t("Remember")]
                        }]),
                        para(vec![t("Body.")]),
                    ],
                }),
                line: 1,
                end_line: 5,
            }
        );
        let Node::Block(Block::Quote { blocks }) = &out[1].node else {
            panic!("{out:?}")
        };
        assert_eq!(
            blocks[0],
            para(vec![strong("Warning:"), t(" "), t("Careful.")])
        );
        assert_eq!(
            crate::model::aside(blocks),
            Some((AsideKind::Warning, "Warning".into()))
        );
        let Node::Block(Block::Quote { blocks }) = &out[2].node else {
            panic!("{out:?}")
        };
        assert_eq!(
            crate::model::aside(blocks).map(|a| a.0),
            Some(AsideKind::Note)
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, DiagnosticCode::UnclosedAdmonition);
    }
}
