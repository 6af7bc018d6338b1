//! The Anki emitter: a legacy `.apkg` (zip of a schema-11 `collection.anki2` + media) that every
//! Anki client imports and updates in place.
//!
//! One note per card, of the note type [`NOTETYPE_NAME`] with the fields [`FIELD_NAMES`]. A
//! note's identity is its GUID ([`note_guid`] of the guide slug and the card id), so a rebuilt
//! guide re-imports over the same notes, keeping their reviews. Every timestamp in the package
//! is `guide.source.timestamp`: an unchanged guide rebuilds byte for byte, and an edited guide
//! built later carries newer notes, which Anki's "update if newer" replaces in place.
//!
//! - [`ids`]: GUIDs and the derived deck and note-type ids.
//! - [`fields`]: a card's field HTML, tags, sort text and checksum; the deck name.
//! - [`notetype`]: the note type's fields, templates and CSS; the deck.
//! - [`schema`], [`collection`]: the SQLite collection.  [`package`]: the zip.

pub mod collection;
pub mod fields;
pub mod ids;
pub mod notetype;
pub mod package;
pub mod schema;

use super::{EmitError, Options};
use crate::diagnostic::Diagnostic;
use crate::render::html::escape_text;
use crate::render::{Flavor, HtmlRenderer, MediaSet, Prepared};
use collection::{CollectionParts, NoteRow};
use package::MediaFile;
use std::io::Write;

pub use ids::{deck_id, guid_for, note_guid, stable_id};

/// The note type's name (the Anki-CSV emitter names it in its header).
pub const NOTETYPE_NAME: &str = "deckbook Q&A";

/// The note type's first field: the question (also the sort field).
pub const FIELD_QUESTION: &str = "Question";
/// The answer, rendered with its sections.
pub const FIELD_ANSWER: &str = "Answer";
/// The topic: its number as written, `. `, and its title.
pub const FIELD_TOPIC: &str = "Topic";
/// The section a section card is about (empty for topic cards).
pub const FIELD_SECTION: &str = "Section";
/// Where the card starts: `file.md:line` (file name only).
pub const FIELD_SOURCE: &str = "Source";

/// The note type's fields, in order. Frozen: see [`notetype`].
pub const FIELD_NAMES: [&str; 5] = [
    FIELD_QUESTION,
    FIELD_ANSWER,
    FIELD_TOPIC,
    FIELD_SECTION,
    FIELD_SOURCE,
];

/// The note type's id: [`stable_id`]`("notetype", NOTETYPE_NAME)`, frozen by a unit test.
pub fn notetype_id() -> i64 {
    stable_id("notetype", NOTETYPE_NAME)
}

/// Writes the `.apkg` of `prepared` to `out`; returns non-fatal problems (an empty question,
/// a deck name that had to be changed, an image name that cannot be embedded).
pub fn write(
    prepared: &Prepared<'_>,
    options: &Options,
    out: &mut dyn Write,
) -> Result<Vec<Diagnostic>, EmitError> {
    let guide = prepared.guide;
    let timestamp = guide.source.timestamp;
    let mut diagnostics = Vec::new();

    let deck_name = fields::deck_name(guide, options, &mut diagnostics);
    let deck = notetype::deck(
        deck_id(&deck_name),
        &deck_name,
        &escape_text(&guide.meta.description),
        timestamp,
    );
    let notetype = notetype::notetype(notetype_id(), timestamp, &notetype::css());

    let renderer = HtmlRenderer {
        code: &prepared.code,
        media: &prepared.media,
        flavor: Flavor::Anki,
    };
    let first_id = id_base(timestamp);
    let notes: Vec<NoteRow> = prepared
        .cards
        .iter()
        .enumerate()
        .map(|(i, card)| NoteRow {
            id: first_id + i as i64,
            guid: note_guid(&guide.slug, card.id),
            tags: fields::tags(guide, card),
            fields: fields::card_fields(&renderer, guide, card, &mut diagnostics),
            due: card.position as i64 + 1,
        })
        .collect();

    let db = collection::build(&CollectionParts {
        timestamp,
        notetype: &notetype,
        deck: &deck,
        notes: &notes,
    })?;
    let media = package::select_media(media_files(&prepared.media), &mut diagnostics);
    package::write_package(&db, &media, out)?;
    Ok(diagnostics)
}

/// The first note and card id: the timestamp in milliseconds (Anki's convention, so the
/// browser's "created" column shows the build time and sorts in guide order), clamped to
/// `1 ..= 10^12` seconds so ids stay positive and far below 2^53.
fn id_base(timestamp: i64) -> i64 {
    timestamp.clamp(1, 1_000_000_000_000) * 1000
}

/// The images to embed, from the prepared media set (flat content-hashed names).
fn media_files(media: &MediaSet) -> impl Iterator<Item = MediaFile<'_>> {
    media.files().map(|file| MediaFile {
        name: &file.name,
        data: &file.data,
    })
}

#[cfg(test)]
mod tests;
