//! The end of the HTML blocks that start with `<pre`, `<script`, `<style` or `<textarea`
//! (CommonMark's HTML block kind 1), made to agree with CommonMark before pulldown-cmark reads
//! the text.
//!
//! CommonMark ends such a block at the first line that holds any of `</pre>`, `</script>`,
//! `</style>` or `</textarea>`, in any case. pulldown-cmark 0.13 ends it only at a line that
//! holds the lower-case end tag of the tag that started it, so `<SCRIPT>x</SCRIPT>` ran on
//! over every later topic heading. On the line where CommonMark ends the block, an end tag of
//! the same name is written in lower case (HTML tag names ignore case, so nothing changes
//! for a browser), and an end tag of another name gets the starting tag's end tag after it
//! (a stray end tag, which HTML ignores). The text keeps its lines, so no line map changes.

use super::lines::in_code;

/// The names that start a kind-1 HTML block, each with its end tag as pulldown-cmark looks
/// for it.
const NAMES: [(&str, &str); 4] = [
    ("pre", "</pre>"),
    ("script", "</script>"),
    ("style", "</style>"),
    ("textarea", "</textarea>"),
];

/// [`agree_on_ends_of`] of a whole text.
#[cfg(test)]
pub fn agree_on_ends(text: &str) -> Option<String> {
    agree_on_ends_of(text, &super::lines::split(text))
}

/// `text`, cut into its `plain` lines by [`super::lines::split`], with the end line of every
/// kind-1 HTML block made visible to pulldown-cmark (see the module documentation), or
/// `None` when no line had to change.
pub fn agree_on_ends_of(text: &str, plain: &[&str]) -> Option<String> {
    if !text.contains('<') {
        return None;
    }
    let code = in_code(plain);
    let mut lines: Vec<std::borrow::Cow<'_, str>> = plain.iter().map(|&l| l.into()).collect();
    let mut changed = false;
    let mut i = 0;
    while i < lines.len() {
        let start = if code[i] {
            None
        } else {
            block_start(&lines[i])
        };
        let Some((expected, after)) = start else {
            i += 1;
            continue;
        };
        let mut j = i;
        let mut from = after;
        while j < lines.len() {
            if let Some((at, len)) = first_end_tag(&lines[j][from..]) {
                let line = &lines[j];
                if !line.contains(expected) {
                    let at = from + at;
                    let found = &line[at..at + len];
                    let fixed = if found.eq_ignore_ascii_case(expected) {
                        format!("{}{expected}{}", &line[..at], &line[at + len..])
                    } else {
                        format!("{}{expected}{}", &line[..at + len], &line[at + len..])
                    };
                    lines[j] = fixed.into();
                    changed = true;
                }
                break;
            }
            j += 1;
            from = 0;
        }
        i = j + 1;
    }
    changed.then(|| lines.join("\n"))
}

/// When `line` starts a kind-1 HTML block (up to three spaces, after any block-quote or list
/// markers): the end tag pulldown-cmark expects, and the byte offset after the start tag's
/// name.
fn block_start(line: &str) -> Option<(&'static str, usize)> {
    let mut at = 0;
    loop {
        let rest = &line[at..];
        let indent = rest.len() - rest.trim_start_matches(' ').len();
        if indent > 3 {
            return None;
        }
        let body = &rest[indent..];
        if let Some(quoted) = body.strip_prefix('>') {
            at += indent + 1 + usize::from(quoted.starts_with(' '));
            continue;
        }
        let marker = body.find([' ', '\t']).filter(|&m| {
            let marker = &body[..m];
            matches!(marker, "-" | "*" | "+")
                || (marker.len() >= 2
                    && marker.len() <= 10
                    && marker.ends_with(['.', ')'])
                    && marker[..marker.len() - 1]
                        .bytes()
                        .all(|b| b.is_ascii_digit()))
        });
        if let Some(m) = marker {
            let spaces = body[m..].len() - body[m..].trim_start_matches(' ').len();
            at += indent + m + spaces.min(4);
            continue;
        }
        let name_start = at + indent + 1;
        let tag = body.strip_prefix('<')?;
        return NAMES.iter().find_map(|(name, end)| {
            let after = tag.get(..name.len())?;
            let boundary = tag[name.len()..]
                .chars()
                .next()
                .is_none_or(|c| c.is_ascii_whitespace() || c == '>');
            (after.eq_ignore_ascii_case(name) && boundary)
                .then_some((*end, name_start + name.len()))
        });
    }
}

/// The byte offset and length of the first end tag in `text` that ends a kind-1 block
/// (`</pre>`, `</script>`, `</style>`, `</textarea>`, in any case).
fn first_end_tag(text: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(i) = text[from..].find("</") {
        let at = from + i;
        for (_, end) in NAMES {
            if bytes
                .get(at..at + end.len())
                .is_some_and(|b| b.eq_ignore_ascii_case(end.as_bytes()))
            {
                return Some((at, end.len()));
            }
        }
        from = at + 2;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_upper_case_end_tag_ends_the_block_for_pulldown_cmark_too() {
        let src = "## 1. One\n\n<SCRIPT>x</SCRIPT>\n\n## 2. Two\n";
        assert_eq!(
            agree_on_ends(src).as_deref(),
            Some("## 1. One\n\n<SCRIPT>x</script>\n\n## 2. Two\n")
        );
        let src = "<Pre class=a>\ncode\n</PRE> after\n## 2.\n";
        assert_eq!(
            agree_on_ends(src).as_deref(),
            Some("<Pre class=a>\ncode\n</pre> after\n## 2.\n")
        );
    }

    #[test]
    fn an_end_tag_of_another_name_gets_the_expected_one_after_it() {
        let src = "> <style>\n> p {}</Script>\n\ntext\n";
        assert_eq!(
            agree_on_ends(src).as_deref(),
            Some("> <style>\n> p {}</Script></style>\n\ntext\n")
        );
    }

    #[test]
    fn blocks_pulldown_cmark_already_ends_and_look_alikes_are_untouched() {
        for src in [
            "<script>x</script>\n<SCRIPT>\n",
            "<scripts>x</SCRIPT>\n",
            "    <SCRIPT>x</SCRIPT>\n",
            "```\n<SCRIPT>x</SCRIPT>\n```\n",
            "text <SCRIPT>x</SCRIPT>\n",
            "<pre>\nno end\n",
        ] {
            assert_eq!(agree_on_ends(src), None, "{src}");
        }
        // The start line's own end tag counts, and a list item's block is found.
        assert_eq!(
            agree_on_ends("- <textarea>a</TEXTAREA>\n").as_deref(),
            Some("- <textarea>a</textarea>\n")
        );
    }

    #[test]
    fn the_next_topic_is_no_longer_swallowed() {
        let src = "# G\n\n## 1. One\n\n<SCRIPT>x</SCRIPT>\n\n## 2. Two\n\ntext\n";
        let parsed = crate::parse::parse_as_written(src);
        assert_eq!(parsed.guide.topics.len(), 2);
    }
}
