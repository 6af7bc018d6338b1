//! The cards of a guide: how they are cut from its topics ([`Granularity`]) and the
//! [`Card`]s [`Guide::cards`] derives, each borrowing its question, prompt and answer from the
//! model; and every block list of the guide, for the passes that look at all of them.

use super::{Block, Group, Guide, Inline, Section, Topic, collect_code, has_cloze, plain_text};
use serde::Serialize;

/// How cards are cut from topics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    /// One card per topic: question = the topic heading, answer = all its content.
    #[default]
    Topics,
    /// One card per top-level section of a topic (its sub-sections included), plus one for
    /// the topic's intro when it has one.
    Sections,
}

/// What kind of Anki note a card becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CardKind {
    /// Question → answer.
    #[default]
    Basic,
    /// Question → answer, and answer → question (the guide's or the topic's choice).
    Reversed,
    /// The answer's cloze deletions, one card per deletion number, the question as context.
    Cloze,
}

/// A question/answer card, borrowed from the guide.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Card<'g> {
    /// Stable id: the topic's id (topic cards, intro cards) or the section's id.
    pub id: &'g str,
    /// Position of the card in the guide (0-based), the order new cards are studied in.
    pub position: usize,
    /// The topic the card belongs to.
    pub topic: &'g Topic,
    /// The section a section card is about.
    pub section: Option<&'g Section>,
    /// The question.
    pub question: &'g [Inline],
    /// Blocks shown on the front after the question (the topic's prompt on a topic card).
    pub prompt: &'g [Block],
    /// `true` for a section card whose title is generic ("Pros", "Example"): its question
    /// is shown after its topic's number and title (`2.1 Lint › Pros`).
    pub qualified: bool,
    /// The answer's blocks before its sections.
    pub blocks: &'g [Block],
    /// The answer's sections (rendered with their headings).
    pub sections: &'g [Section],
    /// The source line the card starts at.
    pub line: u32,
    /// The group the card's topic is filed under.
    pub group: Option<&'g Group>,
    /// What kind of note it becomes: [`CardKind::Cloze`] when its answer holds a cloze
    /// deletion, else [`CardKind::Reversed`] when its guide or topic asks for it, else
    /// [`CardKind::Basic`].
    pub kind: CardKind,
}

impl Guide {
    /// The file `topic` was read from, as shown in diagnostics: its part's, or the guide's.
    pub fn file_of<'g>(&'g self, topic: &'g Topic) -> &'g str {
        topic.file.as_deref().unwrap_or(&self.source.path)
    }

    /// The path of the part `topic` was read from, relative to the folder guide
    /// (`answers/x.md`), for a card's `Source` field; `None` when it is the guide's own file.
    pub fn part_name_of(&self, topic: &Topic) -> Option<String> {
        let file = topic.file.as_ref()?;
        Some(
            std::path::Path::new(file)
                .strip_prefix(&self.source.path)
                .map_or_else(|_| file.clone(), |p| p.display().to_string()),
        )
    }

    /// Derives the cards of this guide, in source order.
    pub fn cards(&self, granularity: Granularity) -> Vec<Card<'_>> {
        let mut cards = Vec::new();
        for topic in &self.topics {
            let group = topic.group.and_then(|g| self.groups.get(g));
            match granularity {
                Granularity::Topics => cards.push(Card {
                    id: &topic.id,
                    position: cards.len(),
                    topic,
                    section: None,
                    question: &topic.title,
                    prompt: &topic.prompt,
                    qualified: false,
                    blocks: &topic.intro,
                    sections: &topic.sections,
                    line: topic.span.line,
                    group,
                    kind: self.card_kind(topic, &topic.intro, &topic.sections),
                }),
                Granularity::Sections => {
                    if !topic.intro.is_empty() || topic.sections.is_empty() {
                        cards.push(Card {
                            id: &topic.id,
                            position: cards.len(),
                            topic,
                            section: None,
                            question: &topic.title,
                            prompt: &topic.prompt,
                            qualified: false,
                            blocks: &topic.intro,
                            sections: &[],
                            line: topic.span.line,
                            group,
                            kind: self.card_kind(topic, &topic.intro, &[]),
                        });
                    }
                    for section in &topic.sections {
                        cards.push(Card {
                            id: &section.id,
                            position: cards.len(),
                            topic,
                            section: Some(section),
                            question: &section.title,
                            prompt: &[],
                            qualified: is_generic_title(&plain_text(&section.title)),
                            blocks: &section.blocks,
                            sections: &section.sections,
                            line: section.span.line,
                            group,
                            kind: self.card_kind(topic, &section.blocks, &section.sections),
                        });
                    }
                }
            }
        }
        cards
    }

    /// The kind of the card of `topic` whose answer is `blocks` and `sections`.
    fn card_kind(&self, topic: &Topic, blocks: &[Block], sections: &[Section]) -> CardKind {
        let mut cloze = has_cloze(blocks);
        for section in sections {
            section.walk(&mut |s| cloze |= has_cloze(&s.blocks));
        }
        if cloze {
            CardKind::Cloze
        } else if self.meta.reversed || topic.reversed {
            CardKind::Reversed
        } else {
            CardKind::Basic
        }
    }

    /// Every code block of the guide (preface, group intros, topics' prompts, intros and
    /// sections, back matter, nested lists, quotes and asides), in that order.
    pub fn code_blocks(&self) -> Vec<&Block> {
        let mut out = Vec::new();
        self.walk_blocks(&mut |blocks, _| collect_code(blocks, &mut out));
        out
    }

    /// Calls `f` on every title and every list of blocks of the guide, in reading order:
    /// the preface; the groups and topics as they come in the source (a group's title and
    /// intro; a topic's title, prompt, intro, then its sections' titles and blocks, depth
    /// first); then the back matter's sections. Each comes with the source line it starts
    /// at.
    pub fn walk_content<'g>(&'g self, f: &mut impl FnMut(Content<'g>, u32)) {
        self.walk_content_in_files(&mut |content, line, _| f(content, line));
    }

    /// [`Guide::walk_content`], with the file each piece was read from (as diagnostics name
    /// it): a topic's part ([`Guide::file_of`]) or the guide's own file.
    pub fn walk_content_in_files<'g>(&'g self, f: &mut impl FnMut(Content<'g>, u32, &'g str)) {
        let own = self.source.path.as_str();
        f(Content::Blocks(&self.preface), 1, own);
        let mut groups = self.groups.iter().peekable();
        for topic in &self.topics {
            while let Some(group) = groups.next_if(|g| g.span.line <= topic.span.line) {
                f(Content::Title(&group.title), group.span.line, own);
                f(Content::Blocks(&group.intro), group.span.line, own);
            }
            let file = self.file_of(topic);
            f(Content::Title(&topic.title), topic.span.line, file);
            f(Content::Blocks(&topic.prompt), topic.span.line, file);
            f(Content::Blocks(&topic.intro), topic.span.line, file);
            for section in &topic.sections {
                section.walk(&mut |s| {
                    f(Content::Title(&s.title), s.span.line, file);
                    f(Content::Blocks(&s.blocks), s.span.line, file);
                });
            }
        }
        for group in groups {
            f(Content::Title(&group.title), group.span.line, own);
            f(Content::Blocks(&group.intro), group.span.line, own);
        }
        for section in &self.back_matter {
            section.walk(&mut |s| {
                f(Content::Title(&s.title), s.span.line, own);
                f(Content::Blocks(&s.blocks), s.span.line, own);
            });
        }
    }

    /// Calls `f` on every list of blocks the guide holds, with the source line it starts at:
    /// the preface, each group's intro, each topic's prompt, intro and sections (depth
    /// first), then the back matter's sections. Blocks nested in lists and quotes are
    /// reached through their parent list.
    pub fn walk_blocks<'g>(&'g self, f: &mut impl FnMut(&'g [Block], u32)) {
        f(&self.preface, 1);
        for group in &self.groups {
            f(&group.intro, group.span.line);
        }
        for topic in &self.topics {
            f(&topic.prompt, topic.span.line);
            f(&topic.intro, topic.span.line);
            for section in &topic.sections {
                section.walk(&mut |s| f(&s.blocks, s.span.line));
            }
        }
        for section in &self.back_matter {
            section.walk(&mut |s| f(&s.blocks, s.span.line));
        }
    }
}

/// Sub-heading titles that only make sense under their parent ("Definition", "Pros",
/// "Example", "Answer"…): such a heading stays inside its parent's card, and a section card
/// with such a title is qualified with its topic's title. Compared without case, trailing
/// punctuation or a leading number (`2.1.1 Definition`), and in the singular.
pub fn is_generic_title(title: &str) -> bool {
    const GENERIC: &[&str] = &[
        "definition",
        "example",
        "examples",
        "answer",
        "explanation",
        "introduction",
        "overview",
        "summary",
        "corner case",
        "corner cases",
        "edge case",
        "edge cases",
        "pro",
        "pros",
        "con",
        "cons",
        "pros and cons",
        "advantage",
        "advantages",
        "disadvantage",
        "disadvantages",
        "note",
        "notes",
        "usage",
        "use case",
        "use cases",
        "solution",
        "output",
        "code",
        "syntax",
        "decision",
        "reason",
        "reasons",
        "why",
        "details",
        "description",
        "background",
        "tip",
        "tips",
        "caveat",
        "caveats",
        "references",
        "see also",
    ];
    let trimmed = title.trim();
    let without_number = trimmed
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.')
        .trim_start();
    let words = without_number
        .trim_end_matches(|c: char| c.is_ascii_punctuation() || c.is_whitespace())
        .to_lowercase();
    GENERIC.contains(&words.as_str())
}

/// A piece of a guide's content, as [`Guide::walk_content`] gives it.
#[derive(Debug, Clone, Copy)]
pub enum Content<'g> {
    /// A title (of a group, topic or section).
    Title(&'g [Inline]),
    /// A list of blocks.
    Blocks(&'g [Block]),
}
