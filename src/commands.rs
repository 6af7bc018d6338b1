//! The subcommands: `build`, `check`, `inspect`, `completions`. Each reports problems like a
//! compiler on standard error and returns the exit code.

use crate::cli::{
    BuildArgs, CardsArg, CheckArgs, Cli, Command, FormatArg, InspectArgs, ParseArgs, PrepareArgs,
    SubdecksArg,
};
use crate::progress;
use anyhow::{Context, Result};
use clap::CommandFactory;
use deckbook::bundle::Bundle;
use deckbook::diagnostic::{Diagnostic, Severity, SourceLines};
use deckbook::emit::{Options, Output};
use deckbook::guides::{self, GuideSource, OutputClaims};
use deckbook::lock::{self, Lock, LockError};
use deckbook::model::{Convention, Granularity, Guide, Section, plain_text};
use deckbook::parse::{CardOptions, ParseOptions, Parsed};
use deckbook::pipeline::{self, BuildError};
use deckbook::prepare::{self, PrepareOptions, Subdecks};
use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Build(args) => build(args),
        Command::Check(args) => check(args),
        Command::Inspect(args) => inspect(args),
        Command::Completions { shell } => {
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "deckbook",
                &mut std::io::stdout(),
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn parse_options(args: &ParseArgs) -> ParseOptions {
    ParseOptions {
        repair: !args.no_repair,
        topic_level: args.topic_level,
    }
}

/// `--cards`: at most one granularity and one convention.
fn cards(args: &ParseArgs) -> Result<(Granularity, CardOptions)> {
    let mut granularity = None;
    let mut convention = None;
    for arg in &args.cards {
        let (g, c) = match arg {
            CardsArg::Topics => (Some(Granularity::Topics), None),
            CardsArg::Sections => (Some(Granularity::Sections), None),
            CardsArg::Headings => (None, Some(Convention::Headings)),
            CardsArg::Numbered => (None, Some(Convention::Numbered)),
            CardsArg::Bold => (None, Some(Convention::Bold)),
            CardsArg::Qa => (None, Some(Convention::Qa)),
            CardsArg::ListHeadings => (None, Some(Convention::ListHeadings)),
            CardsArg::ListItems => (None, Some(Convention::ListItems)),
        };
        if g.is_some() && granularity.replace(g).is_some()
            || c.is_some() && convention.replace(c).is_some()
        {
            let mut cmd = Cli::command();
            cmd.error(
                clap::error::ErrorKind::ArgumentConflict,
                "--cards takes at most one of topics/sections and one convention",
            )
            .exit();
        }
    }
    let options = CardOptions {
        convention: convention.flatten(),
        keep_all: args.keep_all,
    };
    Ok((granularity.flatten().unwrap_or_default(), options))
}

/// The options of the prepare stage; `roots` are the paths named on the command line (a
/// guide's folders below them are its decks with `--subdecks folders`).
fn prepare_options(
    args: &PrepareArgs,
    granularity: Granularity,
    roots: &[PathBuf],
) -> PrepareOptions {
    let subdecks = match (args.no_subdecks, args.subdecks) {
        (true, _) | (false, Some(SubdecksArg::None)) => Subdecks::None,
        (false, Some(SubdecksArg::Folders)) => Subdecks::Folders,
        (false, Some(SubdecksArg::Groups) | None) => Subdecks::Groups,
    };
    PrepareOptions {
        granularity,
        title: args.title.clone(),
        author: args.author.clone(),
        language: args.lang.clone(),
        deck: args.deck.clone(),
        subdecks,
        roots: roots.to_vec(),
        bundle: None,
    }
}

/// Writes `text` to standard error, above the progress bar when one is shown.
fn to_stderr(text: &str) {
    progress::suspend(|| {
        let _ = std::io::stderr().lock().write_all(text.as_bytes());
    });
}

/// Writes `line` and a newline to standard output, above the progress bar when one is shown.
fn to_stdout(line: &str) {
    progress::suspend(|| println!("{line}"));
}

fn color() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}

/// How much of the diagnostics to print.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Verbosity {
    Quiet,
    Short,
    Full,
}

/// Prints `diags`; `sources` holds each file's path (as diagnostics name it) and text, whose
/// lines are shown under the diagnostics that point into it.
fn report(diags: &[Diagnostic], sources: &[(String, String)], verbosity: Verbosity) {
    let color = color();
    let lines: BTreeMap<&str, SourceLines<'_>> = sources
        .iter()
        .map(|(path, text)| (path.as_str(), SourceLines::new(text)))
        .collect();
    let mut err = std::io::stderr().lock();
    for d in diags {
        let source = d.location.as_ref().and_then(|l| lines.get(l.path.as_str()));
        let text = match verbosity {
            Verbosity::Quiet if d.severity != Severity::Error => continue,
            Verbosity::Short if d.severity != Severity::Error => short(d),
            _ => d.render(source, color),
        };
        let _ = err.write_all(text.as_bytes());
    }
}

fn short(d: &Diagnostic) -> String {
    let place = d
        .location
        .as_ref()
        .map(|l| format!(" --> {}:{}:{}", l.path, l.line, l.column))
        .unwrap_or_default();
    format!(
        "{}[{}]: {}{place}\n",
        d.severity.as_str(),
        d.code,
        d.message
    )
}

fn failed(diags: &[Diagnostic], deny_warnings: bool) -> bool {
    diags.iter().any(|d| {
        d.severity == Severity::Error || (deny_warnings && d.severity == Severity::Warning)
    })
}

/// `deckbook check`: the same parsing and the same diagnostic-producing preparation as
/// `build` ([`prepare::check`]), so both report the same diagnostics; nothing is written.
fn check(args: CheckArgs) -> Result<ExitCode> {
    let options = parse_options(&args.parse);
    let (granularity, card_options) = cards(&args.parse)?;
    let prepare_options = prepare_options(&args.prepare, granularity, &args.files);
    let mut code = ExitCode::SUCCESS;
    let mut claims = OutputClaims::default();
    let guides = guides::find(&args.files).context("cannot list the guides")?;
    if guides.is_empty() {
        anyhow::bail!("no guides to check (no Markdown files in the folders given)");
    }
    for guide in &guides {
        let file = guide.path();
        let loaded = match guides::load(guide, &options, &card_options) {
            Ok(p) => p,
            Err(e @ BuildError::Read { .. }) => return Err(e.into()),
            Err(e) => {
                eprintln!("error: {e}");
                code = ExitCode::from(1);
                continue;
            }
        };
        let parsed = &loaded.parsed;
        let checked = prepare::check(&parsed.guide, &prepare_options, &loaded.base);
        let clash = claims.claim(parsed, file, &[]);
        let diagnostics = [&parsed.diagnostics[..], &checked.diagnostics[..]]
            .concat()
            .into_iter()
            .chain(clash)
            .collect::<Vec<_>>();
        report(&diagnostics, &loaded.sources, Verbosity::Full);
        let lock_usable = args.no_lock || read_lock(file).is_ok();
        let lock_errors = usize::from(!lock_usable);
        println!(
            "{}: {}",
            parsed.guide.source.path,
            parsed.guide.detection.describe()
        );
        println!(
            "{}",
            summary(parsed, checked.cards.len(), &diagnostics, lock_errors)
        );
        if failed(&diagnostics, args.deny_warnings) || !lock_usable {
            code = ExitCode::from(1);
        }
    }
    Ok(code)
}

/// The lock of the guide at `guide` and its text (`None` when it has none yet); a lock that
/// cannot be read or used is reported (a diagnostic with its line, or the I/O error) and is
/// `Err`: the guide is then not built.
fn read_lock(guide: &Path) -> Result<Option<(Lock, String)>, ()> {
    let file = lock::path_for(guide);
    match lock::read(&file) {
        Ok(found) => Ok(found),
        Err(LockError::Read(e)) => {
            eprintln!("error: cannot read {}: {e}", file.display());
            Err(())
        }
        Err(LockError::Invalid { diagnostic, text }) => {
            let file = file.display().to_string();
            report(
                std::slice::from_ref(&*diagnostic),
                &[(file, text)],
                Verbosity::Full,
            );
            Err(())
        }
    }
}

/// `file: 74 topics, 120 sections, 74 cards, 195 code blocks, 93 repairs (…), 15 warnings`;
/// `lock_errors` counts an unusable lock among the errors.
fn summary(
    parsed: &Parsed,
    cards: usize,
    diagnostics: &[Diagnostic],
    lock_errors: usize,
) -> String {
    let g = &parsed.guide;
    let mut sections = 0;
    for t in &g.topics {
        for s in &t.sections {
            s.walk(&mut |_| sections += 1);
        }
    }
    let r = &parsed.repairs;
    let count = |s| diagnostics.iter().filter(|d| d.severity == s).count();
    format!(
        "{}: {} topics, {sections} sections, {cards} cards, {} code blocks, {} repairs ({} encoding, {} fences, {} comments, {} control characters), {} errors, {} warnings",
        g.source.path,
        g.topics.len(),
        g.code_blocks().len(),
        r.encoding + r.fences + r.comments + r.control_chars,
        r.encoding,
        r.fences,
        r.comments,
        r.control_chars,
        count(Severity::Error) + lock_errors,
        count(Severity::Warning),
    )
}

/// `deckbook inspect`: the outline (or with `--json` the model) of the guide, or of each guide
/// of a folder (with `--json`, an array when there are several).
fn inspect(args: InspectArgs) -> Result<ExitCode> {
    let (_, card_options) = cards(&args.parse)?;
    let found = guides::find(std::slice::from_ref(&args.file)).context("cannot list the guides")?;
    if found.is_empty() {
        anyhow::bail!("no guides in {} (no Markdown files)", args.file.display());
    }
    let mut guides = Vec::new();
    for guide in &found {
        guides.push(
            guides::load(guide, &parse_options(&args.parse), &card_options)?
                .parsed
                .guide,
        );
    }
    let mut out = std::io::stdout().lock();
    if args.json {
        match guides.as_slice() {
            [guide] => serde_json::to_writer_pretty(&mut out, guide)?,
            _ => serde_json::to_writer_pretty(&mut out, &guides)?,
        }
        writeln!(out)?;
    } else {
        for guide in &guides {
            write_outline(guide, &mut out)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn write_outline(g: &Guide, out: &mut impl Write) -> std::io::Result<()> {
    writeln!(out, "{} [{}] ({})", g.title, g.slug, g.source.path)?;
    writeln!(out, "  cards: {}", g.detection.describe())?;
    let depth = |mut group: Option<usize>| {
        let mut d = 0;
        while let Some(i) = group {
            d += 1;
            group = g.groups.get(i).and_then(|x| x.parent);
        }
        d
    };
    let mut groups = g.groups.iter().enumerate().peekable();
    let write_group = |i: usize, out: &mut dyn Write| -> std::io::Result<()> {
        let group = &g.groups[i];
        let number = group
            .number
            .as_ref()
            .map_or(String::new(), |n| format!("{n}. "));
        writeln!(
            out,
            "{}== {number}{}  [group {}] lines {}-{}",
            "  ".repeat(depth(Some(i))),
            plain_text(&group.title).trim(),
            group.id,
            group.span.line,
            group.span.end_line
        )
    };
    for t in &g.topics {
        while let Some((i, _)) = groups.next_if(|(_, x)| x.span.line <= t.span.line) {
            write_group(i, out)?;
        }
        let number = t
            .number
            .as_ref()
            .map_or(String::new(), |n| format!("{n}. "));
        let indent = "  ".repeat(depth(t.group) + 1);
        let part = g
            .part_name_of(t)
            .map_or(String::new(), |name| format!("{name} "));
        writeln!(
            out,
            "{indent}{number}{}  [{}] {part}lines {}-{}",
            plain_text(&t.title).trim(),
            t.id,
            t.span.line,
            t.span.end_line
        )?;
        for s in &t.sections {
            write_section(s, depth(t.group) + 2, out)?;
        }
    }
    for (i, _) in groups {
        write_group(i, out)?;
    }
    for s in &g.back_matter {
        writeln!(
            out,
            "  (back matter) {}  [{}] lines {}-{}",
            plain_text(&s.title).trim(),
            s.id,
            s.span.line,
            s.span.end_line
        )?;
    }
    Ok(())
}

fn write_section(s: &Section, depth: usize, out: &mut impl Write) -> std::io::Result<()> {
    writeln!(
        out,
        "{}- {}  [h{}] line {}",
        "  ".repeat(depth),
        plain_text(&s.title).trim(),
        s.level,
        s.span.line
    )?;
    for child in &s.sections {
        write_section(child, depth + 1, out)?;
    }
    Ok(())
}

fn build(args: BuildArgs) -> Result<ExitCode> {
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
    let mut code = ExitCode::SUCCESS;
    let mut claims = OutputClaims::default();
    let build_started = Instant::now();
    let on_terminal = verbosity != Verbosity::Quiet && std::io::stderr().is_terminal();
    if on_terminal {
        progress::start(paths.len());
    }
    let mut tally = Tally::default();
    for guide in &paths {
        let path = guide.path();
        progress::building(&path.display().to_string());
        let started = Instant::now();
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
        match build_one(guide, &args.output, &settings, &mut claims, &mut tally) {
            Ok(true) => tally.built += 1,
            Ok(false) => {
                tally.skipped += 1;
                code = ExitCode::from(1);
            }
            Err(BuildError::OutputDir(dir)) => {
                progress::finish();
                anyhow::bail!("output folder {dir} does not exist or is not a folder")
            }
            Err(e) => {
                to_stderr(&format!("error: {e}\n"));
                tally.skipped += 1;
                code = ExitCode::from(1);
            }
        }
        progress::done_one();
        if verbosity == Verbosity::Full {
            to_stderr(&format!(
                "{}: built in {:.1} ms\n",
                path.display(),
                started.elapsed().as_secs_f64() * 1e3
            ));
        }
    }
    if let Some(bundle) = bundle
        && !write_bundle(bundle, &args.output, verbosity, &mut tally)
    {
        code = ExitCode::from(1);
    }
    progress::finish();
    if on_terminal {
        eprintln!("{}", tally.summary(build_started.elapsed()));
    }
    Ok(code)
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
    fn summary(&self, elapsed: std::time::Duration) -> String {
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

/// What `build` does to every guide.
struct Settings<'a> {
    parse: &'a ParseOptions,
    cards: &'a CardOptions,
    prepare: &'a PrepareOptions,
    emit: &'a Options,
    outputs: &'a [Output],
    deny_warnings: bool,
    verbosity: Verbosity,
    lock: LockMode,
    /// `--bundle`: the bundle each guide built is added to, instead of writing its outputs.
    bundle: Option<&'a Bundle>,
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

/// What `build` does with each guide's lock file.
#[derive(Clone, Copy, PartialEq, Eq)]
enum LockMode {
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

/// Builds one guide into `dir`; `Ok(false)` when it was skipped for its diagnostics (among
/// them a `same-outputs` error when a guide built before it in `claims` has its slug). Every
/// diagnostic is found (by the same preparation `check` runs) before any output is opened.
fn build_one(
    guide: &GuideSource,
    dir: &Path,
    settings: &Settings<'_>,
    claims: &mut OutputClaims,
    tally: &mut Tally,
) -> Result<bool, BuildError> {
    let verbosity = settings.verbosity;
    let started = Instant::now();
    let path = guide.path();
    let loaded = guides::load(guide, settings.parse, settings.cards)?;
    let parsed = &loaded.parsed;
    let parse_time = started.elapsed();
    let started = Instant::now();
    let checked = prepare::check(&parsed.guide, settings.prepare, &loaded.base);
    let check_time = started.elapsed();
    let clash = claims.claim(parsed, path, settings.outputs);
    let diagnostics = [&parsed.diagnostics[..], &checked.diagnostics[..]]
        .concat()
        .into_iter()
        .chain(clash)
        .collect::<Vec<_>>();
    report(&diagnostics, &loaded.sources, verbosity);
    let previous = match settings.lock {
        LockMode::Off => Ok(None),
        LockMode::Update { .. } | LockMode::Locked => read_lock(path),
    };
    let not_built = || {
        to_stderr(&format!(
            "error: {} was not built (see the diagnostics above)\n",
            path.display()
        ));
        Ok(false)
    };
    let Ok(previous) = previous else {
        return not_built();
    };
    if failed(&diagnostics, settings.deny_warnings) {
        return not_built();
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
        to_stderr(&format!(
            "error: {} is {} (--locked): build without --locked to write it, and commit it\n",
            update.file.display(),
            if update.existed {
                "out of date"
            } else {
                "missing"
            }
        ));
        return not_built();
    }
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
    tally.cards += prepared.cards.len();
    tally.outputs += written.len();
    if verbosity != Verbosity::Quiet {
        for w in &written {
            let what = match w.output {
                Output::Apkg => format!("{} notes", prepared.notes.len()),
                Output::Epub => format!("{} chapters", parsed.guide.topics.len()),
                Output::Csv => format!("{} rows", prepared.cards.len()),
                Output::AnkiCsv => format!("{} rows", prepared.notes.len()),
            };
            to_stdout(&format!(
                "wrote {} ({}, {what})",
                w.path.display(),
                human(w.bytes)
            ));
        }
        if let Some(update) = &update {
            if update.changed {
                to_stdout(&format!("wrote {}", update.file.display()));
            }
            to_stdout(&format!(
                "{}: cards since the last build: {}",
                path.display(),
                update.changes
            ));
        }
    }
    if verbosity == Verbosity::Full {
        let ms = |d: std::time::Duration| format!("{:.1} ms", d.as_secs_f64() * 1e3);
        let mut phases = vec![
            format!("load and parse {}", ms(parse_time)),
            format!("check {}", ms(check_time)),
            format!("highlight and notes {}", ms(render_time)),
        ];
        phases.extend(
            written
                .iter()
                .map(|w| format!("{} {}", w.output.extension(), ms(w.elapsed))),
        );
        to_stderr(&format!("{}: {}\n", path.display(), phases.join(", ")));
    }
    Ok(true)
}

fn human(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MiB", bytes as f64 / (1u64 << 20) as f64)
    } else if bytes >= 1 << 10 {
        format!("{:.1} KiB", bytes as f64 / 1024.0)
    } else {
        format!("{bytes} B")
    }
}

#[cfg(test)]
mod tests {
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
            tally.summary(std::time::Duration::from_millis(420)),
            "built 3 guides, 1 skipped with errors: 178 cards, 12 outputs, in 0.42 s"
        );
        let one = Tally {
            built: 1,
            cards: 1,
            outputs: 1,
            ..Tally::default()
        };
        assert_eq!(
            one.summary(std::time::Duration::ZERO),
            "built 1 guide, 0 skipped with errors: 1 card, 1 output, in 0.00 s"
        );
    }
}
