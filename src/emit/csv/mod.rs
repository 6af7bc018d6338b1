//! The CSV emitters: the spreadsheet CSV (`<slug>.csv`) and the CSV for Anki's importer
//! (`<slug>.anki.csv`).
//!
//! - [`spreadsheet`]: one row per card with its answer as readable Markdown, RFC 4180 with
//!   CRLF, an optional byte-order mark, and the formula guard.
//! - [`anki`]: Anki's file headers and the `.apkg`'s notes (same GUIDs, same HTML fields).
//! - [`markdown`]: the model → Markdown writer behind the spreadsheet's cells.
//!
//! Both write the cards in `prepared.cards` order and depend on nothing but the model, so
//! equal input gives equal bytes.

pub mod anki;
pub mod markdown;
pub mod spreadsheet;

use super::{EmitError, Options};
use crate::diagnostic::Diagnostic;
use crate::render::Prepared;
use std::io::Write;

/// Writes the spreadsheet CSV of `prepared` to `out`.
pub fn write_spreadsheet(
    prepared: &Prepared<'_>,
    options: &Options,
    out: &mut dyn Write,
) -> Result<Vec<Diagnostic>, EmitError> {
    spreadsheet::write(prepared.guide, &prepared.cards, options, out)?;
    Ok(Vec::new())
}

/// Writes the Anki-importer CSV of `prepared` to `out`; returns the problems found while
/// rendering its fields.
pub fn write_anki(
    prepared: &Prepared<'_>,
    options: &Options,
    out: &mut dyn Write,
) -> Result<Vec<Diagnostic>, EmitError> {
    anki::write(prepared, options, out)
}

#[cfg(test)]
mod tests;
