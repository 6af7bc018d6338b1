//! The container: the zip that is the `.epub`, written with the `zip` crate.
//!
//! `mimetype` comes first and is stored (the OCF rule that lets a reader recognise the file by
//! its first bytes), then `META-INF/container.xml` (pointing at `OEBPS/content.opf`), Apple
//! Books' display options (`specified-fonts`, so the book's stylesheet applies there), and the
//! book's files under `OEBPS/`, in the order given. Every entry carries the zip format's fixed
//! date (1980-01-01), so the bytes depend on the content alone.
//!
//! The entries are deflated in parallel (rayon), each into a one-entry zip of its own, and
//! then copied, compressed as they are, into the book in their given order: the bytes do not
//! depend on the schedule, and a panic while compressing reaches the caller unchanged.

use super::EmitError;
use rayon::prelude::*;
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

/// The container file, pointing reading systems at the package document.
const CONTAINER: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml" />
  </rootfiles>
</container>
"#;

/// Apple Books' display options: use the book's own fonts and styles.
const IBOOKS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<display_options>
  <platform name="*">
    <option name="specified-fonts">true</option>
  </platform>
</display_options>
"#;

/// The folder of the package document and everything it lists.
pub const ROOT: &str = "OEBPS";

/// How an entry is deflated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deflate {
    /// zlib's default level (6): for the small resources (stylesheet, cover, images).
    Default,
    /// Level 2: for the documents, most of the book's bytes. On the seed guide (about
    /// 960 KB of XHTML and XML) level 2 takes about 4 ms and makes a 165 KB book, where
    /// level 6 takes about 6 ms for 142 KB and level 1 about 2.5 ms for 199 KB.
    Fast,
}

impl Deflate {
    /// The zip crate's compression level for it.
    fn level(self) -> Option<i64> {
        match self {
            Deflate::Default => None,
            Deflate::Fast => Some(2),
        }
    }
}

/// A file of the book.
pub struct Entry<'a> {
    /// Its path under [`ROOT`] (`chapter-001.xhtml`).
    pub path: &'a str,
    /// Its content.
    pub bytes: &'a [u8],
    /// How it is deflated.
    pub deflate: Deflate,
}

/// Writes the `.epub` holding `files` (under [`ROOT`], in this order) to `out`.
pub fn write(files: &[Entry<'_>], out: &mut dyn Write) -> Result<(), EmitError> {
    let container = [
        ("META-INF/container.xml".to_string(), CONTAINER.as_bytes()),
        (
            "META-INF/com.apple.ibooks.display-options.xml".to_string(),
            IBOOKS.as_bytes(),
        ),
    ]
    .into_iter()
    .map(|(name, bytes)| (name, bytes, Deflate::Default));
    let entries: Vec<(String, &[u8], Deflate)> = container
        .chain(
            files
                .iter()
                .map(|f| (format!("{ROOT}/{}", f.path), f.bytes, f.deflate)),
        )
        .collect();
    let parts: Vec<Vec<u8>> = entries
        .par_iter()
        .map(|(name, bytes, deflate)| deflated(name, bytes, *deflate))
        .collect::<Result<_, _>>()?;

    let size = parts.iter().map(Vec::len).sum::<usize>() + 64 * parts.len() + 256;
    let mut writer = ZipWriter::new(Cursor::new(Vec::with_capacity(size)));
    let stored = options().compression_method(CompressionMethod::Stored);
    writer.start_file("mimetype", stored)?;
    writer.write_all(b"application/epub+zip")?;
    for part in &parts {
        let mut archive = ZipArchive::new(Cursor::new(part.as_slice()))?;
        writer.raw_copy_file(archive.by_index_raw(0)?)?;
    }
    out.write_all(&writer.finish()?.into_inner())?;
    Ok(())
}

/// The options every entry starts from: the fixed date, no extra fields.
fn options() -> SimpleFileOptions {
    SimpleFileOptions::default().last_modified_time(DateTime::default())
}

/// A zip holding `bytes` as `name`, deflated as `deflate` says.
fn deflated(name: &str, bytes: &[u8], deflate: Deflate) -> Result<Vec<u8>, EmitError> {
    let options = options()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(deflate.level());
    let mut writer = ZipWriter::new(Cursor::new(Vec::with_capacity(bytes.len() / 3 + 128)));
    writer.start_file(name, options)?;
    writer.write_all(bytes)?;
    Ok(writer.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn book(files: &[Entry<'_>]) -> Vec<u8> {
        let mut out = Vec::new();
        write(files, &mut out).expect("written");
        out
    }

    #[test]
    fn mimetype_first_and_stored_then_the_files_in_order() {
        let big = "<p>text</p>\n".repeat(2000);
        let files = [
            Entry {
                path: "b.xhtml",
                bytes: b"<b/>",
                deflate: Deflate::Fast,
            },
            Entry {
                path: "style.css",
                bytes: b"p {}",
                deflate: Deflate::Default,
            },
            Entry {
                path: "a.xhtml",
                bytes: big.as_bytes(),
                deflate: Deflate::Fast,
            },
        ];
        let out = book(&files);
        assert_eq!(&out[30..38], b"mimetype");
        assert_eq!(&out[38..58], b"application/epub+zip");
        let mut zip = ZipArchive::new(Cursor::new(out.as_slice())).expect("zip");
        let names: Vec<String> = (0..zip.len())
            .map(|i| zip.by_index_raw(i).expect("entry").name().to_string())
            .collect();
        assert_eq!(
            names,
            [
                "mimetype",
                "META-INF/container.xml",
                "META-INF/com.apple.ibooks.display-options.xml",
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
            ("META-INF/container.xml", CONTAINER),
        ] {
            let mut file = zip.by_name(name).expect("entry");
            assert_eq!(file.last_modified(), Some(DateTime::default()));
            assert_eq!(file.compression(), CompressionMethod::Deflated);
            let mut text = String::new();
            file.read_to_string(&mut text).expect("read");
            assert_eq!(text, expected, "{name}");
        }
        let a = zip.by_name("OEBPS/a.xhtml").expect("entry");
        assert!(a.compressed_size() < a.size() / 10);
    }

    #[test]
    fn the_bytes_do_not_depend_on_the_schedule() {
        let texts: Vec<String> = (0..64)
            .map(|i| format!("<p>{i}</p>\n").repeat(500 + i))
            .collect();
        let names: Vec<String> = (0..64).map(|i| format!("c{i}.xhtml")).collect();
        let files: Vec<Entry<'_>> = names
            .iter()
            .zip(&texts)
            .map(|(path, text)| Entry {
                path,
                bytes: text.as_bytes(),
                deflate: Deflate::Fast,
            })
            .collect();
        let parallel = book(&files);
        let one = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .expect("pool");
        let serial = one.install(|| book(&files));
        assert!(parallel == serial, "the thread schedule shows in the bytes");
    }

    #[test]
    fn the_container_points_at_the_package_document() {
        let doc = roxmltree::Document::parse(CONTAINER).expect("well-formed");
        let rootfile = doc
            .descendants()
            .find(|n| n.has_tag_name("rootfile"))
            .expect("rootfile");
        assert_eq!(
            rootfile.attribute("full-path"),
            Some(format!("{ROOT}/content.opf").as_str())
        );
        roxmltree::Document::parse(IBOOKS).expect("well-formed");
    }
}
