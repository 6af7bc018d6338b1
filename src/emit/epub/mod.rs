//! The EPUB emitter: a valid EPUB 3 book with a generated cover, a title page, the preface
//! (when the guide has one), a Questions page linking every topic, then one chapter per topic,
//! and a nested table of contents (topic → sections) in both the nav document and the NCX.
//!
//! The book is deterministic: its identifier is a UUID v5 of the guide's slug, its dates come
//! from the guide's timestamp, and its zip entries carry the zip format's fixed date, so two
//! builds of one guide are byte-identical.
//!
//! Layout of the container (`OEBPS/`): `cover.svg`, `cover.xhtml`, `title.xhtml`,
//! `preface.xhtml`, `questions.xhtml`, `chapter-001.xhtml`…, `stylesheet.css`, the guide's
//! images, and epub-builder's `content.opf`, `nav.xhtml` and `toc.ncx` (see `package`).

mod cover;
mod meta;
mod nav;
mod package;
mod pages;
#[cfg(test)]
mod tests;

use super::{EmitError, Options};
use crate::prepare::Prepared;
use crate::render::Flavor;
use epub_builder::{
    EpubBuilder, EpubContent, EpubVersion, MetadataOpfV3, ReferenceType, TocElement, ZipLibrary,
};
use package::builder_error;
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
    let date = meta::timestamp(guide);

    let pages = Pages {
        guide,
        renderer: prepared.renderer(Flavor::Xhtml),
        lang: &lang,
        author: &author,
    };

    let mut builder =
        EpubBuilder::new(ZipLibrary::new().map_err(builder_error)?).map_err(builder_error)?;
    builder.epub_version(EpubVersion::V30);
    builder.set_title(title.as_str());
    builder.add_language(lang.as_str());
    builder.set_uuid(uuid);
    builder.set_modified_date(date);
    builder.set_publication_date(date);
    builder.add_description(meta::description(guide, &title));
    builder.set_generator("deckbook");
    builder.set_toc_name("Contents");
    // The author is added by `package::finish`: epub-builder would give it a duplicate id.
    for (property, value) in meta::accessibility(!prepared.media.is_empty()) {
        builder.add_metadata_opf(Box::new(MetadataOpfV3::new(
            property.to_string(),
            crate::render::html::escape_text(value),
        )));
    }
    builder
        .stylesheet(pages::stylesheet().as_bytes())
        .map_err(builder_error)?;

    // The cover image, the guide's images (flat, content-hashed names) and the stylesheet.
    let n = guide.topics.len();
    let footer = format!("{n} question{}", if n == 1 { "" } else { "s" });
    builder
        .add_cover_image(
            COVER_IMAGE,
            cover::svg(&title, &author, &footer).as_bytes(),
            "image/svg+xml",
        )
        .map_err(builder_error)?;
    for file in prepared.media.files() {
        builder
            .add_resource(&file.name, file.data.as_slice(), file.mime)
            .map_err(builder_error)?;
    }

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
    let cover_page = pages.document(&title, None, &cover::page_body(&title, COVER_IMAGE));
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
            reftype: Some(ReferenceType::Preface),
            children: Vec::new(),
        };
        push(PREFACE, pages.preface(&guide.preface), preface);
    }
    let questions = Entry {
        label: "Questions".into(),
        // The landmarks nav is always written, and an empty one is invalid.
        reftype: guide.topics.is_empty().then_some(ReferenceType::Text),
        children: Vec::new(),
    };
    push(QUESTIONS, pages.questions(), questions);
    let mut toc_depth = 1;
    for (i, topic) in guide.topics.iter().enumerate() {
        let file = nav::chapter_file(i);
        let children = nav::section_entries(&file, &topic.sections);
        toc_depth = toc_depth.max(1 + nav::depth(&children));
        let entry = Entry {
            label: nav::topic_label(topic),
            // The first chapter starts the body matter (and fills the landmarks nav).
            reftype: (i == 0).then_some(ReferenceType::Text),
            children,
        };
        push(&file, pages.chapter(i, topic), entry);
    }

    for (doc, entry) in docs.iter().zip(entries) {
        // Given empty: `package::finish` writes the body (see there).
        let mut content = EpubContent::new(doc.file.as_str(), &[][..]);
        if !entry.label.is_empty() {
            content = content.title(entry.label);
        }
        if let Some(reftype) = entry.reftype {
            content = content.reftype(reftype);
        }
        let content = entry.children.into_iter().fold(content, EpubContent::child);
        builder.add_content(content).map_err(builder_error)?;
    }

    let mut zipped = Vec::new();
    builder.generate(&mut zipped).map_err(builder_error)?;
    let identifier = uuid::fmt::Urn::from_uuid(uuid).to_string();
    let bodies: Vec<package::Body<'_>> = docs
        .iter()
        .map(|doc| package::Body {
            path: format!("OEBPS/{}", doc.file),
            bytes: doc.xhtml.as_bytes(),
        })
        .collect();
    package::finish(
        &zipped,
        &package::Fixes {
            author: &author,
            lang: &lang,
            identifier: &identifier,
            toc_depth,
        },
        &bodies,
        out,
    )?;
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
    reftype: Option<ReferenceType>,
    /// Its sections' entries.
    children: Vec<TocElement>,
}
