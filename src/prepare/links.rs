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
use crate::model::{AttrName, Block, Content, Guide, Inline, Section, Tag, TitleSource, attr};
use crate::render::anchor;
use crate::render::html::{BACK_MATTER_FILE, chapter_file, part_file};
use std::collections::{BTreeMap, BTreeSet};

/// Where an in-guide link leads in the book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The page.
    pub page: Page,
    /// The anchor in that page (an `id` the renderer writes).
    pub anchor: String,
}

/// A page of the book a link can lead to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// The chapter of the topic with this index.
    Chapter(usize),
    /// The part page of the group with this index.
    Part(usize),
    /// The back matter.
    BackMatter,
}

impl Page {
    /// The page's file name in the book.
    pub fn file(self) -> String {
        match self {
            Page::Chapter(i) => chapter_file(i),
            Page::Part(g) => part_file(g),
            Page::BackMatter => BACK_MATTER_FILE.to_string(),
        }
    }
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
        // The file each use is in: the guide's, or a part's (a folder guide).
        let mut files: Vec<&str> = Vec::new();
        guide.walk_content_in_files(&mut |content, line, file| {
            match content {
                Content::Title(title) => find_inlines(title, line, &mut uses),
                Content::Blocks(blocks) => find_blocks(blocks, line, &mut uses),
            }
            files.resize(uses.len(), file);
        });
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
    let mut add = |page: Page, id: &str| {
        let anchor = anchor(id);
        targets
            .entry(anchor.clone())
            .or_insert(Target { page, anchor });
    };
    for (chapter, topic) in guide.topics.iter().enumerate() {
        add(Page::Chapter(chapter), &topic.id);
        for section in &topic.sections {
            section.walk(&mut |s| add(Page::Chapter(chapter), &s.id));
        }
    }
    for (g, group) in guide.groups.iter().enumerate() {
        add(Page::Part(g), &group.id);
    }
    for section in &guide.back_matter {
        section.walk(&mut |s| add(Page::BackMatter, &s.id));
    }
    // The anchors raw HTML sets (`<a name="rule-2.1">`), by the name links use.
    let mut raw = |page: Page, fragment: &str, id: &str| {
        targets.entry(fragment.to_string()).or_insert(Target {
            page,
            anchor: id.to_string(),
        });
    };
    for (chapter, topic) in guide.topics.iter().enumerate() {
        let mut add = |fragment: &str, id: &str| raw(Page::Chapter(chapter), fragment, id);
        raw_anchors_in_inlines(&topic.title, &mut add);
        raw_anchors(&topic.prompt, &mut add);
        raw_anchors(&topic.intro, &mut add);
        for section in &topic.sections {
            section.walk(&mut |s| {
                raw_anchors_in_inlines(&s.title, &mut add);
                raw_anchors(&s.blocks, &mut add);
            });
        }
    }
    for (g, group) in guide.groups.iter().enumerate() {
        let mut add = |fragment: &str, id: &str| raw(Page::Part(g), fragment, id);
        raw_anchors_in_inlines(&group.title, &mut add);
        raw_anchors(&group.intro, &mut add);
    }
    for section in &guide.back_matter {
        section.walk(&mut |s| {
            let mut add = |fragment: &str, id: &str| raw(Page::BackMatter, fragment, id);
            raw_anchors_in_inlines(&s.title, &mut add);
            raw_anchors(&s.blocks, &mut add);
        });
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
    let in_page = |page: Page| {
        move |id: &str| {
            Some(Target {
                page,
                anchor: anchor(id),
            })
        }
    };
    let mut groups = guide.groups.iter().enumerate().peekable();
    let group_heading = |g: usize, github: &mut dyn FnMut(&str, Option<Target>)| {
        let group = &guide.groups[g];
        let number = group
            .number
            .as_ref()
            .map(|n| format!("{n}. "))
            .unwrap_or_default();
        let here = in_page(Page::Part(g));
        github(
            &format!("{number}{}", heading_text(&group.title)),
            here(&group.id),
        );
        nested_headings(&group.intro, &mut |text| github(text, here(&group.id)));
    };
    for (chapter, topic) in guide.topics.iter().enumerate() {
        while let Some((g, _)) = groups.next_if(|(_, g)| g.span.line <= topic.span.line) {
            group_heading(g, &mut github);
        }
        let here = in_page(Page::Chapter(chapter));
        if topic.kind.is_heading() {
            github(
                &format!("{}{}", topic.prefix, heading_text(&topic.title)),
                here(&topic.id),
            );
        }
        nested_headings(&topic.prompt, &mut |text| github(text, here(&topic.id)));
        nested_headings(&topic.intro, &mut |text| github(text, here(&topic.id)));
        for section in &topic.sections {
            github_section(section, &here, &mut github);
        }
    }
    for (g, _) in groups {
        group_heading(g, &mut github);
    }
    for section in &guide.back_matter {
        github_section(section, &in_page(Page::BackMatter), &mut github);
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
