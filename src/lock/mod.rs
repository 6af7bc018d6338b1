//! The guide's lock file: what the last build put in the guide's Anki notes and book, so the
//! next build can tell which notes changed and stamp only those with a new time.
//!
//! Anki updates a note on re-import only when the package's note `mod` is newer than its
//! own. A build that stamped every note with the guide's timestamp would update every note
//! after any edit, replacing whatever a student changed in them; a deleted topic would stay in
//! the student's collection for ever. With the lock:
//!
//! - a note whose content (its fields, its source line aside, and its tags) hashes as the
//!   lock remembers keeps the lock's time, so a re-import leaves it — and a student's edit of
//!   it — alone; a new or changed note gets the build's time, never earlier than one second
//!   after the latest time in the lock (Anki wants strictly newer);
//! - a note the guide no longer has stays in the package, tagged `deckbook::removed`, with a
//!   notice on the card (see [`stamp`]), until `--forget-removed`;
//! - the note type and the book (what of the guide no card holds: the text before the first
//!   topic, the title, author, language, description) are tracked the same way, and the
//!   guide's time — the book's date, the package's creation time and ids — is the latest
//!   time in the lock. So a clean clone with a committed, up-to-date lock builds
//!   byte-identically whatever its files' modification times.
//!
//! The file is `<guide stem>.deckbook.lock` beside the guide ([`path_for`]): TOML, written
//! by [`Lock::to_text`] with fixed key order and the notes sorted by card id, so two builds
//! write the same bytes and a diff shows one entry per changed note; it is read with the
//! `toml` crate ([`Lock::parse`]), and one it cannot read is an error with its line and a
//! caret, never a silent fresh start.
//!
//! - `text`: the file format, writing and reading.  `stamp`: comparing a build with the lock.

mod stamp;
mod text;

pub use stamp::{Changes, REMOVED_TAG, stamp};

use crate::diagnostic::Diagnostic;
use crate::emit::EmitError;
use crate::model::CardKind;
use crate::prepare::Prepared;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The version of the lock format this deckbook reads and writes.
pub const VERSION: i64 = 1;

/// The contents of a lock file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lock {
    /// The basic note type, "deckbook Q&A" (fields, templates, styling).
    pub notetype: Tracked,
    /// The reversed and cloze note types, each while the package holds notes of its own
    /// (`[notetype-reversed]`, `[notetype-cloze]`).
    pub notetypes: BTreeMap<CardKind, Tracked>,
    /// What of the guide no card holds: the text before the first topic (front matter,
    /// title, preface), and the book's title, author, language and description.
    pub book: Tracked,
    /// One entry per note of the last build, removed ones included, sorted by card id and
    /// GUID.
    pub notes: Vec<LockedNote>,
}

/// Something tracked by a hash of its content and the time that content last changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tracked {
    /// The first 8 bytes of the content's SHA-256, as 16 lower-case hex digits.
    pub hash: String,
    /// When the content last changed, in seconds since the epoch.
    pub time: i64,
}

/// One note as the last build made it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockedNote {
    /// The card id (the topic's or section's slug id).
    pub id: String,
    /// The note's GUID, its identity in Anki.
    pub guid: String,
    /// Its content's hash and the time that content last changed (for a removed note, the
    /// time it was removed).
    pub tracked: Tracked,
    /// The Question field (HTML), to re-emit the note once it is removed.
    pub question: String,
    /// The Topic field (HTML).
    pub topic: String,
    /// The Section field (HTML; empty for a topic card).
    pub section: String,
    /// Its tags.
    pub tags: Vec<String>,
    /// Its kind (`kind = "reversed"` or `"cloze"`; basic when absent): a removed note is
    /// re-emitted with the note type Anki has it under.
    pub kind: CardKind,
    /// `true` once the card is no longer in the guide.
    pub removed: bool,
}

impl Lock {
    /// The latest time the lock holds: the guide's time.
    pub fn latest(&self) -> i64 {
        self.notes
            .iter()
            .map(|n| n.tracked.time)
            .chain([self.notetype.time, self.book.time])
            .chain(self.notetypes.values().map(|t| t.time))
            .max()
            .unwrap_or(self.book.time)
    }
}

/// Where the lock of the guide at `guide` lives: `<stem>.deckbook.lock` beside a guide file
/// (`source/python-interview-guide.md` → `source/python-interview-guide.deckbook.lock`), or
/// `deckbook.lock` inside a guide that is a folder — inside the guide's folder either way.
pub fn path_for(guide: &Path) -> PathBuf {
    if guide.is_dir() {
        return guide.join("deckbook.lock");
    }
    let stem = guide
        .file_stem()
        .map_or_else(|| "guide".into(), |s| s.to_string_lossy().into_owned());
    guide.with_file_name(format!("{stem}.deckbook.lock"))
}

/// Why a lock could not be used.
#[derive(Debug)]
pub enum LockError {
    /// The file exists but could not be read.
    Read(std::io::Error),
    /// The file is not a lock this deckbook can read: the diagnostic says where, and `text`
    /// holds the file's text to show its line.
    Invalid {
        /// What is wrong, and where.
        diagnostic: Box<Diagnostic>,
        /// The file's text (lossily decoded).
        text: String,
    },
}

/// Reads the lock at `path`, with the file's text: `None` when there is none yet.
pub fn read(path: &Path) -> Result<Option<(Lock, String)>, LockError> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(LockError::Read(e)),
    };
    let shown = path.display().to_string();
    let invalid = |diagnostic: Diagnostic, text: String| LockError::Invalid {
        diagnostic: Box::new(diagnostic),
        text,
    };
    match String::from_utf8(bytes) {
        Ok(text) => match Lock::parse(&text, &shown) {
            Ok(lock) => Ok(Some((lock, text))),
            Err(d) => Err(invalid(d, text)),
        },
        Err(e) => {
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let (line, column) = text::line_column(&String::from_utf8_lossy(valid), valid.len());
            Err(invalid(
                text::invalid("the lock file is not UTF-8 text", &shown, line, column),
                text,
            ))
        }
    }
}

/// What a build leaves in its guide's lock.
#[derive(Debug)]
pub struct Update {
    /// The lock file ([`path_for`] the guide).
    pub file: PathBuf,
    /// Its new text.
    pub text: String,
    /// The file existed before the build.
    pub existed: bool,
    /// The new text is not the file's: the build writes it (with `--locked`, the lock is
    /// out of date). An unchanged lock is never rewritten, so its modification time stays.
    pub changed: bool,
    /// What changed since the lock.
    pub changes: Changes,
}

/// Stamps `prepared`, the guide at `guide` just rendered, against its `previous` lock and
/// that file's text ([`stamp`]); returns the lock the build leaves, and whether it differs
/// from the file.
pub fn update(
    guide: &Path,
    prepared: &mut Prepared<'_>,
    previous: Option<(Lock, String)>,
    source_text: &str,
    forget_removed: bool,
) -> Update {
    let (old, old_text) = previous.unzip();
    let (lock, changes) = stamp(prepared, old.as_ref(), source_text, forget_removed);
    let text = lock.to_text();
    Update {
        file: path_for(guide),
        changed: old_text.as_ref() != Some(&text),
        existed: old_text.is_some(),
        text,
        changes,
    }
}

/// Writes `text` (a [`Lock::to_text`]) to `path` atomically: a temporary file beside it,
/// renamed into place, so an interrupted build leaves the previous lock whole.
pub fn write(path: &Path, text: &str) -> Result<(), EmitError> {
    crate::pipeline::write_atomic(path, |w| Ok(w.write_all(text.as_bytes())?))
}

#[cfg(test)]
mod stamp_tests;
#[cfg(test)]
mod tests;
