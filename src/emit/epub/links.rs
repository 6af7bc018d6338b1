//! References between the book's documents, checked after rendering: a guide is one Markdown
//! file, so its links (`#anchor`, footnotes) assume one page, while the book has a page per
//! topic, and it may link files or images the book does not hold.
//!
//! - `href="#x"` whose `x` is in another document becomes `other.xhtml#x`;
//! - a link to an anchor or a local file the book does not have, or with an unsafe scheme,
//!   loses its `href` (its text stays), with a warning;
//! - an image the book does not hold (remote, or missing) becomes its alternative text, with a
//!   warning: an EPUB may not load images from the web, and a missing file is an error.
//!
//! The renderer writes attributes in double quotes and escapes `"`, `<` and `>` everywhere,
//! so every `<a `, `<img ` and ` id="` in its output is markup, never text.

use crate::diagnostic::{Diagnostic, DiagnosticCode};
use std::collections::{HashMap, HashSet};

/// One XHTML document of the book.
pub struct Doc {
    /// Its file name in the container (`chapter-001.xhtml`).
    pub file: String,
    /// Its XHTML.
    pub xhtml: String,
}

/// URL schemes a link may keep.
const SCHEMES: &[&str] = &[
    "http", "https", "mailto", "ftp", "ftps", "tel", "urn", "news",
];

/// Rewrites the references of `docs` (in spine order) so that each resolves inside the book;
/// `resources` are the book's other files (images, stylesheet).
pub fn resolve(docs: &mut [Doc], resources: &HashSet<String>) -> Vec<Diagnostic> {
    let ids: Vec<HashSet<String>> = docs.iter().map(|d| ids_of(&d.xhtml)).collect();
    // The first document (in spine order) holding each id.
    let mut owner: HashMap<&str, usize> = HashMap::new();
    for (i, set) in ids.iter().enumerate() {
        for id in set {
            owner
                .entry(id.as_str())
                .and_modify(|o| *o = (*o).min(i))
                .or_insert(i);
        }
    }
    let files: Vec<String> = docs.iter().map(|d| d.file.clone()).collect();
    let index: HashMap<&str, usize> = files
        .iter()
        .enumerate()
        .map(|(i, f)| (f.as_str(), i))
        .collect();
    let mut report = Report::default();
    for (i, doc) in docs.iter_mut().enumerate() {
        let link = |href: &str, report: &mut Report| -> Option<String> {
            let (path, frag) = match href.split_once('#') {
                Some((p, f)) => (p, Some(f)),
                None => (href, None),
            };
            if let Some(scheme) = scheme(path) {
                return SCHEMES
                    .contains(&scheme.to_ascii_lowercase().as_str())
                    .then(|| href.to_string())
                    .or_else(|| report.link(href, "its scheme is not allowed in a book"));
            }
            let target = if path.is_empty() {
                Some(i)
            } else if resources.contains(path) {
                return Some(href.to_string());
            } else {
                index.get(path).copied()
            };
            let Some(target) = target else {
                return report.link(href, "the book has no such file");
            };
            let Some(frag) = frag.map(percent_decode) else {
                return Some(href.to_string());
            };
            if frag.is_empty() || ids[target].contains(&frag) {
                return Some(href.to_string());
            }
            match owner.get(frag.as_str()) {
                Some(&o) if path.is_empty() => Some(format!("{}#{}", files[o], frag)),
                _ => report.link(href, "no heading or note of the guide has this anchor"),
            }
        };
        let mut out = String::with_capacity(doc.xhtml.len());
        let mut rest = doc.xhtml.as_str();
        while let Some(start) = next_tag(rest) {
            let end = rest[start..]
                .find('>')
                .map_or(rest.len(), |e| start + e + 1);
            out.push_str(&rest[..start]);
            let tag = &rest[start..end];
            if tag.starts_with("<a ") {
                match attribute(tag, "href") {
                    Some((value, range)) => match link(value, &mut report) {
                        Some(new) if new == value => out.push_str(tag),
                        Some(new) => {
                            out.push_str(&tag[..range.start]);
                            out.push_str(&new);
                            out.push_str(&tag[range.end..]);
                        }
                        // Drop ` href="…"` (the space before it included).
                        None => {
                            let from = range.start - " href=\"".len();
                            out.push_str(&tag[..from]);
                            out.push_str(&tag[range.end + 1..]);
                        }
                    },
                    None => out.push_str(tag),
                }
            } else {
                match attribute(tag, "src") {
                    Some((src, _)) if resources.contains(src) => out.push_str(tag),
                    found => {
                        let src = found.map_or("", |(s, _)| s);
                        report.image(src);
                        let alt = attribute(tag, "alt").map_or("", |(a, _)| a);
                        out.push_str("<span class=\"image-alt\">[image");
                        if !alt.is_empty() {
                            out.push_str(": ");
                            out.push_str(alt);
                        }
                        out.push_str("]</span>");
                    }
                }
            }
            rest = &rest[end..];
        }
        out.push_str(rest);
        doc.xhtml = out;
    }
    report.diagnostics
}

/// The warnings of one book, one per distinct target, in the order they were met.
#[derive(Default)]
struct Report {
    seen: HashSet<String>,
    diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// Records an unusable link; always `None` (the link loses its target).
    fn link(&mut self, href: &str, why: &str) -> Option<String> {
        if self.seen.insert(format!("a {href}")) {
            self.diagnostics.push(Diagnostic::warning(
                DiagnosticCode::EpubLink,
                format!("the book keeps the text of the link to `{href}` but not the link: {why}"),
            ));
        }
        None
    }

    /// Records an image the book cannot show.
    fn image(&mut self, src: &str) {
        if self.seen.insert(format!("img {src}")) {
            let why = if scheme(src).is_some() {
                "a book may not load images from the web"
            } else {
                "the image is not part of the book"
            };
            self.diagnostics.push(Diagnostic::warning(
                DiagnosticCode::EpubImage,
                format!("the book shows the alternative text of `{src}` instead: {why}"),
            ));
        }
    }
}

/// Offset of the next `<a ` or `<img ` tag in `text`.
fn next_tag(text: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(pos) = text[from..].find('<') {
        let at = from + pos;
        let tail = &text[at..];
        if tail.starts_with("<a ") || tail.starts_with("<img ") {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// The value of attribute `name` in `tag` and its byte range there.
fn attribute<'t>(tag: &'t str, name: &str) -> Option<(&'t str, std::ops::Range<usize>)> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let len = tag[start..].find('"')?;
    Some((&tag[start..start + len], start..start + len))
}

/// Every `id` in a document.
fn ids_of(xhtml: &str) -> HashSet<String> {
    let mut ids = HashSet::new();
    let mut rest = xhtml;
    while let Some(pos) = rest.find(" id=\"") {
        rest = &rest[pos + 5..];
        if let Some(end) = rest.find('"') {
            ids.insert(rest[..end].to_string());
            rest = &rest[end..];
        }
    }
    ids
}

/// The URL scheme of `url` (`https` in `https://…`), if it has one.
fn scheme(url: &str) -> Option<&str> {
    let colon = url.find(':')?;
    let scheme = &url[..colon];
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(scheme)
}

/// `text` with `%XX` escapes decoded (invalid ones kept as written).
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(file: &str, xhtml: &str) -> Doc {
        Doc {
            file: file.into(),
            xhtml: xhtml.into(),
        }
    }

    #[test]
    fn anchors_in_other_chapters_are_followed_and_broken_links_dropped() {
        let mut docs = vec![
            doc(
                "a.xhtml",
                "<p><a href=\"#here\">1</a><a href=\"#there\">2</a><a href=\"#nowhere\">3</a>\
                 <a href=\"other.md\">4</a><a href=\"https://x.org/?a=1&amp;b\">5</a>\
                 <a href=\"javascript:alert(1)\">6</a><a href=\"b.xhtml#caf%C3%A9\">7</a></p>\
                 <h2 id=\"here\">H</h2>",
            ),
            doc("b.xhtml", "<h2 id=\"there\">T</h2><h3 id=\"café\">C</h3>"),
        ];
        let diagnostics = resolve(&mut docs, &HashSet::new());
        assert_eq!(
            docs[0].xhtml,
            "<p><a href=\"#here\">1</a><a href=\"b.xhtml#there\">2</a><a>3</a>\
             <a>4</a><a href=\"https://x.org/?a=1&amp;b\">5</a>\
             <a>6</a><a href=\"b.xhtml#caf%C3%A9\">7</a></p><h2 id=\"here\">H</h2>"
        );
        assert_eq!(diagnostics.len(), 3);
        assert!(
            diagnostics
                .iter()
                .all(|d| d.code == DiagnosticCode::EpubLink)
        );
    }

    #[test]
    fn images_the_book_lacks_become_their_text() {
        let resources: HashSet<String> = ["media/1.png".to_string()].into();
        let mut docs = vec![doc(
            "a.xhtml",
            "<img src=\"media/1.png\" alt=\"ok\"/><img src=\"https://x.org/a.png\" alt=\"A &amp; B\"/>\
             <img src=\"gone.png\" alt=\"\"/><img src=\"https://x.org/a.png\" alt=\"again\"/>",
        )];
        let diagnostics = resolve(&mut docs, &resources);
        assert_eq!(
            docs[0].xhtml,
            "<img src=\"media/1.png\" alt=\"ok\"/>\
             <span class=\"image-alt\">[image: A &amp; B]</span>\
             <span class=\"image-alt\">[image]</span>\
             <span class=\"image-alt\">[image: again]</span>"
        );
        assert_eq!(diagnostics.len(), 2);
    }

    #[test]
    fn helpers() {
        assert_eq!(scheme("https://a"), Some("https"));
        assert_eq!(scheme("a/b:c"), None);
        assert_eq!(scheme("#x"), None);
        assert_eq!(percent_decode("caf%C3%A9%2"), "café%2");
        assert_eq!(percent_decode("%ZZ"), "%ZZ");
    }
}
