//! The stylesheets: the Anki note type's CSS and the EPUB's CSS, with the highlighting themes.

/// CSS of the Anki note type.
pub const ANKI_CSS: &str = "";
/// CSS of the EPUB.
pub const EPUB_CSS: &str = "";
