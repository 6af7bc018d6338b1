//! The parser: bytes → repaired text → Markdown blocks → guide structure, with diagnostics.
//! Parsing never fails on text: every flaw is repaired or reported. Only input that is not
//! text at all (NUL bytes) is an error.

mod anchors;
mod comment;
mod decode;
mod fence;
mod frontmatter;
mod html;
mod html_block;
mod lines;
mod markdown;
mod mojibake;
mod reversed;
mod spans;
mod structure;

pub(crate) use fence::TopicPattern;
pub(crate) use markdown::MAX_DEPTH;

use crate::diagnostic::{Diagnostic, DiagnosticCode, Severity};
use crate::model::{Guide, Inline, Meta, Source, Span, TitleSource, Topic, slugify};
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
    let pattern = {
        let lines: Vec<&str> = text.split('\n').collect();
        TopicPattern::detect(&lines, options.topic_level)
    };
    let mut recovered = fence::recover(&text, pattern, path, &mut diags);
    drop(text);
    repairs.fences = recovered.closed;
    let (closed_comments, comments) =
        comment::recover(&recovered.text, &recovered.line_map, path, &mut diags);
    repairs.comments = comments;
    if let Some(closed_comments) = closed_comments {
        recovered.text = closed_comments;
    }
    if let Some(ended) = html_block::agree_on_ends(&recovered.text) {
        recovered.text = ended;
    }
    let index = markdown::LineIndex::new(&recovered.text, recovered.line_map);
    let walk = markdown::walk(&recovered.text, &index);
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
    let st = structure::build(walk.items, &index, options.topic_level, path, &mut diags);
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
    let mut preface = st.preface;
    let mut topics = st.topics;
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
                intro: std::mem::take(&mut preface),
                sections: Vec::new(),
                reversed: false,
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
            d.severity == Severity::Warning,
        )
    });
    let meta = Meta {
        title: front.title,
        author: front.author.unwrap_or_default(),
        language: front.language.unwrap_or_else(|| "en".to_string()),
        description: front.description.unwrap_or_default(),
        reversed: front.reversed,
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
        topics,
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

/// The blocks `markdown` parses into, as the intro of a topic (for tests elsewhere).
#[cfg(test)]
pub(crate) fn parsed_blocks(markdown: &str) -> Vec<crate::model::Block> {
    let text = format!("## 1. T\n\n{markdown}\n");
    let parsed = parse(text.as_bytes(), "t.md", 0, &ParseOptions::default()).expect("parses");
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
    let parsed = parse(text.as_bytes(), "t.md", 0, &ParseOptions::default()).expect("parses");
    parsed
        .guide
        .topics
        .into_iter()
        .next()
        .map(|t| t.title)
        .unwrap_or_default()
}
