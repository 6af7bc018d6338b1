//! Text as the HTML writer and the book's pages need it: escaped for XML (and HTML),
//! folded into one line for titles, reduced to plain text for a table of contents, and made
//! an XML name for an anchor.

use crate::model::{AttrName, Inline, Tag};

/// A model id as a valid XML NCName for `id="…"` and `#…` links: letters, digits, `-`, `.`
/// and `_` are kept, anything else becomes `-`, and `id-` is put in front when the id does
/// not start with a letter or `_` (or is empty).
pub fn anchor(id: &str) -> String {
    let mut out = String::with_capacity(id.len() + 3);
    let starts_ok = id
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_');
    if !starts_ok {
        out.push_str("id-");
    }
    for c in id.chars() {
        if c.is_alphanumeric() || matches!(c, '-' | '.' | '_') {
            out.push(c);
        } else {
            out.push('-');
        }
    }
    out
}

/// The plain text of inlines for a table of contents or a title: markup dropped, inline
/// code kept, an image's alt text kept, footnote references dropped, runs of whitespace
/// folded to one space, trimmed. Not escaped.
pub fn toc_text(inlines: &[Inline]) -> String {
    let mut raw = String::new();
    push_toc(inlines, &mut raw);
    let mut out = String::with_capacity(raw.len());
    for word in raw.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.retain(xml_char);
    out
}

fn push_toc(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text { text } => out.push_str(text),
            Inline::Code { code } => out.push_str(code),
            Inline::Math { latex, .. } => out.push_str(latex),
            Inline::Emphasis { content }
            | Inline::Strong { content }
            | Inline::Strike { content }
            | Inline::Link { content, .. }
            | Inline::Cloze { content, .. } => push_toc(content, out),
            Inline::Image { alt, .. } => out.push_str(alt),
            Inline::Element {
                tag: Tag::Img,
                attrs,
                ..
            } => out.push_str(crate::model::attr(attrs, AttrName::Alt).unwrap_or("")),
            Inline::Element { tag: Tag::Br, .. } => out.push(' '),
            Inline::Element { content, .. } => push_toc(content, out),
            Inline::SoftBreak | Inline::HardBreak => out.push(' '),
            Inline::FootnoteRef { .. } => {}
        }
    }
}

/// `text` with control characters dropped and runs of white space folded into one space
/// (for titles and names shown as plain text).
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// `text` with `&`, `<`, `>` and `"` escaped (XML-safe; control characters other than tab
/// and newline, and the non-characters U+FFFE/U+FFFF, dropped).
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out
}

/// Whether `c` may stand in XML 1.0 text as deckbook writes it: tab, newline and every
/// character that is not a control character or U+FFFE/U+FFFF.
pub fn xml_char(c: char) -> bool {
    match c {
        '\t' | '\n' => true,
        '\u{fffe}' | '\u{ffff}' => false,
        c => !c.is_control(),
    }
}

/// Appends `text` escaped as [`escape_text`] does (usable in text and in quoted attributes).
pub fn push_escaped(out: &mut String, text: &str) {
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if xml_char(c) => out.push(c),
            _ => {}
        }
    }
}
