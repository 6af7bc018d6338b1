//! A group whose intro reads like one of its answers is a question too: in a guide where
//! every answer has the same labelled parts ("Real world example", "In plain words",
//! "Wikipedia says"), a group heading whose intro has two or more of those parts explains
//! the group's own subject ("Structural Design Patterns … In plain words: structural
//! patterns are mostly concerned with object composition") and becomes a card, first in its
//! group. A group intro of plain prose ("Testing is more important than shipping…") stays
//! the group's intro, in the book only.

use super::Outline;
use super::text::plain;
use crate::model::{Block, Inline, Span, Topic};
use std::collections::BTreeSet;

/// Makes a card of each group whose intro has the labelled parts its questions' answers
/// share.
pub fn make_cards(outline: &mut Outline) {
    let mut made: Vec<(usize, Topic)> = Vec::new();
    for (g, group) in outline.groups.iter_mut().enumerate() {
        let members: Vec<&Topic> = outline
            .topics
            .iter()
            .filter(|t| t.group == Some(g))
            .collect();
        let Some(first) = members.first() else {
            continue;
        };
        if members.len() < 2 || group.intro.is_empty() {
            continue;
        }
        let shared = shared_labels(&members);
        let intro = labels(&group.intro);
        if shared.intersection(&intro).count() < 2 {
            continue;
        }
        let at = outline
            .topics
            .iter()
            .position(|t| t.group == Some(g))
            .unwrap_or(outline.topics.len());
        let mut title = group.title.clone();
        if let Some(n) = &group.number {
            title.insert(
                0,
                Inline::Text {
                    text: format!("{n}. "),
                },
            );
        }
        made.push((
            at,
            Topic {
                title,
                span: Span {
                    line: group.span.line,
                    end_line: first.span.line.saturating_sub(1).max(group.span.line),
                },
                intro: std::mem::take(&mut group.intro),
                group: Some(g),
                kind: first.kind,
                ..Topic::default()
            },
        ));
    }
    for (at, topic) in made.into_iter().rev() {
        outline.topics.insert(at, topic);
    }
}

/// The labels at least half of `topics` have in their answers.
fn shared_labels(topics: &[&Topic]) -> BTreeSet<String> {
    let sets: Vec<BTreeSet<String>> = topics.iter().map(|t| labels(&t.intro)).collect();
    let all: BTreeSet<&String> = sets.iter().flatten().collect();
    all.into_iter()
        .filter(|label| sets.iter().filter(|s| s.contains(*label)).count() * 2 >= sets.len())
        .cloned()
        .collect()
}

/// The labelled parts of an answer: short paragraphs (one to four words, no full stop) that
/// introduce what follows them ("In plain words", "**Programmatic Example**"), lower-cased.
fn labels(blocks: &[Block]) -> BTreeSet<String> {
    blocks
        .windows(2)
        .filter_map(|pair| match &pair[0] {
            Block::Paragraph { content } => {
                let text = plain(content);
                let words = text.split_whitespace().count();
                let label = (1..=4).contains(&words)
                    && !text.ends_with('.')
                    && !matches!(pair[1], Block::Paragraph { .. });
                label.then(|| text.trim_end_matches(':').to_lowercase())
            }
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Group;

    fn para(s: &str) -> Block {
        Block::Paragraph {
            content: vec![Inline::Text { text: s.into() }],
        }
    }

    fn quote(s: &str) -> Block {
        Block::Quote {
            blocks: vec![para(s)],
        }
    }

    fn answer() -> Vec<Block> {
        vec![
            para("Real world example"),
            quote("x"),
            para("In plain words"),
            quote("y"),
            para("Wikipedia says"),
            quote("z"),
        ]
    }

    #[test]
    fn an_intro_shaped_like_the_answers_is_a_card() {
        let topic = |g| Topic {
            intro: answer(),
            group: Some(g),
            ..Topic::default()
        };
        let mut outline = Outline {
            groups: vec![
                Group {
                    intro: vec![
                        para("In plain words"),
                        quote("a"),
                        para("Wikipedia says"),
                        quote("b"),
                    ],
                    ..Group::default()
                },
                Group {
                    intro: vec![para("Testing matters."), para("Write tests.")],
                    ..Group::default()
                },
            ],
            topics: vec![topic(0), topic(0), topic(1), topic(1)],
            ..Outline::default()
        };
        make_cards(&mut outline);
        assert_eq!(outline.topics.len(), 5);
        assert_eq!(outline.topics[0].intro.len(), 4);
        assert!(outline.groups[0].intro.is_empty());
        assert_eq!(outline.groups[1].intro.len(), 2);
    }
}
