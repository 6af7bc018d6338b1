//! The emitters: each writes a prepared guide in one output format. They only format: every
//! decision (cards, deck name, language, images, links) and every diagnostic was made by the
//! prepare stage before any output was opened. The outputs are a closed set, [`Output`], and
//! [`Output::write`] is a `match` over them. No emitter uses another's module.

pub(crate) mod anki;
pub(crate) mod csv;
pub(crate) mod epub;

use crate::prepare::Prepared;
use std::io::Write;

/// How the outputs are formatted (what the guide's content looks like is decided by the
/// prepare stage, see `prepare::PrepareOptions`).
#[derive(Debug, Clone, Default)]
pub struct Options {
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

    /// Writes this output for `prepared` to `out`.
    pub fn write(
        self,
        prepared: &Prepared<'_>,
        options: &Options,
        out: &mut dyn Write,
    ) -> Result<(), EmitError> {
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
