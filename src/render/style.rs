//! The stylesheets: the Anki note type's CSS and the EPUB's CSS, with the highlighting themes.
