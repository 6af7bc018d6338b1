//! `Q:` / `A:` pairs: a paragraph that starts with a question label (`Q:`, `Q1.`,
//! `Question:`, `**Q:**`) is a question; the answer is the paragraph that starts with an
//! answer label (`A:`, `Answer:`, `**A:**`) — on the question's next line or after it — and
//! what follows, up to the next question. The labels are not part of the card.
//!
//! The evidence: at least two questions, half of them with a labelled answer.

use super::bold::question_prefix;
use super::text::{cut_text_prefix, plain, trim};
use super::{ItemStart, Node, Piece, Plan, Unit, plain_piece};
use crate::model::{Block, Convention, Inline};

/// Where a label is at the start of a paragraph.
enum Label {
    /// The first text node starts with it: its length in bytes.
    Text(usize),
    /// The first inline is a strong run holding only it.
    Strong,
}

/// The answer label at the start of `content`, if any.
fn answer_label(content: &[Inline]) -> Option<Label> {
    label(content, &|text: &str| {
        ["Answer", "answer", "Ans", "A"].iter().find_map(|l| {
            let r = text.strip_prefix(l)?.strip_prefix([':', '.'])?;
            (r.is_empty() || r.starts_with([' ', '\t'])).then(|| text.len() - r.trim_start().len())
        })
    })
    .map(|(l, _)| l)
}

/// The question label at the start of `content`: where, and the number it carries.
fn question_label(content: &[Inline]) -> Option<(Label, Option<String>)> {
    let find = |text: &str| -> Option<usize> {
        let (n, _) = question_prefix(text)?;
        // A bare number (`1. Text`) is a list's business, not a question label.
        text.trim_start().starts_with(['Q', 'q']).then_some(n)
    };
    let (label, text) = label(content, &find)?;
    let number = question_prefix(&text).and_then(|(_, n)| n);
    Some((label, number))
}

fn label(content: &[Inline], find: &dyn Fn(&str) -> Option<usize>) -> Option<(Label, String)> {
    match content.first()? {
        Inline::Text { text } => find(text).map(|n| (Label::Text(n), text.clone())),
        Inline::Strong { content: inner } => {
            let text = plain(inner);
            let n = find(&format!("{text} "))?;
            (n >= text.len()).then_some((Label::Strong, text))
        }
        _ => None,
    }
}

/// Drops a label from the start of `content`; returns what it was as written.
fn strip_label(content: &mut Vec<Inline>, label: Label) -> String {
    match label {
        Label::Text(n) => cut_text_prefix(content, n),
        Label::Strong => {
            let cut = plain(std::slice::from_ref(&content.remove(0)));
            if let Some(Inline::Text { text }) = content.first_mut() {
                *text = text.trim_start().to_string();
            }
            format!("{cut} ")
        }
    }
}

/// The position after a line break where an answer label starts, in a question paragraph.
fn inline_answer(content: &[Inline]) -> Option<usize> {
    (1..content.len()).find(|&k| {
        matches!(content[k - 1], Inline::SoftBreak | Inline::HardBreak)
            && answer_label(&content[k..]).is_some()
    })
}

/// The questions with a `Q:` label, and their groups.
pub fn plan(units: &[Unit]) -> Plan {
    let mut items = Vec::new();
    let mut labelled = 0;
    let mut answered = 0;
    for (i, unit) in units.iter().enumerate() {
        let Some(Block::Paragraph { content }) = unit.block() else {
            continue;
        };
        if question_label(content).is_none() {
            continue;
        }
        items.push(i);
        let next = units.get(i + 1).and_then(Unit::block);
        if inline_answer(content).is_some()
            || matches!(next, Some(Block::Paragraph { content }) if answer_label(content).is_some())
        {
            labelled += 1;
            answered += 1;
        } else if next.is_some_and(
            |b| !matches!(b, Block::Paragraph { content } if question_label(content).is_some()),
        ) {
            answered += 1;
        }
    }
    let groups = super::groups::mark(units, 0, &items);
    Plan {
        convention: Convention::Qa,
        acceptable: items.len() >= 2 && labelled * 2 >= items.len(),
        answered,
        groups,
        level: None,
        detail: super::Detail::None,
        items,
    }
}

/// The pieces: questions (with their answer's label dropped), groups, the rest as it is.
pub fn apply(units: Vec<Unit>, offset: usize, plan: &Plan) -> Vec<Piece> {
    let mut pieces = Vec::with_capacity(units.len());
    let mut after_question = false;
    for (k, unit) in units.into_iter().enumerate() {
        let i = offset + k;
        let Unit {
            node,
            line,
            end_line,
        } = unit;
        let was_after = std::mem::replace(&mut after_question, false);
        match node {
            Node::Block(Block::Paragraph { mut content }) if plan.is_item(i) => {
                let Some((label, number)) = question_label(&content) else {
                    pieces.push(Piece::Block {
                        block: Block::Paragraph { content },
                        line,
                        end_line,
                    });
                    continue;
                };
                let mut answer = match inline_answer(&content) {
                    Some(at) => content.split_off(at),
                    None => Vec::new(),
                };
                let prefix = strip_label(&mut content, label);
                if let Some(l) = answer_label(&answer) {
                    strip_label(&mut answer, l);
                }
                let answer = trim(answer);
                pieces.push(Piece::Item(ItemStart {
                    kind: Convention::Qa,
                    number,
                    prefix,
                    title: trim(content),
                    answer: if answer.is_empty() {
                        Vec::new()
                    } else {
                        vec![Block::Paragraph { content: answer }]
                    },
                    level: None,
                    line,
                    end_line,
                }));
                after_question = true;
            }
            Node::Block(Block::Paragraph { mut content }) if was_after => {
                if let Some(l) = answer_label(&content) {
                    strip_label(&mut content, l);
                    content = trim(content);
                }
                if !content.is_empty() {
                    pieces.push(Piece::Block {
                        block: Block::Paragraph { content },
                        line,
                        end_line,
                    });
                }
            }
            node => pieces.push(plain_piece(node, plan.is_group(i), line, end_line)),
        }
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Inline {
        Inline::Text { text: s.into() }
    }

    fn para(content: Vec<Inline>) -> Unit {
        Unit {
            node: Node::Block(Block::Paragraph { content }),
            line: 1,
            end_line: 1,
        }
    }

    #[test]
    fn pairs_in_every_form() {
        let units = vec![
            para(vec![t("Q: What is X?")]),
            para(vec![t("A: X is y.")]),
            para(vec![
                Inline::Strong {
                    content: vec![t("Q:")],
                },
                t(" Why?"),
                Inline::SoftBreak,
                Inline::Strong {
                    content: vec![t("A:")],
                },
                t(" Because."),
            ]),
            para(vec![t("Question 3: How?")]),
            para(vec![t("Answer: Like this.")]),
            para(vec![t("1. Not a question label")]),
        ];
        let plan = plan(&units);
        assert_eq!(plan.items, [0, 2, 3]);
        assert!(plan.acceptable);
        let pieces = apply(units, 0, &plan);
        let Piece::Item(first) = &pieces[0] else {
            panic!("{pieces:?}")
        };
        assert_eq!(first.title, [t("What is X?")]);
        assert_eq!(first.prefix, "Q: ");
        assert_eq!(
            pieces[1],
            Piece::Block {
                block: Block::Paragraph {
                    content: vec![t("X is y.")]
                },
                line: 1,
                end_line: 1
            }
        );
        let Piece::Item(second) = &pieces[2] else {
            panic!()
        };
        assert_eq!(second.title, [t("Why?")]);
        assert_eq!(
            second.answer,
            [Block::Paragraph {
                content: vec![t("Because.")]
            }]
        );
        let Piece::Item(third) = &pieces[3] else {
            panic!()
        };
        assert_eq!(third.number.as_deref(), Some("3"));
    }
}
