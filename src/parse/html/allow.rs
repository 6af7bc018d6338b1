//! The allow-list: what becomes of each HTML element a guide's raw HTML holds, and which of its
//! attributes are kept.
//!
//! - The elements of [`Tag`] are kept (a few others are written as the nearest one:
//!   `section`, `article`, `center`, `figure`, `dl`, `dd`, … as `div`; `dt` as `p`; `menu` and
//!   `dir` as `ul`; `strike` as `s`; `tt` as `code`; `listing`, `xmp`, `plaintext` and
//!   `textarea`, whose content is text a browser shows, as `pre`).
//! - Elements that run code, embed other documents, or hold no text a reader sees (`script`,
//!   `style`, `iframe`, `object`, `embed`, `noscript`, `template`, `select`, `title`, `svg`,
//!   `math`, `video`, …) are dropped with everything inside them.
//! - Every other HTML element (`font`, `button`, `label`, `ruby`, `time`, `html`, `body`, …)
//!   is unwrapped: its content is kept, the tag is not.
//! - A name that is no HTML element at all (`<T>` in `List<T>`, `<Foo>`) is not a tag: it is
//!   shown as text, as before raw HTML was parsed (see `scan`).
//!
//! Attributes: `title` and `id` on every kept element (`name` too on `a`: both become
//! anchors in-guide links reach), `src`, `alt`, `width`, `height` on `img`, `start` on `ol`,
//! `colspan` and `rowspan` on `td`/`th`, `open` on `details`; `href` on `a`, which makes it a
//! link. Everything else (`on…` handlers, `style`, `class`, `data-*`, …) is dropped.

use crate::model::Tag;

/// What becomes of an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Treat {
    /// Kept as this element.
    Keep(Tag),
    /// `a`: a link when it has a usable `href`, else its content (see the walk).
    Anchor,
    /// Dropped with its content.
    Drop,
    /// Its content is kept, the element is not.
    Unwrap,
}

/// What becomes of the HTML element named `name` (lower case).
pub fn treat(name: &str) -> Treat {
    if let Some(tag) = Tag::ALL.iter().find(|t| t.name() == name) {
        return Treat::Keep(*tag);
    }
    match name {
        "a" => Treat::Anchor,
        "address" | "article" | "aside" | "center" | "dd" | "dl" | "fieldset" | "figcaption"
        | "figure" | "footer" | "form" | "header" | "hgroup" | "legend" | "main" | "multicol"
        | "nav" | "search" | "section" => Treat::Keep(Tag::Div),
        "dt" => Treat::Keep(Tag::P),
        "dir" | "menu" => Treat::Keep(Tag::Ul),
        "strike" => Treat::Keep(Tag::S),
        "tt" => Treat::Keep(Tag::Code),
        // Their content is text a browser shows as it is.
        "listing" | "plaintext" | "textarea" | "xmp" => Treat::Keep(Tag::Pre),
        _ if dropped(name) => Treat::Drop,
        _ => Treat::Unwrap,
    }
}

/// Elements dropped with their content.
fn dropped(name: &str) -> bool {
    matches!(
        name,
        "applet"
            | "area"
            | "audio"
            | "base"
            | "basefont"
            | "bgsound"
            | "canvas"
            | "col"
            | "colgroup"
            | "datalist"
            | "embed"
            | "frame"
            | "frameset"
            | "head"
            | "iframe"
            | "input"
            | "isindex"
            | "keygen"
            | "link"
            | "math"
            | "meta"
            | "noembed"
            | "noframes"
            | "noscript"
            | "object"
            | "param"
            | "script"
            | "select"
            | "source"
            | "spacer"
            | "style"
            | "svg"
            | "template"
            | "title"
            | "track"
            | "video"
    )
}

/// Whether `name` (any case) names an HTML element, current or obsolete, or one of the
/// foreign roots (`svg`, `math`): a raw tag of any other name is shown as text.
pub fn is_html_element(name: &str) -> bool {
    const OTHERS: &[&str] = &[
        "a", "acronym", "bdi", "bdo", "big", "blink", "body", "button", "data", "dialog", "font",
        "html", "image", "label", "map", "marquee", "menuitem", "meter", "nextid", "nobr",
        "optgroup", "option", "output", "picture", "progress", "rb", "rp", "rt", "rtc", "ruby",
        "slot", "time", "wbr",
    ];
    let name = name.to_ascii_lowercase();
    !matches!(treat(&name), Treat::Unwrap) || OTHERS.contains(&name.as_str())
}

/// `value` when it is a whole number from `min` to `max` (ASCII digits only).
pub fn number(value: &str, min: u32, max: u32) -> Option<String> {
    let value = value.trim_matches(|c: char| c.is_ascii_whitespace());
    if value.is_empty() || value.len() > 6 || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u32 = value.parse().ok()?;
    (min..=max).contains(&n).then(|| n.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_are_kept_mapped_dropped_or_unwrapped() {
        assert_eq!(treat("kbd"), Treat::Keep(Tag::Kbd));
        assert_eq!(treat("section"), Treat::Keep(Tag::Div));
        assert_eq!(treat("dt"), Treat::Keep(Tag::P));
        assert_eq!(treat("a"), Treat::Anchor);
        assert_eq!(treat("script"), Treat::Drop);
        assert_eq!(treat("svg"), Treat::Drop);
        assert_eq!(treat("font"), Treat::Unwrap);
        assert_eq!(treat("x-widget"), Treat::Unwrap);
    }

    #[test]
    fn only_html_names_are_tags() {
        for name in ["B", "font", "ruby", "script", "svg", "a", "Section", "wbr"] {
            assert!(is_html_element(name), "{name}");
        }
        for name in ["T", "Foo", "my-widget", "scripty", "kbdx"] {
            assert!(!is_html_element(name), "{name}");
        }
    }

    #[test]
    fn numbers_are_checked() {
        assert_eq!(number(" 3 ", 1, 1000).as_deref(), Some("3"));
        assert_eq!(number("007", 1, 1000).as_deref(), Some("7"));
        assert_eq!(number("0", 1, 1000), None);
        assert_eq!(number("-1", 0, 10), None);
        assert_eq!(number("2x", 0, 10), None);
        assert_eq!(number("99999999", 0, u32::MAX), None);
    }
}
