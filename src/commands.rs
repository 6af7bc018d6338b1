//! The subcommands: `build`, `check`, `inspect`, `completions`. Each reports problems like a
//! compiler on standard error and returns the exit code.

use crate::cli::{
    CardsArg, CheckArgs, Cli, Command, InspectArgs, ParseArgs, PrepareArgs, SubdecksArg,
};
use crate::progress;
use anyhow::{Context, Result};
use clap::CommandFactory;
use deckbook::diagnostic::{Diagnostic, Severity, SourceLines};
use deckbook::guides::{self, OutputClaims};
use deckbook::lock::{self, Lock, LockError};
use deckbook::model::{Convention, Granularity, Guide, Section, plain_text};
use deckbook::parse::{CardOptions, ParseOptions, Parsed};
use deckbook::pipeline::BuildError;
use deckbook::prepare::{self, PrepareOptions, Subdecks};
use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Build(args) => crate::build::build(args),
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

pub(crate) fn parse_options(args: &ParseArgs) -> ParseOptions {
    ParseOptions {
        repair: !args.no_repair,
        topic_level: args.topic_level,
    }
}

/// `--cards`: at most one granularity and one convention.
pub(crate) fn cards(args: &ParseArgs) -> Result<(Granularity, CardOptions)> {
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
pub(crate) fn prepare_options(
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
pub(crate) fn to_stderr(text: &str) {
    progress::suspend(|| {
        let _ = std::io::stderr().lock().write_all(text.as_bytes());
    });
}

/// Writes `line` and a newline to standard output, above the progress bar when one is shown.
pub(crate) fn to_stdout(line: &str) {
    progress::suspend(|| println!("{line}"));
}

fn color() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}

/// How much of the diagnostics to print.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verbosity {
    Quiet,
    Short,
    Full,
}

/// Prints `diags`; `sources` holds each file's path (as diagnostics name it) and text, whose
/// lines are shown under the diagnostics that point into it.
fn report(diags: &[Diagnostic], sources: &[(String, String)], verbosity: Verbosity) {
    let text = render_report(diags, sources, verbosity);
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// What [`report`] prints.
pub(crate) fn render_report(
    diags: &[Diagnostic],
    sources: &[(String, String)],
    verbosity: Verbosity,
) -> String {
    let color = color();
    let lines: BTreeMap<&str, SourceLines<'_>> = sources
        .iter()
        .map(|(path, text)| (path.as_str(), SourceLines::new(text)))
        .collect();
    let mut out = String::new();
    for d in diags {
        let source = d.location.as_ref().and_then(|l| lines.get(l.path.as_str()));
        match verbosity {
            Verbosity::Quiet if d.severity != Severity::Error => continue,
            Verbosity::Short if d.severity != Severity::Error => out.push_str(&short(d)),
            _ => out.push_str(&d.render(source, color)),
        }
    }
    out
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

pub(crate) fn failed(diags: &[Diagnostic], deny_warnings: bool) -> bool {
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
        let lock_usable = args.no_lock
            || read_lock(file)
                .map_err(|message| eprint!("{message}"))
                .is_ok();
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
/// cannot be read or used is `Err` with what to print (a diagnostic with its line, or the
/// I/O error): the guide is then not built.
pub(crate) fn read_lock(guide: &Path) -> Result<Option<(Lock, String)>, String> {
    let file = lock::path_for(guide);
    match lock::read(&file) {
        Ok(found) => Ok(found),
        Err(LockError::Read(e)) => Err(format!("error: cannot read {}: {e}\n", file.display())),
        Err(LockError::Invalid { diagnostic, text }) => {
            let file = file.display().to_string();
            Err(render_report(
                std::slice::from_ref(&*diagnostic),
                &[(file, text)],
                Verbosity::Full,
            ))
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

/// A size for people: `1.1 MiB`, `12.0 KiB`, `512 B`.
pub(crate) fn human(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MiB", bytes as f64 / (1u64 << 20) as f64)
    } else if bytes >= 1 << 10 {
        format!("{:.1} KiB", bytes as f64 / 1024.0)
    } else {
        format!("{bytes} B")
    }
}
