//! The table of contents and the nav document: one entry per topic with its sections nested
//! below it (and under its group's part, when the guide has groups), in the order of the
//! spine, as a [`TocEntry`] tree that both `nav.xhtml` (written
//! here) and the NCX ([`super::ncx`]) are written from; and the landmarks. Labels are plain
//! text; links use the model's stable ids.

use super::meta::clean;
use super::xml::{attr, indent, text};
use crate::model::{Group, Section, Topic};
use crate::render::toc_text;

pub(crate) use crate::render::html::{anchor, chapter_file, part_file};

/// The name of the table of contents, in the nav document and the NCX.
pub const TOC_NAME: &str = "Contents";

/// One entry of the table of contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TocEntry {
    /// Where it points (`chapter-001.xhtml#id`).
    pub href: String,
    /// Its plain-text label (never empty: an empty nav entry is invalid).
    pub label: String,
    /// The entries nested below it.
    pub children: Vec<TocEntry>,
}

/// A landmark: a structural part of the book a reading system can jump to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Landmark {
    /// The preface.
    Preface,
    /// The start of the body matter.
    BodyMatter,
}

impl Landmark {
    /// Its `epub:type` in the landmarks nav.
    pub fn epub_type(self) -> &'static str {
        match self {
            Landmark::Preface => "preface",
            Landmark::BodyMatter => "bodymatter",
        }
    }

    /// Its `type` in the package's `guide` (EPUB 2).
    pub fn guide_type(self) -> &'static str {
        match self {
            Landmark::Preface => "preface",
            Landmark::BodyMatter => "text",
        }
    }
}

/// A document that is a landmark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LandmarkRef {
    /// Which landmark.
    pub landmark: Landmark,
    /// The document's file name.
    pub href: String,
    /// Its label.
    pub label: String,
}

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

/// The plain-text label of a group's part: `7. Consistency fundamentals`, `Strings`.
pub fn group_label(group: &Group) -> String {
    let title = toc_text(&group.title);
    let number = group
        .number
        .as_ref()
        .map(|n| clean(&n.0))
        .filter(|n| !n.is_empty());
    match (number, title.is_empty()) {
        (Some(n), false) => format!("{n}. {title}"),
        (Some(n), true) => format!("Part {n}"),
        (None, false) => title,
        (None, true) => "Untitled part".to_string(),
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
pub fn section_entries(file: &str, sections: &[Section]) -> Vec<TocEntry> {
    sections
        .iter()
        .map(|section| TocEntry {
            href: format!("{file}#{}", anchor(&section.id)),
            label: section_label(section),
            children: section_entries(file, &section.sections),
        })
        .collect()
}

/// Number of entries in a TOC tree (the entries themselves and all their descendants).
#[cfg(test)]
pub fn count(entries: &[TocEntry]) -> usize {
    entries.iter().map(|e| 1 + count(&e.children)).sum()
}

/// Depth of a TOC tree (0 when empty).
pub fn depth(entries: &[TocEntry]) -> usize {
    entries
        .iter()
        .map(|e| 1 + depth(&e.children))
        .max()
        .unwrap_or(0)
}

/// The nav document (`nav.xhtml`): the table of contents `toc` as nested ordered lists (in a
/// `nav` whose `doc-toc` role matches its `epub:type`), and the `landmarks` in a hidden nav
/// (they are for reading systems, not for reading; the caller gives at least one, since an
/// empty landmarks nav is invalid).
pub fn document(toc: &[TocEntry], landmarks: &[LandmarkRef], lang: &str) -> String {
    let lang = attr(lang);
    let items: Vec<String> = toc.iter().map(nav_item).collect();
    let list = indent(&format!("<ol>\n{}\n</ol>", indent(&items.join("\n"), 1)), 2);
    let marks: Vec<String> = landmarks
        .iter()
        .map(|l| {
            format!(
                "<li><a epub:type=\"{}\" href=\"{}\">{}</a></li>",
                l.landmark.epub_type(),
                attr(&l.href),
                text(&l.label)
            )
        })
        .collect();
    let marks = indent(&format!("<ol>\n{}\n</ol>", indent(&marks.join("\n"), 1)), 2);
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n\
         <html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" \
         lang=\"{lang}\" xml:lang=\"{lang}\">\n<head>\n  <meta charset=\"utf-8\" />\n  \
         <meta name=\"generator\" content=\"deckbook\" />\n  <title>{TOC_NAME}</title>\n  \
         <link rel=\"stylesheet\" type=\"text/css\" href=\"{stylesheet}\" />\n</head>\n\
         <body>\n  <nav epub:type=\"toc\" role=\"doc-toc\" id=\"toc\">\n    \
         <h1 id=\"toc-title\">{TOC_NAME}</h1>\n{list}\n  </nav>\n  \
         <nav epub:type=\"landmarks\" hidden=\"hidden\">\n{marks}\n  </nav>\n</body>\n</html>\n",
        stylesheet = super::pages::STYLESHEET,
    )
}

/// One entry of the nav's list, with its children in a nested list.
fn nav_item(entry: &TocEntry) -> String {
    let link = format!(
        "<a href=\"{}\">{}</a>",
        attr(&entry.href),
        text(&entry.label)
    );
    if entry.children.is_empty() {
        return format!("<li>{link}</li>");
    }
    let children: Vec<String> = entry.children.iter().map(nav_item).collect();
    let list = format!("<ol>\n{}\n</ol>", indent(&children.join("\n"), 1));
    format!("<li>\n  {link}\n{}\n</li>", indent(&list, 1))
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

    fn entry(href: &str, label: &str, children: Vec<TocEntry>) -> TocEntry {
        TocEntry {
            href: href.into(),
            label: label.into(),
            children,
        }
    }

    /// The nav's `ol` below `nav` as nested (label, href, children).
    fn list(ol: roxmltree::Node<'_, '_>) -> Vec<TocEntry> {
        ol.children()
            .filter(|n| n.has_tag_name("li"))
            .map(|li| {
                let a = li.children().find(|n| n.has_tag_name("a")).expect("a");
                TocEntry {
                    href: a.attribute("href").unwrap_or_default().into(),
                    label: a.text().unwrap_or_default().into(),
                    children: li
                        .children()
                        .find(|n| n.has_tag_name("ol"))
                        .map(list)
                        .unwrap_or_default(),
                }
            })
            .collect()
    }

    #[test]
    fn the_nav_document_lists_the_tree_and_hides_its_landmarks() {
        let toc = vec![
            entry("preface.xhtml", "Preface", vec![]),
            entry(
                "chapter-001.xhtml",
                "1. A & \"B\" <C>",
                vec![
                    entry(
                        "chapter-001.xhtml#a.x",
                        "X",
                        vec![entry("chapter-001.xhtml#a.x.y", "Y", vec![])],
                    ),
                    entry("chapter-001.xhtml#a.z", "Z", vec![]),
                ],
            ),
        ];
        let landmarks = [
            LandmarkRef {
                landmark: Landmark::Preface,
                href: "preface.xhtml".into(),
                label: "Preface".into(),
            },
            LandmarkRef {
                landmark: Landmark::BodyMatter,
                href: "chapter-001.xhtml".into(),
                label: "1. A".into(),
            },
        ];
        let xhtml = document(&toc, &landmarks, "de-CH");
        assert!(xhtml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));
        let options = roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        };
        let doc = roxmltree::Document::parse_with_options(&xhtml, options).expect("well-formed");
        let root = doc.root_element();
        assert_eq!(root.attribute("lang"), Some("de-CH"));
        let xml_lang = root.attribute(("http://www.w3.org/XML/1998/namespace", "lang"));
        assert_eq!(xml_lang, Some("de-CH"));
        let epub_type = |n: &roxmltree::Node<'_, '_>| {
            n.attribute(("http://www.idpf.org/2007/ops", "type"))
                .map(str::to_string)
        };
        let navs: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("nav"))
            .collect();
        assert_eq!(navs.len(), 2);
        assert_eq!(epub_type(&navs[0]).as_deref(), Some("toc"));
        assert_eq!(navs[0].attribute("role"), Some("doc-toc"));
        let ol = navs[0]
            .children()
            .find(|n| n.has_tag_name("ol"))
            .expect("ol");
        assert_eq!(list(ol), toc);
        assert_eq!(epub_type(&navs[1]).as_deref(), Some("landmarks"));
        assert_eq!(navs[1].attribute("hidden"), Some("hidden"));
        let marks: Vec<_> = navs[1]
            .descendants()
            .filter(|n| n.has_tag_name("a"))
            .collect();
        assert_eq!(marks.len(), 2);
        assert_eq!(epub_type(&marks[1]).as_deref(), Some("bodymatter"));
        assert_eq!(marks[1].attribute("href"), Some("chapter-001.xhtml"));
        crate::emit::epub::tests::assert_unique_ids(&doc, "nav.xhtml");
    }

    #[test]
    fn sections_nest_in_order() {
        let tree = vec![
            section("t.a", "A", vec![section("t.a.x", "X", vec![])]),
            section("t.b", "", vec![]),
        ];
        let entries = section_entries("chapter-001.xhtml", &tree);
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].href, "chapter-001.xhtml#t.a");
        assert_eq!(entries[0].children[0].href, "chapter-001.xhtml#t.a.x");
        assert_eq!(entries[0].children[0].label, "X");
        assert_eq!(entries[1].label, "Untitled section");
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
