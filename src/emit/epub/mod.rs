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

mod bundle;
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

pub use bundle::{Part, write_bundle};

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
        root: "",
    };

    let n = guide.topics.len();
    let footer = format!("{n} question{}", if n == 1 { "" } else { "s" });
    let cover_image = cover::svg(&title, &author, &footer);

    // The documents, in spine order: cover and title page (not in the table of contents),
    // preface, Questions, chapters.
    let mut docs = Vec::with_capacity(n + 4);
    let mut entries: Vec<Entry> = Vec::with_capacity(n + 4);
    let mut push = |docs: &mut Vec<Doc>, file: &str, xhtml: String, entry: Entry| {
        docs.push(Doc {
            file: file.to_string(),
            xhtml,
        });
        entries.push(entry);
    };
    let cover_page = pages.document(&title, &cover::page_body(&title, COVER_IMAGE));
    push(&mut docs, COVER_PAGE, cover_page, Entry::default());
    let built = date.format("%Y-%m-%d").to_string();
    push(
        &mut docs,
        TITLE_PAGE,
        pages.title_page(&title, &built),
        Entry::default(),
    );
    let body = guide_documents(&pages, "", &mut docs, &mut entries);

    // The renderer escapes `<` in text and writes math as `<math …>` and deletions as
    // `<mark class="cloze">`, so these tell what the documents hold.
    let has_math = |doc: &Doc| doc.xhtml.contains("<math ");
    let math = docs.iter().any(has_math);
    let cloze = docs
        .iter()
        .any(|doc| doc.xhtml.contains("<mark class=\"cloze\">"));
    let stylesheet = pages::stylesheet(pages::needs_extra_css(guide), math, cloze);

    // The manifest: the stylesheet, the cover image, the guide's images (flat,
    // content-hashed names), then the documents in spine order.
    let mut items = first_items();
    items.extend(prepared.media.files().map(|file| Item {
        href: file.name.clone(),
        media_type: file.mime.to_string(),
        kind: ItemKind::Resource,
        mathml: false,
    }));
    let mut landmarks = Vec::new();
    for (doc, entry) in docs.iter().zip(&entries) {
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
    }
    let toc = table_of_contents(&docs, entries, body);

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

    let media: Vec<(&str, &[u8])> = prepared
        .media
        .files()
        .map(|file| (file.name.as_str(), file.data.as_slice()))
        .collect();
    let book = Book {
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

/// The manifest's first items, in every book: the stylesheet and the cover image.
fn first_items() -> Vec<Item> {
    vec![
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
    ]
}

/// The files of a finished book, in the order the package holds them.
struct Book<'a> {
    stylesheet: &'a str,
    cover_image: &'a str,
    /// Its images: name and bytes.
    media: &'a [(&'a str, &'a [u8])],
    docs: &'a [Doc],
    package_document: &'a str,
    ncx: &'a str,
    nav: &'a str,
}

impl Book<'_> {
    /// Writes the `.epub`: the stylesheet, the cover and the images deflated as resources,
    /// then the documents, the package document, the NCX and the nav (deflated fast).
    fn write(&self, out: &mut dyn Write) -> Result<(), EmitError> {
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
            resource(pages::STYLESHEET, self.stylesheet.as_bytes()),
            resource(COVER_IMAGE, self.cover_image.as_bytes()),
        ];
        files.extend(self.media.iter().map(|&(name, data)| resource(name, data)));
        files.extend(
            self.docs
                .iter()
                .map(|d| document(&d.file, d.xhtml.as_bytes())),
        );
        files.extend([
            document("content.opf", self.package_document.as_bytes()),
            document("toc.ncx", self.ncx.as_bytes()),
            document("nav.xhtml", self.nav.as_bytes()),
        ]);
        package::write(&files, out)?;
        Ok(())
    }
}

/// Where a guide's body (its part pages and chapters) lies among the documents, and its
/// table of contents, nested by part.
struct Body {
    /// The index of its first document.
    start: usize,
    /// The index after its last document.
    end: usize,
    /// Its entries, nested by part.
    toc: Vec<TocEntry>,
}

/// Pushes the documents of the guide of `pages` after its title page onto `docs` (and their
/// entries onto `entries`): the preface, the Questions page, the part pages and chapters in
/// source order, the back matter; each file named inside the folder `dir` (empty, or
/// `<folder>/` in a bundle).
fn guide_documents(
    pages: &Pages<'_>,
    dir: &str,
    docs: &mut Vec<Doc>,
    entries: &mut Vec<Entry>,
) -> Body {
    let guide = pages.guide;
    let mut push = |docs: &mut Vec<Doc>, file: &str, xhtml: String, entry: Entry| {
        docs.push(Doc {
            file: file.to_string(),
            xhtml,
        });
        entries.push(entry);
    };
    if !guide.preface.is_empty() {
        let preface = Entry {
            label: "Preface".into(),
            landmark: Some(Landmark::Preface),
            children: Vec::new(),
        };
        let file = format!("{dir}{PREFACE}");
        push(docs, &file, pages.preface(&guide.preface), preface);
    }
    let questions = Entry {
        label: "Questions".into(),
        // The landmarks nav is always written, and an empty one is invalid.
        landmark: guide.topics.is_empty().then_some(Landmark::BodyMatter),
        children: Vec::new(),
    };
    push(
        docs,
        &format!("{dir}{QUESTIONS}"),
        pages.questions(),
        questions,
    );
    // The body: part pages and chapters in source order. A part's chapters (and sub-parts)
    // nest under it in the table of contents.
    let body_start = docs.len();
    let mut toc_tree = TocTree::default();
    for event in outline_order(guide) {
        match event {
            Event::Part(g) => {
                let group = &guide.groups[g];
                toc_tree.close_to(guide, group.parent);
                let file = format!("{dir}{}", nav::part_file(g));
                let label = nav::group_label(group);
                toc_tree.open(
                    g,
                    TocEntry {
                        href: file.clone(),
                        label: label.clone(),
                        children: Vec::new(),
                    },
                );
                let landmark = (docs.len() == body_start).then_some(Landmark::BodyMatter);
                push(
                    docs,
                    &file,
                    pages.part(group),
                    Entry {
                        label,
                        landmark,
                        children: Vec::new(),
                    },
                );
            }
            Event::Chapter(i) => {
                let topic = &guide.topics[i];
                toc_tree.close_to(guide, topic.group);
                let file = format!("{dir}{}", nav::chapter_file(i));
                let children = nav::section_entries(&file, &topic.sections);
                let label = nav::topic_label(topic);
                toc_tree.add(TocEntry {
                    href: file.clone(),
                    label: label.clone(),
                    children: children.clone(),
                });
                // The first body document starts the body matter (and fills the landmarks).
                let landmark = (docs.len() == body_start).then_some(Landmark::BodyMatter);
                push(
                    docs,
                    &file,
                    pages.chapter(i, topic),
                    Entry {
                        label,
                        landmark,
                        children,
                    },
                );
            }
        }
    }
    let body = Body {
        start: body_start,
        end: docs.len(),
        toc: toc_tree.finish(),
    };
    if !guide.back_matter.is_empty() {
        let file = format!("{dir}{}", pages::BACK_MATTER);
        let entry = Entry {
            label: pages::BACK_MATTER_TITLE.into(),
            landmark: None,
            children: nav::section_entries(&file, &guide.back_matter),
        };
        push(docs, &file, pages.back_matter(), entry);
    }
    body
}

/// The table of contents of `docs`: an entry for each document with a label, the body's
/// replaced by its entries nested by part.
fn table_of_contents(docs: &[Doc], entries: Vec<Entry>, body: Body) -> Vec<TocEntry> {
    let mut toc = Vec::with_capacity(entries.len());
    let mut at = None;
    for (i, (doc, entry)) in docs.iter().zip(entries).enumerate() {
        if (body.start..body.end).contains(&i) {
            at.get_or_insert(toc.len());
            continue;
        }
        if !entry.label.is_empty() {
            toc.push(TocEntry {
                href: doc.file.clone(),
                label: entry.label,
                children: entry.children,
            });
        }
    }
    let at = at.unwrap_or(toc.len());
    toc.splice(at..at, body.toc);
    toc
}

/// One XHTML document of the book.
#[derive(Debug)]
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

/// A body document in source order.
enum Event {
    /// The part page of a group.
    Part(usize),
    /// The chapter of a topic.
    Chapter(usize),
}

/// The part pages and chapters in source order: each group before the topics it holds.
fn outline_order(guide: &crate::model::Guide) -> Vec<Event> {
    let mut out = Vec::with_capacity(guide.topics.len() + guide.groups.len());
    let mut groups = guide.groups.iter().enumerate().peekable();
    for (i, topic) in guide.topics.iter().enumerate() {
        while let Some((g, _)) = groups.next_if(|(_, g)| g.span.line <= topic.span.line) {
            out.push(Event::Part(g));
        }
        out.push(Event::Chapter(i));
    }
    out.extend(groups.map(|(g, _)| Event::Part(g)));
    out
}

/// The body's table of contents, built in source order with the open parts on a stack.
#[derive(Default)]
struct TocTree {
    root: Vec<TocEntry>,
    open: Vec<(usize, TocEntry)>,
}

impl TocTree {
    /// Closes open parts until `group` (or the root, for `None`) is the innermost.
    fn close_to(&mut self, guide: &crate::model::Guide, group: Option<usize>) {
        let keep = |g: usize| {
            let mut at = group;
            while let Some(x) = at {
                if x == g {
                    return true;
                }
                at = guide.groups.get(x).and_then(|x| x.parent);
            }
            false
        };
        while self.open.last().is_some_and(|(g, _)| !keep(*g)) {
            self.close_one();
        }
    }

    fn close_one(&mut self) {
        if let Some((_, entry)) = self.open.pop() {
            self.add(entry);
        }
    }

    /// Opens the part of group `g`.
    fn open(&mut self, g: usize, entry: TocEntry) {
        self.open.push((g, entry));
    }

    /// Adds an entry to the innermost open part (or the root).
    fn add(&mut self, entry: TocEntry) {
        match self.open.last_mut() {
            Some((_, part)) => part.children.push(entry),
            None => self.root.push(entry),
        }
    }

    fn finish(mut self) -> Vec<TocEntry> {
        while !self.open.is_empty() {
            self.close_one();
        }
        self.root
    }
}
