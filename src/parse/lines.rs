//! Line-level scanning shared by the repair passes: ATX headings, numbered topic headings and
//! fenced-code pairing, computed on raw lines before Markdown parsing; and the split of a
//! text into lines every pass shares.

/// The lines of `text`, as `text.split('\n')` gives them (a final empty line after a
/// trailing newline included), found with `memchr`: `str::split` on a `char` searches a
/// byte at a time, and every pass of the parser splits the whole guide.
pub fn split(text: &str) -> Vec<&str> {
    let mut lines = Vec::with_capacity(text.len() / 32 + 1);
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', text.as_bytes()) {
        lines.push(&text[start..end]);
        start = end + 1;
    }
    lines.push(&text[start..]);
    lines
}

/// The lines of `text` with their newlines, as `text.split_inclusive('\n')` gives them.
pub fn split_inclusive(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    memchr::memchr_iter(b'\n', text.as_bytes())
        .map(|end| end + 1)
        .chain((!text.is_empty()).then_some(text.len()))
        .filter_map(move |end| {
            let line = (end > start).then(|| &text[start..end]);
            start = end;
            line
        })
}

/// A text's lines, cut the first time one is read (most guides never need them).
#[derive(Debug)]
pub struct LazyLines<'a> {
    text: &'a str,
    /// Where each line starts ([`starts`]), once a line has been read.
    starts: std::cell::OnceCell<Vec<usize>>,
}

impl<'a> LazyLines<'a> {
    /// The lines of `text`, not cut yet.
    pub fn new(text: &'a str) -> Self {
        LazyLines {
            text,
            starts: std::cell::OnceCell::new(),
        }
    }

    /// Line `index` (0 = line 1), as [`split`] cuts them.
    pub fn get(&self, index: usize) -> Option<&'a str> {
        let starts = self.starts.get_or_init(|| starts(self.text));
        let start = *starts.get(index)?;
        let end = starts
            .get(index + 1)
            .map_or(self.text.len(), |next| next - 1);
        Some(&self.text[start..end])
    }
}

/// The byte offset where each of `lines` starts in `text`, which [`split`] cut them from:
/// [`starts`] without searching the text again.
pub fn starts_of(text: &str, lines: &[&str]) -> Vec<usize> {
    let base = text.as_ptr() as usize;
    lines.iter().map(|l| l.as_ptr() as usize - base).collect()
}

/// The byte offset where each line of `text` starts (0 first), as [`split`] cuts them.
pub fn starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::with_capacity(text.len() / 32 + 1);
    starts.push(0);
    starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
    starts
}

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
    // Read as bytes: every line of a guide is asked, several times.
    let bytes = line.as_bytes();
    let indent = bytes.iter().take(4).take_while(|&&b| b == b' ').count();
    let ch = match bytes.get(indent) {
        Some(b'`') if indent <= 3 => '`',
        Some(b'~') if indent <= 3 => '~',
        _ => return None,
    };
    let rest = &line[indent..];
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

/// The column where a list item's content starts, when `line` starts with one or more list
/// markers (`- `, `* `, `+ `, `1. `, `2) `, nested as in `- - `) followed by content: `None`
/// for any other line, and for a marker followed by five spaces or more (indented code).
fn item_content_column(line: &str) -> Option<usize> {
    let mut column = 0;
    let mut rest = line;
    let mut items = 0;
    loop {
        let indent = rest.len() - rest.trim_start_matches(' ').len();
        let after_indent = &rest[indent..];
        let digits = after_indent.len()
            - after_indent
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .len();
        let marker = match after_indent.as_bytes().get(digits) {
            Some(b'-' | b'*' | b'+') if digits == 0 => 1,
            Some(b'.' | b')') if (1..=9).contains(&digits) => digits + 1,
            _ => 0,
        };
        let after_marker = &after_indent[marker..];
        let spaces = after_marker.len() - after_marker.trim_start_matches(' ').len();
        if indent > 3 || marker == 0 || !(1..=4).contains(&spaces) {
            return (items > 0).then_some(column);
        }
        if spaces == after_marker.len() {
            // A marker with nothing after it.
            return None;
        }
        column += indent + marker + spaces;
        rest = &after_marker[spaces..];
        items += 1;
    }
}

/// When line `i` is a list item whose content opens a fence (`- ````, `1. ~~~`, `- - ````):
/// how many lines, from `i`, that fence takes — its opening line, its code and its closing
/// fence (indented under the item), or up to the first line that ends the item (indented less
/// than the item's content). Such a fence ends with its item at the latest, so its closing
/// fence is no opener and it never swallows a topic heading.
pub fn item_fence(lines: &[&str], i: usize) -> Option<usize> {
    let line = lines.get(i)?;
    let column = item_content_column(line)?;
    let open = fence(line.get(column..)?)?;
    for (j, next) in lines.iter().enumerate().skip(i + 1) {
        let indent = next.len() - next.trim_start_matches(' ').len();
        if next.trim().is_empty() {
            continue;
        }
        if indent < column {
            return Some(j - i);
        }
        if closes(&open, &next[column..]) {
            return Some(j + 1 - i);
        }
    }
    Some(lines.len() - i)
}

/// Marks, for every line, whether it lies inside fenced code (fence lines included), pairing
/// fences the way CommonMark does at the top level, and taking a fence opened on a list item's
/// line with its item (see [`item_fence`]).
pub fn in_code(lines: &[&str]) -> Vec<bool> {
    let mut inside = vec![false; lines.len()];
    let mut open: Option<Fence<'_>> = None;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        match &open {
            Some(f) => {
                inside[i] = true;
                if closes(f, line) {
                    open = None;
                }
            }
            None => {
                if let Some(n) = item_fence(lines, i) {
                    inside[i..i + n].fill(true);
                    i += n;
                    continue;
                }
                if let Some(f) = fence(line) {
                    inside[i] = true;
                    open = Some(f);
                }
            }
        }
        i += 1;
    }
    inside
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_and_starts_cut_lines_as_str_split_does() {
        for text in [
            "",
            "\n",
            "a",
            "a\n",
            "a\nb",
            "\n\nb\r\n",
            "é\n€\n\n",
            "x\ny\n",
        ] {
            let lines = split(text);
            assert_eq!(lines, text.split('\n').collect::<Vec<_>>(), "{text:?}");
            let expected: Vec<usize> = std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect();
            assert_eq!(starts(text), expected, "{text:?}");
            assert_eq!(starts_of(text, &lines), expected, "{text:?}");
            let lazy = LazyLines::new(text);
            let read: Vec<&str> = (0..=lines.len()).map_while(|i| lazy.get(i)).collect();
            assert_eq!(read, lines, "{text:?}");
            assert_eq!(
                split_inclusive(text).collect::<Vec<_>>(),
                text.split_inclusive('\n').collect::<Vec<_>>(),
                "{text:?}"
            );
        }
    }

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
    fn fences_opened_on_a_list_item_line() {
        let lines = ["- ```", "  a", "  ```", "## 2. Two"];
        assert_eq!(item_fence(&lines, 0), Some(3));
        assert_eq!(in_code(&lines), [true, true, true, false]);
        // The item ends at a line indented less than its content: so does the fence.
        assert_eq!(item_fence(&["10. ~~~", "    x", "y", "~~~"], 0), Some(2));
        assert_eq!(
            item_fence(&["- - ```", "    x", "    ```", "  ```"], 0),
            Some(3)
        );
        assert_eq!(item_fence(&["* ```", "", "  b", "  ```"], 0), Some(4));
        // Not a list item, not a fence, or code (five spaces after the marker).
        assert_eq!(item_fence(&["```", "```"], 0), None);
        assert_eq!(item_fence(&["-```", "```"], 0), None);
        assert_eq!(item_fence(&["- text", "  ```"], 0), None);
        assert_eq!(item_fence(&["-     ```", "  ```"], 0), None);
        assert_eq!(item_fence(&["1234567890. ```"], 0), None);
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
