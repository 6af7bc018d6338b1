//! The emitters: each renders a prepared guide into one output format.
//! A closed set, so `Format` is an enum and `emit` a `match`.

pub mod anki;
pub mod csv;
pub mod epub;

use crate::diagnostic::Diagnostic;
use crate::model::Granularity;
use crate::render::Prepared;
use std::io::Write;

/// Options every emitter sees (set by front matter, then by command-line flags).
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// How cards are cut.
    pub granularity: Granularity,
    /// Anki deck name (`A::B` for a sub-deck); defaults to the guide's title.
    pub deck: Option<String>,
    /// Spreadsheet CSV: start with a UTF-8 byte-order mark (for Excel).
    pub csv_bom: bool,
    /// Spreadsheet CSV: turn off the formula guard.
    pub no_formula_guard: bool,
}

/// One output file kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Output {
    /// `<slug>.apkg`, the Anki package.
    Apkg,
    /// `<slug>.epub`, the book.
    Epub,
    /// `<slug>.csv`, the spreadsheet CSV.
    Csv,
    /// `<slug>.anki.csv`, the CSV for Anki's importer.
    AnkiCsv,
}

impl Output {
    /// The file-name suffix, with its dot.
    pub fn extension(self) -> &'static str {
        match self {
            Output::Apkg => ".apkg",
            Output::Epub => ".epub",
            Output::Csv => ".csv",
            Output::AnkiCsv => ".anki.csv",
        }
    }

    /// Writes this output for `prepared` to `out`; returns non-fatal problems.
    pub fn write(
        self,
        prepared: &Prepared<'_>,
        options: &Options,
        out: &mut dyn Write,
    ) -> Result<Vec<Diagnostic>, EmitError> {
        match self {
            Output::Apkg => anki::write(prepared, options, out),
            Output::Epub => epub::write(prepared, options, out),
            Output::Csv => csv::write_spreadsheet(prepared, options, out),
            Output::AnkiCsv => csv::write_anki(prepared, options, out),
        }
    }
}

/// Why an emitter could not write its output.
#[derive(Debug, thiserror::Error)]
pub enum EmitError {
    /// Writing failed.
    #[error("write failed: {0}")]
    Io(#[from] std::io::Error),
    /// The SQLite collection of an .apkg could not be built.
    #[error("building the Anki collection failed: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A zip container could not be written.
    #[error("writing the zip container failed: {0}")]
    Zip(#[from] zip::result::ZipError),
    /// The EPUB builder failed.
    #[error("building the EPUB failed: {0}")]
    Epub(String),
    /// Writing CSV failed.
    #[error("writing CSV failed: {0}")]
    Csv(#[from] ::csv::Error),
}
