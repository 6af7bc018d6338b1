//! What is not a card: tables of contents (lists or tables of in-page links), "back to top"
//! links, sections about the guide rather than its subject (License, Contributing, Credits,
//! Translations, a closing "Wrap up"), questions whose answer is only links, and questions
//! without an answer. Each is reported with one `note:` (codes `boilerplate`, `empty-answer`);
//! `--keep-all` keeps them as cards. A licence, credits and the like are kept for the book's
//! back matter.
//!
//! Here: recognising boilerplate, and, before the pieces are assembled, [`front_matter`]:
//! where the guide's body starts (questions before a table of contents are the guide's front
//! matter, its preface, and so is a leading "Introduction" group) and leaving the tables of
//! contents out. After assembly, [`super::leave_out`] leaves out the rest.

use super::text::{is_link_only, plain};
use super::{Context, ItemStart, Piece};
use crate::diagnostic::{Diagnostic, DiagnosticCode};
use crate::model::{Block, Inline};

/// What a section or question title says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A table of contents.
    Contents,
    /// About the guide itself (licence, credits, contributing…): back matter.
    About,
    /// A list of other languages.
    Translations,
}

/// What `title` names, if it is a boilerplate section's title (emoji and punctuation around
/// it ignored, case ignored).
pub(super) fn kind_of(title: &str) -> Option<Kind> {
    // The longest name below has 16 letters and digits: most titles are longer, and are
    // answered without building the lower-case words.
    if title
        .chars()
        .filter(|c| c.is_alphanumeric())
        .nth(16)
        .is_some()
    {
        return None;
    }
    let words: String = title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect();
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    let about = [
        "license",
        "licence",
        "licensing",
        "copyright",
        "credits",
        "credit",
        "acknowledgements",
        "acknowledgments",
        "contributors",
        "contributing",
        "contribution",
        "contributions",
        "contribute",
        "how to contribute",
        "authors",
        "author",
        "sponsors",
        "backers",
        "support",
        "thanks",
        "disclaimer",
        "wrap up folks",
        "wrap up",
        "wrapping up",
        "changelog",
    ];
    match words.as_str() {
        "table of contents" | "contents" | "toc" | "index" => Some(Kind::Contents),
        "translation" | "translations" | "other languages" => Some(Kind::Translations),
        w if about.contains(&w) => Some(Kind::About),
        _ => None,
    }
}

/// Whether `block` is a table of contents: a list (nested or not) or a table whose links
/// (at least three) all lead into the guide (`#…`).
pub(super) fn is_toc(block: &Block) -> bool {
    let (mut inside, mut total) = (0, 0);
    count_links(block, &mut inside, &mut total);
    let shape = match block {
        Block::List { .. } => is_link_only(std::slice::from_ref(block)),
        Block::Table { .. } => true,
        _ => false,
    };
    shape && total >= 3 && inside * 10 >= total * 9
}

fn count_links(block: &Block, inside: &mut usize, total: &mut usize) {
    let mut inl = |content: &[Inline]| count_inline_links(content, inside, total);
    match block {
        Block::Paragraph { content } => inl(content),
        Block::List { items, .. } => {
            for item in items {
                for b in &item.blocks {
                    count_links(b, inside, total);
                }
            }
        }
        Block::Table { head, rows, .. } => {
            for cell in head.iter().chain(rows.iter().flatten()) {
                inl(cell);
            }
        }
        _ => {}
    }
}

fn count_inline_links(content: &[Inline], inside: &mut usize, total: &mut usize) {
    for i in content {
        match i {
            Inline::Link { url, .. } => {
                *total += 1;
                if url.trim_start().starts_with('#') {
                    *inside += 1;
                }
            }
            Inline::Strong { content } | Inline::Emphasis { content } => {
                count_inline_links(content, inside, total)
            }
            _ => {}
        }
    }
}

/// Whether `content` is a "back to top" link (`**[⬆ back to top](#table-of-contents)**`).
pub(super) fn is_back_to_top(content: &[Inline]) -> bool {
    let mut link = None;
    let only_link = content.iter().all(|i| match i {
        Inline::Link { url, content, .. } => link.replace((url, content)).is_none(),
        Inline::Strong { content: inner } | Inline::Emphasis { content: inner } => {
            match inner.as_slice() {
                [Inline::Link { url, content, .. }] => link.replace((url, content)).is_none(),
                _ => false,
            }
        }
        other => super::text::is_space(other),
    });
    let Some((url, text)) = link.filter(|_| only_link) else {
        return false;
    };
    let text = plain(text).to_lowercase();
    url.trim_start().starts_with('#')
        && (text.contains("top")
            || text.contains("contents")
            || text.contains('⬆')
            || text.contains('↑'))
}

/// Decides where the body starts: questions (and groups) before a table of contents become
/// preface text, as does a leading introduction group and its questions; then leaves the
/// tables of contents out (each with a note).
pub fn front_matter(
    pieces: Vec<Piece>,
    ctx: &Context<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Piece> {
    if ctx.keep_all {
        return pieces;
    }
    let first_item = pieces.iter().position(|p| matches!(p, Piece::Item(_)));
    let toc = pieces
        .iter()
        .position(|p| matches!(p, Piece::Block { block, .. } if is_toc(block)));
    let mut pieces = pieces;
    if let (Some(first), Some(toc)) = (first_item, toc)
        && first < toc
        && pieces[toc..].iter().any(|p| matches!(p, Piece::Item(_)))
    {
        pieces = pieces
            .into_iter()
            .enumerate()
            .flat_map(|(i, p)| if i < toc { demote(p) } else { vec![p] })
            .collect();
    }
    // A leading group named like an introduction, when other groups follow.
    let groups: Vec<usize> = (0..pieces.len())
        .filter(|&i| matches!(pieces[i], Piece::Group { .. }))
        .collect();
    if let Some(&g) = groups.first()
        && groups.len() > 1
        && let Piece::Group { level, content, .. } = &pieces[g]
        && is_introduction(&plain(content))
        && pieces[..g].iter().all(|p| !matches!(p, Piece::Item(_)))
    {
        let level = *level;
        let end = (g + 1..pieces.len())
            .find(|&i| matches!(&pieces[i], Piece::Group { level: l, .. } if *l <= level))
            .unwrap_or(pieces.len());
        pieces = pieces
            .into_iter()
            .enumerate()
            .flat_map(|(i, p)| {
                if i >= g && i < end {
                    demote(p)
                } else {
                    vec![p]
                }
            })
            .collect();
    }
    drop_toc_pieces(pieces, ctx.path, diags)
}

/// Leaves out every table of contents outside an answer, and the "Contents" heading (or
/// group) right before one, each with a note.
fn drop_toc_pieces(pieces: Vec<Piece>, path: &str, diags: &mut Vec<Diagnostic>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    let mut in_item = false;
    for piece in pieces {
        match &piece {
            Piece::Item(_) => in_item = true,
            Piece::Group { .. } => in_item = false,
            Piece::Block { block, line, .. } if !in_item && is_toc(block) => {
                let mut line = *line;
                if let Some(
                    Piece::Heading {
                        content, line: l, ..
                    }
                    | Piece::Group {
                        content, line: l, ..
                    },
                ) = out.last()
                    && kind_of(&plain(content)) == Some(Kind::Contents)
                {
                    line = *l;
                    out.pop();
                }
                diags.push(
                    Diagnostic::remark(
                        DiagnosticCode::Boilerplate,
                        "a table of contents (links into the guide) is left out of the cards",
                    )
                    .at(path, line, 1),
                );
                continue;
            }
            _ => {}
        }
        out.push(piece);
    }
    out
}

/// Whether a heading names the opening of a text ("Introduction", "Overview", "Abstract").
pub fn is_introduction(title: &str) -> bool {
    let t: String = title
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect::<String>()
        .trim()
        .to_lowercase();
    matches!(
        t.as_str(),
        "introduction"
            | "intro"
            | "preface"
            | "foreword"
            | "overview"
            | "about"
            | "abstract"
            | "getting started"
            | "before you start"
    )
}

/// A question or group as preface text: its heading, then its blocks.
fn demote(piece: Piece) -> Vec<Piece> {
    match piece {
        Piece::Item(ItemStart {
            prefix,
            mut title,
            answer,
            level,
            line,
            end_line,
            ..
        }) => {
            if !prefix.is_empty() {
                title.insert(0, Inline::Text { text: prefix });
            }
            let mut out = vec![Piece::Heading {
                level: level.unwrap_or(3),
                content: title,
                line,
            }];
            out.extend(answer.into_iter().map(|block| Piece::Block {
                block,
                line,
                end_line,
            }));
            out
        }
        Piece::Group {
            level,
            number,
            mut content,
            line,
        } => {
            if let Some(n) = number {
                content.insert(
                    0,
                    Inline::Text {
                        text: format!("{n}. "),
                    },
                );
            }
            vec![Piece::Heading {
                level,
                content,
                line,
            }]
        }
        other => vec![other],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Inline {
        Inline::Text { text: s.into() }
    }

    fn link(url: &str, text: &str) -> Inline {
        Inline::Link {
            url: url.into(),
            title: String::new(),
            content: vec![t(text)],
        }
    }

    #[test]
    fn names_of_boilerplate() {
        assert_eq!(kind_of("📚 Table of Contents"), Some(Kind::Contents));
        assert_eq!(kind_of("👬 Contribution"), Some(Kind::About));
        assert_eq!(kind_of("License"), Some(Kind::About));
        assert_eq!(kind_of("Translation"), Some(Kind::Translations));
        assert_eq!(kind_of("Licensing models compared"), None);
    }

    #[test]
    fn back_to_top_links() {
        assert!(is_back_to_top(&[Inline::Strong {
            content: vec![link("#table-of-contents", "⬆ back to top")]
        }]));
        assert!(is_back_to_top(&[link("#top", "Back to Top")]));
        assert!(!is_back_to_top(&[link("#closures", "closures")]));
        assert!(!is_back_to_top(&[link("#top", "top"), t(" and more")]));
    }

    #[test]
    fn tables_of_contents() {
        let item = |l: Inline| crate::model::ListItem {
            checked: None,
            line: 1,
            blocks: vec![Block::Paragraph { content: vec![l] }],
        };
        let toc = Block::List {
            start: Some(1),
            items: vec![
                item(link("#a", "A")),
                item(link("#b", "B")),
                item(link("#c", "C")),
            ],
        };
        assert!(is_toc(&toc));
        let reading = Block::List {
            start: None,
            items: vec![
                item(link("https://a", "A")),
                item(link("https://b", "B")),
                item(link("https://c", "C")),
            ],
        };
        assert!(!is_toc(&reading));
        assert!(is_link_only(&[reading]));
    }
}
