//! Guide structure: top-level items → title, preface, topics and nested sections, with
//! stable ids, and warnings for stray or skipped heading levels and repeated topic numbers.

use super::lines::topic_number;
use super::markdown::{Item, LineIndex, Located};
use crate::diagnostic::{Diagnostic, DiagnosticCode};
use crate::model::{Block, Inline, Section, Span, Topic, TopicNumber, plain_text, slugify};
use std::collections::BTreeMap;

/// The structure found: title (if a heading gave one), preface and topics.
pub struct Structure {
    /// Plain text of the title heading, if the guide has one.
    pub title: Option<String>,
    /// Blocks before the first topic.
    pub preface: Vec<Block>,
    /// The topics.
    pub topics: Vec<Topic>,
}

struct Heading {
    index: usize,
    level: u8,
    number: Option<String>,
}

/// Builds the structure from `items`. `forced_level` is `--topic-level`.
pub fn build(
    items: Vec<Located>,
    lines: &LineIndex,
    forced_level: Option<u8>,
    path: &str,
    diags: &mut Vec<Diagnostic>,
) -> Structure {
    let headings: Vec<Heading> = items
        .iter()
        .enumerate()
        .filter_map(|(index, l)| match &l.item {
            Item::Heading { level, content } => Some(Heading {
                index,
                level: *level,
                number: topic_number(&plain_text(content)).map(|(n, _)| n.to_string()),
            }),
            Item::Block(_) => None,
        })
        .collect();
    let mut numbered: BTreeMap<u8, usize> = BTreeMap::new();
    for h in headings.iter().filter(|h| h.number.is_some()) {
        *numbered.entry(h.level).or_default() += 1;
    }
    let numbered_level = most_common(&numbered);
    // The title: the first unnumbered level-1 heading before any topic-level heading.
    let title_index = headings
        .iter()
        .take_while(|h| numbered_level.is_none_or(|l| h.level != l || h.number.is_none()))
        .find(|h| h.level == 1 && h.number.is_none())
        .filter(|h| numbered_level.is_some() || h.index == headings[0].index)
        .map(|h| h.index);
    let level = forced_level.or(numbered_level).unwrap_or_else(|| {
        let mut all: BTreeMap<u8, usize> = BTreeMap::new();
        for h in headings.iter().filter(|h| Some(h.index) != title_index) {
            *all.entry(h.level).or_default() += 1;
        }
        most_common(&all).unwrap_or(2)
    });
    let by_number = forced_level.is_none() && numbered_level.is_some();
    let title = title_index.and_then(|i| match &items[i].item {
        Item::Heading { content, .. } => Some(plain_text(content).trim().to_string()),
        Item::Block(_) => None,
    });

    let mut b = Builder {
        level,
        lines,
        path,
        diags,
        preface: Vec::new(),
        topics: Vec::new(),
        stack: Vec::new(),
        numbers: BTreeMap::new(),
    };
    for (index, located) in items.into_iter().enumerate() {
        if Some(index) == title_index {
            continue;
        }
        let line = lines.line_of(located.start);
        let end_line = lines.line_of(located.end.saturating_sub(1)).max(line);
        match located.item {
            Item::Heading { level: hl, content } => {
                let number = topic_number(&plain_text(&content)).map(|(n, _)| n.to_string());
                let is_topic = hl == level && (!by_number || number.is_some());
                if is_topic {
                    b.open_topic(content, number, line);
                } else if b.topics.is_empty() {
                    b.preface.push(Block::Heading { level: hl, content });
                } else {
                    b.open_section(hl, content, line);
                }
            }
            Item::Block(block) => b.push_block(block),
        }
        b.extend(end_line);
    }
    b.close_sections(0);
    let Builder {
        preface,
        mut topics,
        ..
    } = b;
    assign_ids(&mut topics);
    Structure {
        title,
        preface,
        topics,
    }
}

fn most_common(m: &BTreeMap<u8, usize>) -> Option<u8> {
    m.iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(l, _)| *l)
}

struct Builder<'a> {
    level: u8,
    lines: &'a LineIndex,
    path: &'a str,
    diags: &'a mut Vec<Diagnostic>,
    preface: Vec<Block>,
    topics: Vec<Topic>,
    /// Open sections with their effective nesting level.
    stack: Vec<(u8, Section)>,
    /// First line of each topic number seen.
    numbers: BTreeMap<String, u32>,
}

impl Builder<'_> {
    fn open_topic(&mut self, content: Vec<Inline>, number: Option<String>, line: u32) {
        self.close_sections(0);
        if let Some(n) = &number {
            if let Some(first) = self.numbers.get(n) {
                self.diags.push(
                    Diagnostic::warning(
                        DiagnosticCode::DuplicateTopicNumber,
                        format!("topic number {n} is used twice"),
                    )
                    .at(self.path, line, 1)
                    .note(format!(
                        "topic {n} first appears at line {first}; both are kept, in order"
                    )),
                );
            } else {
                self.numbers.insert(n.clone(), line);
            }
        }
        let (prefix, title) = if number.is_some() {
            strip_number(content)
        } else {
            (String::new(), content)
        };
        self.topics.push(Topic {
            id: String::new(),
            number: number.map(TopicNumber),
            prefix,
            title,
            span: Span {
                line,
                end_line: line,
            },
            intro: Vec::new(),
            sections: Vec::new(),
            reversed: false,
            file: None,
        });
        let _ = self.lines;
    }

    fn open_section(&mut self, written: u8, title: Vec<Inline>, line: u32) {
        let effective = if written <= self.level {
            let topic = self.topics.last().map(topic_label).unwrap_or_default();
            let what = if written == self.level {
                "at the topic level has no number"
            } else {
                "is above the topic level"
            };
            self.diags.push(
                Diagnostic::warning(
                    DiagnosticCode::StrayHeading,
                    format!(
                        "heading `{} {}` {what}",
                        "#".repeat(written as usize),
                        plain_text(&title).trim()
                    ),
                )
                .at(self.path, line, 1)
                .note(format!("kept as a section of {topic}")),
            );
            self.level + 1
        } else {
            written
        };
        self.close_sections(effective);
        let parent = self.stack.last().map_or(self.level, |(l, _)| *l);
        if effective > parent + 1 {
            self.diags.push(
                Diagnostic::warning(
                    DiagnosticCode::SkippedHeadingLevel,
                    format!(
                        "heading level {written} follows level {parent}; level {} is skipped",
                        parent + 1
                    ),
                )
                .at(self.path, line, 1)
                .note("nested under the previous heading all the same"),
            );
        }
        self.stack.push((
            effective,
            Section {
                id: String::new(),
                title,
                level: written,
                span: Span {
                    line,
                    end_line: line,
                },
                blocks: Vec::new(),
                sections: Vec::new(),
            },
        ));
    }

    /// Closes open sections whose effective level is `>= level` (all when 0).
    fn close_sections(&mut self, level: u8) {
        while self.stack.last().is_some_and(|(l, _)| *l >= level) {
            let Some((_, section)) = self.stack.pop() else {
                break;
            };
            match self.stack.last_mut() {
                Some((_, parent)) => parent.sections.push(section),
                None => {
                    if let Some(topic) = self.topics.last_mut() {
                        topic.sections.push(section);
                    }
                }
            }
        }
    }

    fn push_block(&mut self, block: Block) {
        if let Some((_, section)) = self.stack.last_mut() {
            section.blocks.push(block);
        } else if let Some(topic) = self.topics.last_mut() {
            topic.intro.push(block);
        } else {
            self.preface.push(block);
        }
    }

    fn extend(&mut self, end_line: u32) {
        if let Some(topic) = self.topics.last_mut() {
            topic.span.end_line = topic.span.end_line.max(end_line);
        }
        for (_, section) in &mut self.stack {
            section.span.end_line = section.span.end_line.max(end_line);
        }
    }
}

fn topic_label(topic: &Topic) -> String {
    match &topic.number {
        Some(n) => format!("topic {n} (line {})", topic.span.line),
        None => format!(
            "topic `{}` (line {})",
            plain_text(&topic.title).trim(),
            topic.span.line
        ),
    }
}

/// Splits the leading `12. ` / `Q12: ` off a numbered heading's content: the prefix as
/// written, and the title after it (the content unchanged, with an empty prefix, when the
/// number is not in its first text).
fn strip_number(mut content: Vec<Inline>) -> (String, Vec<Inline>) {
    let Some(Inline::Text { text }) = content.first_mut() else {
        return (String::new(), content);
    };
    let Some((_, rest)) = topic_number(text) else {
        return (String::new(), content);
    };
    // `rest` is a trimmed sub-slice of `text`: keep from its start, trailing space included
    // (it separates the text from following inline markup).
    let at = if rest.is_empty() {
        text.len()
    } else {
        rest.as_ptr() as usize - text.as_ptr() as usize
    };
    let kept = text.split_off(at);
    let prefix = std::mem::replace(text, kept);
    if text.is_empty() {
        content.remove(0);
    }
    (prefix, content)
}

/// Gives every topic and section its stable id (slug path, `-2`… for repeats).
fn assign_ids(topics: &mut [Topic]) {
    let mut seen = BTreeMap::new();
    for topic in topics.iter_mut() {
        topic.id = unique(&mut seen, slug_or(&topic.title, "topic"));
        assign_section_ids(&topic.id, &mut topic.sections);
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
