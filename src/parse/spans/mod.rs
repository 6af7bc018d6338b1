//! Inline spans pulldown-cmark does not know, found in its event stream with the source
//! offsets of each event: math it gets wrong or misses, and cloze deletions.
//!
//! pulldown-cmark's events go through [`events`] on their way to the Markdown walk. Each run
//! of inline events (the content of one paragraph, heading, table cell or tight list item) is
//! collected, rewritten, and handed on:
//!
//! - [`math`]: `$…$` whose closing `$` is followed by a digit is text (pandoc's rule:
//!   `$5-$10`, `US$5 and US$10`); `\(…\)` becomes inline math and a line `\[…\]` display
//!   math, which CommonMark would read as escaped brackets.
//! - [`cloze`]: `{{c1::…}}`, `{{c1::…::hint}}` and the shorthand `==…==` become
//!   [`Piece::ClozeStart`] … [`Piece::ClozeEnd`] around their content (not in headings).
//!
//! A delimiter counts only where the source has it as written: one escaped with a backslash
//! (`\==`, `\{{c1::`) or written as an entity (`&#123;`) is text. Everything else passes
//! through untouched, so a guide without these spans parses exactly as before.

pub mod cloze;
pub mod math;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// What the Markdown walk receives: pulldown-cmark's events, and the cloze deletions found
/// among them.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece<'a> {
    /// An event of pulldown-cmark (math rewritten as described in [`math`]).
    Event(Event<'a>),
    /// A cloze deletion starts; its content follows, up to the matching [`Piece::ClozeEnd`]
    /// (the two are always in the same inline element).
    ClozeStart {
        /// Its number as written (`{{c3::`), or 0 for the shorthand `==…==`, numbered later.
        number: u32,
    },
    /// The innermost open cloze deletion ends.
    ClozeEnd {
        /// Its hint (`{{c1::…::hint}}`), if any.
        hint: Option<String>,
    },
}

/// One piece and the byte range of the source it came from.
pub type Located<'a> = (Piece<'a>, Range<usize>);

/// The pieces of `text` parsed with `options`, in order (see the module documentation).
pub fn events(text: &str, options: Options) -> impl Iterator<Item = Located<'_>> {
    Spans {
        text,
        parser: Parser::new_ext(text, options).into_offset_iter(),
        run: Vec::new(),
        ready: std::collections::VecDeque::new(),
        context: Context::Text,
    }
}

/// What the current run of inline events is part of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Context {
    /// A paragraph, table cell, list item: math and cloze deletions.
    Text,
    /// A heading: math, but no cloze deletions (a heading is a card's question).
    Heading,
    /// A code block, HTML block or metadata block: its text passes through untouched.
    Raw,
}

/// The adapter behind [`events`]: it buffers one run of inline events at a time.
struct Spans<'a> {
    text: &'a str,
    parser: pulldown_cmark::OffsetIter<'a>,
    /// The inline events of the current run.
    run: Vec<(Event<'a>, Range<usize>)>,
    /// Pieces ready to hand on.
    ready: std::collections::VecDeque<Located<'a>>,
    /// What the current run is part of.
    context: Context,
}

impl<'a> Iterator for Spans<'a> {
    type Item = Located<'a>;

    fn next(&mut self) -> Option<Located<'a>> {
        loop {
            if let Some(piece) = self.ready.pop_front() {
                return Some(piece);
            }
            let Some((event, range)) = self.parser.next() else {
                self.flush();
                return self.ready.pop_front();
            };
            if is_inline(&event) && self.context != Context::Raw {
                self.run.push((event, range));
                continue;
            }
            self.flush();
            match &event {
                Event::Start(Tag::Heading { .. }) => self.context = Context::Heading,
                Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_)) => {
                    self.context = Context::Raw;
                }
                Event::End(
                    TagEnd::Heading(_)
                    | TagEnd::CodeBlock
                    | TagEnd::HtmlBlock
                    | TagEnd::MetadataBlock(_),
                ) => self.context = Context::Text,
                _ => {}
            }
            self.ready.push_back((Piece::Event(event), range));
        }
    }
}

impl<'a> Spans<'a> {
    /// Rewrites the buffered run and queues its pieces.
    fn flush(&mut self) {
        if self.run.is_empty() {
            return;
        }
        let run = std::mem::take(&mut self.run);
        let run = math::rewrite(self.text, run);
        match self.context {
            Context::Text => self.ready.extend(cloze::rewrite(self.text, run)),
            Context::Heading | Context::Raw => self
                .ready
                .extend(run.into_iter().map(|(e, r)| (Piece::Event(e), r))),
        }
    }
}

/// `true` for the events that make up inline content (text, code, math, inline HTML,
/// breaks, footnote references, and the start and end of emphasis, strong, strikethrough,
/// links and images).
fn is_inline(event: &Event<'_>) -> bool {
    match event {
        Event::Text(_)
        | Event::Code(_)
        | Event::InlineMath(_)
        | Event::DisplayMath(_)
        | Event::InlineHtml(_)
        | Event::FootnoteReference(_)
        | Event::SoftBreak
        | Event::HardBreak => true,
        Event::Start(tag) => matches!(
            tag,
            Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Link { .. }
                | Tag::Image { .. }
                | Tag::Superscript
                | Tag::Subscript
        ),
        Event::End(end) => matches!(
            end,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Image
                | TagEnd::Superscript
                | TagEnd::Subscript
        ),
        Event::Html(_) | Event::Rule | Event::TaskListMarker(_) => false,
    }
}

/// `true` when the byte at `at` of `text` is escaped: an odd number of backslashes right
/// before it.
pub fn escaped(text: &str, at: usize) -> bool {
    let before = &text.as_bytes()[..at.min(text.len())];
    before.iter().rev().take_while(|&&b| b == b'\\').count() % 2 == 1
}

/// `true` when a text event's text is its source as written (no escape, entity or
/// line-ending change inside), so offsets in one are offsets in the other.
pub fn verbatim(text: &str, event_text: &str, range: &Range<usize>) -> bool {
    text.get(range.clone()) == Some(event_text)
}

/// Where each event of a run sits among the run's inline elements (emphasis, links, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// The index (in the run) of the `Start` of the element the event sits in, or `None` at
    /// the run's top level. A `Start` and its `End` sit in the element around them.
    pub element: Option<usize>,
    /// For an `End`, the index of its `Start`.
    pub ends: Option<usize>,
}

/// The [`Place`] of each event of `run`.
pub fn places(run: &[(Event<'_>, Range<usize>)]) -> Vec<Place> {
    let mut stack: Vec<usize> = Vec::new();
    let mut out = Vec::with_capacity(run.len());
    for (i, (event, _)) in run.iter().enumerate() {
        let ends = match event {
            Event::End(_) => stack.pop(),
            _ => None,
        };
        out.push(Place {
            element: stack.last().copied(),
            ends,
        });
        if let Event::Start(_) = event {
            stack.push(i);
        }
    }
    out
}

#[cfg(test)]
mod tests;
