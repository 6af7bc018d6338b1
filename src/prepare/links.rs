//! The guide's links to itself (`[see](#closures)`, `<a href="#closures">`): what each
//! `#fragment` points to in the book, decided once from the model, and an `epub-link` warning
//! for each one that points to nothing.
//!
//! A guide is one Markdown file, so its links assume one page, while the book has a chapter
//! per topic. A fragment is looked up, once percent-decoded, among
//!
//! 1. the book's anchors: every topic's and section's id made an anchor (`closures`,
//!    `closures.late-binding`), then
//! 2. the anchors the guide's raw HTML sets (`<a name="rule-2.1"></a>`, `<div id="x">`), as
//!    written (the parser gave each a unique valid `id`, which the book writes), then
//! 3. the anchors GitHub gives the guide's headings, which real guides link to
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
use crate::model::{AttrName, Block, Guide, Inline, Section, Tag, TitleSource, attr};
use crate::render::anchor;
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
                        "the book keeps the text of the link to `{}` but not the link: no topic, \
                         section or raw HTML anchor of the guide has this anchor",
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
    Some(percent_decoded(fragment))
}

/// `text` with its `%XX` escapes decoded, or as it is when that is not UTF-8.
pub(crate) fn percent_decoded(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8()
        .map_or_else(|_| text.to_string(), |s| s.into_owned())
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
    for (chapter, topic) in guide.topics.iter().enumerate() {
        let mut add = |fragment: &str, id: &str| {
            targets.entry(fragment.to_string()).or_insert(Target {
                chapter,
                anchor: id.to_string(),
            });
        };
        raw_anchors_in_inlines(&topic.title, &mut add);
        raw_anchors(&topic.intro, &mut add);
        for section in &topic.sections {
            section.walk(&mut |s| {
                raw_anchors_in_inlines(&s.title, &mut add);
                raw_anchors(&s.blocks, &mut add);
            });
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

/// Calls `f` with the fragment and the written id of every anchor raw HTML sets in
/// `blocks`, in document order.
fn raw_anchors(blocks: &[Block], f: &mut dyn FnMut(&str, &str)) {
    for block in blocks {
        match block {
            Block::Element {
                attrs, children, ..
            } => {
                anchor_of(attrs, f);
                raw_anchors(children, f);
            }
            Block::Paragraph { content }
            | Block::Heading { content, .. }
            | Block::Plain { content } => raw_anchors_in_inlines(content, f),
            Block::List { items, .. } => {
                for item in items {
                    raw_anchors(&item.blocks, f);
                }
            }
            Block::Table { head, rows, .. } => {
                for cell in head.iter().chain(rows.iter().flatten()) {
                    raw_anchors_in_inlines(cell, f);
                }
            }
            Block::Quote { blocks } | Block::Footnote { blocks, .. } => raw_anchors(blocks, f),
            Block::Code { .. } | Block::Rule | Block::Comment { .. } => {}
        }
    }
}

fn raw_anchors_in_inlines(inlines: &[Inline], f: &mut dyn FnMut(&str, &str)) {
    for inline in inlines {
        match inline {
            Inline::Element { attrs, content, .. } => {
                anchor_of(attrs, f);
                raw_anchors_in_inlines(content, f);
            }
            Inline::Emphasis { content }
            | Inline::Strong { content }
            | Inline::Strike { content }
            | Inline::Link { content, .. } => raw_anchors_in_inlines(content, f),
            _ => {}
        }
    }
}

fn anchor_of(attrs: &[crate::model::Attr], f: &mut dyn FnMut(&str, &str)) {
    if let (Some(fragment), Some(id)) = (attr(attrs, AttrName::Fragment), attr(attrs, AttrName::Id))
    {
        f(fragment, id);
    }
}

/// Calls `f` with the text of every heading inside `blocks` (in lists, quotes, footnotes,
/// raw HTML elements).
fn nested_headings(blocks: &[Block], f: &mut dyn FnMut(&str)) {
    for block in blocks {
        match block {
            Block::Heading { content, .. } => f(&heading_text(content)),
            Block::List { items, .. } => {
                for item in items {
                    nested_headings(&item.blocks, f);
                }
            }
            Block::Quote { blocks }
            | Block::Footnote { blocks, .. }
            | Block::Element {
                children: blocks, ..
            } => nested_headings(blocks, f),
            Block::Paragraph { .. }
            | Block::Plain { .. }
            | Block::Code { .. }
            | Block::Table { .. }
            | Block::Rule
            | Block::Comment { .. } => {}
        }
    }
}

/// A heading's text as GitHub reads it (the text of its HTML): markup dropped, code and
/// link text kept, images (which have no text) dropped.
fn heading_text(inlines: &[Inline]) -> String {
    fn push(inlines: &[Inline], out: &mut String) {
        for inline in inlines {
            match inline {
                Inline::Text { text } => out.push_str(text),
                Inline::Code { code } => out.push_str(code),
                Inline::Math { latex, .. } => out.push_str(latex),
                Inline::Emphasis { content }
                | Inline::Strong { content }
                | Inline::Strike { content }
                | Inline::Link { content, .. }
                | Inline::Cloze { content, .. } => push(content, out),
                Inline::SoftBreak | Inline::HardBreak => out.push(' '),
                Inline::Element {
                    tag: Tag::Img | Tag::Br,
                    ..
                } => {}
                Inline::Element { content, .. } => push(content, out),
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
            Block::Paragraph { content }
            | Block::Heading { content, .. }
            | Block::Plain { content } => {
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
            Block::Quote { blocks }
            | Block::Footnote { blocks, .. }
            | Block::Element {
                children: blocks, ..
            } => {
                find_blocks(blocks, line, uses);
            }
            Block::Code { .. } | Block::Rule | Block::Comment { .. } => {}
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
            | Inline::Strike { content }
            | Inline::Element { content, .. }
            | Inline::Cloze { content, .. } => find_inlines(content, line, uses),
            Inline::Text { .. }
            | Inline::Code { .. }
            | Inline::Math { .. }
            | Inline::Image { .. }
            | Inline::SoftBreak
            | Inline::HardBreak
            | Inline::FootnoteRef { .. } => {}
        }
    }
}

#[cfg(test)]
#[path = "links_tests.rs"]
mod tests;
