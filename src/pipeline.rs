//! The pipeline's file side: load a guide (bytes, timestamp) → parse → prepare → write every
//! requested output atomically (temporary file in the same folder, then rename), so a failed
//! build leaves the previous outputs intact.

use crate::emit::{EmitError, Options, Output};
use crate::parse::{CardOptions, ParseError, ParseOptions, Parsed};
use crate::prepare::Prepared;
use rayon::prelude::*;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// Why a guide could not be loaded or an output written.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The guide could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The guide.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The guide is not text.
    #[error(transparent)]
    Parse(#[from] ParseError),
    /// The output folder is missing or not a folder.
    #[error("output folder {0} does not exist or is not a folder")]
    OutputDir(String),
    /// An output could not be written.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The output file.
        path: String,
        /// The cause.
        source: EmitError,
    },
}

/// The timestamp that stamps a guide's outputs: `SOURCE_DATE_EPOCH` if set and valid, else
/// the file's modification time, else 0.
pub(crate) fn timestamp_for(path: &Path) -> i64 {
    if let Some(epoch) = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok())
    {
        return epoch;
    }
    fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_secs() as i64)
}

/// Reads and parses the guide at `path`.
pub fn load(path: &Path, options: &ParseOptions) -> Result<Parsed, BuildError> {
    load_with(path, options, &CardOptions::default())
}

/// Reads and parses the guide at `path`, its cards found as `cards` says.
pub fn load_with(
    path: &Path,
    options: &ParseOptions,
    cards: &CardOptions,
) -> Result<Parsed, BuildError> {
    let shown = path.display().to_string();
    let bytes = fs::read(path).map_err(|source| BuildError::Read {
        path: shown.clone(),
        source,
    })?;
    Ok(crate::parse::parse_with(
        &bytes,
        &shown,
        timestamp_for(path),
        options,
        cards,
    )?)
}

/// One written output.
#[derive(Debug, Clone)]
pub struct Written {
    /// Which output.
    pub output: Output,
    /// Where.
    pub path: PathBuf,
    /// Its size in bytes.
    pub bytes: u64,
    /// How long rendering and writing it took.
    pub elapsed: std::time::Duration,
}

/// Guides whose source text is smaller than this have their outputs written in parallel, for
/// latency; larger ones one output at a time, so that the emitters' peak memory does not add
/// up.
pub const PARALLEL_BELOW: usize = 4 << 20;

/// Writes every output in `outputs` for `prepared` into `dir`, atomically each, in parallel
/// (on rayon's pool) when `parallel`. Returns what was written, in the order of `outputs`
/// whatever the schedule. On a failure the failed output keeps its previous version; the
/// others are still written (all of them when `parallel`, those before it when not), and the
/// first error in `outputs` order is returned. A panic in an emitter is a bug: it propagates.
pub fn write_outputs(
    prepared: &Prepared<'_>,
    options: &Options,
    outputs: &[Output],
    dir: &Path,
    parallel: bool,
) -> Result<Vec<Written>, BuildError> {
    if !dir.is_dir() {
        return Err(BuildError::OutputDir(dir.display().to_string()));
    }
    let write_one = |output: Output| -> Result<Written, BuildError> {
        let started = std::time::Instant::now();
        let path = dir.join(format!("{}{}", prepared.guide.slug, output.extension()));
        write_atomic(&path, |w| output.write(prepared, options, w)).map_err(|source| {
            BuildError::Write {
                path: path.display().to_string(),
                source,
            }
        })?;
        let bytes = fs::metadata(&path).map_or(0, |m| m.len());
        let elapsed = started.elapsed();
        Ok(Written {
            output,
            path,
            bytes,
            elapsed,
        })
    };
    let results: Vec<Result<Written, BuildError>> = if parallel {
        // Each output is one task, the longest first: rayon splits the list in halves and a
        // worker starts on the first item of its half, so the longest starts at once.
        let mut order: Vec<usize> = (0..outputs.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(expected_work(outputs[i])));
        let mut done: Vec<(usize, Result<Written, BuildError>)> = order
            .par_iter()
            .with_max_len(1)
            .map(|&i| (i, write_one(outputs[i])))
            .collect();
        done.sort_by_key(|(i, _)| *i);
        done.into_iter().map(|(_, result)| result).collect()
    } else {
        let mut results = Vec::new();
        for &output in outputs {
            let result = write_one(output);
            let failed = result.is_err();
            results.push(result);
            if failed {
                break;
            }
        }
        results
    };
    results.into_iter().collect()
}

/// How much work writing `output` is, relatively (the seed guide: the book ~15 ms, the
/// package ~11 ms, each CSV ~1 ms), to start the longest first.
fn expected_work(output: Output) -> u8 {
    match output {
        Output::Epub => 3,
        Output::Apkg => 2,
        Output::AnkiCsv | Output::Csv => 1,
    }
}

/// Writes `path` through `fill` into a temporary file beside it, then renames it into place.
/// On any error the temporary file is removed and `path` is left as it was.
pub(crate) fn write_atomic<T>(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> Result<T, EmitError>,
) -> Result<T, EmitError> {
    let name = path
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let file = File::create(&tmp)?;
        let mut w = BufWriter::new(file);
        let value = fill(&mut w)?;
        let file = w.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        fs::rename(&tmp, path)?;
        Ok(value)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_keeps_the_previous_output() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.csv");
        fs::write(&path, "previous").unwrap();
        let err = write_atomic(&path, |w| {
            w.write_all(b"half a file")?;
            Err::<(), _>(EmitError::Epub("boom".into()))
        })
        .unwrap_err();
        assert_eq!(err.to_string(), "building the EPUB failed: boom");
        assert_eq!(fs::read_to_string(&path).unwrap(), "previous");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "temporary file left behind"
        );
    }

    #[test]
    fn an_unwritable_target_keeps_the_previous_output() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.epub");
        fs::create_dir(&path).unwrap();
        fs::write(path.join("keep"), "x").unwrap();
        assert!(write_atomic(&path, |w| Ok(w.write_all(b"new")?)).is_err());
        assert_eq!(fs::read_to_string(path.join("keep")).unwrap(), "x");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_successful_write_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.csv");
        fs::write(&path, "old").unwrap();
        write_atomic(&path, |w| Ok(w.write_all(b"new")?)).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
    }
}
