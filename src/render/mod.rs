//! The HTML writer shared by the prepare stage and the EPUB emitter: model blocks and inlines
//! → HTML (Anki fields) or XHTML (book pages), code highlighting, and the stylesheets. It
//! renders what the prepare stage decided (images, highlighted code) and reports nothing; the
//! guide's raw HTML comes to it already sanitised, as model elements (see `parse::html`).
//!
//! Files: `highlight/` (code → line-wrapped `hl-*` spans, by walking each block's tree-sitter
//! syntax tree: `walk/` with one classifier per language, `lang` for the grammars and
//! classes); `html` (blocks, inlines, sections, anchors, links) with `elements` (the guide's
//! raw HTML elements and images) and `text` (escaping, anchors, plain text); `math` (LaTeX →
//! MathML for the book, MathJax delimiters for Anki); `cloze` (cloze deletions in Anki
//! fields); `style` (the CSS).

pub(crate) mod cloze;
mod elements;
pub mod highlight;
pub(crate) mod html;
pub(crate) mod math;
pub(crate) mod style;
mod text;

#[cfg(test)]
mod seed_tests;
#[cfg(test)]
mod testutil;

pub use highlight::CodeHtml;
pub(crate) use html::{Flavor, HtmlRenderer, anchor, clean, escape_text, toc_text};
pub(crate) use math::MathSet;
pub(crate) use style::EPUB_CSS;
