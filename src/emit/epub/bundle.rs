//! A bundle's book (`deckbook build --bundle NAME`): one EPUB with a part per guide.
//!
//! Each guide's documents are rendered when the guide is added ([`Part::of`]), exactly as
//! its own book's, and placed in a folder of its own (`<slug>/`, from the guide's slug,
//! unique in a bundle), so every file name is unique across guides while the links inside a
//! guide (`chapter-012.xhtml#closures`, the Questions page's links, the links back) resolve
//! as in its own book. Its pages link the stylesheet and the images at the container's root
//! (`../stylesheet.css`, `../img-….png`): each image is stored once, whichever guides hold
//! it. A guide's part opens with its part page (`<slug>/guide.xhtml`: its title, author and
//! number of questions, `doc-part`), then its preface, Questions page, groups' part pages,
//! chapters and back matter. Element ids are those of the guide's own book, unique within
//! each document; the manifest's ids come from the (unique) file paths.
//!
//! The book: a cover and a title page named after the bundle, then the guides in the
//! build's order. Its table of contents has an entry per guide (its title) with the guide's
//! own contents nested below it; the landmarks name the body matter (the first guide's part
//! page). Its language is the first guide's (each page keeps its guide's own), its author
//! the guides' authors, its identifier a UUID v5 of `bundle:NAME`, its date the latest
//! guide's time.

use super::nav::{self, Landmark, LandmarkRef, TocEntry};
use super::opf::{self, Item, ItemKind};
use super::pages::{self, Pages};
use super::{COVER_IMAGE, COVER_PAGE, Doc, Entry, cover, meta};
use crate::emit::EmitError;
use crate::prepare::{MediaFile, Prepared};
use crate::render::escape_text;
use crate::render::{Flavor, HtmlRenderer};
use std::collections::BTreeMap;
use std::io::Write;

/// The file name of a guide's part page, in its folder.
const GUIDE_PAGE: &str = "guide.xhtml";

/// One guide's part of a bundle's book: its documents, rendered, and its contents.
#[derive(Debug)]
pub struct Part {
    /// The guide's slug (its folder's name).
    slug: String,
    /// Its title, the part's label.
    title: String,
    /// Its author, empty for none.
    author: String,
    /// Its language.
    lang: String,
    /// Its number of questions.
    questions: usize,
    /// Its time.
    time: i64,
    /// Its documents in spine order, named inside its folder (the folder not yet in front).
    docs: Vec<Doc>,
    /// Its table of contents, nested below its entry.
    toc: Vec<TocEntry>,
    /// Its images.
    media: Vec<MediaFile>,
    /// What its images are to a reader who cannot see them.
    images: meta::Images,
}

impl Part {
    /// Renders the part of `prepared`.
    pub fn of(prepared: &Prepared<'_>) -> Result<Part, EmitError> {
        let guide = prepared.guide;
        let media = prepared.media.relocated("../");
        let renderer = HtmlRenderer::new(&prepared.code, &media, &prepared.links, Flavor::Xhtml)
            .with_math(&prepared.math);
        let pages = Pages {
            guide,
            renderer,
            lang: &prepared.language,
            author: &prepared.author,
            root: "../",
        };
        let n = guide.topics.len();
        let mut docs = vec![Doc {
            file: GUIDE_PAGE.to_string(),
            xhtml: guide_page(&pages, &prepared.title, n),
        }];
        let mut entries = vec![Entry::default()];
        let body = super::guide_documents(&pages, "", &mut docs, &mut entries);
        let toc = super::table_of_contents(&docs, entries, body);
        Ok(Part {
            slug: prepared.guide.slug.clone(),
            title: prepared.title.clone(),
            author: prepared.author.clone(),
            lang: prepared.language.clone(),
            questions: n,
            time: prepared.stamps.guide,
            docs,
            toc,
            media: prepared.media.files().cloned().collect(),
            images: meta::Images::of(&prepared.media),
        })
    }
}

/// A guide's part page: its title as the part's heading, its author and its number of
/// questions.
fn guide_page(pages: &Pages<'_>, title: &str, questions: usize) -> String {
    let mut body = format!(
        "<section epub:type=\"bodymatter part\" role=\"doc-part\" class=\"part\">\n\
         <h1 id=\"guide\">{}</h1>\n",
        escape_text(title)
    );
    if !pages.author.is_empty() {
        body.push_str(&format!(
            "<p class=\"author\">{}</p>\n",
            escape_text(pages.author)
        ));
    }
    body.push_str(&format!(
        "<p class=\"count\">{}</p>\n",
        count(questions, "question")
    ));
    body.push_str("</section>\n");
    pages.document(title, &body)
}

/// `1 question`, `3 questions`.
fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// The folder of each part: its slug made a plain file name (ASCII letters, digits, `-`),
/// with `-2`, `-3`… after one already taken.
fn folders(parts: &[&Part]) -> Vec<String> {
    let mut taken: Vec<String> = Vec::with_capacity(parts.len());
    for part in parts {
        let plain: String = part
            .slug
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        let plain = plain.trim_matches('-');
        let base = if plain.is_empty() { "guide" } else { plain };
        let mut name = base.to_string();
        let mut n = 1;
        // `OEBPS/` holds the book's own files; none is a folder, so any free name is fine.
        while taken.contains(&name) {
            n += 1;
            name = format!("{base}-{n}");
        }
        taken.push(name);
    }
    taken
}

/// `entries` with `dir` in front of every `href`.
fn inside(dir: &str, entries: &[TocEntry]) -> Vec<TocEntry> {
    entries
        .iter()
        .map(|e| TocEntry {
            href: format!("{dir}{}", e.href),
            label: e.label.clone(),
            children: inside(dir, &e.children),
        })
        .collect()
}

/// Writes the book of the bundle `name` holding `parts`, in order, to `out`.
pub fn write_bundle(name: &str, parts: &[&Part], out: &mut dyn Write) -> Result<(), EmitError> {
    let lang = parts.first().map_or("en", |p| p.lang.as_str()).to_string();
    let mut authors: Vec<&str> = Vec::new();
    for part in parts {
        if !part.author.is_empty() && !authors.contains(&part.author.as_str()) {
            authors.push(&part.author);
        }
    }
    let author = authors.join(", ");
    let time = parts.iter().map(|p| p.time).max().unwrap_or(0);
    let date = meta::timestamp(time);
    let questions: usize = parts.iter().map(|p| p.questions).sum();
    let counts = format!(
        "{}, {}",
        count(parts.len(), "guide"),
        count(questions, "question")
    );
    let cover_image = cover::svg(name, &author, &counts);

    let mut docs = vec![
        Doc {
            file: COVER_PAGE.to_string(),
            xhtml: pages::document(&lang, "", name, &cover::page_body(name, COVER_IMAGE)),
        },
        Doc {
            file: pages::TITLE_PAGE.to_string(),
            xhtml: title_page(
                &lang,
                name,
                &author,
                &counts,
                &date.format("%Y-%m-%d").to_string(),
            ),
        },
    ];
    let mut toc = Vec::with_capacity(parts.len());
    let mut landmarks = Vec::new();
    for (part, folder) in parts.iter().zip(folders(parts)) {
        let dir = format!("{folder}/");
        let page = format!("{dir}{GUIDE_PAGE}");
        if landmarks.is_empty() {
            landmarks.push(LandmarkRef {
                landmark: Landmark::BodyMatter,
                href: page.clone(),
                label: part.title.clone(),
            });
        }
        toc.push(TocEntry {
            href: page,
            label: if part.title.is_empty() {
                "Untitled guide".to_string()
            } else {
                part.title.clone()
            },
            children: inside(&dir, &part.toc),
        });
        docs.extend(part.docs.iter().map(|d| Doc {
            file: format!("{dir}{}", d.file),
            xhtml: d.xhtml.clone(),
        }));
    }

    let has_math = |doc: &Doc| doc.xhtml.contains("<math ");
    let math = docs.iter().any(has_math);
    let cloze = docs
        .iter()
        .any(|doc| doc.xhtml.contains("<mark class=\"cloze\">"));
    // Every guide's part page is a `section.part`.
    let stylesheet = pages::stylesheet(true, math, cloze);
    let media: BTreeMap<&str, &MediaFile> = parts
        .iter()
        .flat_map(|p| &p.media)
        .map(|file| (file.name.as_str(), file))
        .collect();

    let mut items = super::first_items();
    items.extend(media.values().map(|file| Item {
        href: file.name.clone(),
        media_type: file.mime.to_string(),
        kind: ItemKind::Resource,
        mathml: false,
    }));
    for doc in &docs {
        let landmark = landmarks
            .iter()
            .find(|l| l.href == doc.file)
            .map(|l| (l.landmark, l.label.clone()));
        items.push(Item {
            href: doc.file.clone(),
            media_type: opf::XHTML.to_string(),
            kind: ItemKind::Document(landmark),
            mathml: has_math(doc),
        });
    }

    let images = parts
        .iter()
        .map(|p| p.images)
        .fold(meta::Images::None, |all, one| match (all, one) {
            (meta::Images::Undescribed, _) | (_, meta::Images::Undescribed) => {
                meta::Images::Undescribed
            }
            (meta::Images::Described, _) | (_, meta::Images::Described) => meta::Images::Described,
            (meta::Images::None, meta::Images::None) => meta::Images::None,
        });
    let properties = meta::accessibility(images, math);
    let identifier =
        uuid::fmt::Urn::from_uuid(meta::identifier(&format!("bundle:{name}"))).to_string();
    let titles: Vec<&str> = parts.iter().map(|p| p.title.as_str()).collect();
    let description = format!("{name}: {counts} ({}).", titles.join("; "));
    let package_document = opf::document(&opf::Package {
        identifier: &identifier,
        title: name,
        lang: &lang,
        author: &author,
        description: &description,
        date: &date.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        properties: &properties,
        items: &items,
    });
    let ncx = super::ncx::document(&toc, &identifier, &lang);
    let nav = nav::document(&toc, &landmarks, &lang);

    let media: Vec<(&str, &[u8])> = media
        .values()
        .map(|file| (file.name.as_str(), file.data.as_slice()))
        .collect();
    let book = super::Book {
        stylesheet: &stylesheet,
        cover_image: &cover_image,
        media: &media,
        docs: &docs,
        package_document: &package_document,
        ncx: &ncx,
        nav: &nav,
    };
    book.write(out)
}

/// The bundle's title page: its name, its authors, how many guides and questions it holds,
/// and the build date.
fn title_page(lang: &str, name: &str, author: &str, counts: &str, date: &str) -> String {
    let mut body = format!(
        "<section epub:type=\"frontmatter titlepage\" class=\"titlepage\">\n\
         <h1 class=\"title\">{}</h1>\n",
        escape_text(name)
    );
    if !author.is_empty() {
        body.push_str(&format!(
            "<p class=\"author\">{}</p>\n",
            escape_text(author)
        ));
    }
    body.push_str(&format!(
        "<p class=\"count\">{counts}</p>\n<dl class=\"colophon\">\n\
         <dt>Built</dt><dd><time datetime=\"{date}\">{date}</time></dd>\n</dl>\n</section>\n"
    ));
    pages::document(lang, "", name, &body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_plain_and_unique() {
        let part = |slug: &str| Part {
            slug: slug.into(),
            title: String::new(),
            author: String::new(),
            lang: "en".into(),
            questions: 0,
            time: 0,
            docs: Vec::new(),
            toc: Vec::new(),
            media: Vec::new(),
            images: meta::Images::None,
        };
        let parts = [part("python"), part("py/thon"), part("py thon"), part("")];
        let refs: Vec<&Part> = parts.iter().collect();
        assert_eq!(folders(&refs), ["python", "py-thon", "py-thon-2", "guide"]);
    }

    /// The entries of a book: name → text.
    fn entries(book: &[u8]) -> BTreeMap<String, String> {
        use std::io::Read;
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(book)).unwrap();
        (0..zip.len())
            .map(|i| {
                let mut entry = zip.by_index(i).unwrap();
                let mut text = String::new();
                entry.read_to_string(&mut text).unwrap();
                (entry.name().to_string(), text)
            })
            .collect()
    }

    #[test]
    fn each_guide_is_a_part_in_its_folder_whose_links_resolve() {
        let one = "# One\n\n## 1. First\n\nSee [the second](#second).\n\n## 2. Second\n\nText.\n";
        let two = "# Two\n\n## Strings\n\n### 1. What is a?\n\nA.\n\n### 2. Why a?\n\nA.\n\n\
                   ## Numbers\n\n### 3. What is b?\n\nB.\n\n### 4. Why b?\n\nB.\n";
        let parse = |text: &str, path: &str| {
            crate::parse::parse(text.as_bytes(), path, 0, &Default::default())
                .unwrap()
                .guide
        };
        let (g1, g2) = (parse(one, "one.md"), parse(two, "two.md"));
        let options = crate::prepare::PrepareOptions::default();
        let p1 = Prepared::new(&g1, &options, std::path::Path::new("."));
        let p2 = Prepared::new(&g2, &options, std::path::Path::new("."));
        let parts = [Part::of(&p1).unwrap(), Part::of(&p2).unwrap()];
        let refs: Vec<&Part> = parts.iter().collect();
        let mut book = Vec::new();
        write_bundle("Shelf", &refs, &mut book).unwrap();
        let mut again = Vec::new();
        write_bundle("Shelf", &refs, &mut again).unwrap();
        assert_eq!(book, again, "deterministic");
        let files = entries(&book);
        for (name, text) in &files {
            if name.ends_with(".xhtml") || name.ends_with(".opf") || name.ends_with(".ncx") {
                let options = roxmltree::ParsingOptions {
                    allow_dtd: true,
                    ..Default::default()
                };
                roxmltree::Document::parse_with_options(text, options)
                    .unwrap_or_else(|e| panic!("{name}: {e}"));
            }
        }
        assert!(files.contains_key("OEBPS/one/guide.xhtml"));
        assert!(files.contains_key("OEBPS/two/part-002.xhtml"));
        let nav = &files["OEBPS/nav.xhtml"];
        // Every entry of the nav leads to a file of the book.
        for href in nav.split("href=\"").skip(1) {
            let href = &href[..href.find('"').unwrap()];
            let file = href.split('#').next().unwrap();
            assert!(files.contains_key(&format!("OEBPS/{file}")), "{href}");
        }
        let first = nav.find(">One<").unwrap();
        let second = nav.find(">Two<").unwrap();
        assert!(first < second && nav[second..].contains("Numbers"));
        // A link inside a guide stays inside its folder.
        let chapter = &files["OEBPS/one/chapter-001.xhtml"];
        assert!(
            chapter.contains("href=\"chapter-002.xhtml#second\""),
            "{chapter}"
        );
        assert!(chapter.contains("href=\"../stylesheet.css\""));
        assert!(files["OEBPS/content.opf"].contains("<dc:title>Shelf</dc:title>"));
    }
}
