//! The HTML writer shared by the prepare stage and the EPUB emitter: model blocks and inlines
//! → HTML (Anki fields) or XHTML (book pages), code highlighting, raw-HTML sanitising, and
//! the stylesheets. It renders what the prepare stage decided (images, highlighted code) and
//! reports nothing.
//!
//! Files: `highlight/` (code → line-wrapped `hl-*` spans, by walking each block's tree-sitter
//! syntax tree: `walk/` with one classifier per language, `lang` for the grammars and
//! classes); `html` (blocks, inlines, sections, anchors, links); `math` (LaTeX → MathML for
//! the book, MathJax delimiters for Anki); `cloze` (cloze deletions in Anki fields);
//! `sanitize` (raw HTML → allow-listed markup) with `tokenize` and `entities`; `style` (the
//! CSS).

pub(crate) mod cloze;
mod entities;
pub mod highlight;
pub(crate) mod html;
pub(crate) mod math;
pub(crate) mod sanitize;
pub(crate) mod style;
mod tokenize;

#[cfg(test)]
mod seed_tests;
#[cfg(test)]
mod testutil;

pub use highlight::CodeHtml;
pub(crate) use html::{Flavor, HtmlRenderer, anchor, clean, escape_text, toc_text};
pub(crate) use math::MathSet;
pub(crate) use style::EPUB_CSS;
