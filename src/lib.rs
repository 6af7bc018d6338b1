//! deckbook: turn a Markdown study guide into an Anki deck (.apkg), an EPUB book and CSV, all
//! from one structured model.
//!
//! The pipeline is `load` → [`parse`] (repair, recover, diagnose) → [`model::Guide`] →
//! [`render::Prepared`] (highlighting and media, once) → [`emit`] (apkg, epub, csv).

pub mod diagnostic;
pub mod emit;
pub mod model;
pub mod parse;
pub mod pipeline;
pub mod render;
