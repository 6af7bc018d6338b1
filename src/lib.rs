//! deckbook: turn a Markdown study guide into an Anki deck (.apkg), an EPUB book and CSV, all
//! from one structured model.
//!
//! The pipeline is `load` → [`parse`] (repair, recover, diagnose) → [`model::Guide`] →
//! [`prepare`] (cards, deck, language, images, links, highlighting and the Anki notes, once,
//! with every diagnostic, before anything is written) → [`emit`] (apkg, epub, csv), which
//! only formats. [`render`] is the HTML writer the last two share.

pub mod diagnostic;
pub mod emit;
pub mod model;
pub mod parse;
pub mod pipeline;
pub mod prepare;
pub mod render;
