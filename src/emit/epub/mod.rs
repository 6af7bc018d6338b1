//! The EPUB emitter: a valid EPUB 3 book with a generated cover, a title page, the preface
//! (when the guide has one), a Questions page linking every topic, then one chapter per topic,
//! and a nested table of contents (topic → sections) in both the nav document and the NCX.
//!
//! The book is deterministic: its identifier is a UUID v5 of the guide's slug, its dates are
//! the guide's time (`Prepared::stamps`), and its zip entries carry the zip format's fixed
//! date, so two builds of one guide are byte-identical.
//!
//! Layout of the container (`OEBPS/`): `stylesheet.css`, `cover.svg`, the guide's images,
//! `cover.xhtml`, `title.xhtml`, `preface.xhtml`, `questions.xhtml`, `chapter-001.xhtml`…, and
//! the package document `content.opf` ([`opf`]), the nav document `nav.xhtml` ([`nav`]) and
//! the NCX `toc.ncx` ([`ncx`]); [`package`] writes the zip.

mod cover;
mod meta;
mod nav;
mod ncx;
mod opf;
mod package;
mod pages;
#[cfg(test)]
mod tests;
mod xml;

use super::{EmitError, Options};
use crate::prepare::Prepared;
use crate::render::Flavor;
use nav::{Landmark, LandmarkRef, TocEntry};
use opf::{Item, ItemKind};
use package::Deflate;
use pages::{PREFACE, Pages, QUESTIONS, TITLE_PAGE};
use std::io::Write;

/// File name of the cover image.
const COVER_IMAGE: &str = "cover.svg";
/// File name of the cover page.
const COVER_PAGE: &str = "cover.xhtml";

/// Writes the `.epub` of `prepared` to `out`.
pub fn write(
    prepared: &Prepared<'_>,
    options: &Options,
    out: &mut dyn Write,
) -> Result<(), EmitError> {
    let _ = options;
    let guide = prepared.guide;
    let lang = prepared.language.clone();
    let title = prepared.title.clone();
    let author = prepared.author.clone();
    let uuid = meta::identifier(&guide.slug);
    let date = meta::timestamp(prepared.stamps.guide);

    let pages = Pages {
        guide,
        renderer: prepared.renderer(Flavor::Xhtml),
        lang: &lang,
        author: &author,
    };

    let n = guide.topics.len();
    let footer = format!("{n} question{}", if n == 1 { "" } else { "s" });
    let cover_image = cover::svg(&title, &author, &footer);

    // The documents, in spine order: cover and title page (not in the table of contents),
    // preface, Questions, chapters.
    let mut docs = Vec::with_capacity(n + 4);
    let mut entries: Vec<Entry> = Vec::with_capacity(n + 4);
    let mut push = |file: &str, xhtml: String, entry: Entry| {
        docs.push(Doc {
            file: file.to_string(),
            xhtml,
        });
        entries.push(entry);
    };
    let cover_page = pages.document(&title, &cover::page_body(&title, COVER_IMAGE));
    push(COVER_PAGE, cover_page, Entry::default());
    let built = date.format("%Y-%m-%d").to_string();
    push(
        TITLE_PAGE,
        pages.title_page(&title, &built),
        Entry::default(),
    );
    if !guide.preface.is_empty() {
        let preface = Entry {
            label: "Preface".into(),
            landmark: Some(Landmark::Preface),
            children: Vec::new(),
        };
        push(PREFACE, pages.preface(&guide.preface), preface);
    }
    let questions = Entry {
        label: "Questions".into(),
        // The landmarks nav is always written, and an empty one is invalid.
        landmark: guide.topics.is_empty().then_some(Landmark::BodyMatter),
        children: Vec::new(),
    };
    push(QUESTIONS, pages.questions(), questions);
    for (i, topic) in guide.topics.iter().enumerate() {
        let file = nav::chapter_file(i);
        let children = nav::section_entries(&file, &topic.sections);
        let entry = Entry {
            label: nav::topic_label(topic),
            // The first chapter starts the body matter (and fills the landmarks nav).
            landmark: (i == 0).then_some(Landmark::BodyMatter),
            children,
        };
        push(&file, pages.chapter(i, topic), entry);
    }

    // The renderer escapes `<` in text and writes math as `<math …>` and deletions as
    // `<mark class="cloze">`, so these tell what the documents hold.
    let has_math = |doc: &Doc| doc.xhtml.contains("<math ");
    let math = docs.iter().any(has_math);
    let cloze = docs
        .iter()
        .any(|doc| doc.xhtml.contains("<mark class=\"cloze\">"));
    let stylesheet = pages::stylesheet(math, cloze);

    // The manifest: the stylesheet, the cover image, the guide's images (flat,
    // content-hashed names), then the documents in spine order.
    let mut items = vec![
        Item {
            href: pages::STYLESHEET.to_string(),
            media_type: "text/css".to_string(),
            kind: ItemKind::Resource,
            mathml: false,
        },
        Item {
            href: COVER_IMAGE.to_string(),
            media_type: "image/svg+xml".to_string(),
            kind: ItemKind::CoverImage,
            mathml: false,
        },
    ];
    items.extend(prepared.media.files().map(|file| Item {
        href: file.name.clone(),
        media_type: file.mime.to_string(),
        kind: ItemKind::Resource,
        mathml: false,
    }));
    let mut toc = Vec::with_capacity(entries.len());
    let mut landmarks = Vec::new();
    for (doc, entry) in docs.iter().zip(entries) {
        if let Some(landmark) = entry.landmark {
            landmarks.push(LandmarkRef {
                landmark,
                href: doc.file.clone(),
                label: entry.label.clone(),
            });
        }
        items.push(Item {
            href: doc.file.clone(),
            media_type: opf::XHTML.to_string(),
            kind: ItemKind::Document(entry.landmark.map(|l| (l, entry.label.clone()))),
            mathml: has_math(doc),
        });
        if !entry.label.is_empty() {
            toc.push(TocEntry {
                href: doc.file.clone(),
                label: entry.label,
                children: entry.children,
            });
        }
    }

    let identifier = uuid::fmt::Urn::from_uuid(uuid).to_string();
    let images = meta::Images::of(&prepared.media);
    let properties = meta::accessibility(images, math);
    let package_document = opf::document(&opf::Package {
        identifier: &identifier,
        title: &title,
        lang: &lang,
        author: &author,
        description: &meta::description(guide, &title),
        date: &date.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        properties: &properties,
        items: &items,
    });
    let ncx = ncx::document(&toc, &identifier, &lang);
    let nav = nav::document(&toc, &landmarks, &lang);

    let resource = |path, bytes| package::Entry {
        path,
        bytes,
        deflate: Deflate::Default,
    };
    let document = |path, bytes| package::Entry {
        path,
        bytes,
        deflate: Deflate::Fast,
    };
    let mut files = vec![
        resource(pages::STYLESHEET, stylesheet.as_bytes()),
        resource(COVER_IMAGE, cover_image.as_bytes()),
    ];
    files.extend(
        prepared
            .media
            .files()
            .map(|file| resource(&file.name, &file.data)),
    );
    files.extend(docs.iter().map(|d| document(&d.file, d.xhtml.as_bytes())));
    files.extend([
        document("content.opf", package_document.as_bytes()),
        document("toc.ncx", ncx.as_bytes()),
        document("nav.xhtml", nav.as_bytes()),
    ]);
    package::write(&files, out)?;
    Ok(())
}

/// One XHTML document of the book.
struct Doc {
    /// Its file name in the container (`chapter-001.xhtml`).
    file: String,
    /// Its XHTML.
    xhtml: String,
}

/// How a document appears in the table of contents and the landmarks.
#[derive(Default)]
struct Entry {
    /// Its label, empty to leave it out of the table of contents.
    label: String,
    /// Its landmark, if any (a landmark needs a label).
    landmark: Option<Landmark>,
    /// Its sections' entries.
    children: Vec<TocEntry>,
}
