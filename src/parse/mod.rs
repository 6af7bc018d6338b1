//! The parser: bytes → repaired text → Markdown blocks → guide structure, with diagnostics.
//! Parsing never fails on text: every flaw is repaired or reported. Only input that is not
//! text at all (NUL bytes) is an error.

use crate::diagnostic::Diagnostic;
use crate::model::Guide;

/// Parser options.
#[derive(Debug, Clone)]
pub struct ParseOptions {
    /// Repair mis-encoded (double-decoded) UTF-8.
    pub repair: bool,
    /// Force the heading level that makes topics.
    pub topic_level: Option<u8>,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions {
            repair: true,
            topic_level: None,
        }
    }
}

/// Counts of what the parser repaired.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Repairs {
    /// Mis-encoded runs restored.
    pub encoding: usize,
    /// Unclosed code fences closed.
    pub fences: usize,
    /// Control characters dropped.
    pub control_chars: usize,
}

/// A parsed guide with what was found on the way.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// The model.
    pub guide: Guide,
    /// Warnings (and errors) in source order.
    pub diagnostics: Vec<Diagnostic>,
    /// The source text as decoded, before repairs (for showing diagnostic lines).
    pub source_text: String,
    /// What was repaired.
    pub repairs: Repairs,
}

/// Why a guide could not be parsed at all.
#[derive(Debug, thiserror::Error)]
pub enum ParseError {
    /// The input holds NUL bytes: it is not a text file.
    #[error("{path}: not a text file (NUL byte at offset {offset})")]
    Binary {
        /// The file.
        path: String,
        /// Byte offset of the first NUL.
        offset: usize,
    },
}

/// Parses a guide from its bytes. `path` names it in diagnostics; `timestamp` stamps outputs.
pub fn parse(
    bytes: &[u8],
    path: &str,
    timestamp: i64,
    options: &ParseOptions,
) -> Result<Parsed, ParseError> {
    let _ = (bytes, timestamp, options);
    Err(ParseError::Binary {
        path: path.to_string(),
        offset: 0,
    })
}
