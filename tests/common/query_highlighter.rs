//! The oracle for the highlighting tests: deckbook's highlighter as it was before commit
//! 39bd47a ("Highlight by walking the syntax tree instead of compiling highlight queries"),
//! running `tree-sitter-highlight`'s query engine over each grammar's stock highlights query
//! plus the patterns deckbook appended to it, and writing the same HTML as
//! `deckbook::render::highlight::highlight` (one `<span class="line">` per source line,
//! `hl-*` token spans closed and reopened at line ends, console sessions split at prompts).
//!
//! Only the tag → language table, the queries, the capture → class table and the HTML
//! writing are recovered here (from `src/render/lang.rs` and `src/render/highlight.rs` of
//! 39bd47a^); nothing is taken from the walker this oracle checks.

use std::collections::BTreeMap;
use tree_sitter_highlight::{HighlightConfiguration, HighlightEvent, Highlighter};

/// A language the highlighter parses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Lang {
    Python,
    Bash,
    Toml,
    Json,
    JavaScript,
}

impl Lang {
    /// Every language.
    pub const ALL: [Lang; 5] = [
        Lang::Python,
        Lang::Bash,
        Lang::Toml,
        Lang::Json,
        Lang::JavaScript,
    ];

    /// The canonical name.
    pub fn name(self) -> &'static str {
        match self {
            Lang::Python => "python",
            Lang::Bash => "bash",
            Lang::Toml => "toml",
            Lang::Json => "json",
            Lang::JavaScript => "javascript",
        }
    }

    fn prompts(self) -> &'static [&'static str] {
        match self {
            Lang::Python => &[">>> ", "... ", ">>>", "..."],
            _ => &["$ "],
        }
    }

    fn config(self) -> HighlightConfiguration {
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
        let query = format!("{stock}\n{extra}");
        let mut config = HighlightConfiguration::new(language, self.name(), &query, "", "")
            .unwrap_or_else(|e| panic!("the {} query compiles: {e}", self.name()));
        let names: Vec<&str> = CAPTURES.iter().map(|(name, _)| *name).collect();
        config.configure(&names);
        config
    }
}

/// A fence tag's language and whether it is an interactive session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Syntax {
    pub lang: Lang,
    pub session: bool,
}

impl Syntax {
    /// The syntax a fence tag names, or `None` for plain code.
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

/// Extra Python patterns (later patterns win).
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

/// The TOML query, used instead of the stock one.
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

/// Recognised capture names and the CSS class each becomes.
const CAPTURES: &[(&str, &str)] = &[
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

/// The query engine with every language's configuration compiled once.
pub struct QueryHighlighter {
    configs: BTreeMap<Lang, HighlightConfiguration>,
    highlighter: Highlighter,
}

impl QueryHighlighter {
    pub fn new() -> Self {
        QueryHighlighter {
            configs: Lang::ALL.iter().map(|&l| (l, l.config())).collect(),
            highlighter: Highlighter::new(),
        }
    }

    /// The HTML of one block, as deckbook's highlighter wrote it with the query engine.
    pub fn highlight(&mut self, tag: Option<&str>, text: &str) -> String {
        let syntax = Syntax::from_tag(tag);
        let mut lines: Vec<String> = match syntax {
            Some(s) if s.session || looks_like_session(s.lang, text) => {
                self.session_lines(s.lang, text)
            }
            Some(s) => self.code_lines(s.lang, text),
            None => plain_lines(text),
        };
        let ends_with_newline = text.ends_with('\n');
        if ends_with_newline && lines.len() > 1 {
            lines.pop();
        }
        let mut out = String::new();
        let last = lines.len().saturating_sub(1);
        for (i, line) in lines.iter().enumerate() {
            out.push_str("<span class=\"line\">");
            out.push_str(line);
            if i < last || ends_with_newline {
                out.push('\n');
            }
            out.push_str("</span>");
        }
        out
    }

    fn code_lines(&mut self, lang: Lang, text: &str) -> Vec<String> {
        let config = &self.configs[&lang];
        let Ok(events) = self
            .highlighter
            .highlight(config, text.as_bytes(), None, None, |_| None)
        else {
            return plain_lines(text);
        };
        let mut lines = LineWriter::default();
        for event in events {
            match event {
                Ok(HighlightEvent::HighlightStart(h)) => lines.open(CAPTURES[h.0].1),
                Ok(HighlightEvent::HighlightEnd) => lines.close(),
                Ok(HighlightEvent::Source { start, end }) => match text.get(start..end) {
                    Some(source) => lines.text(source),
                    None => return plain_lines(text),
                },
                Err(_) => return plain_lines(text),
            }
        }
        let lines = lines.finish();
        if lines.len() == text.split('\n').count() {
            lines
        } else {
            plain_lines(text)
        }
    }

    fn session_lines(&mut self, lang: Lang, text: &str) -> Vec<String> {
        let mut code = String::new();
        let mut shape: Vec<Result<&str, &str>> = Vec::new();
        let mut prompted = 0usize;
        for line in text.split('\n') {
            match lang.prompts().iter().find(|p| line.starts_with(**p)) {
                Some(prompt) => {
                    if prompted > 0 {
                        code.push('\n');
                    }
                    prompted += 1;
                    code.push_str(&line[prompt.len()..]);
                    shape.push(Ok(prompt));
                }
                None => shape.push(Err(line)),
            }
        }
        let mut code_html = self.code_lines(lang, &code).into_iter();
        shape
            .into_iter()
            .map(|part| match part {
                Ok(prompt) => {
                    let mut out = String::from("<span class=\"hl-prompt\">");
                    push_escaped(&mut out, prompt);
                    out.push_str("</span>");
                    out.push_str(&code_html.next().unwrap_or_default());
                    out
                }
                Err("") => String::new(),
                Err(line) => {
                    let mut out = String::from("<span class=\"hl-output\">");
                    push_escaped(&mut out, line);
                    out.push_str("</span>");
                    out
                }
            })
            .collect()
    }
}

fn looks_like_session(lang: Lang, text: &str) -> bool {
    lang == Lang::Python
        && text
            .lines()
            .find(|line| !line.trim().is_empty())
            .is_some_and(|line| line.trim_start().starts_with(">>>"))
}

fn plain_lines(text: &str) -> Vec<String> {
    text.split('\n')
        .map(|line| {
            let mut out = String::new();
            push_escaped(&mut out, line);
            out
        })
        .collect()
}

/// XML-escapes `text`, dropping the characters XML cannot carry.
fn push_escaped(out: &mut String, text: &str) {
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' => out.push(ch),
            '\u{fffe}' | '\u{ffff}' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
}

/// Highlight events → per-line HTML: spans opened lazily, closed at each line end, and a
/// span skipped when its class is already in effect.
#[derive(Default)]
struct LineWriter {
    lines: Vec<String>,
    current: String,
    stack: Vec<(&'static str, bool)>,
    written: usize,
}

impl LineWriter {
    fn open(&mut self, class: &'static str) {
        let in_effect = self.stack.iter().rev().find(|(_, emit)| *emit);
        let emit = in_effect.is_none_or(|(c, _)| *c != class);
        self.stack.push((class, emit));
    }

    fn close(&mut self) {
        if let Some((_, emit)) = self.stack.pop()
            && self.written > self.stack.len()
        {
            if emit {
                self.current.push_str("</span>");
            }
            self.written = self.stack.len();
        }
    }

    fn text(&mut self, source: &str) {
        for (i, piece) in source.split('\n').enumerate() {
            if i > 0 {
                self.end_line();
            }
            if !piece.is_empty() {
                for (class, emit) in &self.stack[self.written..] {
                    if *emit {
                        self.current.push_str("<span class=\"");
                        self.current.push_str(class);
                        self.current.push_str("\">");
                    }
                }
                self.written = self.stack.len();
                push_escaped(&mut self.current, piece);
            }
        }
    }

    fn end_line(&mut self) {
        for (_, emit) in &self.stack[..self.written] {
            if *emit {
                self.current.push_str("</span>");
            }
        }
        self.written = 0;
        self.lines.push(std::mem::take(&mut self.current));
    }

    fn finish(mut self) -> Vec<String> {
        self.end_line();
        self.lines
    }
}
