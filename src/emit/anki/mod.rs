//! The Anki emitter: a legacy `.apkg` (zip of a schema-11 `collection.anki2` + media) that every
//! Anki client imports and updates in place.
//!
//! It writes the prepared note list (`Prepared::notes`): one note per card, of the note type of
//! its kind (`deckbook Q&A`, `deckbook Q&A (and reversed)`, `deckbook Cloze`, each with five
//! fields), with its cards: one, two for a reversed note, one per deletion number for a cloze
//! note. The package holds the note types its notes use. A note's identity is its GUID
//! (decided by the prepare stage from the guide slug, the card id and its kind), so a rebuilt
//! guide re-imports over the same notes, keeping their reviews. Each note and its card carry the time the note's content last
//! changed (`Note::modified`), the note type the time it last changed, and the collection, the
//! decks and the first note id the guide's time (`Prepared::stamps`): with the guide's lock,
//! an edited guide carries newer notes only where they changed, which Anki's "update if
//! newer" replaces in place, leaving the others (and a student's edits of them) alone, and an
//! unchanged guide rebuilds byte for byte whatever its files' modification times.
//!
//! - [`notetype`]: the note type's fields, templates and CSS; the deck.
//! - [`schema`], [`collection`]: the SQLite collection.  [`package`]: the zip.

pub(crate) mod collection;
pub(crate) mod notetype;
pub(crate) mod package;
pub(crate) mod schema;

use super::{EmitError, Options};
use crate::model::CardKind;
use crate::prepare::ids::deck_id;
use crate::prepare::{Prepared, notetype_of};
use crate::render::escape_text;
use collection::{CollectionParts, NoteRow};
use package::MediaFile;
use std::io::Write;

/// Writes the `.apkg` of `prepared` to `out`: its notes, its deck and its images.
pub fn write(
    prepared: &Prepared<'_>,
    options: &Options,
    out: &mut dyn Write,
) -> Result<(), EmitError> {
    let _ = options;
    let guide = prepared.guide;
    let timestamp = prepared.stamps.guide;
    let deck = notetype::deck(
        deck_id(&prepared.deck),
        &prepared.deck,
        &escape_text(&guide.meta.description),
        timestamp,
    );
    let kinds = kinds(prepared);
    let notetypes: Vec<_> = kinds
        .iter()
        .map(|&kind| notetype::for_kind(kind, prepared.stamps.notetype_of(kind)))
        .collect();

    let first_id = id_base(timestamp);
    let notes: Vec<NoteRow<'_>> = prepared
        .notes
        .iter()
        .enumerate()
        .map(|(i, note)| NoteRow {
            id: first_id + i as i64,
            guid: &note.guid,
            notetype: notetype_of(note.kind).1,
            ords: note.card_ords(),
            tags: stored_tags(&note.tags),
            fields: &note.fields,
            modified: note.modified,
            due: i as i64 + 1,
        })
        .collect();

    let db = collection::build(&CollectionParts {
        timestamp,
        notetypes: &notetypes,
        deck: &deck,
        notes: &notes,
    })?;
    // The media set's names are flat and unique, in name order.
    let media: Vec<MediaFile<'_>> = prepared
        .media
        .files()
        .map(|file| MediaFile {
            name: &file.name,
            data: &file.data,
        })
        .collect();
    package::write_package(&db, &media, out)
}

/// The kinds of the package's notes, in order (basic, reversed, cloze); basic when it has
/// none.
pub(crate) fn kinds(prepared: &Prepared<'_>) -> Vec<CardKind> {
    let mut kinds: Vec<CardKind> = prepared.notes.iter().map(|n| n.kind).collect();
    kinds.sort_unstable();
    kinds.dedup();
    if kinds.is_empty() {
        kinds.push(CardKind::Basic);
    }
    kinds
}

/// Tags in Anki's stored form: ` a b ` (empty for none).
fn stored_tags(tags: &[String]) -> String {
    if tags.is_empty() {
        String::new()
    } else {
        format!(" {} ", tags.join(" "))
    }
}

/// The first note and card id: the timestamp in milliseconds (Anki's convention, so the
/// browser's "created" column shows the build time and sorts in guide order), clamped to
/// `1 ..= 10^12` seconds so ids stay positive and far below 2^53.
fn id_base(timestamp: i64) -> i64 {
    timestamp.clamp(1, 1_000_000_000_000) * 1000
}

#[cfg(test)]
mod tests;
