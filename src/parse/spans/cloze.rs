//! Cloze deletions in a run of inline events: Anki's own `{{c1::…}}` and `{{c1::…::hint}}`,
//! and the shorthand `==…==`; and their numbering.
//!
//! - `{{cN::` (N a number from 1 to 500: Anki makes card 500 of any higher number) opens a deletion and the next
//!   `}}` closes it; the first `::` between them starts its hint, as in Anki. Deletions may
//!   nest (Anki's nested clozes).
//! - `==` opens a shorthand deletion when it is not part of a longer run of `=`, does not
//!   follow a letter or digit and is followed by a non-space; it closes one when it follows a
//!   non-space and no letter or digit follows it. So `a == b`, `x==y`, `===` and `!==` stay
//!   text. Shorthand deletions are numbered by [`number`]: after the highest number its
//!   topic writes, one number each, in order — so each is a card of its own.
//! - A deletion opens and closes in the same inline element (the paragraph, one emphasis, one
//!   link) and is never empty; anything else stays text, as do delimiters escaped with a
//!   backslash (`\==`, `\{{c1::`) or written as entities.

use super::{Located, Piece, escaped, places, verbatim};
use crate::model::{Block, Inline, Section, Topic};
use pulldown_cmark::{CowStr, Event};
use std::ops::Range;

/// The highest deletion number read from `{{cN::`; Anki numbers cards by it.
pub const MAX_NUMBER: u32 = 500;

/// A delimiter found in a text event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Delimiter {
    /// `{{cN::`.
    Open(u32),
    /// `}}`.
    Close,
    /// `::`.
    Hint,
    /// `==`, and whether it may open and close a shorthand deletion.
    Mark { opens: bool, closes: bool },
}

/// A piece of the run: an event, literal text of a text event, or a delimiter.
#[derive(Debug, Clone)]
enum Atom {
    /// The run's event at this index (anything but a verbatim text event).
    Event(usize),
    /// Literal text of the source.
    Text(Range<usize>),
    /// A delimiter, at this range of the source.
    Delimiter(Delimiter, Range<usize>),
}

/// An opened deletion waiting for its end.
#[derive(Debug, Clone, Copy)]
struct Open {
    /// Its atom.
    atom: usize,
    /// `Some(n)` for `{{cn::`, `None` for `==`.
    number: Option<u32>,
    /// The element it sits in.
    element: Option<usize>,
    /// The atom of its hint's `::`.
    hint: Option<usize>,
}

/// What a delimiter atom that pairs up turned out to be (one that does not is text).
#[derive(Debug, Clone, PartialEq)]
enum Role {
    /// Opens a deletion numbered so (0: shorthand).
    Start(u32),
    /// Closes a deletion with this hint; the atoms from `from` (its `::`) up to it are the
    /// hint and are not written.
    End { from: Option<usize> },
}

/// `run` as pieces, its cloze deletions marked (see the module documentation).
pub fn rewrite<'a>(text: &'a str, run: Vec<(Event<'a>, Range<usize>)>) -> Vec<Located<'a>> {
    let place = places(&run);
    let mut atoms: Vec<(Atom, Option<usize>)> = Vec::with_capacity(run.len());
    for (i, (event, range)) in run.iter().enumerate() {
        match event {
            Event::Text(t) if verbatim(text, t, range) => {
                split(text, range.clone(), &mut |atom| {
                    atoms.push((atom, place[i].element))
                });
            }
            _ => atoms.push((Atom::Event(i), place[i].element)),
        }
    }
    if !atoms.iter().any(|(a, _)| matches!(a, Atom::Delimiter(..))) {
        return run.into_iter().map(|(e, r)| (Piece::Event(e), r)).collect();
    }
    let roles = pair(text, &place, &atoms);
    // The atoms of each hint, its `::` included, are not written: the hint goes with its end.
    let mut hidden = vec![false; atoms.len()];
    for (&end, role) in &roles {
        if let Role::End { from: Some(from) } = role {
            hidden[*from..end].iter_mut().for_each(|h| *h = true);
        }
    }
    let mut out = Vec::with_capacity(atoms.len());
    for (k, (atom, _)) in atoms.iter().enumerate() {
        if hidden[k] {
            continue;
        }
        match (atom, roles.get(&k)) {
            (Atom::Event(i), _) => out.push((Piece::Event(run[*i].0.clone()), run[*i].1.clone())),
            (Atom::Delimiter(_, range), Some(Role::Start(number))) => {
                out.push((Piece::ClozeStart { number: *number }, range.clone()));
            }
            (Atom::Delimiter(_, range), Some(Role::End { from })) => {
                let hint = from.map(|from| hint_text(text, &run, &atoms[from + 1..k]));
                let hint = hint.filter(|h| !h.is_empty());
                out.push((Piece::ClozeEnd { hint }, range.clone()));
            }
            (Atom::Text(range) | Atom::Delimiter(_, range), _) => {
                push_text(text, range.clone(), &mut out);
            }
        }
    }
    out
}

/// Appends literal source text, merged with the text just before it when they touch.
fn push_text<'a>(text: &'a str, range: Range<usize>, out: &mut Vec<Located<'a>>) {
    if range.is_empty() {
        return;
    }
    if let Some((Piece::Event(Event::Text(CowStr::Borrowed(previous))), previous_range)) =
        out.last_mut()
        && previous_range.end == range.start
    {
        previous_range.end = range.end;
        *previous = &text[previous_range.clone()];
        return;
    }
    out.push((
        Piece::Event(Event::Text(CowStr::Borrowed(&text[range.clone()]))),
        range,
    ));
}

/// Splits the verbatim text event at `range` into literal text and delimiter atoms.
fn split(text: &str, range: Range<usize>, push: &mut impl FnMut(Atom)) {
    let bytes = text.as_bytes();
    let mut start = range.start;
    let mut at = range.start;
    while at < range.end {
        let found = delimiter(text, at, range.end);
        let Some((delimiter, len)) = found else {
            at += if bytes[at] == b'=' {
                bytes[at..range.end]
                    .iter()
                    .take_while(|&&b| b == b'=')
                    .count()
            } else {
                1
            };
            continue;
        };
        if escaped(text, at) {
            at += len;
            continue;
        }
        if start < at {
            push(Atom::Text(start..at));
        }
        push(Atom::Delimiter(delimiter, at..at + len));
        at += len;
        start = at;
    }
    if start < range.end {
        push(Atom::Text(start..range.end));
    }
}

/// The delimiter at byte `at` of `text` (within a text event ending at `end`), and its length.
fn delimiter(text: &str, at: usize, end: usize) -> Option<(Delimiter, usize)> {
    let rest = &text.as_bytes()[at..end];
    match rest.first()? {
        b'{' if rest.starts_with(b"{{c") => {
            let digits = rest[3..].iter().take_while(|b| b.is_ascii_digit()).count();
            let number: u32 = std::str::from_utf8(&rest[3..3 + digits])
                .ok()?
                .parse()
                .ok()?;
            ((1..=MAX_NUMBER).contains(&number) && rest[3 + digits..].starts_with(b"::"))
                .then_some((Delimiter::Open(number), 3 + digits + 2))
        }
        b'}' if rest.starts_with(b"}}") => Some((Delimiter::Close, 2)),
        b':' if rest.starts_with(b"::") => Some((Delimiter::Hint, 2)),
        b'=' => {
            let run = text.as_bytes()[at..]
                .iter()
                .take_while(|&&b| b == b'=')
                .count();
            let before = text[..at].chars().next_back();
            if run != 2 || before == Some('=') || rest.len() < 2 {
                return None;
            }
            let after = text[at + 2..].chars().next();
            let opens = after.is_some_and(|c| !c.is_whitespace())
                && !before.is_some_and(char::is_alphanumeric);
            let closes = before.is_some_and(|c| !c.is_whitespace())
                && !after.is_some_and(char::is_alphanumeric);
            (opens || closes).then_some((Delimiter::Mark { opens, closes }, 2))
        }
        _ => None,
    }
}

/// Decides which delimiters pair up; returns the role of every delimiter that is not text.
fn pair(
    text: &str,
    place: &[super::Place],
    atoms: &[(Atom, Option<usize>)],
) -> std::collections::BTreeMap<usize, Role> {
    let mut roles = std::collections::BTreeMap::new();
    let mut stack: Vec<Open> = Vec::new();
    for (k, (atom, element)) in atoms.iter().enumerate() {
        let (delimiter, range) = match atom {
            Atom::Event(i) => {
                // An element that ends drops the deletions left open inside it.
                if let Some(start) = place[*i].ends {
                    stack.retain(|open| open.element != Some(start));
                }
                continue;
            }
            Atom::Text(_) => continue,
            Atom::Delimiter(delimiter, range) => (*delimiter, range),
        };
        let top = stack
            .last()
            .filter(|open| open.element == *element)
            .copied();
        match (delimiter, top) {
            (Delimiter::Open(number), _) => stack.push(Open {
                atom: k,
                number: Some(number),
                element: *element,
                hint: None,
            }),
            (Delimiter::Close, Some(open)) if open.number.is_some() => {
                stack.pop();
                let content_end = open.hint.map_or(range.start, |h| atom_start(&atoms[h].0));
                if has_content(text, &atoms[open.atom].0, content_end) {
                    roles.insert(open.atom, Role::Start(open.number.unwrap_or(0)));
                    roles.insert(k, Role::End { from: open.hint });
                }
            }
            (Delimiter::Hint, Some(open)) if open.number.is_some() && open.hint.is_none() => {
                if let Some(last) = stack.last_mut() {
                    last.hint = Some(k);
                }
            }
            (Delimiter::Mark { closes: true, .. }, Some(open)) if open.number.is_none() => {
                stack.pop();
                if has_content(text, &atoms[open.atom].0, range.start) {
                    roles.insert(open.atom, Role::Start(0));
                    roles.insert(k, Role::End { from: None });
                }
            }
            (Delimiter::Mark { opens: true, .. }, _) => stack.push(Open {
                atom: k,
                number: None,
                element: *element,
                hint: None,
            }),
            _ => {}
        }
    }
    roles
}

/// The source offset an atom starts at.
fn atom_start(atom: &Atom) -> usize {
    match atom {
        Atom::Text(range) | Atom::Delimiter(_, range) => range.start,
        Atom::Event(_) => 0,
    }
}

/// `true` when something other than white space lies between the opening delimiter `open`
/// and the source offset `end`.
fn has_content(text: &str, open: &Atom, end: usize) -> bool {
    let Atom::Delimiter(_, range) = open else {
        return false;
    };
    text.get(range.end..end)
        .is_some_and(|s| !s.trim().is_empty())
}

/// The plain text of a hint's atoms (text and code kept, math between MathJax's delimiters,
/// markup dropped), trimmed.
fn hint_text(
    text: &str,
    run: &[(Event<'_>, Range<usize>)],
    atoms: &[(Atom, Option<usize>)],
) -> String {
    let mut hint = String::new();
    for (atom, _) in atoms {
        match atom {
            Atom::Text(range) | Atom::Delimiter(_, range) => hint.push_str(&text[range.clone()]),
            Atom::Event(i) => match &run[*i].0 {
                Event::Text(t) | Event::Code(t) => hint.push_str(t),
                // MathJax renders the hint where Anki shows it: keep its delimiters.
                Event::InlineMath(t) => {
                    hint.push_str("\\(");
                    hint.push_str(t);
                    hint.push_str("\\)");
                }
                Event::DisplayMath(t) => {
                    hint.push_str("\\[");
                    hint.push_str(t);
                    hint.push_str("\\]");
                }
                Event::SoftBreak | Event::HardBreak => hint.push(' '),
                _ => {}
            },
        }
    }
    hint.trim().to_string()
}

/// Numbers the shorthand deletions (number 0) of `topic`'s answer: after the highest number
/// written in the topic, in order of appearance.
pub fn number(topic: &mut Topic) {
    number_parts(&mut topic.intro, &mut topic.sections);
}

/// Numbers the shorthand deletions of blocks outside any topic (the preface) from 1.
pub fn number_blocks(blocks: &mut [Block]) {
    number_parts(blocks, &mut []);
}

/// Numbers the shorthand deletions of `blocks` and `sections` (see [`number`]).
fn number_parts(blocks: &mut [Block], sections: &mut [Section]) {
    let mut highest = 0;
    visit(blocks, sections, &mut |n| highest = highest.max(*n));
    visit(blocks, sections, &mut |n| {
        if *n == 0 {
            highest += 1;
            *n = highest;
        }
    });
}

/// Calls `f` on the number of every deletion of `blocks` and `sections`, in order.
fn visit(blocks: &mut [Block], sections: &mut [Section], f: &mut impl FnMut(&mut u32)) {
    visit_blocks(blocks, f);
    for section in sections {
        visit(&mut section.blocks, &mut section.sections, f);
    }
}

fn visit_blocks(blocks: &mut [Block], f: &mut impl FnMut(&mut u32)) {
    for block in blocks {
        match block {
            Block::Paragraph { content }
            | Block::Heading { content, .. }
            | Block::Plain { content } => visit_inlines(content, f),
            Block::List { items, .. } => {
                for item in items {
                    visit_blocks(&mut item.blocks, f);
                }
            }
            Block::Table { head, rows, .. } => {
                for cell in head.iter_mut().chain(rows.iter_mut().flatten()) {
                    visit_inlines(cell, f);
                }
            }
            Block::Quote { blocks }
            | Block::Footnote { blocks, .. }
            | Block::Element {
                children: blocks, ..
            } => visit_blocks(blocks, f),
            Block::Code { .. } | Block::Rule | Block::Comment { .. } => {}
        }
    }
}

fn visit_inlines(inlines: &mut [Inline], f: &mut impl FnMut(&mut u32)) {
    for inline in inlines {
        match inline {
            Inline::Cloze {
                number, content, ..
            } => {
                f(number);
                visit_inlines(content, f);
            }
            Inline::Emphasis { content }
            | Inline::Strong { content }
            | Inline::Strike { content }
            | Inline::Link { content, .. }
            | Inline::Element { content, .. } => visit_inlines(content, f),
            _ => {}
        }
    }
}

#[cfg(test)]
#[path = "cloze_tests.rs"]
mod tests;
