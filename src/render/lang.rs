//! The languages the highlighter knows: fence tags and their aliases, the tree-sitter
//! highlight configurations (built once per process), and the capture → CSS class table.
//!
//! Every stock highlights query is used as shipped by its grammar crate, plus a few extra
//! patterns appended here (later patterns win in `tree-sitter-highlight`): Python's soft
//! keywords (`match`, `case`, `type`, the `_` wildcard), `self`/`cls` and class names, a few
//! Bash keywords. TOML uses its own small query (keys, table headers, values).

use std::sync::OnceLock;
use tree_sitter_highlight::HighlightConfiguration;

/// A language the highlighter parses, named after its grammar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lang {
    /// Python 3 (`python`, `py`, `python3`, `py3`, `pycon`, `ipython`).
    Python,
    /// Bash and other POSIX shells (`bash`, `sh`, `shell`, `console`, `zsh`, …).
    Bash,
    /// TOML (`toml`).
    Toml,
    /// JSON (`json`, `jsonc`, `json5`).
    Json,
    /// JavaScript (`javascript`, `js`, `node`, `mjs`, `cjs`, `jsx`).
    JavaScript,
}

/// How a fence tag asks for its code to be read: a language, optionally as an interactive
/// session whose prompt lines hold the code and whose other lines are output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Syntax {
    /// The grammar.
    pub lang: Lang,
    /// `true` for session tags (`pycon`, `console`, `shell-session`): prompts (`>>> `,
    /// `... `, `$ `) are split off and only the prompted lines are parsed as code.
    pub session: bool,
}

impl Syntax {
    /// The syntax a fence tag names (case-insensitive; `{.python}` and `language-python`
    /// forms accepted), or `None` for an unknown or absent tag (plain code).
    pub fn from_tag(tag: Option<&str>) -> Option<Syntax> {
        let tag = tag?.trim().trim_start_matches('{').trim_start_matches('.');
        let tag = tag.trim_end_matches('}').to_ascii_lowercase();
        let tag = tag.strip_prefix("language-").unwrap_or(&tag);
        let (lang, session) = match tag {
            "python" | "py" | "python3" | "py3" | "python-3" | "gyp" | "sage" => {
                (Lang::Python, false)
            }
            "pycon" | "python-console" | "pyrepl" | "ipython" | "ipython3" => (Lang::Python, true),
            "bash" | "sh" | "shell" | "zsh" | "ksh" | "dash" | "shellscript" => (Lang::Bash, false),
            "console" | "shell-session" | "shellsession" | "terminal" | "sh-session" => {
                (Lang::Bash, true)
            }
            "toml" => (Lang::Toml, false),
            "json" | "jsonc" | "json5" | "jsonl" | "geojson" => (Lang::Json, false),
            "javascript" | "js" | "node" | "nodejs" | "mjs" | "cjs" | "jsx" => {
                (Lang::JavaScript, false)
            }
            _ => return None,
        };
        Some(Syntax { lang, session })
    }
}

impl Lang {
    /// The canonical name, used in `class="language-…"`.
    pub fn name(self) -> &'static str {
        match self {
            Lang::Python => "python",
            Lang::Bash => "bash",
            Lang::Toml => "toml",
            Lang::Json => "json",
            Lang::JavaScript => "javascript",
        }
    }

    /// The prompts of an interactive session in this language, longest first.
    pub fn prompts(self) -> &'static [&'static str] {
        match self {
            Lang::Python => &[">>> ", "... ", ">>>", "..."],
            _ => &["$ "],
        }
    }

    /// The highlight configuration of this language, built on first use and then shared by
    /// every thread; `None` only if a query failed to compile (then code stays plain).
    pub fn config(self) -> Option<&'static HighlightConfiguration> {
        static PYTHON: OnceLock<Option<HighlightConfiguration>> = OnceLock::new();
        static BASH: OnceLock<Option<HighlightConfiguration>> = OnceLock::new();
        static TOML: OnceLock<Option<HighlightConfiguration>> = OnceLock::new();
        static JSON: OnceLock<Option<HighlightConfiguration>> = OnceLock::new();
        static JS: OnceLock<Option<HighlightConfiguration>> = OnceLock::new();
        let cell = match self {
            Lang::Python => &PYTHON,
            Lang::Bash => &BASH,
            Lang::Toml => &TOML,
            Lang::Json => &JSON,
            Lang::JavaScript => &JS,
        };
        cell.get_or_init(|| self.build_config()).as_ref()
    }

    fn build_config(self) -> Option<HighlightConfiguration> {
        let (language, stock, extra): (tree_sitter::Language, &str, &str) = match self {
            Lang::Python => (
                tree_sitter_python::LANGUAGE.into(),
                tree_sitter_python::HIGHLIGHTS_QUERY,
                PYTHON_EXTRA,
            ),
            Lang::Bash => (
                tree_sitter_bash::LANGUAGE.into(),
                tree_sitter_bash::HIGHLIGHT_QUERY,
                BASH_EXTRA,
            ),
            Lang::Toml => (tree_sitter_toml_ng::LANGUAGE.into(), TOML_QUERY, ""),
            Lang::Json => (
                tree_sitter_json::LANGUAGE.into(),
                tree_sitter_json::HIGHLIGHTS_QUERY,
                "",
            ),
            Lang::JavaScript => (
                tree_sitter_javascript::LANGUAGE.into(),
                tree_sitter_javascript::HIGHLIGHT_QUERY,
                "",
            ),
        };
        let mut query = String::with_capacity(stock.len() + extra.len() + 1);
        query.push_str(stock);
        query.push('\n');
        query.push_str(extra);
        let mut config = HighlightConfiguration::new(language, self.name(), &query, "", "").ok()?;
        let names: Vec<&str> = CAPTURES.iter().map(|(name, _)| *name).collect();
        config.configure(&names);
        Some(config)
    }
}

/// Extra Python patterns. `match`/`case` are soft keywords: the stock query lists them, and
/// these make sure they win over any identifier pattern; `type` starts a type alias.
const PYTHON_EXTRA: &str = r#"
(match_statement "match" @keyword)
(case_clause "case" @keyword)
(type_alias_statement "type" @keyword)
(case_pattern "_" @keyword)
((identifier) @variable.builtin
 (#match? @variable.builtin "^(self|cls)$"))
(class_definition name: (identifier) @type)
"#;

/// Extra Bash patterns.
const BASH_EXTRA: &str = r#"
[ "declare" "local" "readonly" ] @keyword
(number) @number
"#;

/// The TOML query, used instead of the stock one (which captures whole pairs): keys of
/// pairs as properties, table headers as types.
const TOML_QUERY: &str = r#"
(comment) @comment
(string) @string
[(integer) (float)] @number
(boolean) @constant
[(offset_date_time) (local_date_time) (local_date) (local_time)] @string.special
(table [(bare_key) (quoted_key)] @type)
(table (dotted_key [(bare_key) (quoted_key)] @type))
(table_array_element [(bare_key) (quoted_key)] @type)
(table_array_element (dotted_key [(bare_key) (quoted_key)] @type))
(pair [(bare_key) (quoted_key)] @property)
(pair (dotted_key [(bare_key) (quoted_key)] @property))
"=" @operator
"#;

/// Recognised capture names and the CSS class each becomes. Captures not listed here (plain
/// variables, brackets, delimiters) get no span, which keeps the markup small.
pub const CAPTURES: &[(&str, &str)] = &[
    ("keyword", "hl-keyword"),
    ("operator", "hl-operator"),
    ("string", "hl-string"),
    ("string.special", "hl-string-special"),
    ("string.special.key", "hl-property"),
    ("escape", "hl-escape"),
    ("comment", "hl-comment"),
    ("number", "hl-number"),
    ("boolean", "hl-constant"),
    ("constant", "hl-constant"),
    ("constant.builtin", "hl-constant"),
    ("function", "hl-function"),
    ("function.builtin", "hl-builtin"),
    ("function.method", "hl-function"),
    ("type", "hl-type"),
    ("constructor", "hl-type"),
    ("property", "hl-property"),
    ("variable.builtin", "hl-builtin"),
    ("embedded", "hl-embedded"),
    ("punctuation.special", "hl-punctuation"),
];

/// The CSS class of a highlight index returned by a configuration built here.
pub fn class_of(index: usize) -> &'static str {
    CAPTURES.get(index).map_or("hl-plain", |(_, class)| class)
}

/// Every CSS class the highlighter can write (sorted, without duplicates), including the
/// session classes `hl-prompt` and `hl-output`.
pub fn all_classes() -> Vec<&'static str> {
    let mut classes: Vec<&'static str> = CAPTURES.iter().map(|(_, class)| *class).collect();
    classes.extend(["hl-prompt", "hl-output"]);
    classes.sort_unstable();
    classes.dedup();
    classes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_aliases() {
        let py = Some(Syntax {
            lang: Lang::Python,
            session: false,
        });
        assert_eq!(Syntax::from_tag(Some("python")), py);
        assert_eq!(Syntax::from_tag(Some("Py3")), py);
        assert_eq!(Syntax::from_tag(Some("{.python}")), py);
        assert_eq!(Syntax::from_tag(Some("language-python")), py);
        assert_eq!(
            Syntax::from_tag(Some("pycon")).map(|s| s.session),
            Some(true)
        );
        assert_eq!(
            Syntax::from_tag(Some("zsh")).map(|s| s.lang),
            Some(Lang::Bash)
        );
        assert_eq!(
            Syntax::from_tag(Some("node")).map(|s| s.lang),
            Some(Lang::JavaScript)
        );
        assert_eq!(Syntax::from_tag(Some("txt")), None);
        assert_eq!(Syntax::from_tag(None), None);
    }

    #[test]
    fn every_configuration_compiles() {
        for lang in [
            Lang::Python,
            Lang::Bash,
            Lang::Toml,
            Lang::Json,
            Lang::JavaScript,
        ] {
            assert!(lang.config().is_some(), "{lang:?} query failed to compile");
        }
    }
}
