//! The CSV for Anki's importer (`<slug>.anki.csv`): Anki's file headers, then one note per
//! card — its GUID, the note type's five fields as HTML, its tags and its deck.
//!
//! ```text
//! #separator:Comma
//! #html:true
//! #notetype:deckbook Q&A
//! #deck:Complete Python Interview Guide
//! #guid column:1
//! #tags column:7
//! #deck column:8
//! "<guid>",<Question>,<Answer>,<Topic>,<Section>,<Source>,<tags>,<deck>
//! ```
//!
//! The fields are exactly the `.apkg`'s (the Anki emitter's `card_fields`, rendered by the
//! shared HTML renderer in its Anki flavour) and so is each note's GUID
//! (`note_guid(guide slug, card id)`): importing this file after the package updates the
//! package's notes in place and changes nothing when the guide did not change.
//!
//! How Anki reads it (its CSV importer, checked against the real backend by the client
//! tests):
//!
//! - `#notetype:` names the note type; Anki looks it up by name when the file is opened. If
//!   the collection has it (the `.apkg` was imported), the five columns fill its five fields
//!   in order. If not, Anki falls back to its current note type (Basic in a new collection)
//!   and fills its fields from the first columns: Question → Front, Answer → Back. No note
//!   type is ever created by a CSV import.
//! - `#deck:` names the deck, but Anki only uses it when the deck already exists; the deck
//!   column (the same name on every row) makes Anki create the deck when it is missing.
//! - Notes match by GUID, and only within the same note type: a note Anki already has with
//!   this GUID but another note type is reported as conflicting and left alone.
//! - Lines starting with `#` are comments to Anki, so a record whose first cell starts with
//!   `#` (a GUID may) is quoted; no byte-order mark is written, because Anki would then not
//!   see the first header line.

use crate::diagnostic::Diagnostic;
use crate::emit::anki::{FIELD_NAMES, NOTETYPE_NAME, fields, note_guid};
use crate::emit::{EmitError, Options};
use crate::render::{Flavor, HtmlRenderer, Prepared};
use std::io::Write;

/// The 1-based column of the GUID.
pub const GUID_COLUMN: usize = 1;
/// The 1-based column of the tags (after the GUID and the five fields).
pub const TAGS_COLUMN: usize = GUID_COLUMN + FIELD_NAMES.len() + 1;
/// The 1-based column of the deck name.
pub const DECK_COLUMN: usize = TAGS_COLUMN + 1;

/// Writes the headers and one record per card of `prepared` to `out`; returns the problems
/// the field rendering reported (empty questions, a deck name that had to change).
pub fn write(
    prepared: &Prepared<'_>,
    options: &Options,
    out: &mut dyn Write,
) -> Result<Vec<Diagnostic>, EmitError> {
    let guide = prepared.guide;
    let mut diagnostics = Vec::new();
    let deck = fields::deck_name(guide, options, &mut diagnostics);
    out.write_all(header(&deck).as_bytes())?;

    let renderer = HtmlRenderer {
        code: &prepared.code,
        media: &prepared.media,
        flavor: Flavor::Anki,
    };
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .quote_style(::csv::QuoteStyle::Necessary)
        .comment(Some(b'#'))
        .from_writer(out);
    for card in &prepared.cards {
        writer.write_field(note_guid(&guide.slug, card.id))?;
        for field in fields::card_fields(&renderer, guide, card, &mut diagnostics) {
            writer.write_field(field)?;
        }
        writer.write_field(fields::tags(guide, card).trim())?;
        writer.write_field(&deck)?;
        writer.write_record(None::<&[u8]>)?;
    }
    writer.flush()?;
    Ok(diagnostics)
}

/// The file headers for a deck named `deck` (one line each, CRLF-terminated).
pub fn header(deck: &str) -> String {
    let deck = deck.replace(['\r', '\n'], " ");
    [
        "#separator:Comma".to_string(),
        "#html:true".to_string(),
        format!("#notetype:{NOTETYPE_NAME}"),
        format!("#deck:{deck}"),
        format!("#guid column:{GUID_COLUMN}"),
        format!("#tags column:{TAGS_COLUMN}"),
        format!("#deck column:{DECK_COLUMN}"),
        String::new(),
    ]
    .join("\r\n")
}
