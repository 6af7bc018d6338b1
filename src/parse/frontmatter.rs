//! YAML front matter (`---` … `---` at the very start): read for `title`, `author`,
//! `language`/`lang` and `description`, then blanked out of the text (line numbers kept).

use crate::diagnostic::{Diagnostic, DiagnosticCode};
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
    let lines: Vec<&str> = text.split('\n').collect();
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
