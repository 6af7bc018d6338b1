//! `deckbook build`: every guide of a library built on every core (rayon), memory bounded by
//! the guides in flight. The guides are taken in windows of a few per thread: a window's
//! guides are loaded and parsed in parallel, their outputs claimed one after the other in
//! input order (so `same-outputs` decisions are those of a one-guide-at-a-time build), then
//! each is checked, rendered, stamped against its lock and written in parallel; everything a
//! guide prints is kept with it and printed in input order once its window is done, and
//! nothing of a guide outlives its window. What is printed and written is byte-identical
//! whatever the number of threads.

mod guide;

use crate::cli::{BuildArgs, FormatArg};
use crate::commands::{
    Verbosity, cards, human, parse_options, prepare_options, to_stderr, to_stdout,
};
use crate::progress;
use anyhow::{Context, Result};
use deckbook::bundle::Bundle;
use deckbook::diagnostic::Diagnostic;
use deckbook::emit::{Options, Output};
use deckbook::guides::{self, GuideSource, Loaded, OutputClaims};
use deckbook::pipeline::BuildError;
use guide::{GuideRun, LockMode, Outcome, Settings, Stream, build_one};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Guides in flight per thread: enough that a thread rarely waits at the end of a window,
/// few enough that memory stays that of a handful of guides.
const WINDOW_PER_THREAD: usize = 4;

/// `deckbook build`.
pub fn build(args: BuildArgs) -> Result<ExitCode> {
    let verbosity = if args.quiet {
        Verbosity::Quiet
    } else if args.verbose {
        Verbosity::Full
    } else {
        Verbosity::Short
    };
    if !args.output.is_dir() {
        anyhow::bail!(
            "output folder {} does not exist or is not a folder",
            args.output.display()
        );
    }
    let mut outputs = Vec::new();
    for f in &args.format {
        match f {
            FormatArg::Apkg => outputs.push(Output::Apkg),
            FormatArg::Epub => outputs.push(Output::Epub),
            FormatArg::Csv => outputs.extend([Output::Csv, Output::AnkiCsv]),
        }
    }
    outputs.sort();
    outputs.dedup();
    let options = Options {
        csv_bom: args.csv_bom,
        no_formula_guard: args.no_formula_guard,
    };
    let parse_opts = parse_options(&args.parse);
    let (granularity, card_options) = cards(&args.parse)?;
    let mut prepare_opts = prepare_options(&args.prepare, granularity, &args.paths);
    prepare_opts.bundle = args.bundle.clone();
    let paths = guides::find(&args.paths).context("cannot list the guides")?;
    if paths.is_empty() {
        anyhow::bail!("no guides to build (no .md files in source/)");
    }
    // `--bundle`: each guide built is added to the bundle instead of writing its outputs.
    let bundle = match &args.bundle {
        Some(name) => {
            let order = paths.iter().map(|g| g.path().to_path_buf()).collect();
            Some(Bundle::new(name, order, &outputs, &options)?)
        }
        None => None,
    };
    let lock = if args.no_lock {
        LockMode::Off
    } else if args.locked {
        LockMode::Locked
    } else {
        LockMode::Update {
            forget_removed: args.forget_removed,
        }
    };
    let settings = Settings {
        parse: &parse_opts,
        cards: &card_options,
        prepare: &prepare_opts,
        emit: &options,
        outputs: &outputs,
        deny_warnings: args.deny_warnings,
        verbosity,
        lock,
        bundle: bundle.as_ref(),
    };
    let build_started = Instant::now();
    let on_terminal = verbosity != Verbosity::Quiet && std::io::stderr().is_terminal();
    if on_terminal {
        progress::start(paths.len());
    }
    let mut tally = Tally::default();
    let mut claims = OutputClaims::default();
    let size = rayon::current_num_threads().max(1) * WINDOW_PER_THREAD;
    for window in windows(&paths, size) {
        let runs = build_window(window, &args.output, &settings, &mut claims);
        for (guide, run) in window.iter().zip(runs) {
            if let Err(e) = flush(guide.path(), run, verbosity, &mut tally) {
                progress::finish();
                return Err(e);
            }
        }
    }
    let bundle_failed =
        bundle.is_some_and(|b| !write_bundle(b, &args.output, verbosity, &mut tally));
    progress::finish();
    if on_terminal {
        eprintln!("{}", tally.summary(build_started.elapsed()));
    }
    Ok(if tally.skipped == 0 && !bundle_failed {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Writes the bundle's outputs after every guide was built; `false` when one could not be
/// written (reported).
fn write_bundle(bundle: Bundle, dir: &Path, verbosity: Verbosity, tally: &mut Tally) -> bool {
    let (guides, notes) = bundle.count();
    if guides == 0 {
        to_stderr(&format!(
            "error: no guide was built, so the bundle `{}` was not written\n",
            bundle.name()
        ));
        return false;
    }
    let written = match bundle.write(dir) {
        Ok(written) => written,
        Err(e) => {
            to_stderr(&format!("error: {e}\n"));
            return false;
        }
    };
    tally.outputs += written.len();
    if verbosity != Verbosity::Quiet {
        for w in &written {
            let plural =
                |n: usize, noun: &str| format!("{n} {noun}{}", if n == 1 { "" } else { "s" });
            let what = match w.output {
                Output::Apkg | Output::AnkiCsv => {
                    format!("{}, {}", plural(guides, "guide"), plural(notes, "note"))
                }
                Output::Epub | Output::Csv => plural(guides, "guide"),
            };
            to_stdout(&format!(
                "wrote {} ({}, {what})",
                w.path.display(),
                human(w.bytes)
            ));
        }
    }
    true
}

/// `paths` cut into windows of at most `size` guides, in order. A guide named a second time
/// (`a.md` and `./a.md`) starts a new window, so it is built after the first time is done, as
/// in a one-at-a-time build, and never writes the same files at the same time.
fn windows(paths: &[GuideSource], size: usize) -> Vec<&[GuideSource]> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut seen = BTreeSet::new();
    for (i, guide) in paths.iter().enumerate() {
        let key: PathBuf = guide
            .path()
            .canonicalize()
            .unwrap_or_else(|_| guide.path().to_path_buf());
        if i - start == size || seen.contains(&key) {
            out.push(&paths[start..i]);
            start = i;
            seen.clear();
        }
        seen.insert(key);
    }
    out.push(&paths[start..]);
    out
}

/// Builds the guides of one window in parallel; their runs, in the window's order.
fn build_window(
    window: &[GuideSource],
    dir: &Path,
    settings: &Settings<'_>,
    claims: &mut OutputClaims,
) -> Vec<GuideRun> {
    let loaded: Vec<(Result<Loaded, BuildError>, Duration)> = window
        .par_iter()
        .with_max_len(1)
        .map(|guide| {
            progress::building(&guide.path().display().to_string());
            let started = Instant::now();
            let loaded = guides::load(guide, settings.parse, settings.cards);
            (loaded, started.elapsed())
        })
        .collect();
    // In input order: the first guide with a slug keeps it, whatever the schedule.
    let clashes: Vec<Option<Diagnostic>> = window
        .iter()
        .zip(&loaded)
        .map(|(guide, (loaded, _))| {
            let loaded = loaded.as_ref().ok()?;
            claims.claim(&loaded.parsed, guide.path(), settings.outputs)
        })
        .collect();
    window
        .par_iter()
        .zip(loaded)
        .zip(clashes)
        .with_max_len(1)
        .map(|((guide, (loaded, load_time)), clash)| {
            let started = Instant::now();
            let mut run = GuideRun {
                load_time,
                ..GuideRun::default()
            };
            run.outcome = match loaded {
                Ok(loaded) => build_one(guide.path(), &loaded, clash, dir, settings, &mut run),
                Err(e) => Outcome::Failed(e),
            };
            run.elapsed = load_time + started.elapsed();
            run
        })
        .collect()
}

/// Prints what the guide at `path` printed and counts it; an output folder gone missing stops
/// the build.
fn flush(path: &Path, run: GuideRun, verbosity: Verbosity, tally: &mut Tally) -> Result<()> {
    for (stream, text) in &run.messages {
        match stream {
            Stream::Out => to_stdout(text),
            Stream::Err => to_stderr(text),
        }
    }
    match run.outcome {
        Outcome::Built => {
            tally.built += 1;
            tally.cards += run.cards;
            tally.outputs += run.outputs;
        }
        Outcome::Skipped => tally.skipped += 1,
        Outcome::Failed(BuildError::OutputDir(dir)) => {
            anyhow::bail!("output folder {dir} does not exist or is not a folder")
        }
        Outcome::Failed(e) => {
            to_stderr(&format!("error: {e}\n"));
            tally.skipped += 1;
        }
    }
    progress::done_one();
    if verbosity == Verbosity::Full {
        to_stderr(&format!(
            "{}: built in {:.1} ms\n",
            path.display(),
            run.elapsed.as_secs_f64() * 1e3
        ));
    }
    Ok(())
}

/// What a build did, for its summary.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Tally {
    /// Guides built.
    built: usize,
    /// Guides skipped for their errors (or that could not be read or written).
    skipped: usize,
    /// Cards of the guides built.
    cards: usize,
    /// Output files written.
    outputs: usize,
}

impl Tally {
    /// `built 3 guides, 1 skipped with errors: 178 cards, 12 outputs, in 0.42 s`.
    fn summary(&self, elapsed: Duration) -> String {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        format!(
            "built {}, {} skipped with errors: {}, {}, in {:.2} s",
            plural(self.built, "guide", "guides"),
            self.skipped,
            plural(self.cards, "card", "cards"),
            plural(self.outputs, "output", "outputs"),
            elapsed.as_secs_f64()
        )
    }
}

#[cfg(test)]
mod tests {
    // Test code: a failed unwrap is a failed test.
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_summary_counts_guides_cards_and_outputs() {
        let tally = Tally {
            built: 3,
            skipped: 1,
            cards: 178,
            outputs: 12,
        };
        assert_eq!(
            tally.summary(Duration::from_millis(420)),
            "built 3 guides, 1 skipped with errors: 178 cards, 12 outputs, in 0.42 s"
        );
        let one = Tally {
            built: 1,
            cards: 1,
            outputs: 1,
            ..Tally::default()
        };
        assert_eq!(
            one.summary(Duration::ZERO),
            "built 1 guide, 0 skipped with errors: 1 card, 1 output, in 0.00 s"
        );
    }

    fn files(names: &[&str]) -> Vec<GuideSource> {
        names
            .iter()
            .map(|n| GuideSource::File(PathBuf::from(n)))
            .collect()
    }

    fn sizes(windows: &[&[GuideSource]]) -> Vec<usize> {
        windows.iter().map(|w| w.len()).collect()
    }

    #[test]
    fn windows_keep_the_order_and_their_size() {
        let paths = files(&["a.md", "b.md", "c.md", "d.md", "e.md"]);
        let cut = windows(&paths, 2);
        assert_eq!(sizes(&cut), [2, 2, 1]);
        let flat: Vec<&Path> = cut
            .iter()
            .flat_map(|w| w.iter().map(|g| g.path()))
            .collect();
        assert_eq!(
            flat,
            ["a.md", "b.md", "c.md", "d.md", "e.md"].map(Path::new)
        );
        assert_eq!(sizes(&windows(&paths[..1], 8)), [1]);
    }

    #[test]
    fn a_guide_named_twice_starts_a_new_window() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.md");
        std::fs::write(&a, "# A\n").unwrap();
        let again = dir.path().join(".").join("a.md");
        let b = dir.path().join("b.md");
        let paths = vec![
            GuideSource::File(a),
            GuideSource::File(b),
            GuideSource::File(again),
        ];
        assert_eq!(sizes(&windows(&paths, 8)), [2, 1]);
    }
}
