//! What a guide is made of above and beside its cards: the groups the cards are filed under,
//! the conventions a guide writes its questions in ([`Convention`]), and what the convention
//! detector decided for a guide ([`Detection`]), as `check` and `inspect` report it.

use super::{Block, Inline, Span, TopicNumber};
use serde::Serialize;
use std::fmt::Write as _;

/// How a guide writes its questions: the closed set of conventions the detector knows. Each
/// has its own module in `parse::convention`; `--cards NAME` and front matter
/// (`deckbook: {cards: NAME}`) force one by its [`Convention::name`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Convention {
    /// Headings at one level are the questions (`## 12. Title`, or the most common level).
    #[default]
    Headings,
    /// Numbered headings at several levels (`### 2.1 Lint` > `#### 2.1.1 Definition`): the
    /// numbered headings that are self-contained are the questions, numbered parents group
    /// them.
    Numbered,
    /// Whole-line bold paragraphs are the questions (`**What is a closure?** 🟢`).
    Bold,
    /// `Q:` / `A:` pairs (also `**Q:**`, `Question:` / `Answer:`).
    Qa,
    /// Headings inside list items (`1. ### What is React?`), answered by the item.
    ListHeadings,
    /// Labelled list items: a numbered rule (`- [2.1](#…) Use const …`) or a bold term
    /// (`- [ ] **Doctype:** …`), answered by the item and what follows it.
    ListItems,
}

impl Convention {
    /// Every convention, in the order the detector prefers them on equal evidence.
    pub const ALL: [Convention; 6] = [
        Convention::Headings,
        Convention::Numbered,
        Convention::ListHeadings,
        Convention::Qa,
        Convention::Bold,
        Convention::ListItems,
    ];

    /// The name `--cards` and front matter use: `headings`, `numbered`, `bold`, `qa`,
    /// `list-headings`, `list-items`.
    pub fn name(self) -> &'static str {
        match self {
            Convention::Headings => "headings",
            Convention::Numbered => "numbered",
            Convention::Bold => "bold",
            Convention::Qa => "qa",
            Convention::ListHeadings => "list-headings",
            Convention::ListItems => "list-items",
        }
    }

    /// The convention named `name` (see [`Convention::name`]).
    pub fn from_name(name: &str) -> Option<Convention> {
        Convention::ALL
            .into_iter()
            .find(|c| c.name() == name.trim().to_ascii_lowercase())
    }

    /// How `check` describes questions written this way: "as bold paragraphs".
    pub fn described(self) -> &'static str {
        match self {
            Convention::Headings => "as headings",
            Convention::Numbered => "as numbered headings at several levels",
            Convention::Bold => "as bold paragraphs",
            Convention::Qa => "as Q/A pairs",
            Convention::ListHeadings => "as headings in list items",
            Convention::ListItems => "as labelled list items",
        }
    }

    /// Whether the questions of this convention are Markdown headings (GitHub gives each an
    /// anchor).
    pub fn is_heading(self) -> bool {
        matches!(
            self,
            Convention::Headings | Convention::Numbered | Convention::ListHeadings
        )
    }
}

/// A group of cards: a heading above the questions (`## Strings` over `### …` questions, a
/// bold `## **Functions**`, `## Section: Strings`, a numbered parent `## 7.` over `### 7.1.`).
/// Its cards carry a `group::` tag, go to a sub-deck and make a part of the book.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Group {
    /// Stable id: the slug of [`Group::name`] (`-2`… when repeated).
    pub id: String,
    /// The heading's number as written (`7`, `7.4`), if it has one.
    pub number: Option<TopicNumber>,
    /// The title as written, number removed.
    pub title: Vec<Inline>,
    /// The plain name the tag and the sub-deck are made from: the title's text without a
    /// `Section:`/`Part:`/`Chapter:` label.
    pub name: String,
    /// The Markdown heading level as written.
    pub level: u8,
    /// Source lines from the heading to the group's last line.
    pub span: Span,
    /// Blocks between the heading and the group's first card or sub-group.
    pub intro: Vec<Block>,
    /// The enclosing group, for a group nested in another (index into `Guide::groups`).
    pub parent: Option<usize>,
}

/// Where the convention of a guide came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConventionSource {
    /// Chosen by the detector from the evidence in the guide.
    #[default]
    Detected,
    /// Forced by `--cards` or `--topic-level`.
    Option,
    /// Forced by the front matter (`deckbook: {cards: …}`).
    FrontMatter,
}

/// What the convention detector decided for a guide, for `check` and `inspect`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Detection {
    /// Where the choice came from.
    pub source: ConventionSource,
    /// The guide's main convention (the one most of its questions are written in).
    pub convention: Convention,
    /// The heading level of the questions, for heading conventions.
    pub level: Option<u8>,
    /// How many questions each convention gave, main convention first.
    pub counts: Vec<(Convention, usize)>,
    /// Number of groups.
    pub groups: usize,
}

impl Detection {
    /// One line: `166 questions as bold paragraphs in 12 groups`, or for several
    /// conventions `120 questions as headings (level 3) and 12 as bold paragraphs, in 11
    /// groups`, with ` (--cards)` or ` (front matter)` when the convention was forced.
    pub fn describe(&self) -> String {
        let mut out = String::new();
        let counts: Vec<&(Convention, usize)> = self.counts.iter().filter(|c| c.1 > 0).collect();
        if counts.is_empty() {
            out.push_str("no questions");
        }
        for (i, (convention, n)) in counts.iter().enumerate() {
            match i {
                0 => {}
                _ if i + 1 == counts.len() => out.push_str(" and "),
                _ => out.push_str(", "),
            }
            let noun = match (i, *n) {
                (0, 1) => " question",
                (0, _) => " questions",
                _ => "",
            };
            let _ = write!(out, "{n}{noun} {}", convention.described());
            if *convention == self.convention
                && let Some(level) = self.level
            {
                let _ = write!(out, " (level {level})");
            }
        }
        if self.groups > 0 {
            let sep = if counts.len() > 1 { ", in" } else { " in" };
            let s = if self.groups == 1 { "" } else { "s" };
            let _ = write!(out, "{sep} {} group{s}", self.groups);
        }
        match self.source {
            ConventionSource::Detected => {}
            ConventionSource::Option => out.push_str(" (chosen by option)"),
            ConventionSource::FrontMatter => out.push_str(" (chosen by front matter)"),
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for c in Convention::ALL {
            assert_eq!(Convention::from_name(c.name()), Some(c));
        }
        assert_eq!(Convention::from_name(" Bold "), Some(Convention::Bold));
        assert_eq!(Convention::from_name("topics"), None);
    }

    #[test]
    fn the_detection_is_one_line() {
        let mut d = Detection {
            convention: Convention::Bold,
            counts: vec![(Convention::Bold, 166)],
            groups: 12,
            ..Detection::default()
        };
        assert_eq!(
            d.describe(),
            "166 questions as bold paragraphs in 12 groups"
        );
        d.counts = vec![
            (Convention::Headings, 120),
            (Convention::Bold, 12),
            (Convention::Qa, 3),
        ];
        d.convention = Convention::Headings;
        d.level = Some(3);
        d.groups = 1;
        d.source = ConventionSource::Option;
        assert_eq!(
            d.describe(),
            "120 questions as headings (level 3), 12 as bold paragraphs and 3 as Q/A pairs, in 1 group (chosen by option)"
        );
        assert_eq!(Detection::default().describe(), "no questions");
    }
}
