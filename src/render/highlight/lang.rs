//! The languages the highlighter knows: fence tags and their aliases, each language's
//! tree-sitter grammar, and the token classes (`hl-…` CSS classes) the highlighter writes.
//!
//! Which node of a syntax tree gets which class is decided by the per-language classifiers
//! of the tree walk (`walk/`: `python.rs`, `shell.rs`, `js.rs`, `data.rs`).

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

    /// The tree-sitter grammar of this language (cheap: no query is compiled).
    pub fn grammar(self) -> tree_sitter::Language {
        match self {
            Lang::Python => tree_sitter_python::LANGUAGE.into(),
            Lang::Bash => tree_sitter_bash::LANGUAGE.into(),
            Lang::Toml => tree_sitter_toml_ng::LANGUAGE.into(),
            Lang::Json => tree_sitter_json::LANGUAGE.into(),
            Lang::JavaScript => tree_sitter_javascript::LANGUAGE.into(),
        }
    }
}

/// The class of a highlighted token; each becomes one `hl-…` CSS class. Tokens without a
/// class (plain names, brackets, delimiters) get no span, which keeps the markup small.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    /// Keywords (`def`, `match`, `then`, `const`).
    Keyword,
    /// Operators, including Python's word operators (`and`, `in`, `not`).
    Operator,
    /// String literals.
    String,
    /// Regular expressions, TOML dates.
    StringSpecial,
    /// Escape sequences inside strings.
    Escape,
    /// Comments.
    Comment,
    /// Numbers.
    Number,
    /// `True`/`None`/`null`, `ALL_CAPS` names, Bash `-flags`.
    Constant,
    /// Functions and methods where defined or called, decorators, Bash commands.
    Function,
    /// Builtin functions and names (`len`, `self`, `console`).
    Builtin,
    /// Classes and capitalised names, TOML table headers.
    Type,
    /// Attributes and properties, Bash variables, TOML keys.
    Property,
    /// Interpolations (`{…}` in f-strings, `${…}`, `$(…)`).
    Embedded,
    /// The braces of an interpolation.
    Punctuation,
}

impl Class {
    /// Every class.
    #[cfg(test)]
    pub const ALL: [Class; 14] = [
        Class::Keyword,
        Class::Operator,
        Class::String,
        Class::StringSpecial,
        Class::Escape,
        Class::Comment,
        Class::Number,
        Class::Constant,
        Class::Function,
        Class::Builtin,
        Class::Type,
        Class::Property,
        Class::Embedded,
        Class::Punctuation,
    ];

    /// The CSS class written for this token class.
    pub fn css(self) -> &'static str {
        match self {
            Class::Keyword => "hl-keyword",
            Class::Operator => "hl-operator",
            Class::String => "hl-string",
            Class::StringSpecial => "hl-string-special",
            Class::Escape => "hl-escape",
            Class::Comment => "hl-comment",
            Class::Number => "hl-number",
            Class::Constant => "hl-constant",
            Class::Function => "hl-function",
            Class::Builtin => "hl-builtin",
            Class::Type => "hl-type",
            Class::Property => "hl-property",
            Class::Embedded => "hl-embedded",
            Class::Punctuation => "hl-punctuation",
        }
    }
}

/// Every CSS class the highlighter can write (sorted, without duplicates), including the
/// session classes `hl-prompt` and `hl-output`.
#[cfg(test)]
pub fn all_classes() -> Vec<&'static str> {
    let mut classes: Vec<&'static str> = Class::ALL.iter().map(|c| c.css()).collect();
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
    fn every_grammar_loads_and_classes_are_distinct() {
        let mut parser = tree_sitter::Parser::new();
        for lang in [
            Lang::Python,
            Lang::Bash,
            Lang::Toml,
            Lang::Json,
            Lang::JavaScript,
        ] {
            assert!(parser.set_language(&lang.grammar()).is_ok(), "{lang:?}");
        }
        let classes = all_classes();
        assert_eq!(classes.len(), Class::ALL.len() + 2);
        assert!(classes.iter().all(|c| c.starts_with("hl-")));
    }
}
