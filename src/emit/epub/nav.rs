//! The table of contents: one entry per topic with its sections nested below it, in the order
//! of the spine, for both the EPUB 3 nav document and the NCX (epub-builder writes both from
//! one `TocElement` tree). Labels are plain text; links use the model's stable ids.

use super::meta::clean;
use crate::model::{Section, Topic};
use crate::render::toc_text;
use epub_builder::TocElement;

pub(crate) use crate::render::html::{anchor, chapter_file};

/// The plain-text label of a topic: `6. Difference Between is and == Operator`.
pub fn topic_label(topic: &Topic) -> String {
    let title = toc_text(&topic.title);
    let number = topic
        .number
        .as_ref()
        .map(|n| clean(&n.0))
        .filter(|n| !n.is_empty());
    match (number, title.is_empty()) {
        (Some(n), false) => format!("{n}. {title}"),
        (Some(n), true) => format!("Topic {n}"),
        (None, false) => title,
        (None, true) => "Untitled topic".to_string(),
    }
}

/// The plain-text label of a section (never empty: an empty nav entry is invalid).
pub fn section_label(section: &Section) -> String {
    let title = toc_text(&section.title);
    if title.is_empty() {
        "Untitled section".to_string()
    } else {
        title
    }
}

/// The TOC entries of `sections` of the chapter `file`, nested like the sections.
pub fn section_entries(file: &str, sections: &[Section]) -> Vec<TocElement> {
    sections
        .iter()
        .map(|section| {
            let href = format!("{file}#{}", anchor(&section.id));
            section_entries(file, &section.sections).into_iter().fold(
                TocElement::new(href, section_label(section)),
                |entry, child| entry.child(child),
            )
        })
        .collect()
}

/// Number of entries in a TOC tree (the entries themselves and all their descendants).
#[cfg(test)]
pub fn count(entries: &[TocElement]) -> usize {
    entries.iter().map(|e| 1 + count(&e.children)).sum()
}

/// Depth of a TOC tree (0 when empty).
pub fn depth(entries: &[TocElement]) -> usize {
    entries
        .iter()
        .map(|e| 1 + depth(&e.children))
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Inline, Span, TopicNumber};

    fn section(id: &str, title: &str, children: Vec<Section>) -> Section {
        Section {
            id: id.into(),
            title: vec![Inline::Text { text: title.into() }],
            level: 3,
            span: Span::default(),
            blocks: vec![],
            sections: children,
        }
    }

    #[test]
    fn sections_nest_in_order() {
        let tree = vec![
            section("t.a", "A", vec![section("t.a.x", "X", vec![])]),
            section("t.b", "", vec![]),
        ];
        let entries = section_entries("chapter-001.xhtml", &tree);
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].url, "chapter-001.xhtml#t.a");
        assert_eq!(entries[0].children[0].url, "chapter-001.xhtml#t.a.x");
        assert_eq!(entries[0].children[0].title, "X");
        assert!(entries[0].children[0].level > entries[0].level);
        assert_eq!(entries[1].title, "Untitled section");
        assert_eq!(count(&entries), 3);
        assert_eq!(depth(&entries), 2);
    }

    #[test]
    fn topic_labels_are_plain_text_with_their_number() {
        let topic = Topic {
            id: "difference-between-is-and-operator".into(),
            number: Some(TopicNumber("6".into())),
            title: vec![
                Inline::Text {
                    text: "Difference Between ".into(),
                },
                Inline::Code { code: "is".into() },
                Inline::Text {
                    text: " and ".into(),
                },
                Inline::Code { code: "==".into() },
            ],
            ..Topic::default()
        };
        assert_eq!(topic_label(&topic), "6. Difference Between is and ==");
        let untitled = Topic {
            title: vec![],
            ..topic
        };
        assert_eq!(topic_label(&untitled), "Topic 6");
    }
}
