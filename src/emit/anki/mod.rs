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
use crate::prepare::{MediaFile as MediaSetFile, Note, Prepared, Stamps, notetype_of};
use crate::render::escape_text;
use collection::{CollectionParts, NoteRow};
use package::MediaFile;
use std::collections::BTreeMap;
use std::io::Write;

/// Writes the `.apkg` of `prepared` to `out`: its notes, its deck (and a sub-deck per group
/// its notes are filed in) and its images.
pub fn write(
    prepared: &Prepared<'_>,
    options: &Options,
    out: &mut dyn Write,
) -> Result<(), EmitError> {
    let _ = options;
    write_parts(None, &[&Part::of(prepared)], out)
}

/// What one guide puts into a package, owned, so that a bundle can collect the guides one
/// at a time and write them into one package at the end ([`write_parts`]).
#[derive(Debug, Clone)]
pub struct Part {
    /// The guide's deck.
    pub deck: String,
    /// The guide's deck's description (HTML).
    pub description: String,
    /// The guide's notes, in study order.
    pub notes: Vec<Note>,
    /// The kinds of its notes ([`kinds`]).
    pub kinds: Vec<CardKind>,
    /// When its parts last changed.
    pub stamps: Stamps,
    /// Its images, by name.
    pub media: Vec<MediaSetFile>,
}

impl Part {
    /// The part of `prepared`.
    pub fn of(prepared: &Prepared<'_>) -> Part {
        Part {
            deck: prepared.deck.clone(),
            description: escape_text(&prepared.guide.meta.description),
            notes: prepared.notes.clone(),
            kinds: kinds(prepared),
            stamps: prepared.stamps,
            media: prepared.media.files().cloned().collect(),
        }
    }
}

/// Writes one package holding every part's notes, decks and images to `out`; with `top`, a
/// deck of that name first (the bundle's, above the guides' decks). The package's time is
/// the latest guide's; the notes count up from it in the parts' order; each note type
/// carries the latest time of the guides that use it; an image several guides hold is
/// stored once. One part and no `top` is exactly the guide's own package.
pub fn write_parts(
    top: Option<&str>,
    parts: &[&Part],
    out: &mut dyn Write,
) -> Result<(), EmitError> {
    let timestamp = parts.iter().map(|p| p.stamps.guide).max().unwrap_or(0);
    // The bundle's deck, then each guide's deck and each sub-deck its notes go to, by name.
    let mut decks = Vec::new();
    if let Some(top) = top {
        decks.push(notetype::deck(deck_id(top), top, "", timestamp));
    }
    for part in parts {
        if !decks.iter().any(|d| d.name == part.deck) {
            decks.push(notetype::deck(
                deck_id(&part.deck),
                &part.deck,
                &part.description,
                timestamp,
            ));
        }
        for note in &part.notes {
            if !decks.iter().any(|d| d.name == note.deck) {
                decks.push(notetype::deck(
                    deck_id(&note.deck),
                    &note.deck,
                    "",
                    timestamp,
                ));
            }
        }
    }
    let mut kinds: Vec<CardKind> = parts.iter().flat_map(|p| p.kinds.clone()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    let notetypes: Vec<_> = kinds
        .iter()
        .map(|&kind| {
            let users = parts.iter().filter(|p| p.kinds.contains(&kind));
            let stamp = users.map(|p| p.stamps.notetype_of(kind)).max();
            notetype::for_kind(kind, stamp.unwrap_or(timestamp))
        })
        .collect();

    let first_id = id_base(timestamp);
    let notes: Vec<NoteRow<'_>> = parts
        .iter()
        .flat_map(|p| &p.notes)
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
            deck: deck_id(&note.deck),
        })
        .collect();

    let db = collection::build(&CollectionParts {
        timestamp,
        notetypes: &notetypes,
        decks: &decks,
        notes: &notes,
    })?;
    // The media's names are flat and unique (content-hashed), stored in name order.
    let by_name: BTreeMap<&str, &[u8]> = parts
        .iter()
        .flat_map(|p| &p.media)
        .map(|file| (file.name.as_str(), file.data.as_slice()))
        .collect();
    let media: Vec<MediaFile<'_>> = by_name
        .into_iter()
        .map(|(name, data)| MediaFile { name, data })
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
