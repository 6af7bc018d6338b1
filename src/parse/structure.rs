//! Guide structure: top-level items → title, preface, groups, topics and nested sections,
//! with stable ids. The title is found here; the convention detector
//! ([`super::convention`]) cuts the rest into groups and questions.
//!
//! The title: the first unnumbered level-1 heading before any topic-level heading, as
//! always; in a guide without one, a first heading that opens the text (nothing but raw
//! HTML, images or rules before it), is unnumbered, is at the shallowest level of the guide
//! and either is the only heading at that level or has nothing under it before the next
//! heading (a page title such as `## Redux FAQ: Code Structure`) — unless a raw HTML `<h1>`
//! before the first heading (`<h1 align="center">Guide</h1>`) names the guide.

use super::convention::{self, Context, Node, Outline, Unit};
use super::lines::{LazyLines, topic_number};
use super::markdown::{Item, LineIndex, Located};
use crate::diagnostic::Diagnostic;
use crate::model::{Block, Convention, Group, Inline, Section, Tag, Topic, plain_text, slugify};
use std::collections::BTreeMap;

/// The structure found: title (if a heading gave one) and the detector's outline.
pub struct Structure {
    /// Plain text of the title heading, if the guide has one.
    pub title: Option<String>,
    /// Groups, topics, preface and back matter.
    pub outline: Outline,
}

/// How the structure is found.
#[derive(Debug, Clone, Copy)]
pub struct StructureOptions<'a> {
    /// `--topic-level`.
    pub forced_level: Option<u8>,
    /// `--cards NAME` or the front matter's convention.
    pub convention: Option<Convention>,
    /// `--keep-all`.
    pub keep_all: bool,
    /// The source's lines, to read list markers as written.
    pub source: &'a LazyLines<'a>,
}

/// Builds the structure from `items`.
pub fn build(
    items: Vec<Located>,
    lines: &LineIndex,
    options: &StructureOptions<'_>,
    path: &str,
    diags: &mut Vec<Diagnostic>,
) -> Structure {
    let units: Vec<Unit> = items
        .into_iter()
        .map(|located| {
            let line = lines.line_of(located.start);
            let end_line = lines.line_of(located.end.saturating_sub(1)).max(line);
            let node = match located.item {
                Item::Heading { level, content } => Node::Heading { level, content },
                Item::Block(block) => Node::Block(block),
            };
            Unit {
                node,
                line,
                end_line,
            }
        })
        .collect();
    let mut units = super::mdx::rewrite(units, path, diags);
    let title_index = title_index(&units, options.forced_level);
    let level_one = title_index.is_some_and(|i| units[i].heading().is_some_and(|(l, _)| l == 1));
    let html = if level_one {
        None
    } else {
        html_title(&mut units)
    };
    let title = html.or_else(|| {
        title_index.map(|i| {
            let unit = units.remove(i);
            match unit.node {
                Node::Heading { content, .. } => plain_text(&content).trim().to_string(),
                Node::Block(_) => String::new(),
            }
        })
    });
    let ctx = Context {
        path,
        source: options.source,
        forced_level: options.forced_level,
        keep_all: options.keep_all,
    };
    let mut outline = convention::detect(units, options.convention, &ctx, diags);
    assign_ids(&mut outline.topics);
    assign_group_ids(&mut outline.groups);
    assign_section_ids("back", &mut outline.back_matter);
    Structure { title, outline }
}

/// The text of a raw HTML `<h1>` before the guide's first heading (`<h1 align="center">…`,
/// alone or in a `<div>`/`<p>` with logos), taken out of its block: the title of a guide
/// that has no Markdown level-1 heading.
fn html_title(units: &mut Vec<Unit>) -> Option<String> {
    let end = units
        .iter()
        .position(|u| u.heading().is_some())
        .unwrap_or(units.len());
    for i in 0..end {
        let Node::Block(block) = &mut units[i].node else {
            continue;
        };
        if let Some(title) = h1_text(block) {
            units.remove(i);
            return Some(title);
        }
        if let Block::Element { children, .. } = block
            && let Some(title) = take_h1(children)
        {
            return Some(title);
        }
    }
    None
}

/// The text of `block` if it is an `<h1>` with text.
fn h1_text(block: &Block) -> Option<String> {
    let Block::Element {
        tag: Tag::H1,
        children,
        ..
    } = block
    else {
        return None;
    };
    let text: Vec<String> = children
        .iter()
        .filter_map(|b| match b {
            Block::Plain { content } | Block::Paragraph { content } => Some(plain_text(content)),
            _ => None,
        })
        .collect();
    let text = text
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    (!text.is_empty()).then_some(text)
}

/// The text of the first `<h1>` among `blocks` (at any depth of elements), removed.
fn take_h1(blocks: &mut Vec<Block>) -> Option<String> {
    for k in 0..blocks.len() {
        if let Some(title) = h1_text(&blocks[k]) {
            blocks.remove(k);
            return Some(title);
        }
        if let Block::Element { children, .. } = &mut blocks[k]
            && let Some(title) = take_h1(children)
        {
            return Some(title);
        }
    }
    None
}

/// The title heading's index among `units`, if the guide has one (see the module docs).
fn title_index(units: &[Unit], forced_level: Option<u8>) -> Option<usize> {
    let headings: Vec<(usize, u8, bool)> = units
        .iter()
        .enumerate()
        .filter_map(|(i, u)| {
            u.heading()
                .map(|(level, content)| (i, level, topic_number(&plain_text(content)).is_some()))
        })
        .collect();
    let mut numbered: BTreeMap<u8, usize> = BTreeMap::new();
    for (_, level, _) in headings.iter().filter(|h| h.2) {
        *numbered.entry(*level).or_default() += 1;
    }
    let numbered_level = convention::most_common(&numbered);
    let first = headings.first()?;
    // The first unnumbered level-1 heading before any topic-level heading.
    if let Some(h) = headings
        .iter()
        .take_while(|h| numbered_level.is_none_or(|l| h.1 != l || !h.2))
        .find(|h| h.1 == 1 && !h.2)
        .filter(|h| numbered_level.is_some() || h.0 == first.0)
    {
        // "Introduction" opens a guide's text; it is not its title.
        let intro = units[h.0]
            .heading()
            .is_some_and(|(_, c)| convention::is_introduction(&plain_text(c)));
        return (!intro).then_some(h.0);
    }
    if forced_level.is_some() || headings.iter().any(|h| h.1 == 1) {
        return None;
    }
    // A page title: the first heading, opening the text, unnumbered, at the shallowest level.
    let (at, level, is_numbered) = *first;
    let opens = units[..at].iter().all(|u| match u.block() {
        Some(Block::Element { .. } | Block::Plain { .. } | Block::Comment { .. } | Block::Rule) => true,
        Some(Block::Paragraph { content }) => content
            .iter()
            .all(|i| matches!(i, Inline::Image { .. } | Inline::Element { .. } | Inline::SoftBreak | Inline::HardBreak) || matches!(i, Inline::Link { content, .. } if content.iter().all(|c| matches!(c, Inline::Image { .. })))
                || matches!(i, Inline::Text { text } if text.trim().is_empty())),
        _ => false,
    });
    let shallowest = headings.iter().all(|h| h.1 >= level);
    let alone = headings.iter().filter(|h| h.1 == level).count() == 1;
    let empty_body = units.get(at + 1).is_some_and(|u| u.heading().is_some());
    (opens && !is_numbered && shallowest && (alone || empty_body)).then_some(at)
}

/// Gives every topic and section its stable id (slug path, `-2`… for repeats).
fn assign_ids(topics: &mut [Topic]) {
    let mut seen = BTreeMap::new();
    for topic in topics.iter_mut() {
        topic.id = unique(&mut seen, slug_or(&topic.title, "topic"));
        assign_section_ids(&topic.id, &mut topic.sections);
    }
}

fn assign_group_ids(groups: &mut [Group]) {
    let mut seen = BTreeMap::new();
    for group in groups.iter_mut() {
        let slug = Some(slugify(&group.name))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "group".to_string());
        group.id = unique(&mut seen, slug);
    }
}

fn assign_section_ids(parent: &str, sections: &mut [Section]) {
    let mut seen = BTreeMap::new();
    for section in sections.iter_mut() {
        section.id = format!(
            "{parent}.{}",
            unique(&mut seen, slug_or(&section.title, "section"))
        );
        let id = section.id.clone();
        assign_section_ids(&id, &mut section.sections);
    }
}

fn slug_or(title: &[Inline], fallback: &str) -> String {
    let slug = slugify(&plain_text(title));
    if slug.is_empty() {
        fallback.to_string()
    } else {
        slug
    }
}

fn unique(seen: &mut BTreeMap<String, usize>, slug: String) -> String {
    let count = seen.entry(slug.clone()).or_insert(0);
    *count += 1;
    if *count == 1 {
        slug
    } else {
        let mut n = *count;
        loop {
            let candidate = format!("{slug}-{n}");
            if !seen.contains_key(&candidate) {
                seen.insert(candidate.clone(), 1);
                return candidate;
            }
            n += 1;
        }
    }
}
