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
//! images, and epub-builder's `content.opf`, `nav.xhtml` and `toc.ncx` (see [`package`]).

mod cover;
mod meta;
mod nav;
mod package;
mod pages;
mod style;
#[cfg(test)]
mod tests;

use super::{EmitError, Options};
use crate::diagnostic::Diagnostic;
use crate::render::{Flavor, HtmlRenderer, Prepared};
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

/// Writes the `.epub` of `prepared` to `out`; returns non-fatal problems (an unusable
/// language tag, for one).
pub fn write(
    prepared: &Prepared<'_>,
    options: &Options,
    out: &mut dyn Write,
) -> Result<Vec<Diagnostic>, EmitError> {
    let _ = options;
    let guide = prepared.guide;
    let mut diagnostics = Vec::new();
    let (lang, lang_problem) = meta::language(guide);
    diagnostics.extend(lang_problem);
    let title = meta::title(guide);
    let author = meta::clean(&guide.meta.author);
    let uuid = meta::identifier(&guide.slug);
    let date = meta::timestamp(guide);

    let pages = Pages {
        guide,
        renderer: HtmlRenderer {
            code: &prepared.code,
            media: &prepared.media,
            flavor: Flavor::Xhtml,
        },
        lang: &lang,
    };

    let mut builder =
        EpubBuilder::new(ZipLibrary::new().map_err(builder_error)?).map_err(builder_error)?;
    builder.epub_version(EpubVersion::V30);
    builder.set_title(title.as_str());
    builder.add_language(lang.as_str());
    builder.set_uuid(uuid);
    builder.set_modified_date(date);
    builder.set_publication_date(date);
    builder.add_description(meta::description(guide));
    builder.set_generator("deckbook");
    builder.set_toc_name("Contents");
    // The author is added by `package::finish`: epub-builder would give it a duplicate id.
    for (property, value) in meta::accessibility(false) {
        builder.add_metadata_opf(Box::new(MetadataOpfV3::new(
            property.to_string(),
            crate::render::html::escape_text(value),
        )));
    }
    builder
        .stylesheet(style::stylesheet().as_bytes())
        .map_err(builder_error)?;

    // Cover and title page: in the spine, not in the table of contents.
    let n = guide.topics.len();
    let footer = format!("{n} question{}", if n == 1 { "" } else { "s" });
    builder
        .add_cover_image(
            COVER_IMAGE,
            cover::svg(&title, &author, &footer).as_bytes(),
            "image/svg+xml",
        )
        .map_err(builder_error)?;
    let cover_page = pages.document(&title, None, &cover::page_body(&title, COVER_IMAGE));
    add(
        &mut builder,
        EpubContent::new(COVER_PAGE, cover_page.as_bytes()),
    )?;
    let title_page = pages.title_page(&title, &date.format("%Y-%m-%d").to_string());
    add(
        &mut builder,
        EpubContent::new(TITLE_PAGE, title_page.as_bytes()),
    )?;

    if !guide.preface.is_empty() {
        let preface = pages.preface(&guide.preface);
        add(
            &mut builder,
            EpubContent::new(PREFACE, preface.as_bytes())
                .title("Preface")
                .reftype(ReferenceType::Preface),
        )?;
    }
    let questions = pages.questions();
    let mut content = EpubContent::new(QUESTIONS, questions.as_bytes()).title("Questions");
    if guide.topics.is_empty() {
        // The landmarks nav is always written, and an empty one is invalid.
        content = content.reftype(ReferenceType::Text);
    }
    add(&mut builder, content)?;

    let mut toc_depth = 1;
    for (i, topic) in guide.topics.iter().enumerate() {
        let file = nav::chapter_file(i);
        let sections = nav::section_entries(&file, &topic.sections);
        toc_depth = toc_depth.max(1 + nav::depth(&sections));
        let chapter = pages.chapter(topic);
        let mut content =
            EpubContent::new(file.as_str(), chapter.as_bytes()).title(nav::topic_label(topic));
        if i == 0 {
            // The landmarks nav is always written, and an empty one is invalid.
            content = content.reftype(ReferenceType::Text);
        }
        add(&mut builder, with_children(content, sections))?;
    }
    let mut zipped = Vec::new();
    builder.generate(&mut zipped).map_err(builder_error)?;
    let identifier = uuid::fmt::Urn::from_uuid(uuid).to_string();
    package::finish(
        &zipped,
        &package::Fixes {
            author: &author,
            lang: &lang,
            identifier: &identifier,
            toc_depth,
        },
        out,
    )?;
    Ok(diagnostics)
}

/// Adds a document to the spine (and, when it has a title, to the table of contents).
fn add(
    builder: &mut EpubBuilder<ZipLibrary>,
    content: EpubContent<&[u8]>,
) -> Result<(), EmitError> {
    builder.add_content(content).map_err(builder_error)?;
    Ok(())
}

/// `content` with `children` nested below it in the table of contents.
fn with_children<R: std::io::Read>(
    content: EpubContent<R>,
    children: Vec<TocElement>,
) -> EpubContent<R> {
    children.into_iter().fold(content, EpubContent::child)
}
