//! Command-line definitions (clap derive). Every flag carries a doc comment: it is the help.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Turn a Markdown study guide into an Anki deck (.apkg), an EPUB book and CSV.
#[derive(Debug, Parser)]
#[command(name = "deckbook", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build guides into .apkg, .epub, .csv and .anki.csv files.
    ///
    /// Exit codes: 0 every guide built; 1 a guide had errors (or warnings with
    /// --deny-warnings) and was skipped, the others were built; 2 a usage or output error.
    Build(BuildArgs),
    /// Parse and prepare guides as `build` would, and report every problem found, with a
    /// summary line per guide; write nothing.
    ///
    /// Exit codes: 0 no errors; 1 errors (or warnings with --deny-warnings); 2 a file
    /// could not be read.
    Check(CheckArgs),
    /// Print a guide's outline (topics, sections, source lines), or its model as JSON; of a
    /// folder, every guide's.
    Inspect(InspectArgs),
    /// Print shell completions to standard output.
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
}

/// Options of the parser, shared by every subcommand.
#[derive(Debug, Clone, Args)]
pub struct ParseArgs {
    /// Do not repair mis-encoded text (UTF-8 read as Windows-1252, e.g. `â€™` for `’`).
    #[arg(long)]
    pub no_repair: bool,
    /// The heading level that makes topics (default: the level of numbered headings, else
    /// the most common level under the title).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=6))]
    pub topic_level: Option<u8>,
    /// How cards are cut, comma-separated: `topics` (one per question, the default) or
    /// `sections` (one per section, plus one per question's intro); and the convention the
    /// questions are written in, instead of the detected one: `headings`, `numbered`,
    /// `bold`, `qa`, `list-headings`, `list-items`. E.g. `--cards bold,sections`.
    #[arg(long, value_enum, value_delimiter = ',', value_name = "HOW")]
    pub cards: Vec<CardsArg>,
    /// Keep boilerplate (tables of contents, back-to-top links, licence and credits
    /// sections, link-only sections) and questions without an answer as cards.
    #[arg(long)]
    pub keep_all: bool,
}

/// Arguments of `deckbook build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Guides: Markdown files, folders that are one guide (an index, or files that are parts
    /// of one guide), or folders of guides; default: `source/`.
    pub paths: Vec<PathBuf>,
    /// Folder to write outputs into (must exist).
    #[arg(short, long, value_name = "DIR", default_value = "output")]
    pub output: PathBuf,
    /// Formats to write, comma-separated: apkg, epub, csv (csv writes .csv and .anki.csv).
    #[arg(short, long, value_delimiter = ',', default_value = "apkg,epub,csv")]
    pub format: Vec<FormatArg>,
    #[command(flatten)]
    pub prepare: PrepareArgs,
    /// Build every guide into one bundle instead of outputs per guide: `NAME.apkg` (a deck
    /// `NAME` with a sub-deck per guide, the same note GUIDs as the guides' own packages),
    /// `NAME.epub` (a part per guide), `NAME.csv` and `NAME.anki.csv`. The guides' locks are
    /// updated as in any build.
    #[arg(long, value_name = "NAME")]
    pub bundle: Option<String>,
    /// Start the spreadsheet CSV with a UTF-8 byte-order mark (for Excel).
    #[arg(long)]
    pub csv_bom: bool,
    /// Do not prefix spreadsheet cells starting with `=`, `+`, `-`, `@`, tab or CR with `'`.
    #[arg(long)]
    pub no_formula_guard: bool,
    /// Treat warnings as errors: a guide with warnings is not built.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Print only errors (no progress bar, no summary).
    #[arg(short, long, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print every diagnostic in full, with its source line, and timings.
    #[arg(short, long)]
    pub verbose: bool,
    /// Neither read nor write the guides' lock files: every note is stamped with this
    /// build's time, as in a first build (for a trial build that must not be recorded).
    #[arg(long, conflicts_with_all = ["forget_removed", "locked"])]
    pub no_lock: bool,
    /// Drop the cards removed from the guide (tagged `deckbook::removed`) from the lock
    /// and the package, once the students have dealt with them.
    #[arg(long, conflicts_with = "locked")]
    pub forget_removed: bool,
    /// Require each guide's lock to be up to date: a guide whose lock is missing or would
    /// change is an error, and no lock is written (for CI).
    #[arg(long)]
    pub locked: bool,
    #[command(flatten)]
    pub parse: ParseArgs,
}

/// What shapes a guide's cards, deck and book, shared by `build` and `check` (so `check`
/// reports what a `build` with the same options would).
#[derive(Debug, Clone, Args)]
pub struct PrepareArgs {
    /// Title of the book and deck (overrides front matter and the first heading).
    #[arg(long)]
    pub title: Option<String>,
    /// Author (overrides front matter).
    #[arg(long)]
    pub author: Option<String>,
    /// Language as a BCP 47 tag, e.g. `en`, `pt-BR` (overrides front matter; default `en`).
    #[arg(long)]
    pub lang: Option<String>,
    /// Anki deck name; `A::B` makes a sub-deck (default: the title).
    #[arg(long)]
    pub deck: Option<String>,
    /// Put every card in the guide's deck: no sub-deck per group of questions (the same as
    /// `--subdecks none`).
    #[arg(long, conflicts_with = "subdecks")]
    pub no_subdecks: bool,
    /// Which sub-decks cards are filed in: `groups` (the default: `Guide::Group`), `folders`
    /// (the guide's folders below the folder named on the command line, then its groups:
    /// `python::basics::Guide::Group`), or `none` (every card in the guide's deck).
    #[arg(long, value_enum, value_name = "HOW")]
    pub subdecks: Option<SubdecksArg>,
}

/// `--subdecks`: which sub-decks cards are filed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SubdecksArg {
    /// A sub-deck per group of questions: `Guide::Group`.
    Groups,
    /// The guide's folders, then its groups: `python::basics::Guide::Group`.
    Folders,
    /// No sub-deck: every card in the guide's deck.
    None,
}

/// Arguments of `deckbook check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Guides, folder guides or folders of guides, as `build` takes them.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Treat warnings as errors (exit 1 when there are any).
    #[arg(long)]
    pub deny_warnings: bool,
    /// Do not read the guides' lock files (`build --no-lock` does not either).
    #[arg(long)]
    pub no_lock: bool,
    #[command(flatten)]
    pub prepare: PrepareArgs,
    #[command(flatten)]
    pub parse: ParseArgs,
}

/// Arguments of `deckbook inspect`.
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// The guide, or a folder of guides (as `build` takes it): each guide's outline in turn,
    /// and with `--json` an array of their models when there are several.
    pub file: PathBuf,
    /// Print the whole model as JSON instead of the outline.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub parse: ParseArgs,
}

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Anki package (.apkg).
    Apkg,
    /// EPUB 3 book (.epub).
    Epub,
    /// Spreadsheet CSV (.csv) and Anki-importer CSV (.anki.csv).
    Csv,
}

/// How cards are cut: a granularity, or a convention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CardsArg {
    /// One card per question.
    Topics,
    /// One card per section, plus one per question's intro.
    Sections,
    /// Questions are headings at one level.
    Headings,
    /// Questions are numbered headings at several levels.
    Numbered,
    /// Questions are whole-line bold paragraphs.
    Bold,
    /// Questions are `Q:` / `A:` pairs.
    Qa,
    /// Questions are headings inside list items.
    ListHeadings,
    /// Questions are labelled list items (numbered rules, checklist terms).
    ListItems,
}
