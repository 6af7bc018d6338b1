//! Line-level scanning shared by the repair passes: ATX headings, numbered topic headings and
//! fenced-code pairing, computed on raw lines before Markdown parsing.

/// An ATX heading found by a line scan: level and text (closing `#`s removed).
pub fn atx_heading(line: &str) -> Option<(u8, &str)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = &line[indent..];
    let hashes = rest.len() - rest.trim_start_matches('#').len();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let after = &rest[hashes..];
    if !(after.is_empty() || after.starts_with(' ') || after.starts_with('\t')) {
        return None;
    }
    let mut text = after.trim();
    let stripped = text.trim_end_matches('#');
    if stripped.is_empty() || stripped.ends_with(' ') || stripped.ends_with('\t') {
        text = stripped.trim_end();
    }
    Some((hashes as u8, text))
}

/// The number and the rest of a numbered heading's text: `12. Title`, `12) Title`,
/// `Q12: Title`, `Q12. Title`, `Question 12: Title`.
pub fn topic_number(text: &str) -> Option<(&str, &str)> {
    let mut rest = text.trim_start();
    for prefix in ["Question", "question", "Q", "q"] {
        if let Some(r) = rest.strip_prefix(prefix) {
            let r2 = r.trim_start();
            if r2.starts_with(|c: char| c.is_ascii_digit()) {
                rest = r2;
                break;
            }
        }
    }
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 9 {
        return None;
    }
    let (number, after) = rest.split_at(digits);
    let after = after.strip_prefix(['.', ')', ':'])?;
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    Some((number, after.trim()))
}

/// A fence line: its indentation, the fence (```` ``` ```` or `~~~`, with its length) and
/// the info string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fence<'a> {
    /// Fence character.
    pub ch: char,
    /// Number of fence characters.
    pub len: usize,
    /// Info string, trimmed.
    pub info: &'a str,
}

/// Parses a fence line (opening or closing).
pub fn fence(line: &str) -> Option<Fence<'_>> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = &line[indent..];
    let ch = rest.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let len = rest.len() - rest.trim_start_matches(ch).len();
    if len < 3 {
        return None;
    }
    let info = rest[len..].trim();
    if ch == '`' && info.contains('`') {
        return None;
    }
    Some(Fence { ch, len, info })
}

/// Does `line` close a fence opened by `open`?
pub fn closes(open: &Fence<'_>, line: &str) -> bool {
    fence(line).is_some_and(|f| f.ch == open.ch && f.len >= open.len && f.info.is_empty())
}

/// Marks, for every line, whether it lies inside fenced code (fence lines included), pairing
/// fences the way CommonMark does at the top level.
pub fn in_code(lines: &[&str]) -> Vec<bool> {
    let mut inside = vec![false; lines.len()];
    let mut open: Option<Fence<'_>> = None;
    for (i, line) in lines.iter().enumerate() {
        match &open {
            Some(f) => {
                inside[i] = true;
                if closes(f, line) {
                    open = None;
                }
            }
            None => {
                if let Some(f) = fence(line) {
                    inside[i] = true;
                    open = Some(f);
                }
            }
        }
    }
    inside
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings() {
        assert_eq!(atx_heading("## 12. Title ##"), Some((2, "12. Title")));
        assert_eq!(atx_heading("#"), Some((1, "")));
        assert_eq!(atx_heading("#tag"), None);
        assert_eq!(atx_heading("    # code"), None);
        assert_eq!(atx_heading("####### seven"), None);
        assert_eq!(atx_heading("# C#"), Some((1, "C#")));
    }

    #[test]
    fn numbers() {
        assert_eq!(topic_number("12. Title"), Some(("12", "Title")));
        assert_eq!(topic_number("12) Title"), Some(("12", "Title")));
        assert_eq!(topic_number("Q12: Title"), Some(("12", "Title")));
        assert_eq!(topic_number("Question 3: Why?"), Some(("3", "Why?")));
        assert_eq!(topic_number("1.5 Title"), None);
        assert_eq!(topic_number("2024 plans"), None);
        assert_eq!(topic_number("Quick 1. x"), None);
    }

    #[test]
    fn fences() {
        assert_eq!(fence("```python").unwrap().info, "python");
        assert_eq!(fence("~~~~").unwrap().len, 4);
        assert!(fence("``").is_none());
        assert!(fence("``` a`b").is_none());
        let open = fence("````").unwrap();
        assert!(!closes(&open, "```"));
        assert!(closes(&open, "`````"));
        assert!(!closes(&open, "````python"));
        assert_eq!(
            in_code(&["a", "```", "# x", "```", "b"]),
            [false, true, true, true, false]
        );
    }
}
