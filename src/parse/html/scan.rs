//! A linear scan of raw HTML before it is parsed, reading tags the way an HTML tokenizer reads
//! them (comments, quoted attribute values and the content of `script`, `style`, `textarea`,
//! … are skipped):
//!
//! - a tag whose name is no HTML element (`<T>` in `List<T>`) is not markup: its `<` is
//!   escaped, so the parser keeps it as text, as deckbook always showed it;
//! - how deep the elements nest, estimated from start and end tags, so that input nesting
//!   deeper than a browser would build (Chromium stops at 512) never reaches the tree builder,
//!   whose cost grows with the square of the depth for `div` and `li`;
//! - whether a raw block is one comment and nothing else (a block of its own in the model).

use super::allow::is_html_element;
use std::borrow::Cow;

/// Elements whose content is text up to their own end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// Void elements (no content, no end tag) and elements whose next sibling closes them: they
/// add no depth.
const FLAT: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen", "image", "p", "li", "dt", "dd", "tr", "td", "th", "option",
    "optgroup", "rb", "rt", "rp", "rtc", "thead", "tbody", "tfoot", "caption",
];

/// What a scan of raw HTML found.
#[derive(Debug, PartialEq, Eq)]
pub struct Scanned<'a> {
    /// The HTML with the `<` of every tag that names no HTML element escaped.
    pub html: Cow<'a, str>,
    /// The deepest nesting of elements, as start and end tags suggest.
    pub depth: usize,
}

/// The name of the tag at `at` (where `text` has `<`), if a letter starts it, and whether
/// it is an end tag.
fn tag_name_at(text: &str, at: usize) -> Option<(&str, bool)> {
    let bytes = text.as_bytes();
    let end = bytes.get(at + 1) == Some(&b'/');
    let start = at + 1 + usize::from(end);
    if !bytes.get(start).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let stop = |b: &u8| b.is_ascii_whitespace() || matches!(b, b'/' | b'>' | b'<');
    let name_end = bytes[start..]
        .iter()
        .position(stop)
        .map_or(bytes.len(), |i| start + i);
    Some((&text[start..name_end], end))
}

/// The byte offset after the `>` that ends the tag whose name ends at `from` (attributes,
/// quoted values and all), or the end of the text.
fn tag_end(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = from;
    loop {
        match bytes.get(i) {
            None => return bytes.len(),
            Some(b'>') => return i + 1,
            Some(b'"' | b'\'') if bytes.get(i.wrapping_sub(1)).is_some_and(is_value_start) => {
                let quote = bytes[i];
                i = bytes[i + 1..]
                    .iter()
                    .position(|b| *b == quote)
                    .map_or(bytes.len(), |j| i + 2 + j);
            }
            Some(_) => i += 1,
        }
    }
}

/// Whether a quote after `b` opens an attribute value (`=` and white space before it).
fn is_value_start(b: &u8) -> bool {
    *b == b'=' || b.is_ascii_whitespace()
}

/// The byte offset after the construct that starts with `<!` or `<?` at `at`: a comment
/// (`<!-- … -->`, also `<!-->`), or a bogus comment, doctype or CDATA section (up to `>`).
fn skip_markup_declaration(text: &str, at: usize) -> usize {
    let rest = &text[at..];
    if let Some(body) = rest.strip_prefix("<!--") {
        if body.starts_with('>') {
            return at + 5;
        }
        if body.starts_with("->") {
            return at + 6;
        }
        // It ends at the first `-->` or `--!>`.
        let end = [
            body.find("-->").map(|i| i + 3),
            body.find("--!>").map(|i| i + 4),
        ]
        .into_iter()
        .flatten()
        .min();
        return end.map_or(text.len(), |e| at + 4 + e);
    }
    rest.find('>').map_or(text.len(), |i| at + i + 1)
}

/// Calls `f` with every tag of `html` in order, as a tokenizer reads them: its offset, its
/// name (lower case when it names an HTML element), whether it is an end tag and whether it
/// names an HTML element. Comments, quoted attribute values and raw text are skipped.
fn each_tag(html: &str, mut f: impl FnMut(usize, &str, bool, bool)) {
    let mut i = 0;
    while let Some(found) = html[i..].find('<') {
        let at = i + found;
        let next = html.as_bytes().get(at + 1);
        if matches!(next, Some(b'!' | b'?')) {
            i = skip_markup_declaration(html, at);
            continue;
        }
        let Some((name, end)) = tag_name_at(html, at) else {
            i = at + 1;
            continue;
        };
        if !is_html_element(name) {
            f(at, name, end, false);
            i = at + 1;
            continue;
        }
        let name_end = at + 1 + usize::from(end) + name.len();
        let name = name.to_ascii_lowercase();
        i = tag_end(html, name_end);
        f(at, &name, end, true);
        if end {
            continue;
        }
        if name == "plaintext" {
            break;
        }
        if RAW_TEXT.contains(&name.as_str()) {
            // Its content is text up to its end tag, in any case.
            let close = format!("</{name}");
            let rest = &html.as_bytes()[i..];
            i = rest
                .windows(close.len())
                .position(|w| w.eq_ignore_ascii_case(close.as_bytes()))
                .map_or(html.len(), |j| i + j);
        }
    }
}

/// Scans `html` (see the module documentation).
pub fn scan(html: &str) -> Scanned<'_> {
    let mut escaped: Option<String> = None;
    let mut copied = 0;
    let mut depth = 0usize;
    let mut deepest = 0usize;
    each_tag(html, |at, name, end, known| {
        if !known {
            let out = escaped.get_or_insert_with(|| String::with_capacity(html.len() + 8));
            out.push_str(&html[copied..at]);
            out.push_str("&lt;");
            copied = at + 1;
            return;
        }
        if FLAT.contains(&name) {
            return;
        }
        if end {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            deepest = deepest.max(depth);
        }
    });
    let html = match escaped {
        Some(mut out) => {
            out.push_str(&html[copied..]);
            Cow::Owned(out)
        }
        None => Cow::Borrowed(html),
    };
    Scanned {
        html,
        depth: deepest,
    }
}

/// A raw HTML element that holds a part of a guide with its own headings (`<details>` around
/// an answer with `##### Answer: 3`, a `<div>` around a section): the Markdown headings
/// between its start and end tags stay inside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    /// `<details>`.
    Details,
    /// `<div>`.
    Div,
}

impl Container {
    fn named(name: &str) -> Option<Container> {
        match name {
            "details" => Some(Container::Details),
            "div" => Some(Container::Div),
            _ => None,
        }
    }
}

/// Updates `open`, the containers (see [`Container`]) open before `html`, with the start and
/// end tags of `html`: a start tag opens one, an end tag closes the innermost open one of its
/// name and those inside it (an end tag with none open is ignored, as HTML ignores it).
/// Returns the fewest containers that were open at any point of `html`.
pub fn open_containers(html: &str, open: &mut Vec<Container>) -> usize {
    let mut fewest = open.len();
    each_tag(html, |_, name, end, known| {
        let Some(container) = Container::named(name).filter(|_| known) else {
            return;
        };
        if !end {
            open.push(container);
        } else if let Some(k) = open.iter().rposition(|c| *c == container) {
            open.truncate(k);
            fewest = fewest.min(k);
        }
    });
    fewest
}

/// Whether a piece of inline raw HTML (one tag, as Markdown gives it) is a tag that names no
/// HTML element, to be shown as text.
pub fn is_unknown_tag(piece: &str) -> bool {
    tag_name_at(piece, 0).is_some_and(|(name, _)| !is_html_element(name))
}

/// The text of a raw block that is one HTML comment and nothing else (white space around it
/// allowed): `<!-- tags: a -->` gives ` tags: a `.
pub fn comment_only(html: &str) -> Option<&str> {
    let trimmed = html.trim_matches(|c: char| c.is_ascii_whitespace());
    let body = trimmed.strip_prefix("<!--")?;
    let end = skip_markup_declaration(trimmed, 0);
    if end != trimmed.len() || !trimmed.ends_with('>') {
        return None;
    }
    Some(
        body.strip_suffix("-->")
            .or_else(|| body.strip_suffix("->"))
            .or_else(|| body.strip_suffix('>'))
            .unwrap_or(""),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_that_name_no_element_are_escaped() {
        let s = scan("<div>List<T> and <Foo bar=\"a>b\">x</Foo></div>");
        assert_eq!(
            s.html,
            "<div>List&lt;T> and &lt;Foo bar=\"a>b\">x&lt;/Foo></div>"
        );
        // Inside comments, attribute values and raw text nothing is a tag.
        let untouched = "<!-- <T> --><a title='<T>'>x</a><script>if (a<T>b) {}</script>";
        assert_eq!(scan(untouched).html, untouched);
        assert_eq!(
            scan("<SCRIPT>x<T></sCrIpT><T>").html,
            "<SCRIPT>x<T></sCrIpT>&lt;T>"
        );
        assert_eq!(scan("a < b <3 <!x> <?y>").html, "a < b <3 <!x> <?y>");
    }

    #[test]
    fn depth_counts_what_nests() {
        assert_eq!(scan("<div><div><p>x<p>y</div></div>").depth, 2);
        assert_eq!(scan(&"<ul><li>".repeat(600)).depth, 600);
        assert_eq!(scan(&"<br><img src=x><p>".repeat(1000)).depth, 0);
        assert_eq!(scan(&"<b>x</b>".repeat(1000)).depth, 1);
        assert_eq!(scan("<T><T><T>").depth, 0);
        // Linear on any input: many tags without their `>`.
        let unclosed = "<T a='x <div b=\"y ".repeat(50_000);
        assert!(scan(&unclosed).depth <= 1);
        let names = "<T".repeat(100_000);
        assert_eq!(scan(&names).html.len(), names.len() * 5 / 2);
    }

    #[test]
    fn containers_open_and_close_as_their_tags_say() {
        let mut open = Vec::new();
        open_containers(
            "<details><summary><b>Answer</b></summary>\n<p>\n",
            &mut open,
        );
        assert_eq!(open, [Container::Details]);
        open_containers("<DIV class=x><!-- </div> --><a title='</div>'>", &mut open);
        assert_eq!(open, [Container::Details, Container::Div]);
        // An end tag closes the innermost of its name and what is open inside it.
        assert_eq!(open_containers("</div><div>", &mut open), 1);
        assert_eq!(open, [Container::Details, Container::Div]);
        assert_eq!(open_containers("</p>\n</details>", &mut open), 0);
        assert!(open.is_empty());
        open_containers("</div></details><script>'<div>'</script><T>", &mut open);
        assert!(open.is_empty());
    }

    #[test]
    fn unknown_inline_tags() {
        assert!(is_unknown_tag("<T>"));
        assert!(is_unknown_tag("</Foo>"));
        assert!(is_unknown_tag("<my-widget a=\"1\"/>"));
        assert!(!is_unknown_tag("<kbd>"));
        assert!(!is_unknown_tag("</SPAN>"));
        assert!(!is_unknown_tag("<!-- c -->"));
    }

    #[test]
    fn comments_that_are_blocks_of_their_own() {
        assert_eq!(comment_only("<!-- tags: a, b -->\n"), Some(" tags: a, b "));
        assert_eq!(comment_only("  <!---->"), Some(""));
        assert_eq!(comment_only("<!-->"), Some(""));
        assert_eq!(comment_only("<!-- a --> <b>x</b>"), None);
        assert_eq!(comment_only("<!-- a -->\n<!-- b -->"), None);
        assert_eq!(comment_only("<!-- open"), None);
        assert_eq!(comment_only("<!-- a --!> b -->"), None);
        assert_eq!(comment_only("<div>"), None);
    }
}
