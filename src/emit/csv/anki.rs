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
//! - `#notetype:` names the note type, looked up by name when the file is opened. A guide
//!   whose notes have several note types (basic, reversed, cloze) names each row's in a last
//!   column instead (`#notetype column:9`). If the
//!   collection has it (the `.apkg` was imported), the five columns fill its five fields in
//!   order. If not, Anki uses its current note type (Basic in a new collection) and fills its
//!   fields from the first columns: Question → Front, Answer → Back. A CSV import never
//!   creates a note type.
//! - `#deck:` names the deck; current Anki creates it when it is missing. The deck column
//!   (the same name on every row) is there for older versions, which only used `#deck:`
//!   for a deck that already existed but create a deck named in a deck column.
//! - Notes match by GUID, and only within the same note type. After the `.apkg`, this file
//!   updates the package's notes (changed fields only; unchanged notes are reported as
//!   duplicates and left alone). The other way round, the package's notes conflict with the
//!   Basic notes the CSV made and are not imported: import the `.apkg` first.
//! - Lines starting with `#` are comments to Anki, so a record whose first cell starts with
//!   `#` (a GUID may) is quoted; no byte-order mark is written, because Anki would then not
//!   see the first header line.

use crate::emit::EmitError;
use crate::emit::anki::kinds;
use crate::prepare::{FIELD_NAMES, Prepared, notetype_of};
use std::io::Write;

/// The 1-based column of the GUID.
pub const GUID_COLUMN: usize = 1;
/// The 1-based column of the tags (after the GUID and the five fields).
pub const TAGS_COLUMN: usize = GUID_COLUMN + FIELD_NAMES.len() + 1;
/// The 1-based column of the deck name.
pub const DECK_COLUMN: usize = TAGS_COLUMN + 1;
/// The 1-based column of the note type's name, when the notes have more than one.
pub const NOTETYPE_COLUMN: usize = DECK_COLUMN + 1;

/// Writes the headers and one record per prepared note to `out`.
pub fn write(prepared: &Prepared<'_>, out: &mut dyn Write) -> Result<(), EmitError> {
    let deck = &prepared.deck;
    let kinds = kinds(prepared);
    let single = match kinds.as_slice() {
        [kind] => Some(notetype_of(*kind).0),
        _ => None,
    };
    out.write_all(header(deck, single).as_bytes())?;
    let mut writer = super::record_writer(out, Some(b'#'));
    for note in &prepared.notes {
        writer.write_field(&note.guid)?;
        for field in &note.fields {
            writer.write_field(field)?;
        }
        writer.write_field(note.tags.join(" "))?;
        writer.write_field(deck)?;
        if single.is_none() {
            writer.write_field(notetype_of(note.kind).0)?;
        }
        writer.write_record(None::<&[u8]>)?;
    }
    writer.flush()?;
    Ok(())
}

/// The file headers for a deck named `deck` (one line each, CRLF-terminated): `#notetype:`
/// naming the one note type of the notes, or, with `None`, `#notetype column:` for the
/// column that names each row's.
pub fn header(deck: &str, notetype: Option<&str>) -> String {
    let deck = deck.replace(['\r', '\n'], " ");
    let mut lines = vec!["#separator:Comma".to_string(), "#html:true".to_string()];
    if let Some(notetype) = notetype {
        lines.push(format!("#notetype:{notetype}"));
    }
    lines.extend([
        format!("#deck:{deck}"),
        format!("#guid column:{GUID_COLUMN}"),
        format!("#tags column:{TAGS_COLUMN}"),
        format!("#deck column:{DECK_COLUMN}"),
    ]);
    if notetype.is_none() {
        lines.push(format!("#notetype column:{NOTETYPE_COLUMN}"));
    }
    lines.push(String::new());
    lines.join("\r\n")
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
    fn several_note_types_are_named_per_row() {
        let h = header("D", None);
        assert_eq!(
            h,
            "#separator:Comma\r\n#html:true\r\n#deck:D\r\n#guid column:1\r\n\
             #tags column:7\r\n#deck column:8\r\n#notetype column:9\r\n"
        );
        assert!(header("D", Some("deckbook Cloze")).contains("#notetype:deckbook Cloze\r\n"));
    }

    #[test]
    fn headers_are_one_line_each() {
        let h = header("A::B\r\nC", Some("deckbook Q&A"));
        assert_eq!(
            h,
            "#separator:Comma\r\n#html:true\r\n#notetype:deckbook Q&A\r\n#deck:A::B  C\r\n\
             #guid column:1\r\n#tags column:7\r\n#deck column:8\r\n"
        );
        assert_eq!(h.lines().count(), 7);
        assert!(h.lines().all(|l| l.starts_with('#')));
    }
}
