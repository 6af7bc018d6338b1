//! Local images referenced by a guide: found, read once, given flat content-hashed names.

use crate::diagnostic::Diagnostic;
use crate::model::Guide;
use std::path::Path;

/// The local images of a guide.
#[derive(Debug, Default)]
pub struct MediaSet {}

impl MediaSet {
    /// Reads the local images `guide` references, relative to `base_dir`.
    pub fn collect(guide: &Guide, base_dir: &Path) -> (Self, Vec<Diagnostic>) {
        let _ = (guide, base_dir);
        (MediaSet {}, Vec::new())
    }
}
