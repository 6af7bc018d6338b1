//! HTML comment recovery: a block-level `<!--` that is never closed would turn the rest of
//! the guide into one raw HTML block. It is closed at the end of its own line instead (the
//! comment's text stays in the model as raw HTML), with a warning.

use super::lines::in_code;
use crate::diagnostic::{Diagnostic, DiagnosticCode};

/// Closes unterminated block-level HTML comments; returns the new text (`None` when nothing
/// was closed) and how many were closed. `line_map` maps the text's lines to source lines
/// (for the diagnostics).
pub fn recover(
    text: &str,
    line_map: &[u32],
    path: &str,
    diags: &mut Vec<Diagnostic>,
) -> (Option<String>, usize) {
    if !text.contains("<!--") {
        return (None, 0);
    }
    let lines: Vec<&str> = super::lines::split(text);
    let code = in_code(&lines);
    let mut out = String::with_capacity(text.len() + 8);
    let mut closed = 0;
    let mut open_until: Option<usize> = None;
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(line);
        if open_until.is_some_and(|end| i < end) || code[i] {
            continue;
        }
        let indent = line.len() - line.trim_start_matches(' ').len();
        if indent > 3 || !line[indent..].starts_with("<!--") {
            continue;
        }
        // Where does this comment end (CommonMark: the first line holding `-->`)?
        let body = &line[indent + 4..];
        if body.contains("-->") {
            continue;
        }
        match (i + 1..lines.len()).find(|&j| lines[j].contains("-->")) {
            Some(end) => open_until = Some(end + 1),
            None => {
                out.push_str(" -->");
                closed += 1;
                let source_line = line_map.get(i).copied().unwrap_or(i as u32 + 1);
                diags.push(
                    Diagnostic::warning(
                        DiagnosticCode::UnterminatedHtmlComment,
                        "HTML comment `<!--` is never closed",
                    )
                    .at(path, source_line, indent as u32 + 1)
                    .note(
                        "closed it at the end of this line, so the rest of the guide is not hidden",
                    ),
                );
            }
        }
    }
    ((closed > 0).then_some(out), closed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> (String, usize, Vec<Diagnostic>) {
        let mut d = Vec::new();
        let map: Vec<u32> = (1..=crate::parse::lines::split(text).len() as u32).collect();
        let (t, n) = recover(text, &map, "g.md", &mut d);
        (t.unwrap_or_else(|| text.to_string()), n, d)
    }

    #[test]
    fn closes_a_comment_that_never_ends() {
        let (t, n, d) = run("a\n\n<!-- note\n\n## 2. B\n");
        assert_eq!(t, "a\n\n<!-- note -->\n\n## 2. B\n");
        assert_eq!(n, 1);
        assert_eq!(d[0].location.as_ref().unwrap().line, 3);
    }

    #[test]
    fn leaves_closed_comments_and_code_alone() {
        for src in [
            "<!-- a\nb -->\n## 1. X",
            "<!-- a -->",
            "```\n<!-- in code\n```\n",
            "x <!-- inline",
        ] {
            let (t, n, d) = run(src);
            assert_eq!((t.as_str(), n, d.len()), (src, 0, 0));
        }
    }
}
