//! The book's metadata: the stable identifier, the dates, the description and the
//! accessibility statements of the package document. (Its title, author and language are
//! decided by the prepare stage.)
//!
//! Everything here is derived from the guide alone, so two builds of one guide agree.

use crate::model::Guide;
use crate::prepare::MediaSet;
use chrono::{DateTime, Utc};
use uuid::Uuid;

pub(crate) use crate::render::clean;

/// The namespace every book identifier is derived in (itself a v5 UUID of the project's name).
fn namespace() -> Uuid {
    Uuid::new_v5(&Uuid::NAMESPACE_URL, b"urn:deckbook:epub")
}

/// The book's identifier: a UUID v5 of the guide's slug, so rebuilding a guide updates the
/// same book on a reader instead of adding a second one.
pub fn identifier(slug: &str) -> Uuid {
    Uuid::new_v5(&namespace(), slug.as_bytes())
}

/// The guide's time (`Prepared::stamps.guide`) as a UTC date (the Unix epoch if it is out of
/// range).
pub fn timestamp(seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(seconds, 0).unwrap_or_default()
}

/// The description: the guide's own, else one made from the book's `title` and its topic
/// count.
pub fn description(guide: &Guide, title: &str) -> String {
    let own = guide.meta.description.trim();
    if !own.is_empty() {
        return own.to_string();
    }
    let n = guide.topics.len();
    let noun = if n == 1 { "question" } else { "questions" };
    format!("{title}: a study guide of {n} {noun}, each answered in its own chapter.")
}

/// What the book's images are to a reader who cannot see them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Images {
    /// The guide has no images (the generated cover always has its text alternative).
    None,
    /// Every image has a text alternative.
    Described,
    /// Some image has none (an empty `alt`): its meaning is lost without sight.
    Undescribed,
}

impl Images {
    /// What the images of a book are: none, all described, or some without a text
    /// alternative, as the prepare stage found them (see `MediaSet::all_described`).
    pub fn of(media: &MediaSet) -> Images {
        match (media.is_empty(), media.all_described()) {
            (_, false) => Images::Undescribed,
            (false, true) => Images::Described,
            (true, true) => Images::None,
        }
    }
}

/// The conformance the book claims when it holds (see [`accessibility`]).
pub const CONFORMS_TO: &str = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA";

/// The accessibility statements, as `(property, value)` pairs of `<meta>` elements.
///
/// The book claims EPUB Accessibility 1.1 at WCAG 2.2 Level AA (`dcterms:conformsTo`, with
/// deckbook as the party making the claim, `a11y:certifiedBy`) unless an image lacks a text
/// alternative: everything else the claim rests on is how every book is written (language
/// on every document and the package, ARIA roles matching `epub:type`, a heading hierarchy,
/// a table of contents, text alternatives for the cover, 4.5:1 contrast, no fixed sizes),
/// and EPUBCheck and Ace by DAISY check the books of the test suite.
///
/// A book with `math` (MathML, each formula with its LaTeX as `alttext`) says so with the
/// feature `MathML`.
pub fn accessibility(images: Images, math: bool) -> Vec<(&'static str, &'static str)> {
    let mut metas = vec![("schema:accessMode", "textual")];
    if images != Images::None {
        metas.push(("schema:accessMode", "visual"));
    }
    let sufficient = match images {
        Images::None | Images::Described => "textual",
        Images::Undescribed => "textual,visual",
    };
    metas.extend([
        ("schema:accessModeSufficient", sufficient),
        ("schema:accessibilityFeature", "structuralNavigation"),
        ("schema:accessibilityFeature", "tableOfContents"),
    ]);
    if images == Images::Described {
        metas.push(("schema:accessibilityFeature", "alternativeText"));
    }
    if math {
        metas.push(("schema:accessibilityFeature", "MathML"));
    }
    metas.push(("schema:accessibilityHazard", "none"));
    let summary = match images {
        Images::None | Images::Described => SUMMARY,
        Images::Undescribed => SUMMARY_UNDESCRIBED,
    };
    metas.push(("schema:accessibilitySummary", summary));
    if images != Images::Undescribed {
        metas.extend([
            ("dcterms:conformsTo", CONFORMS_TO),
            ("a11y:certifiedBy", "deckbook"),
        ]);
    }
    metas
}

/// The accessibility summary of every book (a macro, so that [`SUMMARY_UNDESCRIBED`] can
/// extend it with `concat!`).
macro_rules! summary {
    () => {
        "A text book: every topic is a chapter with a heading hierarchy, listed with its \
         sections in the table of contents and linked from a Questions page. Code is set as \
         text, and its highlighting never carries meaning by colour alone."
    };
}

/// The accessibility summary.
const SUMMARY: &str = summary!();

/// The accessibility summary of a book with an image that has no text alternative.
const SUMMARY_UNDESCRIBED: &str = concat!(summary!(), " Some images have no text alternative.");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_stable_v5_uuids() {
        let a = identifier("complete-python-interview-guide");
        assert_eq!(a, identifier("complete-python-interview-guide"));
        assert_ne!(a, identifier("another-guide"));
        assert_eq!(a.get_version_num(), 5);
    }

    #[test]
    fn images_are_described_when_every_shown_image_has_an_alt() {
        assert_eq!(Images::of(&MediaSet::default()), Images::None);
        let one = MediaSet::with_image("a.png", b"png", "png");
        assert_eq!(Images::of(&one), Images::Described);
    }

    #[test]
    fn conformance_is_claimed_only_with_every_image_described() {
        let claims = |images| {
            accessibility(images, false)
                .iter()
                .any(|(p, v)| *p == "dcterms:conformsTo" && *v == CONFORMS_TO)
        };
        assert!(claims(Images::None));
        assert!(claims(Images::Described));
        assert!(!claims(Images::Undescribed));
        let summary = |images| {
            accessibility(images, false)
                .into_iter()
                .find(|(p, _)| *p == "schema:accessibilitySummary")
                .map(|(_, v)| v)
        };
        assert!(summary(Images::Undescribed).is_some_and(|s| s.starts_with(SUMMARY)));
        assert!(summary(Images::None).is_some_and(|s| s.ends_with("colour alone.")));
        let features = |math| {
            accessibility(Images::None, math)
                .into_iter()
                .filter(|(p, _)| *p == "schema:accessibilityFeature")
                .map(|(_, v)| v)
                .collect::<Vec<_>>()
        };
        assert!(!features(false).contains(&"MathML"));
        assert!(features(true).contains(&"MathML"));
    }

    #[test]
    fn clean_folds_space_and_drops_controls() {
        assert_eq!(clean("  a\u{7}b \n\t c  "), "a b c");
        assert_eq!(clean("\u{0}"), "");
    }
}
