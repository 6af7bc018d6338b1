//! One guide of a build: checked, its diagnostics reported, rendered and stamped against its
//! lock ([`prepare_one`]: what its outputs are written from), then written ([`write_one`]).
//! What it prints is kept in its [`GuideRun`], for the build to print in input order.

use crate::commands::{Verbosity, failed, human, read_lock, render_report};
use deckbook::bundle::Bundle;
use deckbook::diagnostic::Diagnostic;
use deckbook::emit::{Options, Output};
use deckbook::guides::Loaded;
use deckbook::lock::{self, Update};
use deckbook::parse::{CardOptions, ParseOptions};
use deckbook::pipeline::{self, BuildError, Written};
use deckbook::prepare::{self, PrepareOptions, Prepared};
use std::path::Path;
use std::time::{Duration, Instant};

/// Where a message goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stream {
    /// Standard output, a line (printed with a newline).
    Out,
    /// Standard error, as is.
    Err,
}

/// How a guide's build ended.
#[derive(Debug, Default)]
pub(super) enum Outcome {
    /// Built: every output written.
    Built,
    /// Not built for its diagnostics (reported in its messages).
    #[default]
    Skipped,
    /// It could not be read, or an output or its lock could not be written.
    Failed(BuildError),
}

/// One guide's build: what it printed, in order, and what came of it.
#[derive(Debug, Default)]
pub(super) struct GuideRun {
    /// What it printed, in order.
    pub(super) messages: Vec<(Stream, String)>,
    /// How it ended.
    pub(super) outcome: Outcome,
    /// Cards of the guide built.
    pub(super) cards: usize,
    /// Outputs written.
    pub(super) outputs: usize,
    /// How long loading and parsing took.
    pub(super) load_time: Duration,
    /// How long the whole guide took.
    pub(super) elapsed: Duration,
}

impl GuideRun {
    fn out(&mut self, line: String) {
        self.messages.push((Stream::Out, line));
    }

    fn err(&mut self, text: String) {
        if !text.is_empty() {
            self.messages.push((Stream::Err, text));
        }
    }
}

/// What `build` does to every guide.
pub(super) struct Settings<'a> {
    pub(super) parse: &'a ParseOptions,
    pub(super) cards: &'a CardOptions,
    pub(super) prepare: &'a PrepareOptions,
    pub(super) emit: &'a Options,
    pub(super) outputs: &'a [Output],
    pub(super) deny_warnings: bool,
    pub(super) verbosity: Verbosity,
    pub(super) lock: LockMode,
    /// `--bundle`: the bundle each guide built is added to, instead of writing its outputs.
    pub(super) bundle: Option<&'a Bundle>,
}

/// What `build` does with each guide's lock file.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum LockMode {
    /// `--no-lock`: neither read nor written; every time is the build's.
    Off,
    /// Read, and written when the build changed it; `--forget-removed` drops removed notes.
    Update {
        /// `--forget-removed`.
        forget_removed: bool,
    },
    /// `--locked`: read, and it must be what this build would write; never written.
    Locked,
}

/// A guide checked, rendered and stamped against its lock: everything its outputs are
/// written from. (A bundle of every guide collects these instead of writing each.)
struct Ready<'l> {
    prepared: Prepared<'l>,
    /// Its lock's new text, `None` with `--no-lock`.
    update: Option<Update>,
    check_time: Duration,
    render_time: Duration,
}

/// Builds the guide `loaded` (read from `path`) into `dir`: [`prepare_one`], then
/// [`write_one`]; what it prints goes into `run`.
pub(super) fn build_one(
    path: &Path,
    loaded: &Loaded,
    clash: Option<Diagnostic>,
    dir: &Path,
    settings: &Settings<'_>,
    run: &mut GuideRun,
) -> Outcome {
    match prepare_one(path, loaded, clash, settings, run) {
        Some(ready) => match write_one(path, loaded, ready, dir, settings, run) {
            Ok(()) => Outcome::Built,
            Err(e) => Outcome::Failed(e),
        },
        None => Outcome::Skipped,
    }
}

/// Checks the guide `loaded`, reports its diagnostics (with `clash`, its `same-outputs` error
/// if another guide of the build claimed its slug) into `run`, and when it has none that
/// stop it, renders it and stamps it against its lock. `None` when it is not to be built:
/// every diagnostic is found (by the same preparation `check` runs) before any output is
/// opened.
fn prepare_one<'l>(
    path: &Path,
    loaded: &'l Loaded,
    clash: Option<Diagnostic>,
    settings: &Settings<'_>,
    run: &mut GuideRun,
) -> Option<Ready<'l>> {
    let parsed = &loaded.parsed;
    let started = Instant::now();
    let checked = prepare::check(&parsed.guide, settings.prepare, &loaded.base);
    let check_time = started.elapsed();
    let diagnostics = [&parsed.diagnostics[..], &checked.diagnostics[..]]
        .concat()
        .into_iter()
        .chain(clash)
        .collect::<Vec<_>>();
    run.err(render_report(
        &diagnostics,
        &loaded.sources,
        settings.verbosity,
    ));
    let previous = match settings.lock {
        LockMode::Off => Ok(None),
        LockMode::Update { .. } | LockMode::Locked => read_lock(path),
    };
    let not_built = |run: &mut GuideRun| {
        run.err(format!(
            "error: {} was not built (see the diagnostics above)\n",
            path.display()
        ));
        None
    };
    let previous = match previous {
        Ok(previous) => previous,
        Err(message) => {
            run.err(message);
            return not_built(run);
        }
    };
    if failed(&diagnostics, settings.deny_warnings) {
        return not_built(run);
    }
    let started = Instant::now();
    let mut prepared = checked.render();
    let forget_removed = match settings.lock {
        LockMode::Update { forget_removed } => forget_removed,
        LockMode::Off | LockMode::Locked => false,
    };
    let update = (settings.lock != LockMode::Off).then(|| {
        let source = &parsed.source_text;
        lock::update(path, &mut prepared, previous, source, forget_removed)
    });
    let render_time = started.elapsed();
    if let Some(update) = &update
        && update.changed
        && settings.lock == LockMode::Locked
    {
        run.err(format!(
            "error: {} is {} (--locked): build without --locked to write it, and commit it\n",
            update.file.display(),
            if update.existed {
                "out of date"
            } else {
                "missing"
            }
        ));
        return not_built(run);
    }
    Some(Ready {
        prepared,
        update,
        check_time,
        render_time,
    })
}

/// Writes the outputs of `ready` into `dir`, then its lock, and says what was written.
fn write_one(
    path: &Path,
    loaded: &Loaded,
    ready: Ready<'_>,
    dir: &Path,
    settings: &Settings<'_>,
    run: &mut GuideRun,
) -> Result<(), BuildError> {
    let Ready {
        prepared,
        update,
        check_time,
        render_time,
    } = ready;
    let parallel = loaded.bytes < pipeline::PARALLEL_BELOW;
    let written = match settings.bundle {
        // The bundle keeps what its outputs need of the guide; they are written at the end.
        Some(bundle) => {
            let file = dir.join(bundle.name());
            bundle
                .add(path, &prepared)
                .map_err(|source| BuildError::Write {
                    path: file.display().to_string(),
                    source,
                })?;
            Vec::new()
        }
        None => pipeline::write_outputs(&prepared, settings.emit, settings.outputs, dir, parallel)?,
    };
    // Written last: when an output fails, the lock still describes the previous outputs,
    // and the next build finds (and stamps) the same changes again.
    if let Some(update) = &update
        && update.changed
    {
        lock::write(&update.file, &update.text).map_err(|source| BuildError::Write {
            path: update.file.display().to_string(),
            source,
        })?;
    }
    run.cards = prepared.cards.len();
    run.outputs = written.len();
    if settings.verbosity != Verbosity::Quiet {
        for w in &written {
            run.out(wrote_line(w, &prepared, loaded));
        }
        if let Some(update) = &update {
            if update.changed {
                run.out(format!("wrote {}", update.file.display()));
            }
            run.out(format!(
                "{}: cards since the last build: {}",
                path.display(),
                update.changes
            ));
        }
    }
    if settings.verbosity == Verbosity::Full {
        let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1e3);
        let mut phases = vec![
            format!("load and parse {}", ms(run.load_time)),
            format!("check {}", ms(check_time)),
            format!("highlight and notes {}", ms(render_time)),
        ];
        phases.extend(
            written
                .iter()
                .map(|w| format!("{} {}", w.output.extension(), ms(w.elapsed))),
        );
        run.err(format!("{}: {}\n", path.display(), phases.join(", ")));
    }
    Ok(())
}

/// `wrote output/x.apkg (1.1 MiB, 74 notes)`.
fn wrote_line(w: &Written, prepared: &Prepared<'_>, loaded: &Loaded) -> String {
    let what = match w.output {
        Output::Apkg => format!("{} notes", prepared.notes.len()),
        Output::Epub => format!("{} chapters", loaded.parsed.guide.topics.len()),
        Output::Csv => format!("{} rows", prepared.cards.len()),
        Output::AnkiCsv => format!("{} rows", prepared.notes.len()),
    };
    format!("wrote {} ({}, {what})", w.path.display(), human(w.bytes))
}
