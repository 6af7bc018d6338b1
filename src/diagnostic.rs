//! Compiler-style diagnostics: a severity, a short code, a message and a source location,
//! rendered like `warning[unclosed-fence]: … --> guide.md:5348:1` with the source line and a caret.
//!
//! Parsing and preparing never throw for a problem in the input: they collect `Diagnostic`s
//! and carry on, and the caller decides (with `--deny-warnings`) whether warnings are fatal.
//! Emitters report nothing: every diagnostic is found before any output is written.

use serde::Serialize;
use std::fmt::{self, Write as _};

/// Declares [`DiagnosticCode`] from one list of `Variant = "code"` pairs, so the enum, its
/// text and [`DiagnosticCode::ALL`] cannot drift apart.
macro_rules! diagnostic_codes {
    ($($(#[doc = $doc:literal])+ $variant:ident = $text:literal,)+) => {
        /// What kind of problem a diagnostic reports: a closed set, written in kebab case
        /// (`unclosed-fence`). The README's table of diagnostics lists every one of them (a
        /// unit test checks the two agree).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum DiagnosticCode {
            $($(#[doc = $doc])+ $variant,)+
        }

        impl DiagnosticCode {
            /// Every code, in declaration order.
            pub const ALL: &[DiagnosticCode] = &[$(DiagnosticCode::$variant),+];

            /// The code as written in a diagnostic: `unclosed-fence`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(DiagnosticCode::$variant => $text,)+
                }
            }
        }
    };
}

diagnostic_codes! {
    /// Mis-encoded UTF-8 (decoded as Windows-1252) was restored.
    MisEncoded = "mis-encoded",
    /// The file is not UTF-8 and was read as Windows-1252.
    NotUtf8 = "not-utf8",
    /// Control characters were dropped.
    ControlCharacter = "control-character",
    /// A code fence that swallows what follows was closed.
    UnclosedFence = "unclosed-fence",
    /// A block-level `<!--` that never closes was closed at the end of its line.
    UnterminatedHtmlComment = "unterminated-html-comment",
    /// Two topics share a number.
    DuplicateTopicNumber = "duplicate-topic-number",
    /// An unnumbered heading at or above the topic level, kept as a section.
    StrayHeading = "stray-heading",
    /// A heading skips a level.
    SkippedHeadingLevel = "skipped-heading-level",
    /// Lists, quotes or emphasis nest too deep and were flattened.
    NestingTooDeep = "nesting-too-deep",
    /// Front matter that is not valid YAML (or not a mapping) was ignored.
    FrontMatter = "front-matter",
    /// No heading makes topics: the whole guide is one topic.
    NoTopics = "no-topics",
    /// Nothing to build (an error).
    EmptyGuide = "empty-guide",
    /// A local image does not exist or cannot be read.
    ImageMissing = "image-missing",
    /// An image path leads outside the guide's folder or is absolute.
    ImageOutside = "image-outside",
    /// A remote image is not downloaded.
    ImageRemote = "image-remote",
    /// An image of another file type or URL scheme.
    ImageUnsupported = "image-unsupported",
    /// A card's question has no visible text; its id stands in.
    EmptyQuestion = "empty-question",
    /// The `--deck` name had to be normalised.
    DeckName = "deck-name",
    /// The language is not a BCP 47 tag; the book says `en`.
    EpubLanguage = "epub-language",
    /// An in-guide link leads to no topic or section: the book keeps only its text.
    EpubLink = "epub-link",
    /// Boilerplate (a table of contents, back-to-top links, a licence, a list of links) was
    /// left out of the cards (a note).
    Boilerplate = "boilerplate",
    /// A question without an answer was left out of the cards (a note).
    EmptyAnswer = "empty-answer",
    /// MDX `import`/`export` lines were left out (a note).
    Mdx = "mdx",
    /// A `:::` admonition is never closed: it is closed at the end of its container.
    UnclosedAdmonition = "unclosed-admonition",
    /// Raw HTML hid the Markdown after it: each raw piece was read on its own.
    HtmlFallback = "html-fallback",
    /// Raw HTML nests deeper than a browser builds: only its text is kept.
    HtmlTooDeep = "html-too-deep",
    /// LaTeX the book cannot show as MathML: it shows it as code.
    Math = "math",
    /// The guide's lock file cannot be read (an error: the guide is not built).
    Lock = "lock",
    /// A guide would write the same outputs as another guide of the build (an error).
    SameOutputs = "same-outputs",
    /// A folder guide's index links to a Markdown file that is not in the guide's folder.
    PartMissing = "part-missing",
    /// A file or folder of a folder guide is a symlink leading outside it: not read.
    PartOutside = "part-outside",
    /// Markdown files of a folder guide that its index does not link are not parts of it.
    PartLeftOut = "part-left-out",
}

impl fmt::Display for DiagnosticCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for DiagnosticCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Something was left out on purpose (boilerplate, an empty answer); nothing is wrong.
    Note,
    /// Something was repaired, recovered or skipped; output is still produced.
    Warning,
    /// The guide cannot be built.
    Error,
}

impl Severity {
    /// `note`, `warning` or `error`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A place in a source file (1-based line and column; column counts characters).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    /// The file as named on the command line.
    pub path: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
}

/// One problem found in a guide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Warning or error.
    pub severity: Severity,
    /// What kind of problem it is (`unclosed-fence`).
    pub code: DiagnosticCode,
    /// What happened, in one sentence.
    pub message: String,
    /// Where, if the problem has a place.
    pub location: Option<Location>,
    /// Further places or explanations (`note: …`).
    pub notes: Vec<String>,
}

impl Diagnostic {
    /// A warning (give it a place with [`Diagnostic::at`]).
    pub fn warning(code: DiagnosticCode, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            code,
            message: message.into(),
            location: None,
            notes: Vec::new(),
        }
    }

    /// A note: something was left out on purpose (give it a place with [`Diagnostic::at`]).
    pub fn remark(code: DiagnosticCode, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Note,
            ..Diagnostic::warning(code, message)
        }
    }

    /// An error.
    pub fn error(code: DiagnosticCode, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            ..Diagnostic::warning(code, message)
        }
    }

    /// Sets the location.
    pub fn at(mut self, path: &str, line: u32, column: u32) -> Self {
        self.location = Some(Location {
            path: path.to_string(),
            line,
            column,
        });
        self
    }

    /// Adds a note line.
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// Renders the diagnostic; `source` holds the lines the line numbers refer to (the source
    /// line is shown with a caret under the column), `color` adds ANSI colours.
    pub fn render(&self, source: Option<&SourceLines<'_>>, color: bool) -> String {
        let (bold, red, yellow, blue, reset) = if color {
            (
                "\x1b[1m",
                "\x1b[1;31m",
                "\x1b[1;33m",
                "\x1b[1;34m",
                "\x1b[0m",
            )
        } else {
            ("", "", "", "", "")
        };
        let sev_color = match self.severity {
            Severity::Note => blue,
            Severity::Warning => yellow,
            Severity::Error => red,
        };
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{sev_color}{}[{}]{reset}{bold}: {}{reset}",
            self.severity.as_str(),
            self.code,
            self.message
        );
        if let Some(loc) = &self.location {
            let gutter = " ".repeat(loc.line.to_string().len());
            let _ = writeln!(
                out,
                "{gutter}{blue}-->{reset} {}:{}:{}",
                loc.path, loc.line, loc.column
            );
            if let Some(text) = source.and_then(|s| s.line(loc.line)) {
                let shown = shorten(text, loc.column);
                let _ = writeln!(out, "{gutter} {blue}|{reset}");
                let _ = writeln!(out, "{blue}{}{reset} {blue}|{reset} {}", loc.line, shown.0);
                let _ = writeln!(
                    out,
                    "{gutter} {blue}|{reset} {}{sev_color}^{reset}",
                    " ".repeat(shown.1)
                );
            }
        }
        for note in &self.notes {
            let _ = writeln!(out, "  = {bold}note{reset}: {note}");
        }
        out
    }
}

/// The lines of a source text, indexed once so that rendering many diagnostics stays linear.
pub struct SourceLines<'a>(Vec<&'a str>);

impl<'a> SourceLines<'a> {
    /// Splits `text` into lines (without their line endings).
    pub fn new(text: &'a str) -> Self {
        SourceLines(
            text.lines()
                .map(|l| l.strip_suffix('\r').unwrap_or(l))
                .collect(),
        )
    }

    /// The `line`-th (1-based) line.
    pub fn line(&self, line: u32) -> Option<&'a str> {
        self.0.get(line.checked_sub(1)? as usize).copied()
    }
}

/// The line as shown (control characters made visible, at most ~100 characters around the
/// column) and the caret's offset in characters.
fn shorten(line: &str, column: u32) -> (String, usize) {
    const WIDTH: usize = 100;
    let chars: Vec<char> = line.chars().collect();
    let col = (column.max(1) as usize - 1).min(chars.len());
    let start = col.saturating_sub(WIDTH / 2).min(chars.len());
    let end = (start + WIDTH).min(chars.len());
    let mut shown = String::new();
    let mut caret = 0;
    if start > 0 {
        shown.push('…');
        caret += 1;
    }
    for (i, &c) in chars[start..end].iter().enumerate() {
        let visible = if c == '\t' {
            ' '
        } else if c.is_control() {
            '\u{fffd}'
        } else {
            c
        };
        shown.push(visible);
        if start + i < col {
            caret += 1;
        }
    }
    if end < chars.len() {
        shown.push('…');
    }
    (shown, caret)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_a_compiler() {
        let d = Diagnostic::warning(
            DiagnosticCode::UnclosedFence,
            "code fence opened here is never closed",
        )
        .at("g.md", 2, 3)
        .note("closed before line 4");
        let text = d.render(Some(&SourceLines::new("a\nxyz fence\nc")), false);
        assert_eq!(
            text,
            "warning[unclosed-fence]: code fence opened here is never closed\n \
             --> g.md:2:3\n  |\n2 | xyz fence\n  |   ^\n  = note: closed before line 4\n"
        );
    }

    /// The codes of the README's table of diagnostics: the first cell of each row of the
    /// table under `## Repairs and diagnostics`, where it is a code in backticks.
    fn readme_codes() -> Vec<String> {
        let readme = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"));
        let section = readme
            .split("\n## Repairs and diagnostics\n")
            .nth(1)
            .and_then(|rest| rest.split("\n## ").next())
            .expect("the README has a diagnostics section");
        section
            .lines()
            .filter_map(|line| line.strip_prefix("| `"))
            .filter_map(|cell| cell.split_once('`').map(|(code, _)| code.to_string()))
            .collect()
    }

    #[test]
    fn the_readme_documents_every_code_and_no_other() {
        let documented = readme_codes();
        let known: Vec<&str> = DiagnosticCode::ALL.iter().map(|c| c.as_str()).collect();
        for code in &known {
            assert!(
                documented.iter().any(|d| d == code),
                "`{code}` is missing from the README's diagnostics table"
            );
        }
        for code in &documented {
            assert!(
                known.contains(&code.as_str()),
                "the README documents `{code}`, which no diagnostic has"
            );
        }
        let mut unique = documented.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), documented.len(), "a code is documented twice");
    }

    #[test]
    fn codes_are_kebab_case_and_serialise_as_their_text() {
        for code in DiagnosticCode::ALL {
            let text = code.as_str();
            assert!(
                text.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                    && !text.starts_with('-')
                    && !text.ends_with('-'),
                "{text}"
            );
            assert_eq!(code.to_string(), text);
            assert_eq!(
                serde_json::to_string(code).expect("serialises"),
                format!("\"{text}\"")
            );
        }
    }

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let line = "x".repeat(10_000);
        let (shown, caret) = shorten(&line, 5_000);
        assert!(shown.chars().count() <= 102);
        assert_eq!(caret, 51);
    }
}
