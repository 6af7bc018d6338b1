//! The Anki deck's name: `--deck`, else the title, made a name Anki keeps as it is; in a
//! bundle below the bundle's deck (`NAME::<deck>`), and with `--subdecks folders` below the
//! guide's folders (`python::basics::<deck>`).

use super::{PrepareOptions, Subdecks};
use crate::diagnostic::{Diagnostic, DiagnosticCode};
use crate::model::Guide;
use std::path::{Component, Path, PathBuf};

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
    let own = if !name.is_empty() {
        name
    } else {
        let slug = normalize_deck_name(&guide.slug);
        if slug.is_empty() {
            "deckbook".to_string()
        } else {
            slug
        }
    };
    let mut path: Vec<String> = Vec::new();
    if let Some(bundle) = options.bundle.as_deref().map(component)
        && !bundle.is_empty()
    {
        path.push(bundle);
    }
    match options.subdecks {
        Subdecks::Folders => path.extend(folders_of(Path::new(&guide.source.path), &options.roots)),
        Subdecks::Groups | Subdecks::None => {}
    }
    path.push(own);
    path.join("::")
}

/// The deck names of the folders between the first of `roots` that holds `guide` and the
/// guide (`lib` and `lib/python/basics/x.md` → `python`, `basics`; a folder guide
/// `lib/python/basics` → `python`). A guide named directly, or outside every root, has
/// none. Without roots, the build's default folder `source` is the root.
pub fn folders_of(guide: &Path, roots: &[PathBuf]) -> Vec<String> {
    let default = [PathBuf::from("source")];
    let roots = if roots.is_empty() {
        &default[..]
    } else {
        roots
    };
    let normal = |p: &Path| -> Vec<String> {
        p.components()
            .filter_map(|c| match c {
                Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect()
    };
    let guide = normal(guide);
    for root in roots {
        let root = normal(root);
        if guide.len() > root.len() && guide.starts_with(&root) {
            return guide[root.len()..guide.len() - 1]
                .iter()
                .map(|part| component(part))
                .filter(|part| !part.is_empty())
                .collect();
        }
    }
    Vec::new()
}

/// One component of a deck name: without `::` (written `:`) or control characters, trimmed.
fn component(name: &str) -> String {
    let clean: String = name
        .replace("::", ":")
        .chars()
        .filter(|c| !c.is_control())
        .collect();
    clean.trim().to_string()
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
        let bundled = PrepareOptions {
            bundle: Some("Library".into()),
            ..PrepareOptions::default()
        };
        assert_eq!(deck_name(&guide, &bundled, &mut diagnostics), "Library::T");
        let untitled = Guide::default();
        let none = PrepareOptions::default();
        assert_eq!(deck_name(&untitled, &none, &mut diagnostics), "deckbook");
        assert!(diagnostics.is_empty());
    }

    #[test]
    fn folders_below_the_root_prefix_the_deck() {
        let roots = [PathBuf::from("lib")];
        let path = |p: &str| folders_of(Path::new(p), &roots);
        assert_eq!(path("lib/python/basics/x.md"), ["python", "basics"]);
        assert_eq!(path("./lib/python/basics/x.md"), ["python", "basics"]);
        assert_eq!(path("lib/x.md"), Vec::<String>::new());
        // A folder guide: its own folder is the guide, not a deck above it.
        assert_eq!(path("lib/python/basics"), ["python"]);
        assert_eq!(path("other/python/x.md"), Vec::<String>::new());
        assert_eq!(path("lib"), Vec::<String>::new());
        assert_eq!(
            folders_of(Path::new("source/a::b/x.md"), &[]),
            ["a:b".to_string()]
        );
        let mut guide = Guide {
            title: "X".into(),
            slug: "x".into(),
            ..Guide::default()
        };
        guide.source.path = "lib/python/basics/x.md".into();
        let options = PrepareOptions {
            subdecks: Subdecks::Folders,
            roots: roots.to_vec(),
            bundle: Some("Lib".into()),
            ..PrepareOptions::default()
        };
        let mut diagnostics = Vec::new();
        assert_eq!(
            deck_name(&guide, &options, &mut diagnostics),
            "Lib::python::basics::X"
        );
        let groups = PrepareOptions {
            subdecks: Subdecks::Groups,
            ..options
        };
        assert_eq!(deck_name(&guide, &groups, &mut diagnostics), "Lib::X");
        assert!(diagnostics.is_empty());
    }
}
