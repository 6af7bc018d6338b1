//! The Anki deck's name: `--deck`, else the title, made a name Anki keeps as it is.

use super::PrepareOptions;
use crate::diagnostic::{Diagnostic, DiagnosticCode};
use crate::model::Guide;

/// The deck's full name: `options.deck`, else `options.title`, else the guide's title, with
/// each `::` component trimmed, control characters dropped and empty components removed
/// (Anki would rename them). Falls back to the slug, then `deckbook`. Warns (`deck-name`)
/// when `--deck` had to change.
pub fn deck_name(
    guide: &Guide,
    options: &PrepareOptions,
    diagnostics: &mut Vec<Diagnostic>,
) -> String {
    let wanted = options
        .deck
        .as_deref()
        .or(options.title.as_deref())
        .unwrap_or(&guide.title);
    let name = normalize_deck_name(wanted);
    if let Some(given) = &options.deck
        && *given != name
    {
        diagnostics.push(
            Diagnostic::warning(
                DiagnosticCode::DeckName,
                format!("deck name `{given}` is written as `{name}`"),
            )
            .note("deck names are `::`-separated, non-empty components"),
        );
    }
    if !name.is_empty() {
        return name;
    }
    let slug = normalize_deck_name(&guide.slug);
    if slug.is_empty() {
        "deckbook".to_string()
    } else {
        slug
    }
}

fn normalize_deck_name(name: &str) -> String {
    let clean: String = name.chars().filter(|c| !c.is_control()).collect();
    clean
        .split("::")
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("::")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deck_names_are_normalised() {
        assert_eq!(normalize_deck_name(" A :: B\u{7}::"), "A::B");
        assert_eq!(normalize_deck_name("::"), "");
        assert_eq!(normalize_deck_name("Python › Basics"), "Python › Basics");
    }

    #[test]
    fn a_changed_deck_option_is_reported_once() {
        let guide = Guide {
            title: "T".into(),
            slug: "t".into(),
            ..Guide::default()
        };
        let mut diagnostics = Vec::new();
        let options = PrepareOptions {
            deck: Some(" Study :: Python ::".into()),
            ..PrepareOptions::default()
        };
        assert_eq!(
            deck_name(&guide, &options, &mut diagnostics),
            "Study::Python"
        );
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].code, DiagnosticCode::DeckName);
        diagnostics.clear();
        let title_only = PrepareOptions {
            title: Some("Other".into()),
            ..PrepareOptions::default()
        };
        assert_eq!(deck_name(&guide, &title_only, &mut diagnostics), "Other");
        let untitled = Guide::default();
        let none = PrepareOptions::default();
        assert_eq!(deck_name(&untitled, &none, &mut diagnostics), "deckbook");
        assert!(diagnostics.is_empty());
    }
}
