//! The lock's file format: TOML, written here with a fixed layout and read with the `toml`
//! crate, which reports where a hand-edited or conflicted file goes wrong.
//!
//! ```toml
//! version = 1
//!
//! [notetype]
//! hash = "4b1e0c…"
//! time = 1767225600
//!
//! [book]
//! hash = "9f03a2…"
//! time = 1767225600
//!
//! [[note]]
//! id = "closures"
//! guid = "b#Rk2/Yx9;"
//! hash = "0d5c77…"
//! time = 1767312000
//! question = "What is a <code>closure</code>?"
//! topic = "12. Closures"
//! tags = ["complete-python-interview-guide", "topic-12"]
//! ```
//!
//! `section` is written only when the card is a section's, `kind = "reversed"` or
//! `kind = "cloze"` only for a note of that kind, `removed = true` only once the card is no
//! longer in the guide; the tables `[notetype-reversed]` and `[notetype-cloze]`, after
//! `[notetype]`, only while the package holds notes of those kinds. So the lock of a guide
//! with basic cards only is as it always was. Strings are TOML basic strings (quotes, backslashes and control
//! characters escaped, everything else as it is), so the file stays readable and one note's
//! change is a change of its own lines.

use super::{Lock, LockedNote, Tracked, VERSION};
use crate::diagnostic::{Diagnostic, DiagnosticCode};
use crate::model::CardKind;
use serde::Deserialize;
use std::fmt::Write as _;
use toml::Spanned;

/// The comment the file opens with.
const HEADER: &str = "\
# deckbook lock: what the last `deckbook build` put in this guide's Anki notes, so the next
# build gives a new time only to what changed (and a re-import in Anki updates only those
# notes). Written by deckbook; commit it with the guide. Each note: its card id, its GUID,
# a hash of its content, the time (seconds since 1970, UTC) that content last changed, and
# its question, topic and tags, to show the card once it is removed from the guide.
";

/// What to do about a lock that cannot be read.
const ADVICE: &str = "fix the file, or delete it to start over: every note then counts as new \
                      and a re-import replaces every note, students' edits included";

/// What to do about a lock with a merge conflict.
const CONFLICT_ADVICE: &str = "keep either side's version of the lock and build again: the \
                               notes the other side changed are then stamped anew";

impl Lock {
    /// The file's text: the header comment, the version, the note type, the book, then every
    /// note sorted by card id and GUID. Equal locks give equal bytes.
    pub fn to_text(&self) -> String {
        let mut out = String::with_capacity(256 + self.notes.len() * 256);
        out.push_str(HEADER);
        let _ = writeln!(out, "version = {VERSION}");
        let mut tables = vec![("notetype", &self.notetype)];
        for (kind, tracked) in &self.notetypes {
            if let Some(table) = notetype_table(*kind) {
                tables.push((table, tracked));
            }
        }
        tables.push(("book", &self.book));
        for (table, tracked) in tables {
            let _ = writeln!(out, "\n[{table}]");
            write_tracked(&mut out, tracked);
        }
        let mut notes: Vec<&LockedNote> = self.notes.iter().collect();
        notes.sort_by(|a, b| (&a.id, &a.guid).cmp(&(&b.id, &b.guid)));
        for note in notes {
            out.push_str("\n[[note]]\n");
            write_string(&mut out, "id", &note.id);
            write_string(&mut out, "guid", &note.guid);
            write_tracked(&mut out, &note.tracked);
            write_string(&mut out, "question", &note.question);
            write_string(&mut out, "topic", &note.topic);
            if !note.section.is_empty() {
                write_string(&mut out, "section", &note.section);
            }
            out.push_str("tags = [");
            for (i, tag) in note.tags.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                quote(&mut out, tag);
            }
            out.push_str("]\n");
            if let Some(kind) = kind_name(note.kind) {
                write_string(&mut out, "kind", kind);
            }
            if note.removed {
                out.push_str("removed = true\n");
            }
        }
        out
    }

    /// Reads a lock's `text`; `path` names the file in the diagnostic of one that is not a
    /// lock this deckbook can read (not TOML, a merge conflict, a missing or mistyped key, a
    /// bad hash, a GUID twice, another version).
    pub fn parse(text: &str, path: &str) -> Result<Lock, Diagnostic> {
        if let Some((line, marker)) = conflict_marker(text) {
            return Err(Diagnostic::error(
                DiagnosticCode::Lock,
                format!("the lock file has a merge conflict (`{marker}`)"),
            )
            .at(path, line, 1)
            .note(CONFLICT_ADVICE));
        }
        let at = |span: std::ops::Range<usize>| line_column(text, span.start);
        let toml_error = |e: toml::de::Error| {
            let (line, column) = e.span().map_or((1, 1), &at);
            let message = e.message().lines().next().unwrap_or("").trim().to_string();
            invalid(&format!("not a lock file: {message}"), path, line, column)
        };
        // The version is checked first, so that another version's lock is named as such
        // rather than as a file with unknown keys; it is read on its own only when the lock
        // does not read as this version's (a large lock is parsed once).
        let version_error = |version: &Spanned<i64>| {
            let (line, column) = at(version.span());
            let message = format!(
                "lock version {} is not one this deckbook reads (it reads version \
                 {VERSION}): another deckbook wrote it",
                version.get_ref()
            );
            invalid(&message, path, line, column)
        };
        let raw: RawLock = match toml::from_str(text) {
            Ok(raw) => raw,
            Err(e) => {
                return Err(match toml::from_str::<Versioned>(text) {
                    Ok(Versioned { version: None }) => {
                        invalid("the lock file has no `version`", path, 1, 1)
                    }
                    Ok(Versioned { version: Some(v) }) if *v.get_ref() != VERSION => {
                        version_error(&v)
                    }
                    _ => toml_error(e),
                });
            }
        };
        if *raw.version.get_ref() != VERSION {
            return Err(version_error(&raw.version));
        }
        let check = |hash: &Spanned<String>, time: &Spanned<i64>| {
            if !is_hash(hash.get_ref()) {
                let (line, column) = at(hash.span());
                return Err(invalid(
                    "a hash must be 16 lower-case hex digits",
                    path,
                    line,
                    column,
                ));
            }
            if *time.get_ref() < 0 {
                let (line, column) = at(time.span());
                return Err(invalid("a time cannot be negative", path, line, column));
            }
            Ok(Tracked {
                hash: hash.get_ref().clone(),
                time: *time.get_ref(),
            })
        };
        let notetype = check(&raw.notetype.hash, &raw.notetype.time)?;
        let mut notetypes = std::collections::BTreeMap::new();
        for (kind, tracked) in [
            (CardKind::Reversed, &raw.notetype_reversed),
            (CardKind::Cloze, &raw.notetype_cloze),
        ] {
            if let Some(tracked) = tracked {
                notetypes.insert(kind, check(&tracked.hash, &tracked.time)?);
            }
        }
        let book = check(&raw.book.hash, &raw.book.time)?;
        let mut notes = Vec::with_capacity(raw.note.len());
        let mut guids = std::collections::BTreeSet::new();
        for note in raw.note {
            let tracked = check(&note.hash, &note.time)?;
            for (key, value) in [("id", &note.id), ("guid", &note.guid)] {
                if value.get_ref().is_empty() {
                    let (line, column) = at(value.span());
                    let message = format!("a note's `{key}` cannot be empty");
                    return Err(invalid(&message, path, line, column));
                }
            }
            if !guids.insert(note.guid.get_ref().clone()) {
                let (line, column) = at(note.guid.span());
                let message = format!("the GUID `{}` is in the lock twice", note.guid.get_ref());
                return Err(invalid(&message, path, line, column));
            }
            let kind = match note.kind.as_ref().map(|k| k.get_ref().as_str()) {
                None => CardKind::Basic,
                Some("reversed") => CardKind::Reversed,
                Some("cloze") => CardKind::Cloze,
                Some(other) => {
                    let span = note.kind.as_ref().map_or(0..0, Spanned::span);
                    let (line, column) = at(span);
                    let message =
                        format!("a note's `kind` is `reversed` or `cloze`, not `{other}`");
                    return Err(invalid(&message, path, line, column));
                }
            };
            notes.push(LockedNote {
                id: note.id.into_inner(),
                guid: note.guid.into_inner(),
                tracked,
                question: note.question,
                topic: note.topic,
                section: note.section,
                tags: note.tags,
                kind,
                removed: note.removed,
            });
        }
        Ok(Lock {
            notetype,
            notetypes,
            book,
            notes,
        })
    }
}

/// Only the version, read first so that a lock of another version is named as such rather
/// than as a file with unknown keys.
#[derive(Deserialize)]
struct Versioned {
    version: Option<Spanned<i64>>,
}

/// The file as TOML holds it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLock {
    version: Spanned<i64>,
    notetype: RawTracked,
    #[serde(rename = "notetype-reversed", default)]
    notetype_reversed: Option<RawTracked>,
    #[serde(rename = "notetype-cloze", default)]
    notetype_cloze: Option<RawTracked>,
    book: RawTracked,
    #[serde(default)]
    note: Vec<RawNote>,
}

/// `[notetype]` and `[book]`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTracked {
    hash: Spanned<String>,
    time: Spanned<i64>,
}

/// One `[[note]]`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNote {
    id: Spanned<String>,
    guid: Spanned<String>,
    hash: Spanned<String>,
    time: Spanned<i64>,
    question: String,
    topic: String,
    #[serde(default)]
    section: String,
    tags: Vec<String>,
    #[serde(default)]
    kind: Option<Spanned<String>>,
    #[serde(default)]
    removed: bool,
}

/// How a kind is written in the lock (`kind = "…"`, `[notetype-…]`); `None` for basic notes,
/// which carry no `kind`.
fn kind_name(kind: CardKind) -> Option<&'static str> {
    match kind {
        CardKind::Basic => None,
        CardKind::Reversed => Some("reversed"),
        CardKind::Cloze => Some("cloze"),
    }
}

/// The table of the note type of `kind` (`None` for the basic one, `[notetype]`).
fn notetype_table(kind: CardKind) -> Option<&'static str> {
    match kind {
        CardKind::Basic => None,
        CardKind::Reversed => Some("notetype-reversed"),
        CardKind::Cloze => Some("notetype-cloze"),
    }
}

/// An error about the lock at `path`, at `line`:`column`, with what to do about it.
pub(super) fn invalid(message: &str, path: &str, line: u32, column: u32) -> Diagnostic {
    Diagnostic::error(DiagnosticCode::Lock, message)
        .at(path, line, column)
        .note(ADVICE)
}

/// The 1-based line and column (in characters) of byte `offset` in `text`.
pub(super) fn line_column(text: &str, offset: usize) -> (u32, u32) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[start..].chars().count() + 1;
    (
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(column).unwrap_or(u32::MAX),
    )
}

/// The first line that opens, separates or closes a merge conflict, and its marker.
fn conflict_marker(text: &str) -> Option<(u32, &'static str)> {
    text.lines().enumerate().find_map(|(i, line)| {
        let marker = ["<<<<<<<", "=======", ">>>>>>>", "|||||||"]
            .into_iter()
            .find(|m| {
                line.strip_prefix(m)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
            })?;
        Some((u32::try_from(i + 1).unwrap_or(u32::MAX), marker))
    })
}

fn is_hash(hash: &str) -> bool {
    hash.len() == 16 && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

fn write_tracked(out: &mut String, tracked: &Tracked) {
    write_string(out, "hash", &tracked.hash);
    let _ = writeln!(out, "time = {}", tracked.time);
}

fn write_string(out: &mut String, key: &str, value: &str) {
    out.push_str(key);
    out.push_str(" = ");
    quote(out, value);
    out.push('\n');
}

/// `value` as a TOML basic string: `"`, `\` and the control characters escaped.
fn quote(out: &mut String, value: &str) {
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}
