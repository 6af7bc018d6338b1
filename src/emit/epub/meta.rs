//! The book's metadata: a well-formed BCP 47 language tag, the stable identifier, the dates,
//! the description and the accessibility statements of the package document.
//!
//! Everything here is derived from the guide alone, so two builds of one guide agree.

use crate::diagnostic::{Diagnostic, DiagnosticCode};
use crate::model::Guide;
use chrono::{DateTime, Utc};
use uuid::Uuid;

/// The language used when the guide names none, or names one that is not a language tag.
pub const DEFAULT_LANGUAGE: &str = "en";

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

/// The description: the guide's own, else one made from its title and topic count.
pub fn description(guide: &Guide) -> String {
    let own = guide.meta.description.trim();
    if !own.is_empty() {
        return own.to_string();
    }
    let n = guide.topics.len();
    let noun = if n == 1 { "question" } else { "questions" };
    format!(
        "{}: a study guide of {n} {noun}, each answered in its own chapter.",
        title(guide)
    )
}

/// The title shown by readers: the metadata title, else the guide's, else its slug.
pub fn title(guide: &Guide) -> String {
    [&guide.meta.title, &guide.title, &guide.slug]
        .into_iter()
        .map(|t| clean(t))
        .find(|t| !t.is_empty())
        .unwrap_or_else(|| "Untitled guide".to_string())
}

/// `text` with control characters dropped and runs of white space folded into one space.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
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

/// The book's language: `guide.meta.language` made a well-formed BCP 47 tag (`en_US.UTF-8`
/// becomes `en-US`), or [`DEFAULT_LANGUAGE`] with a warning when it cannot be one (`C`).
pub fn language(guide: &Guide) -> (String, Option<Diagnostic>) {
    let given = guide.meta.language.trim();
    if given.is_empty() {
        return (DEFAULT_LANGUAGE.to_string(), None);
    }
    match normalize_language(given) {
        Some(tag) => (tag, None),
        None => (
            DEFAULT_LANGUAGE.to_string(),
            Some(
                Diagnostic::warning(
                    DiagnosticCode::EpubLanguage,
                    format!(
                        "`{}` is not a BCP 47 language tag; the book says `{DEFAULT_LANGUAGE}`",
                        clean(given)
                    ),
                )
                .note("set `language:` in the front matter or pass --lang, e.g. `en` or `de-CH`"),
            ),
        ),
    }
}

/// A well-formed, conventionally cased BCP 47 tag for `given`, if it can be read as one.
pub fn normalize_language(given: &str) -> Option<String> {
    // POSIX locale names: `en_US.UTF-8@euro` → `en-US`.
    let base = given
        .split(['.', '@'])
        .next()
        .unwrap_or("")
        .replace('_', "-");
    let subtags: Vec<&str> = base.split('-').collect();
    let primary = subtags.first()?;
    // Only two- and three-letter primary languages are registered (`POSIX` is none).
    if !(2..=3).contains(&primary.len()) || !primary.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let mut out = primary.to_ascii_lowercase();
    let mut singleton = false;
    for (i, sub) in subtags.iter().enumerate().skip(1) {
        if sub.is_empty() || sub.len() > 8 || !sub.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return None;
        }
        out.push('-');
        if sub.len() == 1 {
            // An extension or private-use singleton must be followed by a subtag.
            if i + 1 == subtags.len() {
                return None;
            }
            singleton = true;
            out.push_str(&sub.to_ascii_lowercase());
        } else if !singleton && sub.len() == 4 && sub.bytes().all(|b| b.is_ascii_alphabetic()) {
            // Script: title case.
            out.push_str(&sub[..1].to_ascii_uppercase());
            out.push_str(&sub[1..].to_ascii_lowercase());
        } else if !singleton && sub.len() == 2 {
            // Region: upper case.
            out.push_str(&sub.to_ascii_uppercase());
        } else {
            out.push_str(&sub.to_ascii_lowercase());
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags_are_normalized_or_refused() {
        assert_eq!(normalize_language("en").as_deref(), Some("en"));
        assert_eq!(normalize_language("en_US.UTF-8").as_deref(), Some("en-US"));
        assert_eq!(normalize_language("DE-ch").as_deref(), Some("de-CH"));
        assert_eq!(
            normalize_language("zh-hant-tw").as_deref(),
            Some("zh-Hant-TW")
        );
        assert_eq!(normalize_language("en-x-ab").as_deref(), Some("en-x-ab"));
        for bad in [
            "C",
            "POSIX",
            "",
            "e",
            "en-",
            "en--us",
            "english language",
            "en-x",
            "fr-ç",
        ] {
            assert_eq!(normalize_language(bad), None, "{bad}");
        }
    }

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
