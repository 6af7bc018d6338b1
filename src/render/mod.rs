//! Rendering shared by the Anki and EPUB emitters: model blocks → HTML/XHTML, code
//! highlighting (done once per build), raw-HTML sanitising, local images, and the stylesheets.
//!
//! `Prepared` is built once per guide and handed to every emitter, so highlighting and media
//! work is never repeated; `Prepared::renderer` gives an `HtmlRenderer` for either flavor.
//!
//! Files: `highlight` (code → line-wrapped `hl-*` spans, by walking each block's tree-sitter
//! syntax tree with the per-language classifiers in `walk_*`) with `lang` (grammars and
//! classes); `html` (blocks, inlines, sections, anchors); `sanitize` (raw HTML → allow-listed
//! markup) with `tokenize` and `entities`; `media` (local images); `style` (the CSS).

mod entities;
pub mod highlight;
pub mod html;
pub mod lang;
pub mod media;
pub mod sanitize;
pub mod style;
mod tokenize;

#[cfg(test)]
mod seed_tests;
#[cfg(test)]
mod testutil;

use crate::diagnostic::Diagnostic;
use crate::model::{Card, Granularity, Guide};
use std::path::Path;

pub use highlight::CodeHtml;
pub use html::{Flavor, HtmlRenderer, anchor, escape_text, toc_text};
pub use media::{MediaFile, MediaSet};
pub use sanitize::{Context, Sanitizer, sanitize};
pub use style::{ANKI_CSS, EPUB_CSS};

/// Everything the emitters share for one guide: the guide, its cards, its highlighted code
/// and its local images.
pub struct Prepared<'g> {
    /// The guide.
    pub guide: &'g Guide,
    /// The cards, in study order.
    pub cards: Vec<Card<'g>>,
    /// Highlighted HTML of every code block.
    pub code: CodeHtml,
    /// Local images referenced by the guide.
    pub media: MediaSet,
    /// Problems found while preparing (missing images, …).
    pub diagnostics: Vec<Diagnostic>,
}

impl<'g> Prepared<'g> {
    /// Highlights the guide's code and collects its images (relative to `base_dir`, the
    /// guide's folder).
    pub fn new(guide: &'g Guide, granularity: Granularity, base_dir: &Path) -> Self {
        let code = CodeHtml::for_guide(guide);
        let (media, diagnostics) = MediaSet::collect(guide, base_dir);
        Prepared {
            guide,
            cards: guide.cards(granularity),
            code,
            media,
            diagnostics,
        }
    }

    /// A renderer over this guide's highlighted code and images, writing `flavor`.
    pub fn renderer(&self, flavor: Flavor) -> HtmlRenderer<'_> {
        HtmlRenderer {
            code: &self.code,
            media: &self.media,
            flavor,
        }
    }
}
