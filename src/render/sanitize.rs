//! Raw HTML from a guide → safe, well-formed markup from an allow-list, or escaped text.
//!
//! Raw HTML never becomes live markup: allowed elements (`b`, `em`, `code`, `kbd`, `br`,
//! `p`, `div`, lists, tables, `details`/`summary`, `img`, `a`, …) are rewritten with only their
//! allowed attributes, voids self-closed, implied and unclosed tags closed and stray end tags
//! dropped; `script`, `style`, `iframe`, `object` (and similar) vanish with their content;
//! comments vanish; every other tag is shown as escaped text. Images are rewritten to their
//! embedded name (or replaced by their alt text), links keep only `http`, `https`, `mailto`
//! and `#fragment` targets, written as the renderer writes links (see `HtmlRenderer::href`).
//!
//! A [`Sanitizer`] keeps its open elements across several pieces, because Markdown splits
//! raw HTML around the Markdown inside it (`<details>` … paragraphs … `</details>`): the
//! renderer feeds each piece of one block list (or inline list) to the same sanitizer and
//! calls [`Sanitizer::finish`] at the end, which closes whatever is still open.

use crate::render::html::{Flavor, HtmlRenderer, push_escaped};
use crate::render::tokenize::{Token, Tokenizer, decode};

/// Deeper raw nesting than this is flattened (XML parsers in readers refuse very deep trees).
const MAX_DEPTH: usize = 48;

/// Where sanitised HTML is placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Among blocks: every allowed element is kept.
    Block,
    /// Inside a paragraph, heading or table cell: only phrasing elements are kept (block
    /// tags are dropped, their content kept), so the result stays valid inside `<p>`.
    Inline,
}

/// An element of the allow-list.
#[derive(Debug, Clone, Copy)]
struct Element {
    name: &'static str,
    void: bool,
    block: bool,
}

/// The allowed element named `name` (lower case).
fn element(name: &str) -> Option<Element> {
    const PHRASING: &[&str] = &[
        "b", "i", "em", "strong", "u", "s", "del", "ins", "mark", "small", "sub", "sup", "code",
        "kbd", "span", "a", "br", "img",
    ];
    const BLOCKS: &[&str] = &[
        "p",
        "div",
        "pre",
        "blockquote",
        "ul",
        "ol",
        "li",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "details",
        "summary",
        "hr",
    ];
    let (name, block) = match PHRASING.iter().find(|n| **n == name) {
        Some(n) => (*n, false),
        None => (*BLOCKS.iter().find(|n| **n == name)?, true),
    };
    Some(Element {
        name,
        void: matches!(name, "br" | "hr" | "img"),
        block,
    })
}

/// An element opened by raw HTML: its name as written in the source, and as written out
/// (an `<a>` without a safe target is written as `<span>`).
#[derive(Debug, Clone, Copy)]
struct Open {
    name: &'static str,
    written: &'static str,
}

/// Turns pieces of raw HTML into safe markup, keeping elements open across pieces.
#[derive(Debug)]
pub struct Sanitizer<'r> {
    renderer: HtmlRenderer<'r>,
    xhtml: bool,
    context: Context,
    in_link: bool,
    stack: Vec<Open>,
}

impl<'r> Sanitizer<'r> {
    /// A sanitizer writing `renderer`'s flavour for `context`; images and links resolve as
    /// `renderer` resolves them.
    pub fn new(renderer: &HtmlRenderer<'r>, context: Context) -> Self {
        Sanitizer {
            renderer: *renderer,
            xhtml: renderer.flavor == Flavor::Xhtml,
            context,
            in_link: false,
            stack: Vec::new(),
        }
    }

    /// Marks the output as lying inside a link: raw `<a>` tags are then dropped (links do not
    /// nest).
    pub fn inside_link(mut self, yes: bool) -> Self {
        self.in_link = yes;
        self
    }

    /// Sanitises one piece of raw HTML into `out`, leaving its unclosed elements open.
    pub fn push(&mut self, html: &str, out: &mut String) {
        for token in Tokenizer::new(html) {
            match token {
                Token::Text(text) => push_escaped(out, &decode(text)),
                Token::Start { name, attrs, raw } => self.start(&name, &attrs, raw, out),
                Token::End { name, raw } => match element(&name) {
                    Some(_) => self.end(&name, out),
                    None => push_escaped(out, raw),
                },
            }
        }
    }

    /// Closes every element still open.
    pub fn finish(&mut self, out: &mut String) {
        while let Some(open) = self.stack.pop() {
            close_tag(open.written, out);
        }
    }

    /// How many raw elements are open.
    #[cfg(test)]
    pub fn depth(&self) -> usize {
        self.stack.len()
    }

    fn start(&mut self, name: &str, attrs: &[(String, String)], raw: &str, out: &mut String) {
        let Some(el) = element(name) else {
            push_escaped(out, raw);
            return;
        };
        if (el.block && self.context == Context::Inline) || (el.name == "a" && self.in_link) {
            return;
        }
        if !el.void && self.stack.len() >= MAX_DEPTH {
            return;
        }
        self.close_implied(el, out);
        let attr = |key: &str| {
            attrs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str())
        };
        let mut written = el.name;
        let mut tag = String::new();
        match el.name {
            "img" => {
                let Some(src) = attr("src").and_then(|s| self.renderer.media.name_for(s.trim()))
                else {
                    push_escaped(out, attr("alt").unwrap_or(""));
                    return;
                };
                push_attr(&mut tag, "src", src);
                push_attr(&mut tag, "alt", attr("alt").unwrap_or(""));
                for key in ["width", "height"] {
                    if let Some(v) = attr(key).filter(|v| is_small_number(v)) {
                        push_attr(&mut tag, key, v);
                    }
                }
            }
            "a" => match attr("href").and_then(|url| self.renderer.href(url)) {
                Some(href) => push_attr(&mut tag, "href", &href),
                None => written = "span",
            },
            "ol" => {
                if let Some(v) = attr("start").filter(|v| is_small_number(v)) {
                    push_attr(&mut tag, "start", v);
                }
            }
            "td" | "th" => {
                for key in ["colspan", "rowspan"] {
                    if let Some(v) = attr(key).filter(|v| is_small_number(v)) {
                        push_attr(&mut tag, key, v);
                    }
                }
            }
            "details" if attr("open").is_some() => push_attr(&mut tag, "open", "open"),
            _ => {}
        }
        if let Some(title) = attr("title") {
            push_attr(&mut tag, "title", title);
        }
        out.push('<');
        out.push_str(written);
        out.push_str(&tag);
        if el.void {
            out.push_str(if self.xhtml { "/>" } else { ">" });
        } else {
            out.push('>');
            self.stack.push(Open {
                name: el.name,
                written,
            });
        }
    }

    fn end(&mut self, name: &str, out: &mut String) {
        if let Some(i) = self.stack.iter().rposition(|open| open.name == name) {
            while self.stack.len() > i {
                if let Some(open) = self.stack.pop() {
                    close_tag(open.written, out);
                }
            }
        }
    }

    /// Closes what opening `el` implies: an open `p` before a block, the previous `li`,
    /// `tr`, cell or table section.
    fn close_implied(&mut self, el: Element, out: &mut String) {
        let (targets, barriers): (&[&str], &[&str]) = match el.name {
            "li" => (&["li"], &["ul", "ol"]),
            "tr" => (&["tr"], &["table", "thead", "tbody"]),
            "td" | "th" => (&["td", "th"], &["tr", "table"]),
            "thead" | "tbody" => (&["thead", "tbody"], &["table"]),
            _ => (&[], &[]),
        };
        self.close_to(targets, barriers, out);
        if el.block {
            // The innermost open block is a paragraph: a block cannot sit inside it.
            let innermost_block = self
                .stack
                .iter()
                .rposition(|open| element(open.name).is_some_and(|e| e.block));
            if let Some(i) = innermost_block.filter(|&i| self.stack[i].name == "p") {
                self.end_at(i, out);
            }
        }
    }

    fn close_to(&mut self, targets: &[&str], barriers: &[&str], out: &mut String) {
        for i in (0..self.stack.len()).rev() {
            let name = self.stack[i].name;
            if targets.contains(&name) {
                self.end_at(i, out);
                return;
            }
            if barriers.contains(&name) {
                return;
            }
        }
    }

    fn end_at(&mut self, i: usize, out: &mut String) {
        while self.stack.len() > i {
            if let Some(open) = self.stack.pop() {
                close_tag(open.written, out);
            }
        }
    }
}

fn close_tag(name: &str, out: &mut String) {
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

/// Appends ` key="value"` (value escaped).
fn push_attr(out: &mut String, key: &str, value: &str) {
    out.push(' ');
    out.push_str(key);
    out.push_str("=\"");
    push_escaped(out, value);
    out.push('"');
}

fn is_small_number(v: &str) -> bool {
    !v.is_empty() && v.len() <= 4 && v.bytes().all(|b| b.is_ascii_digit())
}

/// Sanitises a whole piece of raw HTML (elements it leaves open are closed).
#[cfg(test)]
pub fn sanitize(html: &str, renderer: &HtmlRenderer<'_>, context: Context) -> String {
    let mut out = String::with_capacity(html.len());
    let mut sanitizer = Sanitizer::new(renderer, context);
    sanitizer.push(html, &mut out);
    sanitizer.finish(&mut out);
    out
}

/// The visible text of raw HTML: tags dropped, references decoded, hidden content
/// (`script`, comments, …) left out, `<br>` as a space.
pub fn html_text(html: &str) -> String {
    let mut out = String::new();
    for token in Tokenizer::new(html) {
        match token {
            Token::Text(text) => out.push_str(&decode(text)),
            Token::Start { name, attrs, raw } => match element(&name) {
                Some(el) if el.name == "br" => out.push(' '),
                Some(el) if el.name == "img" => {
                    if let Some((_, alt)) = attrs.iter().find(|(k, _)| k == "alt") {
                        out.push_str(alt);
                    }
                }
                Some(_) => {}
                None => out.push_str(raw),
            },
            Token::End { .. } => {}
        }
    }
    out
}

/// The `src` of every `<img>` in raw HTML, decoded and trimmed, in source order.
pub fn img_sources(html: &str) -> Vec<String> {
    Tokenizer::new(html)
        .filter_map(|token| match token {
            Token::Start { name, attrs, .. } if name == "img" => attrs
                .into_iter()
                .find(|(k, _)| k == "src")
                .map(|(_, v)| v.trim().to_string()),
            _ => None,
        })
        .collect()
}

/// The `href` of every `<a>` in raw HTML, decoded, in source order.
pub fn link_targets(html: &str) -> Vec<String> {
    Tokenizer::new(html)
        .filter_map(|token| match token {
            Token::Start { name, attrs, .. } if name == "a" => {
                attrs.into_iter().find(|(k, _)| k == "href").map(|(_, v)| v)
            }
            _ => None,
        })
        .collect()
}

/// `%xx` sequences decoded, or `None` if the result is not UTF-8 or a `%` is malformed.
pub fn percent_decode(text: &str) -> Option<String> {
    if !text.contains('%') {
        return Some(text.to_string());
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The link target to write for `url` if it is safe: `http:`/`https:` (with a host),
/// `mailto:`, or an in-document `#fragment`; control characters and whitespace inside are
/// removed (as browsers do) and characters a URL may not hold are percent-encoded.
/// `None` for anything else (`javascript:`, `data:`, relative paths, …).
pub fn safe_href(url: &str) -> Option<String> {
    let cleaned: String = url.trim().chars().filter(|c| !c.is_control()).collect();
    if cleaned.starts_with('#') {
        return Some(encode_url(&cleaned));
    }
    let colon = cleaned.find(':')?;
    let (scheme, rest) = (&cleaned[..colon], &cleaned[colon + 1..]);
    let ok = match scheme.to_ascii_lowercase().as_str() {
        "http" | "https" => rest.starts_with("//") && rest.len() > 2 && !rest[2..].starts_with('/'),
        "mailto" => !rest.is_empty(),
        _ => false,
    };
    ok.then(|| encode_url(&cleaned))
}

/// Percent-encodes the ASCII characters a URL cannot hold as they are (space, quotes,
/// angle brackets, …); other text is kept.
fn encode_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for ch in url.chars() {
        if matches!(
            ch,
            ' ' | '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}'
        ) || !crate::render::tokenize::xml_char(ch)
        {
            let mut buf = [0u8; 4];
            for b in ch.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(ch);
        }
    }
    out
}

#[cfg(test)]
#[path = "sanitize_tests.rs"]
mod tests;
