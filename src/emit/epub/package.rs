//! The container: epub-builder writes the package document, the nav document, the NCX and the
//! zip; a last pass then rewrites the three generated documents where epub-builder 0.8 cannot
//! say what a valid, accessible book needs, writes the content documents, and copies every
//! other entry as it is.
//!
//! What that pass changes, and why:
//! - `content.opf`: epub-builder 0.8.3 gives `<dc:language>` and `<dc:creator>` the same `id`
//!   (`epub-creator-0`, a duplicate id), so the author is never given to epub-builder and is
//!   added here, with its own id and a `role` refinement.
//! - `nav.xhtml`: its template has no `lang`/`xml:lang`; they are added to `<html>`.
//! - `toc.ncx`: its template has no `dtb:uid` and always says depth 1; both are set.
//! - the content documents (XHTML): epub-builder is given them empty, so that it spends no
//!   time compressing them (it offers no way to choose how), and their bodies are written
//!   here. The rewritten and content documents are deflated on up to two threads, each entry
//!   on its own, and copied into the book in epub-builder's order; the bytes do not depend on
//!   the thread schedule.
//!
//! Each change replaces one exact piece of epub-builder's output; if that piece is missing
//! (another epub-builder version), building fails with an error instead of writing a bad book.

use super::EmitError;
use crate::render::html::escape_text;
use std::collections::HashMap;
use std::io::{Cursor, Read, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

/// How many threads compress entries at most.
const THREADS: usize = 2;

/// The deflate level of the entries written here. On the seed guide (about 960 KB of XHTML
/// and XML) level 2 takes about 4 ms and makes a 165 KB book, where the default level (6,
/// which epub-builder uses for the entries it writes) takes about 6 ms for 142 KB and level 1
/// about 2.5 ms for 199 KB.
const LEVEL: Option<i64> = Some(2);

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

/// A document given to epub-builder empty, and its body.
pub struct Body<'a> {
    /// Its path in the container (`OEBPS/chapter-001.xhtml`).
    pub path: String,
    /// Its content.
    pub bytes: &'a [u8],
}

/// A rewrite of one generated document.
type Fix = fn(&str, &Fixes<'_>) -> Result<String, EmitError>;

/// Maps an epub-builder error.
pub fn builder_error(e: epub_builder::Error) -> EmitError {
    EmitError::Epub(e.to_string())
}

/// Copies the zip `epub` to `out`, rewriting the package, nav and NCX documents and writing
/// `bodies` into the (empty) entries of the same paths.
pub fn finish(
    epub: &[u8],
    fixes: &Fixes<'_>,
    bodies: &[Body<'_>],
    out: &mut dyn Write,
) -> Result<(), EmitError> {
    let mut archive = ZipArchive::new(Cursor::new(epub))?;
    // The entries written here: rewritten documents, then bodies.
    let mut fixed: Vec<(String, String)> = Vec::with_capacity(3);
    for i in 0..archive.len() {
        let name = archive.by_index_raw(i)?.name().to_string();
        let fix: Fix = match name.as_str() {
            "OEBPS/content.opf" => fix_opf,
            "OEBPS/nav.xhtml" => fix_nav,
            "OEBPS/toc.ncx" => fix_ncx,
            _ => continue,
        };
        let mut text = String::new();
        archive.by_index(i)?.read_to_string(&mut text)?;
        let text = fix(&text, fixes)?;
        fixed.push((name, text));
    }
    let mut entries: Vec<(&str, &[u8])> = fixed
        .iter()
        .map(|(name, text)| (name.as_str(), text.as_bytes()))
        .collect();
    entries.extend(bodies.iter().map(|b| (b.path.as_str(), b.bytes)));
    let parts = compress(&entries)?;
    let mut parts: Vec<ZipArchive<Cursor<&[u8]>>> = parts
        .iter()
        .map(|bytes| ZipArchive::new(Cursor::new(bytes.as_slice())))
        .collect::<Result<_, _>>()?;
    // Entry name → (which part, index in it).
    let mut written: HashMap<String, (usize, usize)> = HashMap::with_capacity(entries.len());
    for (k, part) in parts.iter().enumerate() {
        for name in part.file_names() {
            if let Some(index) = part.index_for_name(name) {
                written.insert(name.to_string(), (k, index));
            }
        }
    }
    let mut from_body: HashMap<&str, bool> =
        bodies.iter().map(|b| (b.path.as_str(), false)).collect();

    let mut writer = ZipWriter::new(Cursor::new(Vec::with_capacity(epub.len() + 1024)));
    for i in 0..archive.len() {
        let file = archive.by_index_raw(i)?;
        let name = file.name().to_string();
        if let Some(seen) = from_body.get_mut(name.as_str()) {
            if *seen || file.size() != 0 {
                return Err(unexpected(&name, "not the empty entry it was given"));
            }
            *seen = true;
        }
        match written.get(name.as_str()) {
            Some(&(k, index)) => {
                let part = parts.get_mut(k).ok_or_else(|| unexpected(&name, "lost"))?;
                writer.raw_copy_file(part.by_index_raw(index)?)?;
            }
            None => writer.raw_copy_file(file)?,
        }
    }
    if let Some((name, _)) = from_body.iter().find(|(_, seen)| !**seen) {
        return Err(unexpected(name, "not written by epub-builder"));
    }
    let bytes = writer.finish()?.into_inner();
    out.write_all(&bytes)?;
    Ok(())
}

/// The error for an entry epub-builder did not write as expected.
fn unexpected(name: &str, what: &str) -> EmitError {
    EmitError::Epub(format!("unexpected {name} from epub-builder: {what}"))
}

/// Deflates `entries` into zips of their own (one per thread, each entry in exactly one),
/// with the zip format's fixed 1980 timestamp. Which zip holds an entry depends on the thread
/// schedule; the bytes of the entry do not.
fn compress(entries: &[(&str, &[u8])]) -> Result<Vec<Vec<u8>>, EmitError> {
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(LEVEL)
        .last_modified_time(DateTime::default());
    let next = AtomicUsize::new(0);
    let work = || -> Result<Vec<u8>, EmitError> {
        let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
        while let Some((name, bytes)) = entries.get(next.fetch_add(1, Ordering::Relaxed)) {
            writer.start_file(*name, options)?;
            writer.write_all(bytes)?;
        }
        Ok(writer.finish()?.into_inner())
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, THREADS)
        .min(entries.len().max(1));
    if threads <= 1 {
        return Ok(vec![work()?]);
    }
    std::thread::scope(|scope| {
        let workers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut parts = vec![work()?];
        for worker in workers {
            let part = worker
                .join()
                .map_err(|_| EmitError::Epub("a compressing thread failed".into()))??;
            parts.push(part);
        }
        Ok(parts)
    })
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

    /// A zip laid out as epub-builder lays it out: `mimetype` first and stored, then `entries`.
    fn builder_zip(entries: &[(&str, &str)]) -> Vec<u8> {
        let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
        let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
        writer.start_file("mimetype", stored).expect("start");
        writer.write_all(b"application/epub+zip").expect("write");
        for (name, text) in entries {
            writer
                .start_file(*name, SimpleFileOptions::default())
                .expect("start");
            writer.write_all(text.as_bytes()).expect("write");
        }
        writer.finish().expect("finish").into_inner()
    }

    fn body<'a>(path: &str, bytes: &'a str) -> Body<'a> {
        Body {
            path: path.to_string(),
            bytes: bytes.as_bytes(),
        }
    }

    #[test]
    fn bodies_fill_their_empty_entries_in_order() {
        let epub = builder_zip(&[
            ("META-INF/container.xml", "<container/>"),
            ("OEBPS/b.xhtml", ""),
            ("OEBPS/style.css", "p {}"),
            ("OEBPS/a.xhtml", ""),
        ]);
        let big = "<p>text</p>\n".repeat(2000);
        let bodies = [body("OEBPS/a.xhtml", &big), body("OEBPS/b.xhtml", "<b/>")];
        let mut out = Vec::new();
        finish(&epub, &fixes(), &bodies, &mut out).expect("finished");
        let mut again = Vec::new();
        finish(&epub, &fixes(), &bodies, &mut again).expect("finished");
        assert_eq!(out, again, "not deterministic");

        let mut zip = ZipArchive::new(Cursor::new(out.as_slice())).expect("zip");
        let names: Vec<String> = (0..zip.len())
            .map(|i| zip.by_index_raw(i).expect("entry").name().to_string())
            .collect();
        assert_eq!(
            names,
            [
                "mimetype",
                "META-INF/container.xml",
                "OEBPS/b.xhtml",
                "OEBPS/style.css",
                "OEBPS/a.xhtml"
            ]
        );
        let mimetype = zip.by_index(0).expect("mimetype");
        assert_eq!(mimetype.compression(), CompressionMethod::Stored);
        drop(mimetype);
        for (name, expected) in [
            ("OEBPS/a.xhtml", big.as_str()),
            ("OEBPS/b.xhtml", "<b/>"),
            ("OEBPS/style.css", "p {}"),
        ] {
            let mut file = zip.by_name(name).expect("entry");
            assert_eq!(file.last_modified(), Some(DateTime::default()));
            let mut text = String::new();
            file.read_to_string(&mut text).expect("read");
            assert_eq!(text, expected, "{name}");
        }
        let a = zip.by_name("OEBPS/a.xhtml").expect("entry");
        assert_eq!(a.compression(), CompressionMethod::Deflated);
        assert!(a.compressed_size() < a.size() / 10);
    }

    #[test]
    fn a_body_needs_its_empty_entry() {
        let epub = builder_zip(&[("OEBPS/a.xhtml", "not empty")]);
        let mut out = Vec::new();
        let not_empty = finish(&epub, &fixes(), &[body("OEBPS/a.xhtml", "x")], &mut out);
        assert!(not_empty.is_err());
        let missing = finish(&epub, &fixes(), &[body("OEBPS/b.xhtml", "x")], &mut out);
        assert!(missing.is_err());
        assert!(out.is_empty());
    }

    #[test]
    fn unexpected_output_is_an_error_not_a_bad_book() {
        assert!(fix_nav("<html>", &fixes()).is_err());
        assert!(fix_ncx("<ncx>", &fixes()).is_err());
        assert!(fix_opf("<dc:creator>x</dc:creator>", &fixes()).is_err());
    }
}
