//! deckbook: turn a Markdown study guide into an Anki deck (.apkg), an EPUB book and CSV, all
//! from one structured model.
//!
//! The pipeline is `load` → [`parse`] (repair, recover, diagnose) → [`model::Guide`] →
//! [`prepare`] (cards, deck, language, images, links, highlighting and the Anki notes, once,
//! with every diagnostic, before anything is written) → [`lock`] (the guide's lock file: which
//! notes changed since the last build, and when each part of the outputs last changed) →
//! [`emit`] (apkg, epub, csv), which only formats. [`render`] is the HTML writer the prepare
//! stage and the emitters share.

pub mod bundle;
pub mod diagnostic;
pub mod emit;
pub mod guides;
pub mod lock;
pub mod model;
pub mod parse;
pub mod pipeline;
pub mod prepare;
pub mod render;
