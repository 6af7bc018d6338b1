//! Fronts that can be answered: a question that points at something ("What is the output of
//! below code?", "What will be logged to the console?") is unanswerable without it, so the
//! code its answer starts with — and the list of options right after it — move to the front
//! (the topic's `prompt`).

use super::text::plain;
use crate::model::{Block, Topic};

/// Moves each pointing question's snippet (and options) from its answer to its front.
pub fn move_snippets(topics: &mut [Topic]) {
    for topic in topics {
        if !topic.prompt.is_empty() || !points_at_something(&plain(&topic.title)) {
            continue;
        }
        let code = topic
            .intro
            .iter()
            .take_while(|b| matches!(b, Block::Code { .. }))
            .count();
        if code == 0 {
            continue;
        }
        let mut take = code;
        if topic.intro.get(take).is_some_and(is_options) {
            take += 1;
        }
        // Something must be left to answer with.
        if take == topic.intro.len() && topic.sections.is_empty() {
            continue;
        }
        topic.prompt = topic.intro.drain(..take).collect();
    }
}

/// Whether a question refers to a snippet it does not show: "below", "following", "this
/// code", "output", "logged", "displayed", "printed"…, or it ends with a colon.
pub fn points_at_something(title: &str) -> bool {
    let t = title.to_lowercase();
    t.ends_with(':')
        || [
            "below",
            "following",
            "this code",
            "this snippet",
            "the snippet",
            "the code",
            "output",
            "outcome",
            "logged",
            "displayed",
            "printed",
            "print?",
            "result of",
        ]
        .iter()
        .any(|w| t.contains(w))
}

/// Whether `block` is a list of short options (`- 1: Alert with 5, 5`, `- A) …`): every item
/// one short paragraph.
fn is_options(block: &Block) -> bool {
    let Block::List { items, .. } = block else {
        return false;
    };
    items.len() >= 2
        && items.iter().all(|item| {
            matches!(item.blocks.as_slice(), [Block::Paragraph { content }] if plain(content).chars().count() <= 120)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Inline, ListItem};

    fn t(s: &str) -> Vec<Inline> {
        vec![Inline::Text { text: s.into() }]
    }

    #[test]
    fn a_pointing_question_takes_its_snippet_and_options() {
        let option = |s: &str| ListItem {
            checked: None,
            line: 1,
            blocks: vec![Block::Paragraph { content: t(s) }],
        };
        let code = Block::Code {
            lang: Some("js".into()),
            text: "f()\n".into(),
            line: 2,
        };
        let options = Block::List {
            start: None,
            items: vec![option("1: a"), option("2: b")],
        };
        let answer = Block::Paragraph {
            content: t("2, because"),
        };
        let mut topics = vec![
            Topic {
                title: t("What is the output of below code"),
                intro: vec![code.clone(), options.clone(), answer.clone()],
                ..Topic::default()
            },
            Topic {
                title: t("Why use closures?"),
                intro: vec![code.clone(), answer.clone()],
                ..Topic::default()
            },
        ];
        move_snippets(&mut topics);
        assert_eq!(topics[0].prompt, [code.clone(), options]);
        assert_eq!(topics[0].intro, std::slice::from_ref(&answer));
        assert!(topics[1].prompt.is_empty());
    }
}
