//! The book's metadata: the stable identifier, the dates, the description and the
//! accessibility statements of the package document. (Its title, author and language are
//! decided by the prepare stage.)
//!
//! Everything here is derived from the guide alone, so two builds of one guide agree.

use crate::model::Guide;
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

/// The guide's timestamp as a UTC date (the Unix epoch if it is out of range).
pub fn timestamp(guide: &Guide) -> DateTime<Utc> {
    DateTime::from_timestamp(guide.source.timestamp, 0).unwrap_or_default()
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

/// The accessibility statements, as `(property, value)` pairs of `<meta>` elements.
pub fn accessibility(has_images: bool) -> Vec<(&'static str, &'static str)> {
    let mut metas = vec![("schema:accessMode", "textual")];
    if has_images {
        metas.push(("schema:accessMode", "visual"));
    }
    metas.extend([
        ("schema:accessModeSufficient", "textual"),
        ("schema:accessibilityFeature", "structuralNavigation"),
        ("schema:accessibilityFeature", "tableOfContents"),
        ("schema:accessibilityHazard", "none"),
        (
            "schema:accessibilitySummary",
            "A text book: every topic is a chapter with a heading hierarchy, listed with its \
             sections in the table of contents and linked from a Questions page. Code is set as \
             text, and its highlighting never carries meaning by colour alone.",
        ),
    ]);
    metas
}

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
    fn clean_folds_space_and_drops_controls() {
        assert_eq!(clean("  a\u{7}b \n\t c  "), "a b c");
        assert_eq!(clean("\u{0}"), "");
    }
}
