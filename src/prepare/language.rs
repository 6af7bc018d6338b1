//! The book's language: a well-formed BCP 47 tag made from the front matter's `language` (or
//! `--lang`), or `en` with a warning when it cannot be one.

use crate::diagnostic::{Diagnostic, DiagnosticCode};
use crate::render::clean;

/// The language used when the guide names none, or names one that is not a language tag.
pub const DEFAULT_LANGUAGE: &str = "en";

/// `given` made a well-formed BCP 47 tag (`en_US.UTF-8` becomes `en-US`), or
/// [`DEFAULT_LANGUAGE`] with an `epub-language` warning when it cannot be one (`C`).
pub fn language(given: &str, diagnostics: &mut Vec<Diagnostic>) -> String {
    let given = given.trim();
    if given.is_empty() {
        return DEFAULT_LANGUAGE.to_string();
    }
    normalize_language(given).unwrap_or_else(|| {
        diagnostics.push(
            Diagnostic::warning(
                DiagnosticCode::EpubLanguage,
                format!(
                    "`{}` is not a BCP 47 language tag; the book says `{DEFAULT_LANGUAGE}`",
                    clean(given)
                ),
            )
            .note("set `language:` in the front matter or pass --lang, e.g. `en` or `de-CH`"),
        );
        DEFAULT_LANGUAGE.to_string()
    })
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
    fn an_unusable_language_falls_back_to_english_with_one_warning() {
        let mut diagnostics = Vec::new();
        assert_eq!(language(" en_GB.UTF-8 ", &mut diagnostics), "en-GB");
        assert_eq!(language("", &mut diagnostics), "en");
        assert!(diagnostics.is_empty());
        assert_eq!(language("C", &mut diagnostics), "en");
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].code, DiagnosticCode::EpubLanguage);
        assert!(diagnostics[0].message.contains("`C`"), "{diagnostics:?}");
    }
}
