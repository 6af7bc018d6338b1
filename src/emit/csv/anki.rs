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
//! The notes are the `.apkg`'s (the prepared note list, `Prepared::notes`): the same GUIDs and
//! the same HTML fields, so importing this file after the package updates the package's notes
//! in place and changes nothing when the guide did not change.
//!
//! How Anki's importer reads it (measured with the Anki backend by the client tests):
//!
//! - `#notetype:` names one note type, looked up by name when the file is opened: the note
//!   type of the notes, or `deckbook Q&A` when they have several (basic, reversed, cloze). If
//!   the collection has it (the `.apkg` was imported), the five columns fill its five fields
//!   in order. If not, Anki uses its current note type (Basic in a new collection) and fills
//!   its fields from the first columns: Question → Front, Answer → Back. A CSV import never
//!   creates a note type. A last column naming each row's note type (`#notetype column:`)
//!   was measured and not taken: a collection without deckbook's note types then imports
//!   none of the rows, where one `#notetype:` imports every row as Basic; with the package
//!   imported first, a row whose note has another note type is reported "conflicting" and
//!   left as the package made it.
//! - `#deck:` names the deck; current Anki creates it when it is missing. The deck column
//!   names each note's deck (the guide's deck, or its group's sub-deck `Guide::Group`); it
//!   is also there for older versions, which only used `#deck:` for a deck that already
//!   existed but create a deck named in a deck column.
//! - Notes match by GUID, and only within the same note type. After the `.apkg`, this file
//!   updates the package's notes (changed fields only; unchanged notes are reported as
//!   duplicates and left alone). The other way round, the package's notes conflict with the
//!   Basic notes the CSV made and are not imported: import the `.apkg` first.
//! - Lines starting with `#` are comments to Anki, so a record whose first cell starts with
//!   `#` (a GUID may) is quoted; no byte-order mark is written, because Anki would then not
//!   see the first header line.

use crate::emit::EmitError;
use crate::emit::anki::kinds;
use crate::model::CardKind;
use crate::prepare::{FIELD_NAMES, NOTETYPE_NAME, Note, Prepared, notetype_of};
use std::io::Write;

/// The 1-based column of the GUID.
pub const GUID_COLUMN: usize = 1;
/// The 1-based column of the tags (after the GUID and the five fields).
pub const TAGS_COLUMN: usize = GUID_COLUMN + FIELD_NAMES.len() + 1;
/// The 1-based column of the deck name.
pub const DECK_COLUMN: usize = TAGS_COLUMN + 1;

/// Writes the headers and one record per prepared note to `out`.
pub fn write(prepared: &Prepared<'_>, out: &mut dyn Write) -> Result<(), EmitError> {
    let notetype = notetype_for(&kinds(prepared));
    write_notes(&prepared.deck, notetype, &prepared.notes, out)
}

/// The note type the header names for notes of `kinds`: theirs when they have one, else
/// `deckbook Q&A`.
pub fn notetype_for(kinds: &[CardKind]) -> &'static str {
    match kinds {
        [kind] => notetype_of(*kind).0,
        _ => NOTETYPE_NAME,
    }
}

/// Writes the headers for `deck` and `notetype`, then one record per note of `notes`.
pub fn write_notes<'n>(
    deck: &str,
    notetype: &str,
    notes: impl IntoIterator<Item = &'n Note>,
    out: &mut dyn Write,
) -> Result<(), EmitError> {
    out.write_all(header(deck, notetype).as_bytes())?;
    let mut writer = super::record_writer(out, Some(b'#'));
    for note in notes {
        writer.write_field(&note.guid)?;
        for field in &note.fields {
            writer.write_field(field)?;
        }
        writer.write_field(note.tags.join(" "))?;
        writer.write_field(&note.deck)?;
        writer.write_record(None::<&[u8]>)?;
    }
    writer.flush()?;
    Ok(())
}

/// The file headers for a deck named `deck` and notes of the note type named `notetype`
/// (one line each, CRLF-terminated).
pub fn header(deck: &str, notetype: &str) -> String {
    let deck = deck.replace(['\r', '\n'], " ");
    [
        "#separator:Comma".to_string(),
        "#html:true".to_string(),
        format!("#notetype:{notetype}"),
        format!("#deck:{deck}"),
        format!("#guid column:{GUID_COLUMN}"),
        format!("#tags column:{TAGS_COLUMN}"),
        format!("#deck column:{DECK_COLUMN}"),
        String::new(),
    ]
    .join("\r\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_follow_the_note_types_fields() {
        assert_eq!(FIELD_NAMES.len(), 5);
        assert_eq!((GUID_COLUMN, TAGS_COLUMN, DECK_COLUMN), (1, 7, 8));
    }

    #[test]
    fn one_note_type_is_named() {
        assert!(header("D", "deckbook Cloze").contains("#notetype:deckbook Cloze\r\n"));
        assert!(!header("D", "deckbook Cloze").contains("column:9"));
    }

    #[test]
    fn headers_are_one_line_each() {
        let h = header("A::B\r\nC", "deckbook Q&A");
        assert_eq!(
            h,
            "#separator:Comma\r\n#html:true\r\n#notetype:deckbook Q&A\r\n#deck:A::B  C\r\n\
             #guid column:1\r\n#tags column:7\r\n#deck column:8\r\n"
        );
        assert_eq!(h.lines().count(), 7);
        assert!(h.lines().all(|l| l.starts_with('#')));
    }
}
