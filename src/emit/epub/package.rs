//! The container: epub-builder writes the package document, the nav document, the NCX and the
//! zip; a last pass then rewrites the three generated documents where epub-builder 0.8 cannot
//! say what a valid, accessible book needs, and copies every other entry as it is.
//!
//! What that pass changes, and why:
//! - `content.opf`: epub-builder 0.8.3 gives `<dc:language>` and `<dc:creator>` the same `id`
//!   (`epub-creator-0`, a duplicate id), so the author is never given to epub-builder and is
//!   added here, with its own id and a `role` refinement.
//! - `nav.xhtml`: its template has no `lang`/`xml:lang`; they are added to `<html>`.
//! - `toc.ncx`: its template has no `dtb:uid` and always says depth 1; both are set.
//!
//! Each change replaces one exact piece of epub-builder's output; if that piece is missing
//! (another epub-builder version), building fails with an error instead of writing a bad book.

use super::EmitError;
use crate::render::html::escape_text;
use std::io::{Cursor, Read, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

/// What the rewriting pass needs to know about the book.
pub struct Fixes<'a> {
    /// The author, empty for none.
    pub author: &'a str,
    /// The BCP 47 language tag.
    pub lang: &'a str,
    /// The identifier as written in the package (`urn:uuid:…`).
    pub identifier: &'a str,
    /// Depth of the table of contents.
    pub toc_depth: usize,
}

/// A rewrite of one generated document.
type Fix = fn(&str, &Fixes<'_>) -> Result<String, EmitError>;

/// Maps an epub-builder error.
pub fn builder_error(e: epub_builder::Error) -> EmitError {
    EmitError::Epub(e.to_string())
}

/// Copies the zip `epub` to `out`, rewriting the package, nav and NCX documents.
pub fn finish(epub: &[u8], fixes: &Fixes<'_>, out: &mut dyn Write) -> Result<(), EmitError> {
    let mut archive = ZipArchive::new(Cursor::new(epub))?;
    let mut writer = ZipWriter::new(Cursor::new(Vec::with_capacity(epub.len() + 1024)));
    for i in 0..archive.len() {
        let name = archive.by_index_raw(i)?.name().to_string();
        let fix: Option<Fix> = match name.as_str() {
            "OEBPS/content.opf" => Some(fix_opf),
            "OEBPS/nav.xhtml" => Some(fix_nav),
            "OEBPS/toc.ncx" => Some(fix_ncx),
            _ => None,
        };
        match fix {
            Some(fix) => {
                let mut text = String::new();
                archive.by_index(i)?.read_to_string(&mut text)?;
                let fixed = fix(&text, fixes)?;
                // Default options: deflated, with the zip format's fixed 1980 timestamp.
                let options =
                    SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
                writer.start_file(name, options)?;
                writer.write_all(fixed.as_bytes())?;
            }
            None => writer.raw_copy_file(archive.by_index_raw(i)?)?,
        }
    }
    let bytes = writer.finish()?.into_inner();
    out.write_all(&bytes)?;
    Ok(())
}

/// Replaces the one occurrence of `from` in `text` of `file` with `to`.
fn replace_once(text: &str, file: &str, from: &str, to: &str) -> Result<String, EmitError> {
    match text.match_indices(from).count() {
        1 => Ok(text.replacen(from, to, 1)),
        n => Err(EmitError::Epub(format!(
            "unexpected {file} from epub-builder: `{from}` found {n} times, expected once"
        ))),
    }
}

/// Adds the author to the package document.
fn fix_opf(text: &str, fixes: &Fixes<'_>) -> Result<String, EmitError> {
    if text.contains("<dc:creator") {
        return Err(EmitError::Epub(
            "unexpected content.opf from epub-builder: it already names a creator".into(),
        ));
    }
    if fixes.author.is_empty() {
        return Ok(text.to_string());
    }
    let marker = "<meta property=\"dcterms:modified\">";
    let creator = format!(
        "<dc:creator id=\"author\">{}</dc:creator>\n    \
         <meta refines=\"#author\" property=\"role\" scheme=\"marc:relators\">aut</meta>\n    \
         <meta refines=\"#author\" property=\"file-as\">{}</meta>\n    {marker}",
        escape_text(fixes.author),
        escape_text(fixes.author)
    );
    replace_once(text, "content.opf", marker, &creator)
}

/// Gives the nav document its language.
fn fix_nav(text: &str, fixes: &Fixes<'_>) -> Result<String, EmitError> {
    let html = "<html xmlns=\"http://www.w3.org/1999/xhtml\" \
                xmlns:epub=\"http://www.idpf.org/2007/ops\">";
    let lang = escape_text(fixes.lang);
    let with_lang = format!(
        "<html xmlns=\"http://www.w3.org/1999/xhtml\" \
         xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"{lang}\" xml:lang=\"{lang}\">"
    );
    let text = replace_once(text, "nav.xhtml", html, &with_lang)?;
    // The landmarks are for reading systems, not for reading.
    replace_once(
        &text,
        "nav.xhtml",
        "<nav epub:type = \"landmarks\">",
        "<nav epub:type=\"landmarks\" hidden=\"hidden\">",
    )
}

/// Gives the NCX the book's identifier, its depth and its language.
fn fix_ncx(text: &str, fixes: &Fixes<'_>) -> Result<String, EmitError> {
    let lang = escape_text(fixes.lang);
    let text = replace_once(
        text,
        "toc.ncx",
        "<ncx version=\"2005-1\" xmlns=\"http://www.daisy.org/z3986/2005/ncx/\">",
        &format!(
            "<ncx version=\"2005-1\" xmlns=\"http://www.daisy.org/z3986/2005/ncx/\" \
             xml:lang=\"{lang}\">"
        ),
    )?;
    replace_once(
        &text,
        "toc.ncx",
        "<meta name=\"dtb:depth\" content=\"1\" />",
        &format!(
            "<meta name=\"dtb:uid\" content=\"{}\" />\n    \
             <meta name=\"dtb:depth\" content=\"{}\" />",
            escape_text(fixes.identifier),
            fixes.toc_depth.max(1)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixes() -> Fixes<'static> {
        Fixes {
            author: "Ann & Bob",
            lang: "de-CH",
            identifier: "urn:uuid:0",
            toc_depth: 3,
        }
    }

    #[test]
    fn the_author_gets_an_id_of_its_own() {
        let opf = "<dc:language id=\"epub-creator-0\">en</dc:language>\n    \
                   <meta property=\"dcterms:modified\">2026</meta>";
        let fixed = fix_opf(opf, &fixes()).expect("fixed");
        assert!(fixed.contains("<dc:creator id=\"author\">Ann &amp; Bob</dc:creator>"));
        assert_eq!(fixed.matches("id=\"epub-creator-0\"").count(), 1);
        let no_author = Fixes {
            author: "",
            ..fixes()
        };
        assert_eq!(fix_opf(opf, &no_author).expect("unchanged"), opf);
    }

    #[test]
    fn unexpected_output_is_an_error_not_a_bad_book() {
        assert!(fix_nav("<html>", &fixes()).is_err());
        assert!(fix_ncx("<ncx>", &fixes()).is_err());
        assert!(fix_opf("<dc:creator>x</dc:creator>", &fixes()).is_err());
    }
}
