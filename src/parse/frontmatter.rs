//! YAML front matter (`---` … `---` at the very start): read for `title`, `author`,
//! `language`/`lang`, `description`, `reversed`, `tags` (a list or a comma-separated string:
//! every card is tagged with them) and the convention cards are cut by (`deckbook: {cards:
//! bold}`, or `cards: bold`), then blanked out of the text (line numbers kept). Other keys
//! (`id`, `sidebar_position`, …) are ignored.

use crate::diagnostic::{Diagnostic, DiagnosticCode};
use crate::model::Convention;
use yaml_rust2::{Yaml, YamlLoader};

/// Metadata read from front matter; `None` where a key is absent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    /// `title`
    pub title: Option<String>,
    /// `author` (a list is joined with `, `)
    pub author: Option<String>,
    /// `language` or `lang`
    pub language: Option<String>,
    /// `description`
    pub description: Option<String>,
    /// `reversed: true`: every card also asks the other way round.
    pub reversed: bool,
    /// `tags`, each trimmed, empty ones dropped.
    pub tags: Vec<String>,
    /// `deckbook: {cards: NAME}` or `cards: NAME`: the convention to cut cards by.
    pub cards: Option<Convention>,
}

/// Splits front matter off `text`: returns the metadata and the text with the front-matter
/// lines replaced by empty lines.
pub fn split(text: &str, path: &str, diags: &mut Vec<Diagnostic>) -> (FrontMatter, String) {
    let Some(first) = text.lines().next() else {
        return (FrontMatter::default(), text.to_string());
    };
    if first.trim_end() != "---" {
        return (FrontMatter::default(), text.to_string());
    }
    let lines: Vec<&str> = super::lines::split(text);
    let Some(end) = (1..lines.len()).find(|&i| matches!(lines[i].trim_end(), "---" | "...")) else {
        return (FrontMatter::default(), text.to_string());
    };
    let yaml = lines[1..end].join("\n");
    let mut fm = FrontMatter::default();
    match YamlLoader::load_from_str(&yaml) {
        Ok(docs) => {
            if let Some(Yaml::Hash(map)) = docs.first() {
                let get = |k: &str| map.get(&Yaml::String(k.to_string())).and_then(scalar);
                fm.title = get("title");
                fm.author = get("author").or_else(|| get("authors"));
                fm.language = get("language").or_else(|| get("lang"));
                fm.description = get("description");
                let reversed = map.get(&Yaml::String("reversed".to_string()));
                match reversed.map(boolean) {
                    None | Some(Some(false)) => {}
                    Some(Some(true)) => fm.reversed = true,
                    Some(None) => diags.push(
                        Diagnostic::warning(
                            DiagnosticCode::FrontMatter,
                            "front-matter `reversed` is not `true` or `false`; ignored",
                        )
                        .at(
                            path,
                            key_line(&lines[1..end], "reversed") + 1,
                            1,
                        ),
                    ),
                }
                fm.tags = tags(map.get(&Yaml::String("tags".into())));
                let nested = match map.get(&Yaml::String("deckbook".into())) {
                    Some(Yaml::Hash(d)) => d.get(&Yaml::String("cards".into())).and_then(scalar),
                    _ => None,
                };
                if let Some(name) = nested.or_else(|| get("cards")) {
                    fm.cards = Convention::from_name(&name);
                    if fm.cards.is_none() && !matches!(name.as_str(), "topics" | "sections") {
                        diags.push(
                            Diagnostic::warning(
                                DiagnosticCode::FrontMatter,
                                format!(
                                    "front matter `cards: {name}` names no convention; ignored"
                                ),
                            )
                            .at(path, key_line(&lines[1..end], "cards") + 1, 1)
                            .note("one of headings, numbered, bold, qa, list-headings, list-items"),
                        );
                    }
                }
            } else if !docs.is_empty() && !matches!(docs.first(), Some(Yaml::Null)) {
                diags.push(
                    Diagnostic::warning(
                        DiagnosticCode::FrontMatter,
                        "front matter is not a mapping of keys; ignored",
                    )
                    .at(path, 2, 1),
                );
            }
        }
        Err(err) => {
            let marker = err.marker();
            diags.push(
                Diagnostic::warning(
                    DiagnosticCode::FrontMatter,
                    format!("front matter is not valid YAML: {}", err.info()),
                )
                .at(path, marker.line() as u32 + 1, marker.col() as u32 + 1),
            );
        }
    }
    let mut rest = String::with_capacity(text.len());
    rest.push_str(&"\n".repeat(end + 1));
    rest.push_str(&lines[end + 1..].join("\n"));
    (fm, rest)
}

/// A YAML boolean (`true`, `false`; also the strings `yes`, `no`, `on`, `off`, any case).
fn boolean(y: &Yaml) -> Option<bool> {
    match y {
        Yaml::Boolean(b) => Some(*b),
        Yaml::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "yes" | "on" => Some(true),
            "false" | "no" | "off" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// The 1-based line, among the front matter's `lines`, of the top-level `key:` (1 when
/// there is none).
fn key_line(lines: &[&str], key: &str) -> u32 {
    lines
        .iter()
        .position(|line| {
            line.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map_or(1, |i| i as u32 + 1)
}

/// Front-matter tags: a list, or one comma- or space-separated string.
fn tags(y: Option<&Yaml>) -> Vec<String> {
    let raw: Vec<String> = match y {
        Some(Yaml::Array(items)) => items.iter().filter_map(scalar).collect(),
        Some(other) => scalar(other)
            .map(|s| s.split([',', ' ']).map(str::to_string).collect())
            .unwrap_or_default(),
        None => Vec::new(),
    };
    raw.into_iter()
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect()
}

fn scalar(y: &Yaml) -> Option<String> {
    match y {
        Yaml::String(s) | Yaml::Real(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        Yaml::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(scalar).collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_blanks_front_matter() {
        let mut d = Vec::new();
        let (fm, rest) = split(
            "---\ntitle: T\nauthor: [A, B]\nlang: fr\n---\n# Body\n",
            "g.md",
            &mut d,
        );
        assert_eq!(fm.title.as_deref(), Some("T"));
        assert_eq!(fm.author.as_deref(), Some("A, B"));
        assert_eq!(fm.language.as_deref(), Some("fr"));
        assert_eq!(rest, "\n\n\n\n\n# Body\n");
        assert!(d.is_empty());
    }

    #[test]
    fn reversed_is_a_boolean() {
        let read = |yaml: &str| {
            let mut d = Vec::new();
            let (fm, _) = split(&format!("---\ntitle: T\n{yaml}\n---\n"), "g.md", &mut d);
            (fm.reversed, d)
        };
        assert!(read("reversed: true").0);
        assert!(read("reversed: yes").0);
        assert!(!read("reversed: false").0);
        assert!(!read("title2: x").0);
        let (reversed, d) = read("reversed: [1]");
        assert!(!reversed);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, DiagnosticCode::FrontMatter);
        assert_eq!(d[0].location.as_ref().map(|l| l.line), Some(3));
    }

    #[test]
    fn tags_and_the_convention() {
        let mut d = Vec::new();
        let (fm, _) = split(
            "---\ntags: [python, interview]\ndeckbook:\n  cards: bold\nsidebar_position: 3\n---\n",
            "g.md",
            &mut d,
        );
        assert_eq!(fm.tags, ["python", "interview"]);
        assert_eq!(fm.cards, Some(Convention::Bold));
        let (fm, _) = split("---\ntags: a, b\ncards: qa\n---\n", "g.md", &mut d);
        assert_eq!(fm.tags, ["a", "b"]);
        assert_eq!(fm.cards, Some(Convention::Qa));
        assert!(d.is_empty());
        split("---\ncards: nonsense\n---\n", "g.md", &mut d);
        assert_eq!(d.len(), 1);
    }

    #[test]
    fn bad_yaml_is_a_warning() {
        let mut d = Vec::new();
        let (fm, _) = split("---\ntitle: [unclosed\n---\n", "g.md", &mut d);
        assert_eq!(fm, FrontMatter::default());
        assert_eq!(d[0].code.as_str(), "front-matter");
    }

    #[test]
    fn no_closing_line_is_not_front_matter() {
        let mut d = Vec::new();
        let (fm, rest) = split("---\ntext\n", "g.md", &mut d);
        assert_eq!(fm, FrontMatter::default());
        assert_eq!(rest, "---\ntext\n");
    }
}
