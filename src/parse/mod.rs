//! The parser: bytes → repaired text → Markdown blocks → guide structure, with diagnostics.
//! Parsing never fails on text: every flaw is repaired or reported. Only input that is not
//! text at all (NUL bytes) is an error.

mod anchors;
mod comment;
pub(crate) mod convention;
mod decode;
mod fence;
mod frontmatter;
mod html;
mod html_block;
mod lines;
mod markdown;
mod mdx;
mod mojibake;
mod reversed;
mod spans;
mod structure;

pub(crate) use fence::TopicPattern;
pub(crate) use markdown::MAX_DEPTH;

use crate::diagnostic::{Diagnostic, DiagnosticCode};
use crate::model::{
    Convention, ConventionSource, Detection, Guide, Inline, Meta, Source, Span, TitleSource, Topic,
    slugify,
};
use std::path::Path;

/// Parser options.
#[derive(Debug, Clone)]
pub struct ParseOptions {
    /// Repair mis-encoded (double-decoded) UTF-8.
    pub repair: bool,
    /// Force the heading level that makes topics.
    pub topic_level: Option<u8>,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions {
            repair: true,
            topic_level: None,
        }
    }
}

/// How a guide's questions are found, beyond [`ParseOptions`]: the convention forced by
/// `--cards NAME` (which wins over the front matter's), and `--keep-all`.
#[derive(Debug, Clone, Default)]
pub struct CardOptions {
    /// The convention to cut cards by, instead of the detected one.
    pub convention: Option<Convention>,
    /// Keep boilerplate (tables of contents, licences, back-to-top links…) and questions
    /// without an answer as cards.
    pub keep_all: bool,
}

/// Counts of what the parser repaired.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Repairs {
    /// Mis-encoded runs restored.
    pub encoding: usize,
    /// Unclosed code fences closed.
    pub fences: usize,
    /// Control characters dropped.
    pub control_chars: usize,
    /// Unterminated HTML comments closed.
    pub comments: usize,
}

/// A parsed guide with what was found on the way.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// The model.
    pub guide: Guide,
    /// Warnings (and errors) in source order.
    pub diagnostics: Vec<Diagnostic>,
    /// The source text as decoded, before repairs (for showing diagnostic lines).
    pub source_text: String,
    /// The text the model was parsed from: repaired, fences recovered, front matter blanked.
    pub repaired_text: String,
    /// What was repaired.
    pub repairs: Repairs,
}

/// Why a guide could not be parsed at all.
#[derive(Debug, thiserror::Error)]
pub enum ParseError {
    /// The input holds NUL bytes: it is not a text file.
    #[error("{path}: not a text file (NUL byte at offset {offset})")]
    Binary {
        /// The file.
        path: String,
        /// Byte offset of the first NUL.
        offset: usize,
    },
}

/// Parses a guide from its bytes. `path` names it in diagnostics; `timestamp` stamps outputs.
pub fn parse(
    bytes: &[u8],
    path: &str,
    timestamp: i64,
    options: &ParseOptions,
) -> Result<Parsed, ParseError> {
    parse_with(bytes, path, timestamp, options, &CardOptions::default())
}

/// [`parse`] with the card options of the command line.
pub fn parse_with(
    bytes: &[u8],
    path: &str,
    timestamp: i64,
    options: &ParseOptions,
    cards: &CardOptions,
) -> Result<Parsed, ParseError> {
    let mut diags = Vec::new();
    let source_text = decode::decode(bytes, path, &mut diags)?;
    // One working copy; each pass replaces it, so at most two copies live beside the source.
    let (front, mut text) = frontmatter::split(&source_text, path, &mut diags);
    let mut repairs = Repairs::default();
    if options.repair {
        let (repaired, n) = mojibake::repair(&text, path, &mut diags);
        repairs.encoding = n;
        if let Some(repaired) = repaired {
            text = repaired;
        }
    }
    let (cleaned, n) = mojibake::drop_controls(&text, path, &mut diags);
    repairs.control_chars = n;
    if let Some(cleaned) = cleaned {
        text = cleaned;
    }
    let mut recovered = {
        let lines: Vec<&str> = lines::split(&text);
        let pattern = TopicPattern::detect(&lines, options.topic_level);
        fence::recover(&lines, pattern, path, &mut diags)
    };
    drop(text);
    repairs.fences = recovered.closed;
    let (closed_comments, comments) =
        comment::recover(&recovered.text, &recovered.line_map, path, &mut diags);
    repairs.comments = comments;
    if let Some(closed_comments) = closed_comments {
        recovered.text = closed_comments;
    }
    let starts = {
        let lines = lines::split(&recovered.text);
        match html_block::agree_on_ends_of(&recovered.text, &lines) {
            Some(ended) => {
                recovered.text = ended;
                None
            }
            None => Some(lines::starts_of(&recovered.text, &lines)),
        }
    };
    let index = match starts {
        Some(starts) => markdown::LineIndex::from_starts(starts, recovered.line_map),
        None => markdown::LineIndex::new(&recovered.text, recovered.line_map),
    };
    let mut walk = markdown::walk(&recovered.text, &index);
    anchors::attach_to_headings(&mut walk.items);
    if let Some(at) = walk.flattened_at {
        diags.push(
            Diagnostic::warning(
                DiagnosticCode::NestingTooDeep,
                format!("lists, quotes or emphasis nest deeper than {MAX_DEPTH} levels; deeper levels are flattened"),
            )
            .at(path, index.line_of(at), 1)
            .note("their text is kept, in order"),
        );
    }
    for problem in &walk.problems {
        diags.push(html_diagnostic(problem, &index, path));
    }
    let (convention, source) = match (cards.convention, front.cards) {
        (Some(c), _) => (Some(c), ConventionSource::Option),
        (None, Some(c)) => (Some(c), ConventionSource::FrontMatter),
        (None, None) if options.topic_level.is_some() => (None, ConventionSource::Option),
        (None, None) => (None, ConventionSource::Detected),
    };
    let source_lines = lines::LazyLines::new(&source_text);
    let structure_options = structure::StructureOptions {
        forced_level: options.topic_level,
        convention,
        keep_all: cards.keep_all,
        source: &source_lines,
    };
    let st = structure::build(walk.items, &index, &structure_options, path, &mut diags);
    drop(source_lines);
    let stem = Path::new(path)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "guide".to_string());
    let (title, title_source) = match (st.title.filter(|t| !t.is_empty()), &front.title) {
        (Some(heading), _) => (heading, TitleSource::Heading),
        (None, Some(front)) => (front.clone(), TitleSource::FrontMatter),
        (None, None) => (stem, TitleSource::FileName),
    };
    let slug = Some(slugify(&title))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "guide".to_string());
    let outline = st.outline;
    let mut preface = outline.preface;
    let mut topics = outline.topics;
    let whole_guide = topics.is_empty();
    if topics.is_empty() {
        if preface.is_empty() {
            diags.push(
                Diagnostic::error(
                    DiagnosticCode::EmptyGuide,
                    "the guide has no content to build from",
                )
                .at(path, 1, 1),
            );
        } else {
            diags.push(
                Diagnostic::warning(
                    DiagnosticCode::NoTopics,
                    "no headings make topics; the whole guide is one topic",
                )
                .at(path, 1, 1)
                .note("number your topic headings (`## 1. Title`) or pass --topic-level"),
            );
            let end_line = recovered.text.lines().count().max(1) as u32;
            topics.push(Topic {
                id: slug.clone(),
                number: None,
                prefix: String::new(),
                title: vec![Inline::Text {
                    text: title.clone(),
                }],
                span: Span { line: 1, end_line },
                prompt: Vec::new(),
                intro: std::mem::take(&mut preface),
                sections: Vec::new(),
                reversed: false,
                group: None,
                kind: Convention::Headings,
                file: None,
            });
        }
    }
    spans::cloze::number_blocks(&mut preface);
    for topic in &mut topics {
        spans::cloze::number(topic);
        topic.reversed = reversed::take(topic);
    }
    diags.sort_by_key(|d| {
        (
            d.location.as_ref().map_or(0, |l| l.line),
            std::cmp::Reverse(d.severity),
        )
    });
    // A guide made one topic for want of any has no level to speak of.
    let level = outline.level.filter(|_| !whole_guide);
    let detection = detection(
        source,
        outline.convention,
        level,
        &topics,
        outline.groups.len(),
    );
    let meta = Meta {
        title: front.title,
        author: front.author.unwrap_or_default(),
        language: front.language.unwrap_or_else(|| "en".to_string()),
        description: front.description.unwrap_or_default(),
        reversed: front.reversed,
        tags: front.tags,
    };
    let mut guide = Guide {
        title,
        title_source,
        slug,
        source: Source {
            path: path.to_string(),
            timestamp,
        },
        meta,
        preface,
        groups: outline.groups,
        topics,
        back_matter: outline.back_matter,
        detection,
    };
    anchors::assign(&mut guide);
    Ok(Parsed {
        guide,
        diagnostics: diags,
        source_text,
        repaired_text: recovered.text,
        repairs,
    })
}

/// What the detector decided, counted from the topics it made.
fn detection(
    source: ConventionSource,
    main: Convention,
    level: Option<u8>,
    topics: &[Topic],
    groups: usize,
) -> Detection {
    let mut counts: Vec<(Convention, usize)> = Vec::new();
    for convention in std::iter::once(main).chain(Convention::ALL) {
        let n = topics.iter().filter(|t| t.kind == convention).count();
        if (n > 0 || convention == main) && !counts.iter().any(|(c, _)| *c == convention) {
            counts.push((convention, n));
        }
    }
    let level = level.filter(|_| matches!(main, Convention::Headings));
    Detection {
        source,
        convention: main,
        level,
        counts,
        groups,
    }
}

/// The diagnostic of a problem found in raw HTML, a link or an image.
fn html_diagnostic(problem: &html::Problem, index: &markdown::LineIndex, path: &str) -> Diagnostic {
    match problem {
        html::Problem::Fallback(at) => Diagnostic::warning(
            DiagnosticCode::HtmlFallback,
            "raw HTML here hides the Markdown after it (an unclosed comment, attribute, \
             `<textarea>`, `<select>`, `<template>`, `<svg>`…)",
        )
        .at(path, index.line_of(*at), 1)
        .note("each piece of raw HTML is read on its own and the Markdown is kept"),
        html::Problem::TooDeep(at) => Diagnostic::warning(
            DiagnosticCode::HtmlTooDeep,
            format!(
                "raw HTML nests elements deeper than {} levels",
                html::MAX_HTML_DEPTH
            ),
        )
        .at(path, index.line_of(*at), 1)
        .note("only its text is kept"),
        html::Problem::ImageScheme(at, src) => Diagnostic::warning(
            DiagnosticCode::ImageUnsupported,
            format!("image `{}` uses an unsupported URL scheme", src.trim()),
        )
        .at(path, index.line_of(*at), 1)
        .note("its alt text is shown instead"),
    }
}

/// Card options that keep the blocks of a test's one heading as written: questions as
/// headings (at level 2, so it is never taken for the page's title), nothing left out.
#[cfg(test)]
const AS_WRITTEN: CardOptions = CardOptions {
    convention: Some(Convention::Headings),
    keep_all: true,
};

/// `text` parsed with its `##` headings as questions and nothing left out (for tests of
/// what the parser makes of Markdown and raw HTML rather than of conventions).
#[cfg(test)]
pub(crate) fn parse_as_written(text: &str) -> Parsed {
    let options = ParseOptions {
        topic_level: Some(2),
        ..ParseOptions::default()
    };
    parse_with(text.as_bytes(), "t.md", 0, &options, &AS_WRITTEN).expect("parses")
}

/// The blocks `markdown` parses into, as the intro of a topic (for tests elsewhere).
#[cfg(test)]
pub(crate) fn parsed_blocks(markdown: &str) -> Vec<crate::model::Block> {
    let text = format!("## 1. T\n\n{markdown}\n");
    let parsed = parse_as_written(&text);
    parsed
        .guide
        .topics
        .into_iter()
        .next()
        .map(|t| t.intro)
        .unwrap_or_default()
}

/// The inlines of a heading whose text is `markdown` (for tests elsewhere).
#[cfg(test)]
pub(crate) fn parsed_title(markdown: &str) -> Vec<Inline> {
    let text = format!("## {markdown}\n");
    let parsed = parse_as_written(&text);
    parsed
        .guide
        .topics
        .into_iter()
        .next()
        .map(|t| t.title)
        .unwrap_or_default()
}
