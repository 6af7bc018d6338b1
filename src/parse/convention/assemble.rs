//! Pieces → the outline: groups nested by heading level, topics filed under the innermost
//! open group, each topic's answer (the blocks after its question) and its sections nested by
//! heading level, and the preface (everything before the first question). Warns about
//! headings at or above a question's own heading level (`stray-heading`), skipped heading
//! levels and repeated question numbers, as deckbook always has.

use super::{ItemStart, Outline, Piece};
use crate::diagnostic::{Diagnostic, DiagnosticCode};
use crate::model::{
    Block, Group, Inline, Section, Span, Topic, TopicNumber, plain_text, unfold_answers,
};
use std::collections::BTreeMap;

/// Assembles `pieces` into an outline.
pub fn assemble(pieces: Vec<Piece>, path: &str, diags: &mut Vec<Diagnostic>) -> Outline {
    let mut b = Builder {
        path,
        diags,
        outline: Outline::default(),
        open_groups: Vec::new(),
        stack: Vec::new(),
        item_level: None,
        in_item: false,
        numbers: BTreeMap::new(),
    };
    for piece in pieces {
        let end_line = match piece {
            Piece::Item(item) => {
                let end = item.end_line;
                b.open_item(item);
                end
            }
            Piece::Group {
                level,
                number,
                content,
                line,
            } => {
                b.open_group(level, number, content, line);
                line
            }
            Piece::Heading {
                level,
                content,
                line,
            } => {
                if b.in_item {
                    b.open_section(level, content, line);
                } else {
                    b.push_block(Block::Heading { level, content });
                }
                line
            }
            Piece::Block {
                block, end_line, ..
            } => {
                b.push_block(block);
                end_line
            }
        };
        b.extend(end_line);
    }
    b.close_sections(0);
    b.outline
}

struct Builder<'a> {
    path: &'a str,
    diags: &'a mut Vec<Diagnostic>,
    outline: Outline,
    /// Indices of the open groups, outermost first.
    open_groups: Vec<usize>,
    /// Open sections with their effective nesting level.
    stack: Vec<(u8, Section)>,
    /// The heading level of the open topic's question, if it is a heading.
    item_level: Option<u8>,
    /// Whether content goes to the last topic (else to the open group's intro or the
    /// preface).
    in_item: bool,
    /// First line of each question number seen.
    numbers: BTreeMap<String, u32>,
}

impl Builder<'_> {
    fn open_group(&mut self, level: u8, number: Option<String>, content: Vec<Inline>, line: u32) {
        self.close_sections(0);
        self.in_item = false;
        while self
            .open_groups
            .last()
            .is_some_and(|&g| self.outline.groups[g].level >= level)
        {
            self.open_groups.pop();
        }
        let name = group_name(&content);
        self.outline.groups.push(Group {
            id: String::new(),
            number: number.map(TopicNumber),
            title: content,
            name,
            level,
            span: Span {
                line,
                end_line: line,
            },
            intro: Vec::new(),
            parent: self.open_groups.last().copied(),
        });
        self.open_groups.push(self.outline.groups.len() - 1);
    }

    fn open_item(&mut self, item: ItemStart) {
        self.close_sections(0);
        let ItemStart {
            kind,
            number,
            prefix,
            title,
            answer,
            level,
            line,
            ..
        } = item;
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
        self.outline.topics.push(Topic {
            id: String::new(),
            number: number.map(TopicNumber),
            prefix,
            title,
            prompt: Vec::new(),
            span: Span {
                line,
                end_line: line,
            },
            intro: unfold_answers(answer),
            sections: Vec::new(),
            group: self.open_groups.last().copied(),
            kind,
            reversed: false,
            file: None,
        });
        self.item_level = level;
        self.in_item = true;
    }

    fn open_section(&mut self, written: u8, title: Vec<Inline>, line: u32) {
        let effective = match self.item_level {
            Some(level) if written <= level => {
                let topic = self
                    .outline
                    .topics
                    .last()
                    .map(topic_label)
                    .unwrap_or_default();
                let what = if written == level {
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
                level + 1
            }
            _ => written,
        };
        self.close_sections(effective);
        let parent = self
            .stack
            .last()
            .map(|(l, _)| *l)
            .or(self.item_level)
            .unwrap_or(effective.saturating_sub(1));
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
                    if let Some(topic) = self.outline.topics.last_mut() {
                        topic.sections.push(section);
                    }
                }
            }
        }
    }

    fn push_block(&mut self, block: Block) {
        if (self.in_item || !self.stack.is_empty()) && block.is_answer_details() {
            // A card's back is the answer: an answer `<details>` there is unfolded.
            for block in unfold_answers(vec![block]) {
                self.push_block(block);
            }
            return;
        }
        if let Some((_, section)) = self.stack.last_mut() {
            section.blocks.push(block);
        } else if self.in_item
            && let Some(topic) = self.outline.topics.last_mut()
        {
            topic.intro.push(block);
        } else if let Some(&g) = self.open_groups.last() {
            self.outline.groups[g].intro.push(block);
        } else {
            self.outline.preface.push(block);
        }
    }

    fn extend(&mut self, end_line: u32) {
        if self.in_item
            && let Some(topic) = self.outline.topics.last_mut()
        {
            topic.span.end_line = topic.span.end_line.max(end_line);
        }
        for (_, section) in &mut self.stack {
            section.span.end_line = section.span.end_line.max(end_line);
        }
        for &g in &self.open_groups {
            let span = &mut self.outline.groups[g].span;
            span.end_line = span.end_line.max(end_line);
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

/// The plain name of a group heading: its text without a `Section:`, `Part 2:` or
/// `Chapter 3.` label, white space folded.
pub fn group_name(content: &[Inline]) -> String {
    let text = plain_text(content);
    let folded: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for label in ["section", "part", "chapter", "module", "unit"] {
        let lower = folded.to_lowercase();
        let Some(rest) = lower.strip_prefix(label) else {
            continue;
        };
        let rest_at = folded.len() - rest.len();
        let after = folded[rest_at..]
            .trim_start()
            .trim_start_matches(|c: char| c.is_ascii_digit());
        if let Some(name) = after.strip_prefix([':', '.', '-', '—']) {
            let name = name.trim();
            if !name.is_empty() {
                return name.to_string();
            }
        }
    }
    folded
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Vec<Inline> {
        vec![Inline::Text { text: s.into() }]
    }

    #[test]
    fn group_names_drop_their_label() {
        assert_eq!(group_name(&t("Section: Strings")), "Strings");
        assert_eq!(
            group_name(&t("Part 2: Advanced  topics")),
            "Advanced topics"
        );
        assert_eq!(group_name(&t("Sections of a file")), "Sections of a file");
        assert_eq!(
            group_name(&[Inline::Strong {
                content: t("Functions")
            }]),
            "Functions"
        );
    }
}
