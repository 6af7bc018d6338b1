//! What changes when a part becomes a piece of a folder guide: its topics' ids made unique
//! across the parts (`-2`, `-3`, with their sections' ids), its images' paths made relative
//! to the guide's folder instead of the part's, and its links to other parts made links to
//! the topics they lead to (`answers/x.md` → `#x`, `faq/a.md#why` → `#why`).

use super::order::local_target;
use crate::model::{AttrName, Block, Inline, Section, Topic};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Gives `topic` an id no earlier topic has (`used`), renaming its sections' ids with it.
pub(crate) fn unique_id(topic: &mut Topic, used: &mut BTreeSet<String>) {
    if !used.contains(&topic.id) {
        used.insert(topic.id.clone());
        return;
    }
    let fresh = (2..)
        .map(|n| format!("{}-{n}", topic.id))
        .find(|id| !used.contains(id))
        .unwrap_or_default();
    let old = format!("{}.", topic.id);
    let new = format!("{fresh}.");
    fn rename(sections: &mut [Section], old: &str, new: &str) {
        for s in sections {
            if let Some(rest) = s.id.strip_prefix(old) {
                s.id = format!("{new}{rest}");
            }
            rename(&mut s.sections, old, new);
        }
    }
    rename(&mut topic.sections, &old, &new);
    used.insert(fresh.clone());
    topic.id = fresh;
}

/// How URLs of one part are rewritten.
pub(crate) struct Rewrite<'a> {
    /// The part's folder, relative to the guide's folder (empty at the top).
    pub dir: &'a Path,
    /// Each part (relative path) → the id of its first topic.
    pub first_topic: &'a BTreeMap<PathBuf, String>,
}

impl Rewrite<'_> {
    /// Rewrites every image and link of `blocks`.
    pub(crate) fn blocks(&self, blocks: &mut [Block]) {
        for block in blocks {
            match block {
                Block::Paragraph { content } | Block::Heading { content, .. } => {
                    self.inlines(content)
                }
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
                Block::Quote { blocks }
                | Block::Footnote { blocks, .. }
                | Block::Element {
                    children: blocks, ..
                } => self.blocks(blocks),
                Block::Plain { content } => self.inlines(content),
                Block::Code { .. } | Block::Rule | Block::Comment { .. } => {}
            }
        }
    }

    /// Rewrites every image and link of a topic: title, intro and sections.
    pub(crate) fn topic(&self, topic: &mut Topic) {
        self.inlines(&mut topic.title);
        self.blocks(&mut topic.intro);
        fn walk(r: &Rewrite<'_>, sections: &mut [Section]) {
            for s in sections {
                r.inlines(&mut s.title);
                r.blocks(&mut s.blocks);
                walk(r, &mut s.sections);
            }
        }
        walk(self, &mut topic.sections);
    }

    fn inlines(&self, inlines: &mut [Inline]) {
        for inline in inlines {
            match inline {
                Inline::Image { url, .. } => {
                    if let Some(moved) = self.image(url) {
                        *url = moved;
                    }
                }
                Inline::Link { url, content, .. } => {
                    if let Some(to) = self.link(url) {
                        *url = to;
                    }
                    self.inlines(content);
                }
                Inline::Element { attrs, content, .. } => {
                    // A raw `<img src>` moves like a Markdown image.
                    for a in attrs.iter_mut().filter(|a| a.name == AttrName::Src) {
                        if let Some(moved) = self.image(&a.value) {
                            a.value = moved;
                        }
                    }
                    self.inlines(content);
                }
                Inline::Emphasis { content }
                | Inline::Strong { content }
                | Inline::Strike { content }
                | Inline::Cloze { content, .. } => self.inlines(content),
                Inline::Text { .. }
                | Inline::Math { .. }
                | Inline::Code { .. }
                | Inline::SoftBreak
                | Inline::HardBreak
                | Inline::FootnoteRef { .. } => {}
            }
        }
    }

    /// A relative image path of a part in a sub-folder, made relative to the guide's folder
    /// (the image check still refuses whatever leads outside it).
    fn image(&self, url: &str) -> Option<String> {
        let relative = !url.is_empty()
            && !url.starts_with(['/', '\\', '#'])
            && !url.contains(':')
            && !url.starts_with("//");
        (relative && !self.dir.as_os_str().is_empty()).then(|| {
            let dir: Vec<String> = self
                .dir
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            format!("{}/{url}", dir.join("/"))
        })
    }

    /// A link to another part of the guide, as a link to the topic (or the heading its
    /// fragment names) it leads to.
    fn link(&self, url: &str) -> Option<String> {
        let target = local_target(url, self.dir)?;
        let first = self.first_topic.get(&target)?;
        match url.split_once('#') {
            Some((_, fragment)) if !fragment.is_empty() => Some(format!("#{fragment}")),
            _ => Some(format!("#{first}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn topic(id: &str, sections: &[&str]) -> Topic {
        Topic {
            id: id.into(),
            sections: sections
                .iter()
                .map(|s| Section {
                    id: format!("{id}.{s}"),
                    ..Section::default()
                })
                .collect(),
            ..Topic::default()
        }
    }

    #[test]
    fn a_repeated_id_gets_a_number_with_its_sections() {
        let mut used = BTreeSet::new();
        let mut a = topic("why", &["answer"]);
        let mut b = topic("why", &["answer"]);
        let mut c = topic("why", &[]);
        unique_id(&mut a, &mut used);
        unique_id(&mut b, &mut used);
        unique_id(&mut c, &mut used);
        assert_eq!(
            (a.id.as_str(), b.id.as_str(), c.id.as_str()),
            ("why", "why-2", "why-3")
        );
        assert_eq!(b.sections[0].id, "why-2.answer");
    }

    #[test]
    fn images_move_to_the_guide_folder_and_links_to_parts_lead_to_topics() {
        let first: BTreeMap<PathBuf, String> =
            [(PathBuf::from("answers/b.md"), "b-question".to_string())].into();
        let r = Rewrite {
            dir: Path::new("answers"),
            first_topic: &first,
        };
        let img = |url: &str| Inline::Image {
            url: url.into(),
            title: String::new(),
            alt: String::new(),
        };
        let link = |url: &str| Inline::Link {
            url: url.into(),
            title: String::new(),
            content: vec![],
        };
        let raw = Inline::Element {
            tag: crate::model::Tag::Img,
            attrs: vec![crate::model::Attr {
                name: AttrName::Src,
                value: "raw.png".into(),
            }],
            content: vec![],
        };
        let mut content = vec![
            raw,
            img("img/a.png"),
            img("https://e.com/a.png"),
            img("../up.png"),
            link("b.md"),
            link("./b.md#why"),
            link("c.md"),
            link("#local"),
        ];
        r.inlines(&mut content);
        let urls: Vec<&str> = content
            .iter()
            .map(|i| match i {
                Inline::Image { url, .. } | Inline::Link { url, .. } => url.as_str(),
                Inline::Element { attrs, .. } => attrs[0].value.as_str(),
                _ => "",
            })
            .collect();
        assert_eq!(
            urls,
            [
                "answers/raw.png",
                "answers/img/a.png",
                "https://e.com/a.png",
                "answers/../up.png",
                "#b-question",
                "#why",
                "c.md",
                "#local"
            ]
        );
    }
}
