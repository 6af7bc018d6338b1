//! Blocks and inlines → HTML (for Anki fields) or XHTML (for EPUB chapters).

use crate::model::{Block, Inline};
use crate::render::{CodeHtml, MediaSet};

/// Which dialect to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    /// HTML fragments for Anki fields.
    Anki,
    /// Well-formed XHTML for EPUB chapters.
    Xhtml,
}

/// Renders model content to HTML.
pub struct HtmlRenderer<'a> {
    /// Highlighted code.
    pub code: &'a CodeHtml,
    /// Images, to rewrite local references.
    pub media: &'a MediaSet,
    /// The dialect.
    pub flavor: Flavor,
}

impl HtmlRenderer<'_> {
    /// Appends the HTML of `blocks` to `out`.
    pub fn blocks(&self, blocks: &[Block], out: &mut String) {
        let _ = (blocks, out);
    }

    /// Appends the HTML of `inlines` to `out`.
    pub fn inlines(&self, inlines: &[Inline], out: &mut String) {
        let _ = (inlines, out);
    }
}

/// `text` with `&`, `<`, `>` and `"` escaped (XML-safe; control characters dropped).
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' => out.push(ch),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}
