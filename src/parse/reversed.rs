//! Which topics ask for reversed cards: a topic whose first block, right under its heading,
//! is the comment `<!-- reversed -->` (any case, any spacing inside the comment). The whole
//! guide asks for them with front-matter `reversed: true` (see `frontmatter`).
//!
//! A comment is invisible wherever the guide is rendered (GitHub, editors), so the marker
//! never shows there; it is an instruction, not content, so [`take`] removes it from the
//! topic, and no output (the cards, the book, the spreadsheet CSV, which keeps other raw HTML
//! as written) shows it either.

use crate::model::{Block, Topic};

/// The marker's text inside `<!--` … `-->`.
pub const MARKER: &str = "reversed";

/// `true` when `topic` starts with the reversed marker.
pub fn marked(topic: &Topic) -> bool {
    topic
        .intro
        .first()
        .and_then(comment)
        .is_some_and(|text| text.trim().eq_ignore_ascii_case(MARKER))
}

/// `true` when `topic` starts with the reversed marker, which is then removed from it.
pub fn take(topic: &mut Topic) -> bool {
    let marked = marked(topic);
    if marked {
        topic.intro.remove(0);
    }
    marked
}

/// The text inside an HTML comment that forms a block of its own, `None` for any other block.
fn comment(block: &Block) -> Option<&str> {
    match block {
        Block::Comment { text } => Some(text),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn topic(first: Block) -> Topic {
        Topic {
            intro: vec![first],
            ..Topic::default()
        }
    }

    fn comment(text: &str) -> Block {
        Block::Comment { text: text.into() }
    }

    #[test]
    fn the_marker_is_a_comment_under_the_heading() {
        assert!(marked(&topic(comment(" reversed "))));
        assert!(marked(&topic(comment("REVERSED"))));
        assert!(marked(&topic(comment("\n  Reversed\n"))));
        assert!(!marked(&topic(comment(" not reversed "))));
        assert!(!marked(&topic(Block::Paragraph {
            content: vec![crate::model::Inline::Text {
                text: "<!-- reversed -->".into()
            }]
        })));
        assert!(!marked(&Topic::default()));
    }

    #[test]
    fn the_marker_is_taken_out_of_the_topic() {
        let mut t = topic(comment(" reversed "));
        t.intro.push(comment(" reversed "));
        assert!(take(&mut t));
        assert_eq!(t.intro, [comment(" reversed ")], "only the first block");
        let mut t = topic(comment(" note "));
        assert!(!take(&mut t));
        assert_eq!(t.intro.len(), 1);
    }
}
