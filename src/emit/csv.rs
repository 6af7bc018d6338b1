//! The CSV emitters: spreadsheet CSV (`.csv`) and Anki-importer CSV (`.anki.csv`).

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
    let _ = (prepared, options, out);
    Ok(Vec::new())
}

/// Writes the Anki-importer CSV of `prepared` to `out`.
pub fn write_anki(
    prepared: &Prepared<'_>,
    options: &Options,
    out: &mut dyn Write,
) -> Result<Vec<Diagnostic>, EmitError> {
    let _ = (prepared, options, out);
    Ok(Vec::new())
}
