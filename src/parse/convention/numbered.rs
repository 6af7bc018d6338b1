//! Numbered headings at several levels (`## 7.` > `### 7.4.` > `#### 7.4.1. POST`, or
//! `### 2.1 Lint` > `#### 2.1.1 Definition`): the numbers say how the headings nest, so the
//! questions are the numbered headings that stand on their own — those without numbered
//! sub-headings, or whose numbered sub-headings are all generic ("Definition", "Pros",
//! "Cons", "Example": they stay sections of their parent's card). A numbered heading with
//! other numbered sub-headings groups them.
//!
//! The evidence: at least three headings whose dotted number (`7.4`) continues the number of
//! a heading before them (`7`).

use super::text::{outline_number, plain};
use super::{Detail, ItemStart, Node, Piece, Plan, Unit, plain_piece};
use crate::model::{Convention, Inline, is_generic_title};

/// One numbered heading.
struct Numbered {
    /// Unit index (relative).
    at: usize,
    number: String,
    parent: Option<usize>,
    children: Vec<usize>,
    title: String,
}

fn numbered_headings(units: &[Unit]) -> Vec<Numbered> {
    let mut out: Vec<Numbered> = Vec::new();
    for (at, unit) in units.iter().enumerate() {
        let Some((_, content)) = unit.heading() else {
            continue;
        };
        let text = plain(content);
        let Some((number, _, rest)) = outline_number(&text) else {
            continue;
        };
        // The parent: the nearest heading before whose number is a prefix of this one.
        let parent = (0..out.len()).rev().find(|&p| {
            number
                .strip_prefix(out[p].number.as_str())
                .is_some_and(|r| r.starts_with('.'))
        });
        let me = out.len();
        if let Some(p) = parent {
            out[p].children.push(me);
        }
        out.push(Numbered {
            at,
            number: number.to_string(),
            parent,
            children: Vec::new(),
            title: rest.to_string(),
        });
    }
    out
}

/// The questions (numbered headings that stand on their own) and the groups (numbered
/// parents).
pub fn plan(units: &[Unit]) -> Plan {
    let nodes = numbered_headings(units);
    let nested = nodes.iter().filter(|n| n.parent.is_some()).count();
    // A node is a question when none of its ancestors is one and its numbered children
    // (if any) are all generic.
    let mut is_item = vec![false; nodes.len()];
    let mut inside_item = vec![false; nodes.len()];
    let mut groups = Vec::new();
    for i in 0..nodes.len() {
        if nodes[i]
            .parent
            .is_some_and(|p| is_item[p] || inside_item[p])
        {
            inside_item[i] = true;
            continue;
        }
        let all_generic = nodes[i]
            .children
            .iter()
            .all(|&c| is_generic_title(&nodes[c].title));
        if all_generic {
            is_item[i] = true;
        } else {
            groups.push(nodes[i].at);
        }
    }
    let items: Vec<usize> = (0..nodes.len())
        .filter(|&i| is_item[i])
        .map(|i| nodes[i].at)
        .collect();
    let answered = items
        .iter()
        .filter(|&&at| {
            units
                .get(at + 1)
                .is_some_and(|u| u.heading().is_none() || !items.contains(&(at + 1)))
        })
        .count();
    Plan {
        convention: Convention::Numbered,
        detail: Detail::Numbered(items.clone()),
        answered,
        groups,
        level: None,
        acceptable: nested >= 3,
        items,
    }
}

/// The pieces: numbered questions, numbered groups, every other heading and block as it is.
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
            Node::Heading { level, content } if plan.is_item(i) || plan.is_group(i) => {
                let (number, prefix, title) = split_number(content);
                if plan.is_item(i) {
                    pieces.push(Piece::Item(ItemStart {
                        kind: Convention::Numbered,
                        number,
                        prefix,
                        title,
                        answer: Vec::new(),
                        level: Some(level),
                        line,
                        end_line,
                    }));
                } else {
                    pieces.push(Piece::Group {
                        level,
                        number,
                        content: title,
                        line,
                    });
                }
            }
            node => pieces.push(plain_piece(node, false, line, end_line)),
        }
    }
    pieces
}

/// The number (`7.4.1`), the prefix as written (`7.4.1. `) and the title of a numbered
/// heading whose number is in its first text.
pub fn split_number(mut content: Vec<Inline>) -> (Option<String>, String, Vec<Inline>) {
    let Some(Inline::Text { text }) = content.first() else {
        return (None, String::new(), content);
    };
    let Some((number, _, rest)) = outline_number(text) else {
        return (None, String::new(), content);
    };
    let number = number.to_string();
    let at = rest.as_ptr() as usize - text.as_ptr() as usize;
    let prefix = super::text::cut_text_prefix(&mut content, at);
    (Some(number), prefix, content)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(level: u8, text: &str) -> Unit {
        Unit {
            node: Node::Heading {
                level,
                content: vec![Inline::Text { text: text.into() }],
            },
            line: 1,
            end_line: 1,
        }
    }

    fn p() -> Unit {
        Unit {
            node: Node::Block(crate::model::Block::Rule),
            line: 1,
            end_line: 1,
        }
    }

    #[test]
    fn leaves_are_questions_and_parents_group_them() {
        let units = vec![
            h(2, "7. Fundamentals"),
            h(3, "7.1. URL structure"),
            p(),
            h(3, "7.4. Methods"),
            p(),
            h(4, "7.4.1. POST"),
            p(),
            h(2, "8. CORS"),
            h(3, "8.1 Lint"),
            h(4, "8.1.1 Definition"),
            p(),
            h(4, "8.1.2 Pros"),
            p(),
        ];
        let plan = plan(&units);
        assert!(plan.acceptable);
        assert_eq!(plan.items, [1, 5, 8]);
        assert_eq!(plan.groups, [0, 3, 7]);
        let (number, prefix, title) = split_number(vec![Inline::Text {
            text: "7.4.1. POST".into(),
        }]);
        assert_eq!(number.as_deref(), Some("7.4.1"));
        assert_eq!(prefix, "7.4.1. ");
        assert_eq!(
            title,
            [Inline::Text {
                text: "POST".into()
            }]
        );
    }

    #[test]
    fn single_level_numbers_are_not_evidence() {
        let units = vec![h(2, "1. A"), p(), h(2, "2. B"), p(), h(4, "3. Step"), p()];
        assert!(!plan(&units).acceptable);
    }
}
