//! The anchors of the guide's raw HTML (`<a name="rule-2.1"></a>`, `<div id="setup">`) made
//! unique, valid ids.
//!
//! The parser keeps each anchor's name as written ([`AttrName::Fragment`], which in-guide
//! links use) and gives it, here, the `id` every output writes ([`AttrName::Id`]): the name
//! made an XML name (`anchor`: `1.1` becomes `id-1.1`), with `-2`, `-3`, … when the guide
//! already used it — for a topic, a section, a group, a page of the book (`preface`,
//! `questions`, `back-matter`, `qg-<group>`,
//! `q-<topic>`) or an earlier anchor. Ids are unique in the whole guide, so in every page and
//! card.
//!
//! An anchor alone in a paragraph right before a heading (`<a id="q3"></a>` on the line above
//! `#### 3. …`) marks that heading: [`attach_to_headings`] moves it into the heading, so it
//! is not left at the end of the answer before it and links to it lead to the heading's card
//! and chapter.

use super::markdown::{Item, Located};
use crate::model::{AttrName, Block, Guide, Inline, Section};
use crate::render::anchor;
use std::collections::BTreeSet;

/// Moves the raw anchors of each paragraph that holds nothing else (white space aside) and
/// stands right before a top-level heading to the end of that heading's content; the
/// paragraph goes.
pub fn attach_to_headings(items: &mut Vec<Located>) {
    let before_heading = |i: usize| {
        anchors_only(&items[i].item)
            && matches!(
                items.get(i + 1),
                Some(Located {
                    item: Item::Heading { .. },
                    ..
                })
            )
    };
    let moved: Vec<bool> = (0..items.len()).map(before_heading).collect();
    if !moved.contains(&true) {
        return;
    }
    for i in (0..items.len()).filter(|&i| moved[i]) {
        let (done, rest) = items.split_at_mut(i + 1);
        if let (Item::Block(Block::Paragraph { content: anchors }), Item::Heading { content, .. }) =
            (&mut done[i].item, &mut rest[0].item)
        {
            content.extend(std::mem::take(anchors).into_iter().filter(is_anchor));
        }
    }
    let mut i = 0;
    items.retain(|_| {
        i += 1;
        !moved[i - 1]
    });
}

/// Whether `item` is a paragraph of raw anchors and white space only.
fn anchors_only(item: &Item) -> bool {
    let Item::Block(Block::Paragraph { content }) = item else {
        return false;
    };
    content.iter().any(is_anchor)
        && content.iter().all(|inline| match inline {
            Inline::Text { text } => text.trim().is_empty(),
            Inline::SoftBreak | Inline::HardBreak => true,
            other => is_anchor(other),
        })
}

/// Whether `inline` is an empty raw anchor (`<a id="x"></a>`, `<a name="x"></a>`).
fn is_anchor(inline: &Inline) -> bool {
    matches!(inline, Inline::Element { content, attrs, .. }
        if content.is_empty() && attrs.iter().any(|a| a.name == AttrName::Fragment))
}

/// Gives every raw anchor of `guide` its unique id (see the module documentation).
pub fn assign(guide: &mut Guide) {
    // Most guides have no raw anchor: a first walk finds out without making any id.
    let mut probe = Ids {
        used: BTreeSet::new(),
        probe: true,
        found: false,
    };
    probe.walk(guide);
    if !probe.found {
        return;
    }
    let mut used: BTreeSet<String> = ["preface", "questions", "back-matter"]
        .map(String::from)
        .into();
    for group in &guide.groups {
        used.insert(anchor(&group.id));
        used.insert(format!("qg-{}", anchor(&group.id)));
    }
    for section in &guide.back_matter {
        section.walk(&mut |s| {
            used.insert(anchor(&s.id));
        });
    }
    for topic in &guide.topics {
        used.insert(anchor(&topic.id));
        used.insert(format!("q-{}", anchor(&topic.id)));
        for section in &topic.sections {
            section.walk(&mut |s| {
                used.insert(anchor(&s.id));
            });
        }
    }
    let mut ids = Ids {
        used,
        probe: false,
        found: false,
    };
    ids.walk(guide);
}

/// The ids given so far.
struct Ids {
    used: BTreeSet<String>,
    /// Only find out whether the guide has an anchor (`found`), changing nothing.
    probe: bool,
    found: bool,
}

impl Ids {
    /// Gives the anchors of `guide` their ids, in reading order.
    fn walk(&mut self, guide: &mut Guide) {
        let ids = self;
        ids.blocks(&mut guide.preface);
        // In reading order: each group's page comes before its first topic's chapter.
        let mut groups = guide.groups.iter_mut().peekable();
        for topic in &mut guide.topics {
            while let Some(group) = groups.next_if(|g| g.span.line <= topic.span.line) {
                ids.inlines(&mut group.title);
                ids.blocks(&mut group.intro);
            }
            ids.inlines(&mut topic.title);
            ids.blocks(&mut topic.prompt);
            ids.blocks(&mut topic.intro);
            for section in &mut topic.sections {
                ids.section(section);
            }
        }
        for group in groups {
            ids.inlines(&mut group.title);
            ids.blocks(&mut group.intro);
        }
        for section in &mut guide.back_matter {
            ids.section(section);
        }
    }

    /// The id of an anchor named `name`: unique, valid.
    fn give(&mut self, name: &str) -> String {
        let base = anchor(name);
        let mut id = base.clone();
        let mut n = 1;
        while self.used.contains(&id) {
            n += 1;
            id = format!("{base}-{n}");
        }
        self.used.insert(id.clone());
        id
    }

    fn attrs(&mut self, attrs: &mut [crate::model::Attr]) {
        let Some(name) = attrs
            .iter()
            .find(|a| a.name == AttrName::Fragment)
            .map(|a| a.value.clone())
        else {
            return;
        };
        self.found = true;
        if self.probe {
            return;
        }
        let id = self.give(&name);
        for attr in attrs.iter_mut().filter(|a| a.name == AttrName::Id) {
            attr.value = id.clone();
        }
    }

    fn section(&mut self, section: &mut Section) {
        self.inlines(&mut section.title);
        self.blocks(&mut section.blocks);
        for child in &mut section.sections {
            self.section(child);
        }
    }

    fn blocks(&mut self, blocks: &mut [Block]) {
        for block in blocks {
            match block {
                Block::Element {
                    attrs, children, ..
                } => {
                    self.attrs(attrs);
                    self.blocks(children);
                }
                Block::Paragraph { content }
                | Block::Heading { content, .. }
                | Block::Plain { content } => self.inlines(content),
                Block::List { items, .. } => {
                    for item in items {
                        self.blocks(&mut item.blocks);
                    }
                }
                Block::Table { head, rows, .. } => {
                    for cell in head.iter_mut().chain(rows.iter_mut().flatten()) {
                        self.inlines(cell);
                    }
                }
                Block::Quote { blocks } | Block::Footnote { blocks, .. } => self.blocks(blocks),
                Block::Code { .. } | Block::Rule | Block::Comment { .. } => {}
            }
        }
    }

    fn inlines(&mut self, inlines: &mut [Inline]) {
        for inline in inlines {
            match inline {
                Inline::Element { attrs, content, .. } => {
                    self.attrs(attrs);
                    self.inlines(content);
                }
                Inline::Emphasis { content }
                | Inline::Strong { content }
                | Inline::Strike { content }
                | Inline::Link { content, .. } => self.inlines(content),
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{AttrName, Block, Inline, attr};
    use crate::parse::parse;

    fn ids(inlines: &[Inline], out: &mut Vec<(String, String)>) {
        for inline in inlines {
            if let Inline::Element { attrs, content, .. } = inline {
                if let (Some(f), Some(i)) =
                    (attr(attrs, AttrName::Fragment), attr(attrs, AttrName::Id))
                {
                    out.push((f.to_string(), i.to_string()));
                }
                ids(content, out);
            }
        }
    }

    #[test]
    fn raw_anchors_get_unique_valid_ids() {
        let src = "# G\n\n## 1. One\n\n<a name=\"1.1\"></a>x <a id=\"one\"></a> \
                   <a name=\"1.1\"></a> <span id=\"preface\">p</span>\n";
        let guide = parse(src.as_bytes(), "g.md", 0, &Default::default())
            .expect("parses")
            .guide;
        let Block::Paragraph { content } = &guide.topics[0].intro[0] else {
            panic!("{:?}", guide.topics[0].intro)
        };
        let mut found = Vec::new();
        ids(content, &mut found);
        let found: Vec<(&str, &str)> = found.iter().map(|(f, i)| (&f[..], &i[..])).collect();
        assert_eq!(
            found,
            [
                ("1.1", "id-1.1"),
                ("one", "one-2"),
                ("1.1", "id-1.1-2"),
                ("preface", "preface-2")
            ]
        );
    }

    #[test]
    fn an_anchor_alone_before_a_heading_belongs_to_the_heading() {
        let src = "# G\n\n## 1. One\n\nThe answer.\n\n<a id=\"two\"></a> <a name=\"q2\"></a>\n## 2. Two\n\n\
                   Back to [one](#two).\n\n<a id=\"kept\"></a> and text\n\n## 3. Three\n\nc\n";
        let guide = parse(src.as_bytes(), "g.md", 0, &Default::default())
            .expect("parses")
            .guide;
        // Not left at the end of the answer before it.
        assert_eq!(guide.topics[0].intro.len(), 1);
        let mut found = Vec::new();
        ids(&guide.topics[1].title, &mut found);
        assert_eq!(
            found,
            [
                ("two".to_string(), "two-2".to_string()),
                ("q2".to_string(), "q2".to_string())
            ]
        );
        assert_eq!(crate::model::plain_text(&guide.topics[1].title), "Two");
        assert_eq!(
            guide.topics[1].number.as_ref().map(|n| n.0.as_str()),
            Some("2")
        );
        // A paragraph with more than anchors stays where it is.
        assert_eq!(guide.topics[1].intro.len(), 2);
        assert!(
            guide.topics[2]
                .title
                .iter()
                .all(|i| matches!(i, Inline::Text { .. }))
        );
    }
}
