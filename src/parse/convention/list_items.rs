//! Labelled list items are the questions: a numbered rule (`- [2.1](#references--prefer-const)
//! Use const for all of your references`: the number is a link, the statement after it the
//! question) or a checklist term (`- [ ] **Doctype:** The Doctype is HTML5 …`: the bold term
//! the question, the statement after it the answer). The answer is the rest of the item, its
//! sub-items and code, then whatever follows the list up to the next question.
//!
//! A bold term counts only in a task-list item (a definition list inside an answer, `-
//! **Definition**: …`, is not a list of questions) unless `--cards list-items` forces the
//! convention. The evidence: at least three labelled items.

use super::list_headings::{other_piece, split_list};
use super::text::{cut_text_prefix, outline_number, plain, trim};
use super::{Detail, ItemStart, Node, Piece, Plan, Unit};
use crate::model::{Block, Convention, Inline, ListItem};

/// The kind of label an item starts with.
enum Label {
    /// A link whose text is a dotted number (`[2.1](#…)`).
    Number(String),
    /// A bold term ending with a colon (`**Doctype:**`, `**Doctype**:`).
    Term,
}

fn label(item: &ListItem, any_term: bool) -> Option<Label> {
    let Some(Block::Paragraph { content }) = item.blocks.first() else {
        return None;
    };
    let first = content.iter().position(|i| !super::text::is_space(i))?;
    match &content[first] {
        Inline::Link { content: text, .. } => {
            let t = plain(text);
            let dotted =
                outline_number(&format!("{t} x")).is_some_and(|(n, d, _)| d >= 2 && n == t);
            dotted.then_some(Label::Number(t))
        }
        Inline::Strong { content: term } if any_term || item.checked.is_some() => {
            let t = plain(term);
            let colon_after = matches!(content.get(first + 1), Some(Inline::Text { text }) if text.trim_start().starts_with(':'));
            let term_ok = !t.trim_end_matches(':').trim().is_empty();
            (term_ok && (t.ends_with(':') || colon_after)).then_some(Label::Term)
        }
        _ => None,
    }
}

/// The labelled items and their groups; `any_term` lets bold terms count without a task box.
pub fn plan(units: &[Unit], any_term: bool) -> Plan {
    let mut items = Vec::new();
    let mut answered = 0;
    for (i, unit) in units.iter().enumerate() {
        let Some(Block::List { items: list, .. }) = unit.block() else {
            continue;
        };
        for item in list {
            if label(item, any_term).is_some() {
                items.push(i);
                answered += 1;
            }
        }
    }
    let mut unique = items.clone();
    unique.dedup();
    let groups = super::groups::mark(units, 0, &unique);
    Plan {
        convention: Convention::ListItems,
        acceptable: items.len() >= 3,
        answered,
        groups,
        level: None,
        detail: Detail::AnyTerm(any_term),
        items,
    }
}

/// The pieces: lists cut at their labelled items, group headings, the rest as it is.
pub fn apply(units: Vec<Unit>, offset: usize, plan: &Plan, ctx: &super::Context<'_>) -> Vec<Piece> {
    let any_term = matches!(plan.detail, Detail::AnyTerm(true));
    let mut pieces = Vec::with_capacity(units.len());
    for (k, unit) in units.into_iter().enumerate() {
        let i = offset + k;
        let Unit {
            node,
            line,
            end_line,
        } = unit;
        match node {
            Node::Block(Block::List { start, items }) if plan.is_item(i) => split_list(
                start,
                items,
                (line, end_line),
                ctx,
                &mut pieces,
                &mut |item, _, line, end_line| question(item, any_term, line, end_line),
                &|item| label(item, any_term).is_some(),
            ),
            other => pieces.push(other_piece(other, i, plan, line, end_line)),
        }
    }
    pieces
}

/// The question of a labelled item.
fn question(item: ListItem, any_term: bool, line: u32, end_line: u32) -> Option<ItemStart> {
    let label = label(&item, any_term)?;
    let mut blocks = item.blocks;
    let Block::Paragraph { content } = blocks.remove(0) else {
        return None;
    };
    let mut content = trim(content);
    let (number, title, mut answer) = match label {
        Label::Number(number) => {
            content.remove(0);
            (Some(number), trim(content), Vec::new())
        }
        Label::Term => {
            let Inline::Strong { content: term } = content.remove(0) else {
                return None;
            };
            let mut term = trim(term);
            if let Some(Inline::Text { text }) = term.last_mut() {
                *text = text.trim_end().trim_end_matches(':').trim_end().to_string();
            }
            if matches!(content.first(), Some(Inline::Text { text }) if text.trim_start().starts_with(':'))
            {
                let n = match content.first() {
                    Some(Inline::Text { text }) => text.len() - text.trim_start().len() + 1,
                    _ => 0,
                };
                cut_text_prefix(&mut content, n);
            }
            let rest = trim(content);
            let answer = if rest.is_empty() {
                Vec::new()
            } else {
                vec![Block::Paragraph { content: rest }]
            };
            (None, trim(term), answer)
        }
    };
    answer.extend(blocks);
    Some(ItemStart {
        kind: Convention::ListItems,
        number,
        prefix: String::new(),
        title,
        answer,
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

    fn item(checked: Option<bool>, content: Vec<Inline>) -> ListItem {
        ListItem {
            checked,
            line: 1,
            blocks: vec![Block::Paragraph { content }],
        }
    }

    #[test]
    fn numbered_rules_and_checklist_terms() {
        let rule = item(
            None,
            vec![
                Inline::Link {
                    url: "#refs".into(),
                    title: String::new(),
                    content: vec![t("2.1")],
                },
                t(" Use const."),
            ],
        );
        let q = question(rule, false, 3, 5).unwrap();
        assert_eq!(q.number.as_deref(), Some("2.1"));
        assert_eq!(q.title, [t("Use const.")]);
        let term = item(
            Some(false),
            vec![
                Inline::Strong {
                    content: vec![t("Doctype:")],
                },
                t(" The Doctype is HTML5."),
            ],
        );
        let q = question(term, false, 1, 1).unwrap();
        assert_eq!(q.title, [t("Doctype")]);
        assert_eq!(
            q.answer,
            [Block::Paragraph {
                content: vec![t("The Doctype is HTML5.")]
            }]
        );
        let definition = item(
            None,
            vec![
                Inline::Strong {
                    content: vec![t("Definition")],
                },
                t(": a thing"),
            ],
        );
        assert!(label(&definition, false).is_none());
        assert!(label(&definition, true).is_some());
    }
}
