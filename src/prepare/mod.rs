//! The prepare stage: everything the outputs share, decided once per guide and complete before
//! any output file is opened. Emitters only format what is here.
//!
//! Preparing runs in two steps:
//!
//! 1. [`check`] decides, and reports every problem: the cards and their questions as every
//!    output shows them (a question without visible text falls back to the card's id, with an
//!    `empty-question` warning), the book's title, author and language (`epub-language`), the
//!    Anki deck's name (`deck-name`; below the bundle's deck and the guide's folders when
//!    asked), the local images (`image-…`), and what each in-guide link points to
//!    (`epub-link` for one that leads nowhere). `deckbook check` stops here, so it reports
//!    exactly what `deckbook build` does.
//! 2. [`Checked::render`] does the long, mechanical part: it highlights every code block and
//!    renders the one Anki note list that both the `.apkg` and the `.anki.csv` writers write.
//!    It cannot report anything: it has no diagnostics to add to, and it returns a
//!    [`Prepared`] whose diagnostics are those of step 1.
//!
//! Files: `cards` (cards, questions, tags), `deck` (the deck name), `language` (BCP 47 tags),
//! `media` (local images), `links` (in-guide links), `math` (every formula's MathML, and a
//! `math` warning for LaTeX that does not convert), `notes` (the Anki note list and the note
//! types' names and fields), `ids` (note GUIDs, deck and note-type ids).

mod cards;
mod deck;
pub(crate) mod ids;
mod language;
mod links;
mod math;
mod media;
mod notes;

pub use cards::PreparedCard;
pub(crate) use links::percent_decoded;
pub use links::{Links, Page, Target};
pub use media::{MediaFile, MediaSet};
pub(crate) use notes::{FIELD_NAMES, NOTETYPE_NAME, file_name, notetype_of, strip_html};
pub use notes::{Fields, Note, note_guid_for};

use crate::diagnostic::Diagnostic;
use crate::model::{CardKind, Granularity, Guide};
use crate::render::{CodeHtml, Flavor, HtmlRenderer, MathSet, clean};
use std::path::{Path, PathBuf};

/// What shapes the outputs beyond the guide itself: how cards are cut, and the command line's
/// overrides of the front matter.
#[derive(Debug, Clone, Default)]
pub struct PrepareOptions {
    /// How cards are cut.
    pub granularity: Granularity,
    /// Title of the book and the deck (`--title`), instead of the front matter's and the
    /// first heading's.
    pub title: Option<String>,
    /// Author (`--author`), instead of the front matter's.
    pub author: Option<String>,
    /// Language (`--lang`), instead of the front matter's.
    pub language: Option<String>,
    /// Anki deck name (`--deck`, `A::B` for a sub-deck); defaults to the title.
    pub deck: Option<String>,
    /// Which sub-decks a guide's cards are filed in (`--subdecks`, `--no-subdecks`).
    pub subdecks: Subdecks,
    /// The paths the guides were named by on the command line (`source/` when none): with
    /// [`Subdecks::Folders`], a guide's deck is prefixed by its folders below the one it was
    /// found in.
    pub roots: Vec<PathBuf>,
    /// The bundle the guide is built into (`--bundle NAME`): its deck is then `NAME::<deck>`.
    pub bundle: Option<String>,
}

/// Which sub-decks a guide's cards are filed in: a closed set, `--subdecks`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Subdecks {
    /// A sub-deck per group of questions, `Guide::Group` (the default).
    #[default]
    Groups,
    /// The guide's folders below the path it was found in, then its groups:
    /// `python::basics::Guide::Group`.
    Folders,
    /// Every card in the guide's deck (`--no-subdecks`).
    None,
}

impl Subdecks {
    /// Whether each group gets its own sub-deck.
    pub fn groups(self) -> bool {
        match self {
            Subdecks::Groups | Subdecks::Folders => true,
            Subdecks::None => false,
        }
    }
}

/// A guide with every decision made and every problem found (step 1, see the module
/// documentation); [`Checked::render`] makes it a [`Prepared`].
#[derive(Debug)]
pub struct Checked<'g> {
    /// The guide.
    pub guide: &'g Guide,
    /// The title readers see: `--title`, else front-matter `title`, else the guide's title,
    /// else its slug; control characters dropped, white space folded.
    pub title: String,
    /// The author (`--author`, else front matter), cleaned like the title; empty for none.
    pub author: String,
    /// The book's language: a well-formed BCP 47 tag.
    pub language: String,
    /// The Anki deck's full name (`A::B`).
    pub deck: String,
    /// The cards, in study order.
    pub cards: Vec<PreparedCard<'g>>,
    /// The local images the guide references.
    pub media: MediaSet,
    /// Where the guide's in-guide links lead.
    pub links: Links,
    /// Every formula's MathML (for the book).
    pub math: MathSet,
    /// Every problem found while preparing, in source order (those without a place last).
    pub diagnostics: Vec<Diagnostic>,
}

/// Everything the emitters share for one guide (step 2, see the module documentation).
#[derive(Debug)]
pub struct Prepared<'g> {
    /// The guide.
    pub guide: &'g Guide,
    /// See [`Checked::title`].
    pub title: String,
    /// See [`Checked::author`].
    pub author: String,
    /// See [`Checked::language`].
    pub language: String,
    /// See [`Checked::deck`].
    pub deck: String,
    /// The cards, in study order.
    pub cards: Vec<PreparedCard<'g>>,
    /// The local images the guide references.
    pub media: MediaSet,
    /// Where the guide's in-guide links lead.
    pub links: Links,
    /// Every formula's MathML (for the book).
    pub math: MathSet,
    /// Highlighted HTML of every code block.
    pub code: CodeHtml,
    /// The Anki notes: one per card, in study order, then the notes the guide's lock keeps
    /// for cards removed from the guide (see `crate::lock`).
    pub notes: Vec<Note>,
    /// When the parts of the outputs last changed.
    pub stamps: Stamps,
    /// The problems found while preparing (step 1 found them all).
    pub diagnostics: Vec<Diagnostic>,
}

/// When the parts of the outputs that carry a time last changed, in seconds since the epoch.
/// [`Checked::render`] sets every one (and every note's [`Note::modified`]) to the guide's
/// timestamp; the guide's lock (`crate::lock::stamp`) replaces them with the times the
/// content really last changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamps {
    /// The guide's time: the book's modified date, and the Anki package's creation time,
    /// deck and note ids. The latest of the note types', the book's and every note's time.
    pub guide: i64,
    /// When the basic note type (its fields, templates and styling) last changed: its `mod`.
    pub notetype: i64,
    /// When the reversed note type last changed.
    pub reversed_notetype: i64,
    /// When the cloze note type last changed.
    pub cloze_notetype: i64,
}

impl Stamps {
    /// Every time the guide's timestamp (before the lock is read).
    pub fn all(timestamp: i64) -> Stamps {
        Stamps {
            guide: timestamp,
            notetype: timestamp,
            reversed_notetype: timestamp,
            cloze_notetype: timestamp,
        }
    }

    /// When the note type of `kind` cards last changed.
    pub fn notetype_of(&self, kind: CardKind) -> i64 {
        match kind {
            CardKind::Basic => self.notetype,
            CardKind::Reversed => self.reversed_notetype,
            CardKind::Cloze => self.cloze_notetype,
        }
    }
}

/// Step 1: decides everything about `guide` and reports every problem. Images are looked
/// for relative to `base_dir`, the guide's folder.
pub fn check<'g>(guide: &'g Guide, options: &PrepareOptions, base_dir: &Path) -> Checked<'g> {
    let mut diagnostics = Vec::new();
    let (media, found) = MediaSet::collect(guide, base_dir);
    diagnostics.extend(found);
    let links = Links::collect(guide, &mut diagnostics);
    let math = math::check(guide, &mut diagnostics);
    // The deck is named first (the cards are filed in it), its warning reported last.
    let mut deck_diagnostics = Vec::new();
    let deck = deck::deck_name(guide, options, &mut deck_diagnostics);
    let filing = cards::Filing {
        deck: &deck,
        subdecks: options.subdecks.groups(),
    };
    let cards = cards::prepare(
        guide,
        options.granularity,
        filing,
        &media,
        &links,
        &mut diagnostics,
    );
    let title = book_title(guide, options.title.as_deref());
    let author = clean(options.author.as_deref().unwrap_or(&guide.meta.author));
    let wanted = options.language.as_deref().unwrap_or(&guide.meta.language);
    let language = language::language(wanted, &mut diagnostics);
    diagnostics.extend(deck_diagnostics);
    // Stable: diagnostics of one place keep the order they were found in.
    diagnostics.sort_by_key(|d| d.location.as_ref().map_or(u32::MAX, |l| l.line));
    Checked {
        guide,
        title,
        author,
        language,
        deck,
        cards,
        media,
        links,
        math,
        diagnostics,
    }
}

impl<'g> Checked<'g> {
    /// Step 2: highlights the guide's code and renders its Anki notes. Adds no diagnostic.
    pub fn render(self) -> Prepared<'g> {
        let code = CodeHtml::for_guide(self.guide);
        let renderer = HtmlRenderer::new(&code, &self.media, &self.links, Flavor::Anki);
        let notes = notes::render(self.guide, &self.cards, &renderer);
        let timestamp = self.guide.source.timestamp;
        Prepared {
            guide: self.guide,
            title: self.title,
            author: self.author,
            language: self.language,
            deck: self.deck,
            cards: self.cards,
            media: self.media,
            links: self.links,
            math: self.math,
            code,
            notes,
            stamps: Stamps::all(timestamp),
            diagnostics: self.diagnostics,
        }
    }
}

impl<'g> Prepared<'g> {
    /// Both steps: [`check`], then [`Checked::render`].
    pub fn new(guide: &'g Guide, options: &PrepareOptions, base_dir: &Path) -> Self {
        check(guide, options, base_dir).render()
    }

    /// A renderer over this guide's highlighted code, images and links, writing `flavor`.
    pub(crate) fn renderer(&self, flavor: Flavor) -> HtmlRenderer<'_> {
        HtmlRenderer::new(&self.code, &self.media, &self.links, flavor).with_math(&self.math)
    }
}

/// The title readers see: `given` (`--title`), else the front matter's, else the guide's,
/// else its slug (the first that is not empty once cleaned), else `Untitled guide`.
fn book_title(guide: &Guide, given: Option<&str>) -> String {
    let front = given.or(guide.meta.title.as_deref()).unwrap_or("");
    let own = given.unwrap_or(&guide.title);
    [front, own, &guide.slug]
        .into_iter()
        .map(clean)
        .find(|t| !t.is_empty())
        .unwrap_or_else(|| "Untitled guide".to_string())
}

#[cfg(test)]
mod tests;
