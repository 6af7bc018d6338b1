//! `deckbook build --bundle NAME`: every guide of a build in one set of outputs —
//! `NAME.apkg` (a deck `NAME` with each guide's deck below it), `NAME.epub` (a part per
//! guide), `NAME.csv` and `NAME.anki.csv`.
//!
//! Each guide is loaded, checked, rendered and its lock updated exactly as in a build of
//! outputs per guide; its deck is `NAME::<its deck>` because the prepare stage is told the
//! bundle (`PrepareOptions::bundle`). Instead of writing its outputs, the build hands its
//! [`Prepared`] guide to [`Bundle::add`], which keeps what each output needs of it, owned
//! (the package's notes and images, the book's rendered documents, the spreadsheet's rows);
//! [`Bundle::write`] then writes the four files once, atomically each. The note GUIDs, the
//! note types and their ids are the guides' own, so a student can import the bundle and a
//! guide's own package in either order without a duplicate.
//!
//! The guides are kept by their place in the build's list of guides, so the outputs hold
//! them in that order whatever order they were added in (a parallel build may add them in
//! any order), and equal input gives equal bytes. A guide added twice (named twice on the
//! command line) is kept once.

use crate::emit::{EmitError, Options, Output, anki, csv, epub};
use crate::pipeline::{BuildError, Written, write_atomic};
use crate::prepare::{Note, Prepared};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The guides of one bundle, collected as they are built.
#[derive(Debug)]
pub struct Bundle {
    /// The bundle's name: its top deck, its book's title, its files' stem.
    name: String,
    /// The outputs to write.
    outputs: Vec<Output>,
    /// How the outputs are formatted.
    options: Options,
    /// The build's guides, in order: a guide's place among them orders the bundle.
    order: Vec<PathBuf>,
    /// Each added guide's part, by its place.
    parts: Mutex<BTreeMap<usize, Part>>,
}

/// What one guide contributes to the bundle's outputs.
#[derive(Debug)]
struct Part {
    /// The guide's slug (the spreadsheet's `guide` column; a guide is kept once per slug).
    slug: String,
    /// Its notes, decks and images (for the package and the Anki CSV).
    anki: anki::Part,
    /// Its spreadsheet rows, the slug first.
    rows: Vec<[String; 9]>,
    /// Its part of the book, when the book is written.
    book: Option<epub::Part>,
}

/// Why a bundle's name cannot name its files.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error(
    "--bundle `{0}` cannot name a file: use letters, digits, spaces, `-`, `_` or `.`, not starting with `.`"
)]
pub struct BadName(pub String);

impl Bundle {
    /// A bundle named `name` of the guides found at `order` (in build order), writing
    /// `outputs` formatted as `options` says. The name must be a portable file name: not
    /// empty, not starting with `.`, without `/ \ : * ? " < > |` or control characters.
    pub fn new(
        name: &str,
        order: Vec<PathBuf>,
        outputs: &[Output],
        options: &Options,
    ) -> Result<Bundle, BadName> {
        let bad = name.trim().is_empty()
            || name.starts_with('.')
            || name != name.trim()
            || name
                .chars()
                .any(|c| c.is_control() || "/\\:*?\"<>|".contains(c));
        if bad {
            return Err(BadName(name.to_string()));
        }
        Ok(Bundle {
            name: name.to_string(),
            outputs: outputs.to_vec(),
            options: options.clone(),
            order,
            parts: Mutex::new(BTreeMap::new()),
        })
    }

    /// The bundle's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Keeps what the outputs need of the guide found at `path`, built into `prepared`.
    pub fn add(&self, path: &Path, prepared: &Prepared<'_>) -> Result<(), EmitError> {
        let place = self
            .order
            .iter()
            .position(|p| p == path)
            .unwrap_or(self.order.len());
        let slug = prepared.guide.slug.clone();
        let rows = if self.outputs.contains(&Output::Csv) {
            prepared
                .cards
                .iter()
                .map(|card| {
                    let [a, b, c, d, e, f, g, h] = csv::spreadsheet::row(prepared.guide, card);
                    [slug.clone(), a, b, c, d, e, f, g, h]
                })
                .collect()
        } else {
            Vec::new()
        };
        let book = if self.outputs.contains(&Output::Epub) {
            Some(epub::Part::of(prepared)?)
        } else {
            None
        };
        let part = Part {
            slug,
            anki: anki::Part::of(prepared),
            rows,
            book,
        };
        let mut parts = self.parts.lock().unwrap_or_else(|e| e.into_inner());
        parts.insert(place, part);
        Ok(())
    }

    /// How many guides were added (each slug once) and how many notes they hold.
    pub fn count(&self) -> (usize, usize) {
        let parts = self.parts.lock().unwrap_or_else(|e| e.into_inner());
        let kept = kept(parts.values());
        (kept.len(), kept.iter().map(|p| p.anki.notes.len()).sum())
    }

    /// Writes the bundle's outputs into `dir`, atomically each, in the order of the outputs
    /// asked for; returns what was written. The first failure stops the writing.
    pub fn write(self, dir: &Path) -> Result<Vec<Written>, BuildError> {
        if !dir.is_dir() {
            return Err(BuildError::OutputDir(dir.display().to_string()));
        }
        let parts = self.parts.lock().unwrap_or_else(|e| e.into_inner());
        let parts = kept(parts.values());
        let mut written = Vec::new();
        for &output in &self.outputs {
            let started = std::time::Instant::now();
            let path = dir.join(format!("{}{}", self.name, output.extension()));
            write_atomic(&path, |w| self.write_one(output, &parts, w)).map_err(|source| {
                BuildError::Write {
                    path: path.display().to_string(),
                    source,
                }
            })?;
            let bytes = fs::metadata(&path).map_or(0, |m| m.len());
            written.push(Written {
                output,
                path,
                bytes,
                elapsed: started.elapsed(),
            });
        }
        Ok(written)
    }

    fn write_one(
        &self,
        output: Output,
        parts: &[&Part],
        out: &mut dyn std::io::Write,
    ) -> Result<(), EmitError> {
        match output {
            Output::Apkg => {
                let anki: Vec<&anki::Part> = parts.iter().map(|p| &p.anki).collect();
                anki::write_parts(Some(&self.name), &anki, out)
            }
            Output::Epub => {
                let books: Vec<&epub::Part> =
                    parts.iter().filter_map(|p| p.book.as_ref()).collect();
                epub::write_bundle(&self.name, &books, out)
            }
            Output::Csv => {
                let rows = parts.iter().flat_map(|p| &p.rows);
                csv::spreadsheet::write_table(
                    &csv::spreadsheet::BUNDLE_HEADER,
                    rows,
                    &self.options,
                    out,
                )
            }
            Output::AnkiCsv => {
                let mut kinds: Vec<_> = parts.iter().flat_map(|p| p.anki.kinds.clone()).collect();
                kinds.sort_unstable();
                kinds.dedup();
                let notes: Vec<&Note> = parts.iter().flat_map(|p| &p.anki.notes).collect();
                csv::anki::write_notes(&self.name, csv::anki::notetype_for(&kinds), notes, out)
            }
        }
    }
}

/// `parts` in order, each slug once (the first).
fn kept<'p>(parts: impl Iterator<Item = &'p Part>) -> Vec<&'p Part> {
    let mut kept: Vec<&Part> = Vec::new();
    for part in parts {
        if !kept.iter().any(|k| k.slug == part.slug) {
            kept.push(part);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bundle_name_must_be_a_portable_file_name() {
        let new = |name: &str| Bundle::new(name, Vec::new(), &[], &Options::default());
        assert!(new("Library").is_ok());
        assert!(new("CS notes 2026.v1").is_ok());
        for bad in [
            "", " ", ".hidden", "a/b", "a\\b", "A::B", "x\n", " lead", "q?",
        ] {
            assert_eq!(new(bad).unwrap_err(), BadName(bad.to_string()), "{bad:?}");
        }
    }
}
