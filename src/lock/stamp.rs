//! A build against the guide's lock: which notes are new, changed, unchanged or removed, the
//! time each part of the outputs last changed, and the lock the build leaves behind.
//!
//! What a note's hash covers is what a re-import would change in the student's copy: its five
//! fields and its tags — except the line number in `Source` (`guide.md:120`), which moves
//! whenever a line is added above the card: counting it would make one added line re-stamp
//! every later note, and Anki would then replace them all. An unchanged note therefore keeps
//! the `Source` line of its last change in a student's collection (a new import shows the
//! current one).

use super::{Lock, LockedNote, Tracked};
use crate::emit::anki::notetype::definition as notetype_definition;
use crate::model::{CardKind, Guide};
use crate::prepare::{Note, Prepared, Stamps, file_name};
use crate::render::escape_text;
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};

/// The tag of a note whose card is no longer in the guide: `tag:deckbook::removed` finds
/// them all in Anki's browser.
pub const REMOVED_TAG: &str = "deckbook::removed";

/// The index of `Source` among the note type's fields.
pub(super) const SOURCE_FIELD: usize = 4;

/// What a build changed since the lock, in notes (one card each).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Changes {
    /// There was no lock: every note is new.
    pub first: bool,
    /// Notes the lock does not know.
    pub new: usize,
    /// Notes whose content changed, or that are back in the guide after being removed.
    pub changed: usize,
    /// Notes whose content is as the lock remembers it: they keep its time.
    pub unchanged: usize,
    /// Notes this build found gone from the guide.
    pub removed: usize,
    /// Notes removed by an earlier build and still carried in the package.
    pub still_removed: usize,
    /// Removed notes dropped from the lock and the package (`--forget-removed`).
    pub forgotten: usize,
    /// The note type's fields, templates or styling changed.
    pub notetype_changed: bool,
    /// The book's text outside the cards, or its title, author, language or description,
    /// changed.
    pub book_changed: bool,
}

impl std::fmt::Display for Changes {
    /// `0 new, 1 changed, 73 unchanged, 0 removed`, then in parentheses what else there is
    /// to know: no lock before, removed cards still in the package, cards forgotten, a
    /// changed note type.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        write!(
            f,
            "{} new, {} changed, {} unchanged, {} removed",
            self.new, self.changed, self.unchanged, self.removed
        )?;
        let mut more = Vec::new();
        if self.first {
            more.push("no lock before this build".to_string());
        }
        let carried = (self.removed + self.still_removed).saturating_sub(self.forgotten);
        if carried > 0 {
            more.push(format!(
                "{carried} removed card{} tagged {REMOVED_TAG} in the package until \
                 --forget-removed",
                plural(carried)
            ));
        }
        if self.forgotten > 0 {
            let n = self.forgotten;
            more.push(format!("{n} removed card{} forgotten", plural(n)));
        }
        if self.notetype_changed {
            more.push("the note type changed".to_string());
        }
        if !more.is_empty() {
            write!(f, " ({})", more.join("; "))?;
        }
        Ok(())
    }
}

/// Compares `prepared` (just rendered: one note per card, every time the guide's
/// timestamp) with the guide's `previous` lock and stamps it: each note gets the time its
/// content last changed, the notes of cards no longer in the guide are added (see
/// `removed_note`) unless `forget_removed`, and [`Prepared::stamps`] is set. `source_text`
/// is the guide's text (its part before the first topic is the book's own). Returns the
/// lock this build leaves and what changed.
///
/// New and changed content gets the build's time (the guide's timestamp,
/// `SOURCE_DATE_EPOCH` or the file's modification time), but never earlier than one second
/// after the latest time in the lock: Anki updates a note only when the package's is
/// strictly newer. Without a lock every time is the build's, as without this module.
pub fn stamp(
    prepared: &mut Prepared<'_>,
    previous: Option<&Lock>,
    source_text: &str,
    forget_removed: bool,
) -> (Lock, Changes) {
    let build_time = prepared.guide.source.timestamp;
    let fresh = previous.map_or(build_time, |lock| {
        build_time.max(lock.latest().saturating_add(1))
    });
    let mut changes = Changes {
        first: previous.is_none(),
        ..Changes::default()
    };
    let known: BTreeMap<&str, &LockedNote> = previous
        .iter()
        .flat_map(|lock| &lock.notes)
        .map(|note| (note.guid.as_str(), note))
        .collect();

    let hashes: Vec<String> = prepared.notes.par_iter().map(note_hash).collect();
    let mut notes = Vec::with_capacity(prepared.notes.len());
    let mut present = BTreeSet::new();
    for ((card, note), hash) in prepared.cards.iter().zip(&mut prepared.notes).zip(hashes) {
        let time = match known.get(note.guid.as_str()) {
            None => {
                changes.new += 1;
                fresh
            }
            Some(old) if !old.removed && old.tracked.hash == hash => {
                changes.unchanged += 1;
                old.tracked.time
            }
            Some(_) => {
                changes.changed += 1;
                fresh
            }
        };
        note.modified = time;
        present.insert(note.guid.clone());
        let [question, _, topic, section, _] = &note.fields;
        notes.push(LockedNote {
            id: card.card.id.to_string(),
            guid: note.guid.clone(),
            tracked: Tracked { hash, time },
            question: question.clone(),
            topic: topic.clone(),
            section: section.clone(),
            tags: note.tags.clone(),
            kind: note.kind,
            removed: false,
        });
    }

    let mut gone: Vec<&LockedNote> = known
        .values()
        .copied()
        .filter(|note| !present.contains(&note.guid))
        .collect();
    gone.sort_by(|a, b| (&a.id, &a.guid).cmp(&(&b.id, &b.guid)));
    let source = escape_text(file_name(&prepared.guide.source.path));
    for old in gone {
        let entry = if old.removed {
            changes.still_removed += 1;
            old.clone()
        } else {
            changes.removed += 1;
            LockedNote {
                tracked: Tracked {
                    hash: old.tracked.hash.clone(),
                    time: fresh,
                },
                removed: true,
                ..old.clone()
            }
        };
        if forget_removed {
            changes.forgotten += 1;
            continue;
        }
        prepared.notes.push(removed_note(&entry, &source));
        notes.push(entry);
    }

    let previous_notetype = previous.map(|lock| &lock.notetype);
    let definition = |kind| hash(&notetype_definition(kind));
    let notetype = track(previous_notetype, definition(CardKind::Basic), fresh);
    // The other note types are tracked while the package holds notes of theirs.
    let mut notetypes = BTreeMap::new();
    for kind in [CardKind::Reversed, CardKind::Cloze] {
        if prepared.notes.iter().any(|note| note.kind == kind) {
            let old = previous.and_then(|lock| lock.notetypes.get(&kind));
            let tracked = track(old, definition(kind), fresh);
            changes.notetype_changed |= old.is_some_and(|old| *old != tracked);
            notetypes.insert(kind, tracked);
        }
    }
    let book_hash = book_hash(prepared, source_text);
    let book = track(previous.map(|lock| &lock.book), book_hash, fresh);
    changes.notetype_changed |= previous.is_some_and(|lock| lock.notetype != notetype);
    changes.book_changed = previous.is_some_and(|lock| lock.book != book);
    notes.sort_by(|a, b| (&a.id, &a.guid).cmp(&(&b.id, &b.guid)));
    let lock = Lock {
        notetype,
        notetypes,
        book,
        notes,
    };
    // A note type the package does not hold has no time of its own.
    let time_of = |kind| {
        lock.notetypes
            .get(&kind)
            .map_or(lock.notetype.time, |t: &Tracked| t.time)
    };
    prepared.stamps = Stamps {
        guide: lock.latest(),
        notetype: lock.notetype.time,
        reversed_notetype: time_of(CardKind::Reversed),
        cloze_notetype: time_of(CardKind::Cloze),
    };
    (lock, changes)
}

/// The note re-emitted for a card no longer in the guide: same GUID and kind (Anki has it
/// under that note type), its question, topic, section and tags as the lock keeps them plus
/// [`REMOVED_TAG`], and in place of the answer (which the lock does not keep) a notice saying
/// when it was removed. A cloze note's text has no deletion left, so its cards would show
/// nothing of the notice: it follows the question too. Stamped with the time it was removed,
/// so a re-import updates the student's copy once, and then leaves it alone.
fn removed_note(entry: &LockedNote, source: &str) -> Note {
    let date = chrono::DateTime::from_timestamp(entry.tracked.time, 0)
        .unwrap_or_default()
        .format("%Y-%m-%d");
    let notice = format!(
        "<p><b>Removed from the guide</b> on {date}: the guide no longer has this card. \
         Delete it, or keep it with its review history; the search \
         <code>tag:{REMOVED_TAG}</code> finds every removed card.</p>"
    );
    let mut tags = entry.tags.clone();
    if !tags.iter().any(|t| t == REMOVED_TAG) {
        tags.push(REMOVED_TAG.to_string());
    }
    let question = match entry.kind {
        CardKind::Basic | CardKind::Reversed => entry.question.clone(),
        CardKind::Cloze => format!("{}{notice}", entry.question),
    };
    Note {
        guid: entry.guid.clone(),
        kind: entry.kind,
        fields: [
            question,
            notice,
            entry.topic.clone(),
            entry.section.clone(),
            source.to_string(),
        ],
        tags,
        modified: entry.tracked.time,
    }
}

/// `hash` tracked since `previous`: its time kept when the hash is the same, else `fresh`.
fn track(previous: Option<&Tracked>, hash: String, fresh: i64) -> Tracked {
    match previous {
        Some(old) if old.hash == hash => old.clone(),
        _ => Tracked { hash, time: fresh },
    }
}

/// The hash of a note's content: its fields (the `Source` field without its line number)
/// and its tags.
fn note_hash(note: &Note) -> String {
    let mut hasher = Sha256::new();
    for (i, field) in note.fields.iter().enumerate() {
        let field = if i == SOURCE_FIELD {
            without_line(field)
        } else {
            field
        };
        hasher.update(field.as_bytes());
        hasher.update(b"\x1f");
    }
    hasher.update(b"\x1e");
    for tag in &note.tags {
        hasher.update(tag.as_bytes());
        hasher.update(b" ");
    }
    hex(&hasher.finalize())
}

/// The hash of what the book holds that no card does: the guide's text before its first
/// topic (front matter, title, preface), and the book's title, author, language and
/// description as prepared (the command line may override them).
fn book_hash(prepared: &Prepared<'_>, source_text: &str) -> String {
    let guide: &Guide = prepared.guide;
    let first_line = guide.topics.first().map_or(u32::MAX, |t| t.span.line);
    let before: usize = source_text
        .split_inclusive('\n')
        .take(first_line.saturating_sub(1) as usize)
        .map(str::len)
        .sum();
    let parts = [
        &source_text[..before],
        &prepared.title,
        &prepared.author,
        &prepared.language,
        &guide.meta.description,
    ];
    hash(&parts.join("\x1f"))
}

/// `source` without a trailing `:<line>`.
pub(super) fn without_line(source: &str) -> &str {
    source
        .rsplit_once(':')
        .filter(|(_, n)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        .map_or(source, |(file, _)| file)
}

/// The first 8 bytes of the SHA-256 of `text`, in hex.
fn hash(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes()))
}

/// The first 8 bytes of a digest as 16 lower-case hex digits.
fn hex(digest: &[u8]) -> String {
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}
