//! Compiler-style diagnostics: a severity, a short code, a message and a source location,
//! rendered like `warning[unclosed-fence]: … --> guide.md:5348:1` with the source line and a caret.
//!
//! Parsing and emitting never throw for a problem in the input: they collect `Diagnostic`s and
//! carry on, and the caller decides (with `--deny-warnings`) whether warnings are fatal.

use serde::Serialize;
use std::fmt::Write as _;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Something was repaired, recovered or skipped; output is still produced.
    Warning,
    /// The guide cannot be built.
    Error,
}

impl Severity {
    /// `warning` or `error`.
    pub fn as_str(self) -> &'static str {
        match self {
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
    /// Short kebab-case code, e.g. `unclosed-fence`.
    pub code: &'static str,
    /// What happened, in one sentence.
    pub message: String,
    /// Where, if the problem has a place.
    pub location: Option<Location>,
    /// Further places or explanations (`note: …`).
    pub notes: Vec<String>,
}

impl Diagnostic {
    /// A warning at `path:line:column`.
    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            code,
            message: message.into(),
            location: None,
            notes: Vec::new(),
        }
    }

    /// An error.
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
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
        let d = Diagnostic::warning("unclosed-fence", "code fence opened here is never closed")
            .at("g.md", 2, 3)
            .note("closed before line 4");
        let text = d.render(Some(&SourceLines::new("a\nxyz fence\nc")), false);
        assert_eq!(
            text,
            "warning[unclosed-fence]: code fence opened here is never closed\n \
             --> g.md:2:3\n  |\n2 | xyz fence\n  |   ^\n  = note: closed before line 4\n"
        );
    }

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let line = "x".repeat(10_000);
        let (shown, caret) = shorten(&line, 5_000);
        assert!(shown.chars().count() <= 102);
        assert_eq!(caret, 51);
    }
}
