//! The guide's links to itself (`[see](#closures)`, `<a href="#closures">`): what each
//! `#fragment` points to in the book, decided once from the model, and an `epub-link` warning
//! for each one that points to nothing.
//!
//! A guide is one Markdown file, so its links assume one page, while the book has a chapter
//! per topic. A fragment is looked up, once percent-decoded, among
//!
//! 1. the book's anchors: every topic's and section's id made an anchor (`closures`,
//!    `closures.late-binding`), then
//! 2. the anchors GitHub gives the guide's headings, which real guides link to
//!    (`#12-closures`): each heading's text, number included, lower-cased, with every
//!    character other than a letter, a digit, `_`, `-` or a space removed and each space made a
//!    `-`; a repeated anchor gets `-1`, `-2`, … in document order (github-slugger's rule;
//!    combining marks that are not alphabetic and non-ASCII digits are removed here, where
//!    GitHub keeps them). A heading inside a list or a quote leads to its section.
//!
//! Each resolves to a [`Target`]: the topic's chapter and the anchor there. The renderer
//! writes `chapter-NNN.xhtml#anchor` in the book (`#anchor` within the same chapter). A
//! fragment that resolves to nothing keeps its text without the link in the book (Anki fields
//! keep links as the guide has them, since a card shows one topic anyway).

use crate::diagnostic::{Diagnostic, DiagnosticCode};
use crate::model::{Block, Guide, Inline, Section, TitleSource};
use crate::render::anchor;
use crate::render::sanitize::{html_text, link_targets, percent_decode};
use std::collections::{BTreeMap, BTreeSet};

/// Where an in-guide link leads in the book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The chapter: the index of the topic in the guide.
    pub chapter: usize,
    /// The anchor in that chapter (an `id` the renderer writes).
    pub anchor: String,
}

/// Every fragment an in-guide link may use, and where it leads.
#[derive(Debug, Default)]
pub struct Links {
    targets: BTreeMap<String, Target>,
}

impl Links {
    /// The targets of `guide`'s anchors, and one `epub-link` warning per distinct fragment a
    /// link uses that leads nowhere.
    pub fn collect(guide: &Guide, diagnostics: &mut Vec<Diagnostic>) -> Self {
        let links = Links {
            targets: targets(guide),
        };
        let mut uses: Vec<(String, u32)> = Vec::new();
        find_blocks(&guide.preface, 1, &mut uses);
        // The file each use is in: the guide's, or a part's (a folder guide).
        let mut files: Vec<&str> = vec![guide.source.path.as_str(); uses.len()];
        for topic in &guide.topics {
            find_inlines(&topic.title, topic.span.line, &mut uses);
            find_blocks(&topic.intro, topic.span.line, &mut uses);
            for section in &topic.sections {
                section.walk(&mut |s: &Section| {
                    find_inlines(&s.title, s.span.line, &mut uses);
                    find_blocks(&s.blocks, s.span.line, &mut uses);
                });
            }
            files.resize(uses.len(), guide.file_of(topic));
        }
        let mut reported: BTreeSet<&str> = BTreeSet::new();
        for ((url, line), file) in uses.iter().zip(files) {
            let Some(fragment) = fragment(url) else {
                continue;
            };
            if links.targets.contains_key(&fragment) || !reported.insert(url) {
                continue;
            }
            diagnostics.push(
                Diagnostic::warning(
                    DiagnosticCode::EpubLink,
                    format!(
                        "the book keeps the text of the link to `{}` but not the link: no topic \
                         or section of the guide has this anchor",
                        url.trim()
                    ),
                )
                .at(file, (*line).max(1), 1)
                .note("the link is in the section that starts here"),
            );
        }
        links
    }

    /// Where the link to `url` leads, if `url` is an in-guide link (`#fragment`) that
    /// resolves. `None` for other links, for `#` alone, and for fragments that lead nowhere.
    pub fn target(&self, url: &str) -> Option<&Target> {
        self.targets.get(&fragment(url)?)
    }
}

/// The fragment of an in-guide link, percent-decoded: `url` trimmed, without control
/// characters, starting with `#` and with something after it.
fn fragment(url: &str) -> Option<String> {
    let cleaned: String = url.trim().chars().filter(|c| !c.is_control()).collect();
    let fragment = cleaned.strip_prefix('#').filter(|f| !f.is_empty())?;
    Some(percent_decode(fragment).unwrap_or_else(|| fragment.to_string()))
}

/// The anchors of the book, then GitHub's anchors of the guide's headings (where they do not
/// name a book anchor already).
fn targets(guide: &Guide) -> BTreeMap<String, Target> {
    let mut targets = BTreeMap::new();
    for (chapter, topic) in guide.topics.iter().enumerate() {
        let mut add = |id: &str| {
            let anchor = anchor(id);
            targets
                .entry(anchor.clone())
                .or_insert(Target { chapter, anchor });
        };
        add(&topic.id);
        for section in &topic.sections {
            section.walk(&mut |s| add(&s.id));
        }
    }
    let mut slugs = GithubSlugs::default();
    let mut github = |text: &str, target: Option<Target>| {
        let slug = slugs.next(text);
        if let Some(target) = target {
            targets.entry(slug).or_insert(target);
        }
    };
    if guide.title_source == TitleSource::Heading {
        github(&guide.title, None);
    }
    nested_headings(&guide.preface, &mut |text| github(text, None));
    for (chapter, topic) in guide.topics.iter().enumerate() {
        let here = |id: &str| {
            Some(Target {
                chapter,
                anchor: anchor(id),
            })
        };
        github(
            &format!("{}{}", topic.prefix, heading_text(&topic.title)),
            here(&topic.id),
        );
        nested_headings(&topic.intro, &mut |text| github(text, here(&topic.id)));
        for section in &topic.sections {
            github_section(section, &here, &mut github);
        }
    }
    targets
}

fn github_section(
    section: &Section,
    here: &dyn Fn(&str) -> Option<Target>,
    github: &mut dyn FnMut(&str, Option<Target>),
) {
    github(&heading_text(&section.title), here(&section.id));
    nested_headings(&section.blocks, &mut |text| github(text, here(&section.id)));
    for child in &section.sections {
        github_section(child, here, github);
    }
}

/// Calls `f` with the text of every heading inside `blocks` (in lists, quotes, footnotes).
fn nested_headings(blocks: &[Block], f: &mut dyn FnMut(&str)) {
    for block in blocks {
        match block {
            Block::Heading { content, .. } => f(&heading_text(content)),
            Block::List { items, .. } => {
                for item in items {
                    nested_headings(&item.blocks, f);
                }
            }
            Block::Quote { blocks } | Block::Footnote { blocks, .. } => nested_headings(blocks, f),
            Block::Paragraph { .. }
            | Block::Code { .. }
            | Block::Table { .. }
            | Block::Rule
            | Block::Html { .. } => {}
        }
    }
}

/// A heading's text as GitHub reads it (the text of its HTML): markup dropped, code and
/// link text kept, images (which have no text) and raw tags dropped.
fn heading_text(inlines: &[Inline]) -> String {
    fn push(inlines: &[Inline], out: &mut String) {
        for inline in inlines {
            match inline {
                Inline::Text { text } => out.push_str(text),
                Inline::Code { code } => out.push_str(code),
                Inline::Emphasis { content }
                | Inline::Strong { content }
                | Inline::Strike { content }
                | Inline::Link { content, .. } => push(content, out),
                Inline::SoftBreak | Inline::HardBreak => out.push(' '),
                Inline::Html { html } => out.push_str(&html_text(html)),
                Inline::FootnoteRef { label } => out.push_str(label),
                Inline::Image { .. } => {}
            }
        }
    }
    let mut out = String::new();
    push(inlines, &mut out);
    out
}

/// GitHub's heading anchors, numbered as github-slugger numbers repeats.
#[derive(Default)]
struct GithubSlugs {
    /// Anchor given → how many times its base was repeated.
    occurrences: BTreeMap<String, usize>,
}

impl GithubSlugs {
    /// The anchor of the next heading, whose text is `text`.
    fn next(&mut self, text: &str) -> String {
        let base = github_slug(text);
        let mut slug = base.clone();
        while self.occurrences.contains_key(&slug) {
            let count = self.occurrences.entry(base.clone()).or_insert(0);
            *count += 1;
            slug = format!("{base}-{count}");
        }
        self.occurrences.insert(slug.clone(), 0);
        slug
    }
}

/// GitHub's anchor of a heading's text, before numbering repeats (see the module
/// documentation).
fn github_slug(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .filter(|&c| c.is_alphabetic() || c.is_ascii_digit() || matches!(c, '_' | '-' | ' '))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

fn find_blocks(blocks: &[Block], line: u32, uses: &mut Vec<(String, u32)>) {
    for block in blocks {
        match block {
            Block::Paragraph { content } | Block::Heading { content, .. } => {
                find_inlines(content, line, uses);
            }
            Block::List { items, .. } => {
                for item in items {
                    find_blocks(&item.blocks, line, uses);
                }
            }
            Block::Table { head, rows, .. } => {
                for cell in head.iter().chain(rows.iter().flatten()) {
                    find_inlines(cell, line, uses);
                }
            }
            Block::Quote { blocks } | Block::Footnote { blocks, .. } => {
                find_blocks(blocks, line, uses);
            }
            Block::Html { html } => {
                uses.extend(link_targets(html).into_iter().map(|url| (url, line)));
            }
            Block::Code { .. } | Block::Rule => {}
        }
    }
}

fn find_inlines(inlines: &[Inline], line: u32, uses: &mut Vec<(String, u32)>) {
    for inline in inlines {
        match inline {
            Inline::Link { url, content, .. } => {
                uses.push((url.clone(), line));
                find_inlines(content, line, uses);
            }
            Inline::Emphasis { content }
            | Inline::Strong { content }
            | Inline::Strike { content } => find_inlines(content, line, uses),
            Inline::Html { html } => {
                uses.extend(link_targets(html).into_iter().map(|url| (url, line)));
            }
            Inline::Text { .. }
            | Inline::Code { .. }
            | Inline::Image { .. }
            | Inline::SoftBreak
            | Inline::HardBreak
            | Inline::FootnoteRef { .. } => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Section, Span, Topic};

    fn text(t: &str) -> Vec<Inline> {
        vec![Inline::Text { text: t.into() }]
    }

    fn link(url: &str) -> Block {
        Block::Paragraph {
            content: vec![Inline::Link {
                url: url.into(),
                title: String::new(),
                content: text("see"),
            }],
        }
    }

    fn topic(id: &str, prefix: &str, title: &str, intro: Vec<Block>) -> Topic {
        Topic {
            id: id.into(),
            prefix: prefix.into(),
            title: text(title),
            span: Span {
                line: 3,
                end_line: 9,
            },
            intro,
            ..Topic::default()
        }
    }

    #[test]
    fn github_slugs_follow_github_slugger() {
        assert_eq!(github_slug("12. Closures"), "12-closures");
        assert_eq!(
            github_slug("The `with` Statement & Context-Managers!"),
            "the-with-statement--context-managers"
        );
        assert_eq!(github_slug("Q12: Why?"), "q12-why");
        assert_eq!(github_slug("snake_case  Names"), "snake_case--names");
        assert_eq!(github_slug("Café — naïve 🚀"), "café--naïve-");
        let mut slugs = GithubSlugs::default();
        let got: Vec<String> = ["A", "A", "A-1", "A"].map(|t| slugs.next(t)).into();
        assert_eq!(got, ["a", "a-1", "a-1-1", "a-2"]);
    }

    #[test]
    fn fragments_resolve_to_a_chapter_and_an_anchor() {
        let mut second = topic("closures", "12. ", "Closures", vec![]);
        second.sections = vec![Section {
            id: "closures.late-binding".into(),
            title: text("Late Binding"),
            blocks: vec![Block::List {
                start: None,
                items: vec![crate::model::ListItem {
                    checked: None,
                    blocks: vec![Block::Heading {
                        level: 4,
                        content: text("In a list"),
                    }],
                }],
            }],
            ..Section::default()
        }];
        let guide = Guide {
            title: "Guide".into(),
            title_source: TitleSource::Heading,
            topics: vec![topic("overview", "", "Guide", vec![]), second],
            ..Guide::default()
        };
        let links = Links::collect(&guide, &mut Vec::new());
        let at = |url: &str| links.target(url).map(|t| (t.chapter, t.anchor.clone()));
        assert_eq!(at("#closures"), Some((1, "closures".into())));
        assert_eq!(at(" #12-closures "), Some((1, "closures".into())));
        assert_eq!(
            at("#closures.late-binding"),
            Some((1, "closures.late-binding".into()))
        );
        assert_eq!(
            at("#late-binding"),
            Some((1, "closures.late-binding".into()))
        );
        assert_eq!(at("#in-a-list"), Some((1, "closures.late-binding".into())));
        assert_eq!(at("#clos%75res"), Some((1, "closures".into())));
        // GitHub gives the title heading `guide` (the book has no place for it), so the
        // first topic, also titled "Guide", is `guide-1` there.
        assert_eq!(at("#guide-1"), Some((0, "overview".into())));
        assert_eq!(at("#guide"), None);
        assert_eq!(at("#overview"), Some((0, "overview".into())));
        assert_eq!(at("#"), None);
        assert_eq!(at("https://example.com/#closures"), None);
    }

    #[test]
    fn each_fragment_that_leads_nowhere_is_reported_once_with_its_place() {
        let guide = Guide {
            source: crate::model::Source {
                path: "g.md".into(),
                timestamp: 0,
            },
            topics: vec![topic(
                "one",
                "1. ",
                "One",
                vec![
                    link("#gone"),
                    link("#gone"),
                    link("#1-one"),
                    link("#"),
                    link("https://example.com/#gone"),
                    Block::Html {
                        html: "<a href=\"#also-gone\">x</a>".into(),
                    },
                ],
            )],
            ..Guide::default()
        };
        let mut diagnostics = Vec::new();
        Links::collect(&guide, &mut diagnostics);
        let messages: Vec<&str> = diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[0].contains("`#gone`"), "{messages:?}");
        assert!(messages[1].contains("`#also-gone`"), "{messages:?}");
        assert!(
            diagnostics
                .iter()
                .all(|d| d.code == DiagnosticCode::EpubLink)
        );
        let place = diagnostics[0].location.as_ref().expect("a place");
        assert_eq!((place.path.as_str(), place.line), ("g.md", 3));
    }
}
