//! Whole-line bold paragraphs are the questions: `**What is a closure?** 🟢`, `**Q: What is
//! the purpose of async/await?**`, `**3. Why?**`; the answer runs to the next question (a
//! trailing `---` or `<br/>` separator is not part of it). A bold line may carry trailing
//! decoration (a difficulty emoji, `(Easy)`, a `<br/>`), and its answer may start on the next
//! line of the same paragraph.
//!
//! Not questions: bold labels (`**Example:**`), bold links (`**[⬆ back to top](#top)**`), and
//! bold lines repeated three times or more (`**Bad:**`, `**Programmatic Example**`). The
//! evidence: at least two bold lines, half of them questions (ending in `?` or numbered).

use super::text::{cut_text_prefix, is_br, plain, trim};
use super::{Detail, ItemStart, Node, Piece, Plan, Unit, plain_piece};
use crate::model::{Block, Convention, Inline};
use crate::parse::lines::topic_number;
use std::collections::BTreeMap;

/// A paragraph that is a bold line: where its strong run is and where the answer text that
/// shares the paragraph starts (after a line break), if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct BoldLine {
    strong: usize,
    decoration: usize,
    rest: Option<usize>,
}

fn bold_line(content: &[Inline]) -> Option<BoldLine> {
    let strong = content
        .iter()
        .position(|i| !matches!(i, Inline::Text { text } if text.trim().is_empty()))?;
    let Inline::Strong { content: inner } = &content[strong] else {
        return None;
    };
    if inner
        .iter()
        .all(|i| matches!(i, Inline::Link { .. }) || super::text::is_space(i))
    {
        return None;
    }
    let mut decoration = strong + 1;
    for (k, inline) in content.iter().enumerate().skip(strong + 1) {
        match inline {
            Inline::SoftBreak | Inline::HardBreak => {
                let rest = k + 1;
                let more = content[rest..].iter().any(|i| !super::text::is_space(i));
                return Some(BoldLine {
                    strong,
                    decoration,
                    rest: more.then_some(rest),
                });
            }
            br if is_br(br) => {}
            Inline::Text { text } if is_decoration(text) => decoration = k + 1,
            _ => return None,
        }
    }
    Some(BoldLine {
        strong,
        decoration,
        rest: None,
    })
}

/// Text after a bold question that decorates it: white space, emoji and symbols, or a short
/// parenthesised note (`(Easy)`, `[hard]`).
fn is_decoration(text: &str) -> bool {
    let t = text.trim();
    t.chars().all(|c| !c.is_alphanumeric())
        || (t.len() <= 24
            && ((t.starts_with('(') && t.ends_with(')'))
                || (t.starts_with('[') && t.ends_with(']'))))
}

/// A question's `Q:` / `Question:` label or number at the start of its text: the byte
/// length of the prefix and the number, if any.
pub fn question_prefix(text: &str) -> Option<(usize, Option<String>)> {
    if let Some((number, rest)) = topic_number(text) {
        let at = if rest.is_empty() {
            text.len()
        } else {
            rest.as_ptr() as usize - text.as_ptr() as usize
        };
        return Some((at, Some(number.to_string())));
    }
    for label in ["Question", "question", "Q", "q"] {
        if let Some(r) = text.strip_prefix(label)
            && let Some(r) = r.strip_prefix([':', '.'])
            && r.starts_with([' ', '\t'])
        {
            return Some((text.len() - r.trim_start().len(), None));
        }
    }
    None
}

/// The candidates: (unit index, plain text, question-like).
fn candidates(units: &[Unit]) -> Vec<(usize, String, bool)> {
    let mut out = Vec::new();
    for (i, unit) in units.iter().enumerate() {
        let Some(Block::Paragraph { content }) = unit.block() else {
            continue;
        };
        let Some(line) = bold_line(content) else {
            continue;
        };
        let Inline::Strong { content: inner } = &content[line.strong] else {
            continue;
        };
        let text = plain(inner);
        if text.is_empty() || text.ends_with(':') {
            continue;
        }
        let question = text.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '?');
        let like = question.ends_with('?') || question_prefix(&text).is_some();
        out.push((i, text, like));
    }
    out
}

/// The bold questions and their groups.
pub fn plan(units: &[Unit]) -> Plan {
    let all = candidates(units);
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, text, _) in &all {
        *seen.entry(text.as_str()).or_default() += 1;
    }
    let repeated: Vec<String> = seen
        .iter()
        .filter(|(_, n)| **n >= 3)
        .map(|(t, _)| t.to_string())
        .collect();
    let kept: Vec<&(usize, String, bool)> = all
        .iter()
        .filter(|(_, t, _)| !repeated.contains(t))
        .collect();
    let items: Vec<usize> = kept.iter().map(|(i, _, _)| *i).collect();
    let like = kept.iter().filter(|(_, _, l)| *l).count();
    let answered = items
        .iter()
        .filter(|&&i| {
            let own = matches!(units[i].block(), Some(Block::Paragraph { content })
                if bold_line(content).is_some_and(|l| l.rest.is_some()));
            own || units
                .get(i + 1)
                .is_some_and(|u| u.heading().is_none() && !items.contains(&(i + 1)))
        })
        .count();
    let groups = super::groups::mark(units, 0, &items);
    Plan {
        convention: Convention::Bold,
        acceptable: items.len() >= 2 && like * 2 >= items.len(),
        answered,
        groups,
        level: None,
        detail: Detail::Repeated(repeated),
        items,
    }
}

/// The pieces: bold questions, group headings, everything else as it is.
pub fn apply(units: Vec<Unit>, offset: usize, plan: &Plan) -> Vec<Piece> {
    let mut pieces = Vec::with_capacity(units.len());
    for (k, unit) in units.into_iter().enumerate() {
        let i = offset + k;
        let Unit {
            node,
            line,
            end_line,
        } = unit;
        match node {
            Node::Block(Block::Paragraph { content }) if plan.is_item(i) => {
                match question(content, Convention::Bold, line, end_line) {
                    Ok(item) => pieces.push(Piece::Item(item)),
                    Err(content) => pieces.push(Piece::Block {
                        block: Block::Paragraph { content },
                        line,
                        end_line,
                    }),
                }
            }
            node => pieces.push(plain_piece(node, plan.is_group(i), line, end_line)),
        }
    }
    pieces
}

/// The question a bold-line paragraph holds (its content back when it holds none).
pub fn question(
    mut content: Vec<Inline>,
    kind: Convention,
    line: u32,
    end_line: u32,
) -> Result<ItemStart, Vec<Inline>> {
    let Some(shape) = bold_line(&content) else {
        return Err(content);
    };
    let rest: Vec<Inline> = match shape.rest {
        Some(at) => content.split_off(at),
        None => Vec::new(),
    };
    let decoration: Vec<Inline> = content
        .drain(shape.strong + 1..shape.decoration.max(shape.strong + 1))
        .filter(|i| !matches!(i, Inline::Element { .. }))
        .collect();
    let Inline::Strong { content: mut title } = content.swap_remove(shape.strong) else {
        return Err(content);
    };
    let mut number = None;
    let mut prefix = String::new();
    if let Some(Inline::Text { text }) = title.first()
        && let Some((n, num)) = question_prefix(text)
    {
        number = num;
        prefix = cut_text_prefix(&mut title, n);
    }
    title.extend(decoration);
    let mut title = trim(title);
    if title.is_empty() {
        title.push(Inline::Text {
            text: prefix.trim().to_string(),
        });
    }
    let rest = trim(rest);
    Ok(ItemStart {
        kind,
        number,
        prefix,
        title,
        answer: if rest.is_empty() {
            Vec::new()
        } else {
            vec![Block::Paragraph { content: rest }]
        },
        level: None,
        line,
        end_line,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Inline {
        Inline::Text { text: s.into() }
    }

    fn strong(s: &str) -> Inline {
        Inline::Strong {
            content: vec![t(s)],
        }
    }

    fn para(content: Vec<Inline>) -> Unit {
        Unit {
            node: Node::Block(Block::Paragraph { content }),
            line: 1,
            end_line: 1,
        }
    }

    #[test]
    fn bold_lines_with_decoration_and_an_answer_on_the_next_line() {
        assert!(bold_line(&[strong("What?"), t(" 🟢")]).is_some());
        assert!(bold_line(&[strong("What?"), t(" (Easy)")]).is_some());
        assert!(bold_line(&[strong("Term"), t(" is defined as x")]).is_none());
        let shape = bold_line(&[strong("Why?"), Inline::SoftBreak, t("Because.")]).unwrap();
        assert_eq!(shape.rest, Some(2));
        let item = question(
            vec![
                strong("Q: Why?"),
                t(" ⭐"),
                Inline::SoftBreak,
                t("Because."),
            ],
            Convention::Bold,
            3,
            4,
        )
        .unwrap();
        assert_eq!(item.prefix, "Q: ");
        assert_eq!(item.title, [t("Why?"), t(" ⭐")]);
        assert_eq!(
            item.answer,
            [Block::Paragraph {
                content: vec![t("Because.")]
            }]
        );
    }

    #[test]
    fn labels_repeats_and_links_are_not_questions() {
        let units = vec![
            para(vec![strong("Bad:")]),
            para(vec![strong("Example")]),
            para(vec![t("x")]),
            para(vec![strong("Example")]),
            para(vec![t("x")]),
            para(vec![strong("Example")]),
            para(vec![strong("What is A?")]),
            para(vec![t("A is a letter.")]),
            para(vec![strong("1. What is B")]),
            para(vec![t("B too.")]),
        ];
        let plan = plan(&units);
        assert_eq!(plan.items, [6, 8]);
        assert_eq!(plan.answered, 2);
        assert!(plan.acceptable);
    }
}
