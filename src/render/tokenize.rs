//! A small, forgiving HTML tokenizer for the raw HTML in guides: text, start tags with their
//! attributes, end tags. Comments, doctypes and processing instructions are skipped; the
//! elements that carry code or foreign content (`script`, `style`, `iframe`, `object`, …) are
//! skipped with everything inside them.
//!
//! It runs in linear time on any input: it never backtracks more than a bounded tag length,
//! and it remembers when a terminator (`>`, `-->`) does not occur again, so a text full of
//! unmatched `<` costs no more than one pass. Character references are decoded here too.

use crate::render::entities;

/// A start tag longer than this is not a tag (it is shown as text).
const MAX_TAG: usize = 2048;

/// Elements dropped together with their content.
const DROPPED: &[&str] = &[
    "script",
    "style",
    "iframe",
    "object",
    "embed",
    "noscript",
    "template",
    "textarea",
    "title",
    "svg",
    "math",
    "applet",
    "frame",
    "frameset",
    "noembed",
    "noframes",
    "xmp",
    "plaintext",
    "select",
    "head",
];

/// One piece of raw HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token<'a> {
    /// Text as written (character references not yet decoded).
    Text(&'a str),
    /// A start tag.
    Start {
        /// Lower-cased tag name.
        name: String,
        /// Attributes in source order: lower-cased name, decoded value (`""` when absent).
        attrs: Vec<(String, String)>,
        /// The tag as written, for showing an unknown tag as text.
        raw: &'a str,
    },
    /// An end tag.
    End {
        /// Lower-cased tag name.
        name: String,
        /// The tag as written.
        raw: &'a str,
    },
}

/// Splits raw HTML into tokens.
pub struct Tokenizer<'a> {
    src: &'a str,
    /// `src`, ASCII-lower-cased (same byte offsets), for case-insensitive searches.
    lower: String,
    pos: usize,
    /// No `>` at or after this offset.
    no_gt_from: Option<usize>,
    /// `(from, at)`: the first `>` at or after `from` is at `at`.
    gt_cache: (usize, usize),
    /// No `-->` at or after this offset.
    no_comment_end_from: Option<usize>,
}

impl<'a> Tokenizer<'a> {
    /// A tokenizer over `src`.
    pub fn new(src: &'a str) -> Self {
        Tokenizer {
            src,
            lower: src.to_ascii_lowercase(),
            pos: 0,
            no_gt_from: None,
            gt_cache: (usize::MAX, 0),
            no_comment_end_from: None,
        }
    }

    /// Offset of the next `>` at or after `from`.
    fn find_gt(&mut self, from: usize) -> Option<usize> {
        if self.no_gt_from.is_some_and(|p| from >= p) {
            return None;
        }
        let (cached_from, cached_at) = self.gt_cache;
        if cached_from <= from && from <= cached_at {
            return Some(cached_at);
        }
        let found = self.src.get(from..)?.find('>').map(|i| from + i);
        match found {
            Some(at) => self.gt_cache = (from, at),
            None => self.no_gt_from = Some(from),
        }
        found
    }

    /// Tries to read markup at `self.pos` (which holds `<`); returns the token, `Some(None)`
    /// for skipped markup, or `None` when the `<` is just text.
    fn markup(&mut self) -> Option<Option<Token<'a>>> {
        let start = self.pos;
        let rest = self.src.get(start..)?;
        let bytes = rest.as_bytes();
        let next = *bytes.get(1)?;
        if rest.starts_with("<!-->") || rest.starts_with("<!--->") {
            // Empty comments, as HTML reads them.
            self.pos = start + if rest.starts_with("<!-->") { 5 } else { 6 };
            return Some(None);
        }
        if let Some(body) = rest.strip_prefix("<!--") {
            if self.no_comment_end_from.is_some_and(|p| start >= p) {
                return None;
            }
            match body.find("-->") {
                Some(i) => {
                    self.pos = start + 4 + i + 3;
                    return Some(None);
                }
                None => {
                    self.no_comment_end_from = Some(start);
                    return None;
                }
            }
        }
        if next == b'!' || next == b'?' {
            let end = self.find_gt(start + 2)?;
            self.pos = end + 1;
            return Some(None);
        }
        if next == b'/' {
            if !bytes.get(2).is_some_and(u8::is_ascii_alphabetic) {
                return None;
            }
            let name_end = start + 2 + tag_name_len(&bytes[2..]);
            let end = self.find_gt(name_end)?;
            self.pos = end + 1;
            return Some(Some(Token::End {
                name: self.lower[start + 2..name_end].to_string(),
                raw: &self.src[start..end + 1],
            }));
        }
        if !next.is_ascii_alphabetic() {
            return None;
        }
        let name_end = start + 1 + tag_name_len(&bytes[1..]);
        // No `>` ahead at all: not a tag (this keeps a text full of `<` linear).
        self.find_gt(name_end)?;
        let name = self.lower[start + 1..name_end].to_string();
        let (attrs, end) = self.attributes(name_end)?;
        self.pos = end;
        if DROPPED.contains(&name.as_str()) {
            self.skip_content_of(&name);
            return Some(None);
        }
        Some(Some(Token::Start {
            name,
            attrs,
            raw: &self.src[start..end],
        }))
    }

    /// Reads attributes from `from` up to the tag's `>`; returns them and the offset after `>`.
    fn attributes(&mut self, from: usize) -> Option<(Vec<(String, String)>, usize)> {
        let bytes = self.src.as_bytes();
        let mut limit = (from + MAX_TAG).min(bytes.len());
        while !self.src.is_char_boundary(limit) {
            limit -= 1;
        }
        let mut attrs: Vec<(String, String)> = Vec::new();
        let mut i = from;
        loop {
            while i < limit && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
                i += 1;
            }
            if i >= limit {
                return None;
            }
            if bytes[i] == b'>' {
                return Some((attrs, i + 1));
            }
            let name_start = i;
            while i < limit
                && !matches!(bytes[i], b'=' | b'>' | b'/')
                && !bytes[i].is_ascii_whitespace()
            {
                i += 1;
            }
            let name = self.lower[name_start..i].to_string();
            if name.contains('<') {
                // `<a <b …`: the first `<` was text (this keeps every scan short).
                return None;
            }
            let mut j = i;
            while j < limit && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            let mut value = String::new();
            if j < limit && bytes[j] == b'=' {
                j += 1;
                while j < limit && bytes[j].is_ascii_whitespace() {
                    j += 1;
                }
                if j < limit && (bytes[j] == b'"' || bytes[j] == b'\'') {
                    let quote = bytes[j];
                    let close = bytes[j + 1..limit].iter().position(|&b| b == quote)?;
                    value = decode(&self.src[j + 1..j + 1 + close]);
                    j += close + 2;
                } else {
                    let v_start = j;
                    while j < limit && bytes[j] != b'>' && !bytes[j].is_ascii_whitespace() {
                        j += 1;
                    }
                    if self.src[v_start..j].contains('<') {
                        return None;
                    }
                    value = decode(&self.src[v_start..j]);
                }
                i = j;
            }
            if !name.is_empty() && !attrs.iter().any(|(n, _)| *n == name) {
                attrs.push((name, value));
            }
        }
    }

    /// Skips past `</name …>` (or to the end of the input when it never comes).
    fn skip_content_of(&mut self, name: &str) {
        let closer = format!("</{name}");
        let mut from = self.pos;
        loop {
            let Some(i) = self.lower.get(from..).and_then(|s| s.find(&closer)) else {
                self.pos = self.src.len();
                return;
            };
            let after = from + i + closer.len();
            let boundary = self.src.as_bytes().get(after).copied();
            if boundary.is_none_or(|b| b == b'>' || b == b'/' || b.is_ascii_whitespace()) {
                self.pos = self.find_gt(after).map_or(self.src.len(), |gt| gt + 1);
                return;
            }
            from = after;
        }
    }
}

impl<'a> Iterator for Tokenizer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        loop {
            let rest = self.src.get(self.pos..).filter(|r| !r.is_empty())?;
            if let Some(after) = rest.strip_prefix('<') {
                match self.markup() {
                    Some(Some(token)) => return Some(token),
                    Some(None) => continue,
                    None => {
                        // A lone `<`: text up to the next `<`.
                        let start = self.pos;
                        let len = after.find('<').map_or(rest.len(), |i| i + 1);
                        self.pos += len;
                        return Some(Token::Text(&self.src[start..start + len]));
                    }
                }
            }
            let len = rest.find('<').unwrap_or(rest.len());
            let start = self.pos;
            self.pos += len;
            return Some(Token::Text(&self.src[start..start + len]));
        }
    }
}

/// Length of the tag name at the start of `bytes` (letters, digits, `-`, `_`, `:`).
fn tag_name_len(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':'))
        .count()
}

/// `text` with character references (`&amp;`, `&#8212;`, `&#x2014;`, `&mdash;`) decoded;
/// unknown or malformed references are kept as written. Numeric references to characters
/// XML cannot hold become U+FFFD.
pub fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        match reference(rest) {
            Some((decoded, len)) => {
                out.push_str(&decoded);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The reference at the start of `text` (which starts with `&`) and its length.
fn reference(text: &str) -> Option<(String, usize)> {
    let body = text.get(1..)?;
    let semi = body.bytes().take(34).position(|b| b == b';')?;
    let name = &body[..semi];
    let len = semi + 2;
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) if !hex.is_empty() && hex.len() <= 8 => u32::from_str_radix(hex, 16).ok()?,
            None if !num.is_empty() && num.len() <= 10 => num.parse::<u32>().ok()?,
            _ => return None,
        };
        let ch = char::from_u32(code)
            .filter(|&c| xml_char(c))
            .unwrap_or('\u{fffd}');
        return Some((ch.to_string(), len));
    }
    if !name.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    entities::named(name).map(|s| (s.to_string(), len))
}

/// `true` for characters XML 1.0 documents may contain (tab and newline but no other
/// controls, no non-characters U+FFFE/U+FFFF).
pub fn xml_char(c: char) -> bool {
    match c {
        '\t' | '\n' => true,
        '\u{fffe}' | '\u{ffff}' => false,
        c => !c.is_control(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(src: &str) -> Vec<Token<'_>> {
        Tokenizer::new(src).collect()
    }

    #[test]
    fn tags_attributes_and_text() {
        let t = tokens("a<B Title='x &amp; y' open data-x=1>b</b >");
        assert_eq!(t[0], Token::Text("a"));
        let Token::Start { name, attrs, .. } = &t[1] else {
            panic!("{t:?}")
        };
        assert_eq!(name, "b");
        assert_eq!(
            attrs,
            &[
                ("title".to_string(), "x & y".to_string()),
                ("open".to_string(), String::new()),
                ("data-x".to_string(), "1".to_string())
            ]
        );
        assert_eq!(t[2], Token::Text("b"));
        assert!(matches!(&t[3], Token::End { name, .. } if name == "b"));
    }

    #[test]
    fn comments_and_dropped_elements_vanish() {
        assert_eq!(tokens("a<!-- x -->b"), [Token::Text("a"), Token::Text("b")]);
        assert_eq!(
            tokens("a<script>x</b>'</script >b"),
            [Token::Text("a"), Token::Text("b")]
        );
        assert_eq!(tokens("a<STYLE>x"), [Token::Text("a")]);
        assert_eq!(tokens("<!DOCTYPE html>x"), [Token::Text("x")]);
    }

    #[test]
    fn unterminated_markup_is_text() {
        let t: String = tokens("a <!-- b <i>c</i>")
            .iter()
            .filter_map(|t| match t {
                Token::Text(s) => Some(*s),
                _ => None,
            })
            .collect();
        assert_eq!(t, "a <!-- b c");
        assert_eq!(tokens("x < y"), [Token::Text("x "), Token::Text("< y")]);
        assert_eq!(tokens("<a title=\"x>"), [Token::Text("<a title=\"x>")]);
    }

    #[test]
    fn references_decode() {
        assert_eq!(
            decode("&lt;&#65;&#x42;&mdash;&nope;&amp"),
            "<AB\u{2014}&nope;&amp"
        );
        assert_eq!(
            decode("&#0;&#xD800;&#x1F600;&#99999999999;"),
            "\u{fffd}\u{fffd}😀&#99999999999;"
        );
    }

    #[test]
    fn many_unmatched_brackets_are_linear() {
        let src = "<a ".repeat(50_000) + &"<!--".repeat(50_000) + &"<b ".repeat(600) + ">";
        let start = std::time::Instant::now();
        let n = tokens(&src).len();
        assert!(n > 0);
        assert!(start.elapsed().as_secs() < 2, "{:?}", start.elapsed());
    }
}
