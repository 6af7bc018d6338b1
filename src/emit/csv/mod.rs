//! The CSV emitters: the spreadsheet CSV (`<slug>.csv`) and the CSV for Anki's importer
//! (`<slug>.anki.csv`).
//!
//! - [`spreadsheet`]: one row per card with its answer as readable Markdown, RFC 4180 with
//!   CRLF, an optional byte-order mark, and the formula guard.
//! - [`anki`]: Anki's file headers and the prepared Anki notes (the `.apkg`'s GUIDs and HTML
//!   fields).
//! - [`markdown`]: the model → Markdown writer behind the spreadsheet's cells, with `html`
//!   writing the guide's raw HTML elements back as safe HTML.
//!
//! The spreadsheet CSV of the seed guide starts like this (cells with commas, quotes or line
//! breaks are quoted; line breaks inside a cell are LF, records end with CRLF):
//!
//! ```text
//! id,number,topic,section,question,answer,tags,source
//! mutable-and-immutable-data-types,1,Mutable and Immutable Data Types,,Mutable and …,"### Immutable Data Types
//!
//! - **Definition**: Objects whose state cannot be modified after creation
//! …
//! ```python
//! # Immutable example
//! …",complete-python-interview-guide topic-1,source/python-interview-guide.md:3
//! ```
//!
//! and the Anki CSV like this (fields are the package's HTML):
//!
//! ```text
//! #separator:Comma
//! #html:true
//! #notetype:deckbook Q&A
//! #deck:Complete Python Interview Guide
//! #guid column:1
//! #tags column:7
//! #deck column:8
//! "6#7574AI)",Mutable and Immutable Data Types,"<h3>Immutable Data Types</h3><ul>…",1. Mutable and Immutable Data Types,,python-interview-guide.md:3,complete-python-interview-guide topic-1,Complete Python Interview Guide
//! ```
//!
//! Both write the cards in `prepared.cards` order and depend on nothing but the prepared
//! guide, so equal input gives equal bytes.

pub(crate) mod anki;
mod html;
pub(crate) mod markdown;
pub(crate) mod spreadsheet;

use super::{EmitError, Options};
use crate::prepare::Prepared;
use std::io::Write;

/// Writes the spreadsheet CSV of `prepared` to `out`.
pub fn write_spreadsheet(
    prepared: &Prepared<'_>,
    options: &Options,
    out: &mut dyn Write,
) -> Result<(), EmitError> {
    spreadsheet::write(prepared, options, out)
}

/// Writes the Anki-importer CSV of `prepared` to `out`.
pub fn write_anki(
    prepared: &Prepared<'_>,
    options: &Options,
    out: &mut dyn Write,
) -> Result<(), EmitError> {
    let _ = options;
    anki::write(prepared, out)
}

/// The record writer both files use: comma-separated, CRLF after every record, a field
/// quoted (quotes doubled) only when it holds a comma, a quote, CR or LF — or, with
/// `comment`, that byte (a record starting with it would be a comment line to the reader).
fn record_writer(out: &mut dyn Write, comment: Option<u8>) -> ::csv::Writer<&mut dyn Write> {
    ::csv::WriterBuilder::new()
        .delimiter(b',')
        .terminator(::csv::Terminator::CRLF)
        .quote_style(::csv::QuoteStyle::Necessary)
        .double_quote(true)
        .comment(comment)
        .from_writer(out)
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod writer_tests {
    use super::record_writer;

    fn write(comment: Option<u8>, record: &[&str]) -> String {
        let mut out = Vec::new();
        let mut sink: &mut dyn std::io::Write = &mut out;
        let mut writer = record_writer(&mut sink, comment);
        writer.write_record(record).expect("writes");
        writer.flush().expect("flushes");
        drop(writer);
        String::from_utf8(out).expect("utf-8")
    }

    #[test]
    fn fields_are_quoted_only_when_needed() {
        assert_eq!(write(None, &["a", "b c", ""]), "a,b c,\r\n");
        assert_eq!(
            write(None, &["a,b", "say \"hi\""]),
            "\"a,b\",\"say \"\"hi\"\"\"\r\n"
        );
        assert_eq!(
            write(None, &["one\ntwo", "cr\r\nlf"]),
            "\"one\ntwo\",\"cr\r\nlf\"\r\n"
        );
        assert_eq!(write(None, &["#x", "é ✓"]), "#x,é ✓\r\n");
        // The csv crate quotes every field holding the comment byte, not only a leading one.
        assert_eq!(write(Some(b'#'), &["#x", "y#", "z"]), "\"#x\",\"y#\",z\r\n");
    }
}
