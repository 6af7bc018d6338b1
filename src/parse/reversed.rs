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

/// The text inside an HTML comment block, `None` for any other block.
///
/// Today a block comment reaches the model as raw HTML (`Block::Html`); once comments have
/// a block of their own, this is the one place to change.
fn comment(block: &Block) -> Option<&str> {
    match block {
        Block::Html { html } => html.trim().strip_prefix("<!--")?.strip_suffix("-->"),
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

    fn html(html: &str) -> Block {
        Block::Html { html: html.into() }
    }

    #[test]
    fn the_marker_is_a_comment_under_the_heading() {
        assert!(marked(&topic(html("<!-- reversed -->\n"))));
        assert!(marked(&topic(html("<!--REVERSED-->"))));
        assert!(marked(&topic(html("<!--\n  Reversed\n-->\n"))));
        assert!(!marked(&topic(html("<!-- not reversed -->\n"))));
        assert!(!marked(&topic(html("<!-- reversed --><p>x</p>\n"))));
        assert!(!marked(&topic(html("<p>reversed</p>\n"))));
        assert!(!marked(&topic(Block::Paragraph {
            content: vec![crate::model::Inline::Text {
                text: "<!-- reversed -->".into()
            }]
        })));
        assert!(!marked(&Topic::default()));
    }

    #[test]
    fn the_marker_is_taken_out_of_the_topic() {
        let mut t = topic(html("<!-- reversed -->\n"));
        t.intro.push(html("<!-- reversed -->\n"));
        assert!(take(&mut t));
        assert_eq!(
            t.intro,
            [html("<!-- reversed -->\n")],
            "only the first block"
        );
        let mut t = topic(html("<!-- note -->\n"));
        assert!(!take(&mut t));
        assert_eq!(t.intro.len(), 1);
    }
}
