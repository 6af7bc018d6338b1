//! The package document (`content.opf`, EPUB 3 with EPUB 2 fallbacks): the metadata, the
//! manifest of every file, the spine (the reading order) and the EPUB 2 `guide`. The package
//! element carries the book's language as `xml:lang`, as Ace by DAISY requires.
//!
//! Every element with an `id` has its own: the identifier `epub-id-1`, the language
//! `epub-creator-0`, the author `author` (refined with its role and sort name), the manifest
//! items `id_<file>` (the cover image `cover-image`), and the NCX and nav `ncx` and `nav`.

use super::nav::{Landmark, TOC_NAME};
use super::xml::{attr, indent, text};

/// The media type of XHTML content documents.
pub const XHTML: &str = "application/xhtml+xml";

/// What the package document says about the book.
pub struct Package<'a> {
    /// The identifier, as written (`urn:uuid:…`).
    pub identifier: &'a str,
    /// The title.
    pub title: &'a str,
    /// The BCP 47 language tag.
    pub lang: &'a str,
    /// The author, empty for none.
    pub author: &'a str,
    /// The description.
    pub description: &'a str,
    /// The publication and modification date (`2026-01-01T00:00:00Z`).
    pub date: &'a str,
    /// Further `<meta property>` statements as `(property, value)` (the accessibility ones).
    pub properties: &'a [(&'a str, &'a str)],
    /// Every file of the book but the package document, the nav and the NCX, in manifest
    /// order; the content documents among them are the spine, in that order.
    pub items: &'a [Item],
}

/// A file of the book in the manifest.
pub struct Item {
    /// Its path relative to the package document.
    pub href: String,
    /// Its media type.
    pub media_type: String,
    /// What it is to the book.
    pub kind: ItemKind,
    /// A content document holding MathML (`properties="mathml"`).
    pub mathml: bool,
}

/// What a manifest item is to the book.
pub enum ItemKind {
    /// A file documents use (stylesheet, image).
    Resource,
    /// The cover image.
    CoverImage,
    /// A content document, in the spine, perhaps a landmark (with its label).
    Document(Option<(Landmark, String)>),
}

impl Item {
    /// Its manifest id.
    fn id(&self) -> String {
        match self.kind {
            ItemKind::CoverImage => "cover-image".to_string(),
            ItemKind::Resource | ItemKind::Document(_) => item_id(&self.href),
        }
    }
}

/// The manifest id of the file `href`: `id_` and its name, with each character an XML name
/// may not hold replaced by `_`.
pub fn item_id(href: &str) -> String {
    let mut id = String::with_capacity(href.len() + 3);
    id.push_str("id_");
    id.extend(href.chars().map(|c| if is_name_char(c) { c } else { '_' }));
    id
}

/// `true` for the characters of an XML name (`NameChar` of XML 1.0, 5th edition).
fn is_name_char(c: char) -> bool {
    matches!(c,
        'A'..='Z' | 'a'..='z' | '0'..='9' | '_' | '-' | '.' | '\u{B7}'
        | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{37D}'
        | '\u{37F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}' | '\u{203F}'..='\u{2040}'
        | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}'
        | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}' | '\u{10000}'..='\u{EFFFF}')
}

/// The package document of `package`.
pub fn document(package: &Package<'_>) -> String {
    let creator = if package.author.is_empty() {
        String::new()
    } else {
        // Quotes escaped too (as they always were here): `attr` is valid in text as well.
        let author = attr(package.author);
        format!(
            "<dc:creator id=\"author\">{author}</dc:creator>\n    \
             <meta refines=\"#author\" property=\"role\" scheme=\"marc:relators\">aut</meta>\n    \
             <meta refines=\"#author\" property=\"file-as\">{author}</meta>\n    "
        )
    };
    let mut optional = vec![format!(
        "<dc:description>{}</dc:description>",
        text(package.description)
    )];
    optional.extend(
        package.properties.iter().map(|(property, value)| {
            format!("<meta property=\"{property}\">{}</meta>", attr(value))
        }),
    );
    if package
        .items
        .iter()
        .any(|i| matches!(i.kind, ItemKind::CoverImage))
    {
        optional.push("<meta name=\"cover\" content=\"cover-image\"/>".to_string());
    }

    let mut items = Vec::with_capacity(package.items.len());
    let mut spine = Vec::with_capacity(package.items.len());
    let mut guide = Vec::new();
    for item in package.items {
        let id = attr(&item.id());
        let properties = match item.kind {
            ItemKind::CoverImage => "properties=\"cover-image\" ",
            ItemKind::Document(_) if item.mathml => "properties=\"mathml\" ",
            ItemKind::Resource | ItemKind::Document(_) => "",
        };
        items.push(format!(
            "<item media-type=\"{}\" {properties}id=\"{id}\" href=\"{}\"/>",
            attr(&item.media_type),
            attr(&item.href)
        ));
        if let ItemKind::Document(landmark) = &item.kind {
            spine.push(format!("<itemref idref=\"{id}\"/>"));
            if let Some((landmark, label)) = landmark {
                guide.push(format!(
                    "<reference type=\"{}\" title=\"{}\" href=\"{}\"/>",
                    landmark.guide_type(),
                    attr(label),
                    attr(&item.href)
                ));
            }
        }
    }

    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <package version=\"3.0\" xmlns=\"http://www.idpf.org/2007/opf\" \
         unique-identifier=\"epub-id-1\" xml:lang=\"{lang}\">\n  \
         <metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n            \
         xmlns:opf=\"http://www.idpf.org/2007/opf\">\n    \
         <dc:identifier id=\"epub-id-1\">{identifier}</dc:identifier>\n    \
         <dc:title>{title}</dc:title>\n    <dc:date>{date}</dc:date>\n    \
         <dc:language id=\"epub-creator-0\">{lang}</dc:language>\n    \
         {creator}<meta property=\"dcterms:modified\">{date}</meta>\n{optional}\n  </metadata>\n  \
         <manifest>\n    \
         <item id=\"ncx\" href=\"toc.ncx\" media-type=\"application/x-dtbncx+xml\"/>\n    \
         <item id=\"nav\" href=\"nav.xhtml\" media-type=\"{XHTML}\" properties=\"nav\"/>\n\
         {items}\n  </manifest>\n  \
         <spine toc=\"ncx\" page-progression-direction=\"ltr\">\n{spine}\n  </spine>\n  \
         <guide>\n    <reference type=\"toc\" title=\"{TOC_NAME}\" href=\"nav.xhtml\"/>\n\
         {guide}\n  </guide>\n</package>\n",
        identifier = text(package.identifier),
        title = text(package.title),
        date = text(package.date),
        lang = attr(package.lang),
        optional = indent(&optional.join("\n"), 2),
        items = indent(&items.join("\n"), 2),
        spine = indent(&spine.join("\n"), 2),
        guide = indent(&guide.join("\n"), 2),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const OPF: &str = "http://www.idpf.org/2007/opf";
    const DC: &str = "http://purl.org/dc/elements/1.1/";

    fn item(href: &str, media_type: &str, kind: ItemKind) -> Item {
        Item {
            href: href.into(),
            media_type: media_type.into(),
            kind,
            mathml: false,
        }
    }

    fn items() -> Vec<Item> {
        vec![
            item("stylesheet.css", "text/css", ItemKind::Resource),
            item("cover.svg", "image/svg+xml", ItemKind::CoverImage),
            item("img-0123.png", "image/png", ItemKind::Resource),
            item("cover.xhtml", XHTML, ItemKind::Document(None)),
            item(
                "preface.xhtml",
                XHTML,
                ItemKind::Document(Some((Landmark::Preface, "Preface".into()))),
            ),
            item(
                "chapter-001.xhtml",
                XHTML,
                ItemKind::Document(Some((Landmark::BodyMatter, "1. \"A\" & B".into()))),
            ),
        ]
    }

    fn package<'a>(author: &'a str, items: &'a [Item]) -> Package<'a> {
        Package {
            identifier: "urn:uuid:0000",
            title: "A <Title> & \"more\"",
            lang: "de-CH",
            author,
            description: "Two\nlines & more",
            date: "2026-01-01T00:00:00Z",
            properties: &[
                ("schema:accessMode", "textual"),
                ("schema:accessibilityHazard", "none"),
            ],
            items,
        }
    }

    #[test]
    fn the_package_document_is_well_formed_with_unique_ids() {
        let items = items();
        let opf = document(&package("Ann & \"Bob\"", &items));
        let doc = roxmltree::Document::parse(&opf).expect("well-formed");
        let dc = |name: &str| -> Vec<roxmltree::Node<'_, '_>> {
            doc.descendants()
                .filter(|n| n.has_tag_name((DC, name)))
                .collect()
        };
        assert_eq!(dc("title")[0].text(), Some("A <Title> & \"more\""));
        assert_eq!(dc("language")[0].text(), Some("de-CH"));
        let xml_lang = ("http://www.w3.org/XML/1998/namespace", "lang");
        assert_eq!(doc.root_element().attribute(xml_lang), Some("de-CH"));
        assert_eq!(dc("creator")[0].text(), Some("Ann & \"Bob\""));
        assert_eq!(dc("description")[0].text(), Some("Two\n    lines & more"));
        // The unique identifier is the identifier.
        let unique = doc.root_element().attribute("unique-identifier");
        assert_eq!(dc("identifier")[0].attribute("id"), unique);
        assert_eq!(dc("identifier")[0].text(), Some("urn:uuid:0000"));

        let mut ids: Vec<&str> = doc
            .descendants()
            .filter_map(|n| n.attribute("id"))
            .collect();
        let total = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), total, "duplicate ids: {opf}");
        // Every refinement refines an element that exists.
        for refines in doc.descendants().filter_map(|n| n.attribute("refines")) {
            let target = refines.trim_start_matches('#');
            assert!(ids.contains(&target), "{refines}");
        }
    }

    #[test]
    fn the_spine_and_guide_follow_the_documents() {
        let items = items();
        let opf = document(&package("", &items));
        assert!(!opf.contains("dc:creator") && !opf.contains("refines"));
        let doc = roxmltree::Document::parse(&opf).expect("well-formed");
        let manifest: Vec<(&str, &str)> = doc
            .descendants()
            .filter(|n| n.has_tag_name((OPF, "item")))
            .filter_map(|n| Some((n.attribute("id")?, n.attribute("href")?)))
            .collect();
        assert_eq!(manifest.len(), 2 + items.len());
        assert!(manifest.contains(&("cover-image", "cover.svg")));
        assert!(manifest.contains(&("id_img-0123.png", "img-0123.png")));
        let cover = doc
            .descendants()
            .find(|n| n.attribute("properties") == Some("cover-image"))
            .and_then(|n| n.attribute("href"));
        assert_eq!(cover, Some("cover.svg"));
        let spine: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name((OPF, "itemref")))
            .filter_map(|n| n.attribute("idref"))
            .collect();
        assert_eq!(
            spine,
            ["id_cover.xhtml", "id_preface.xhtml", "id_chapter-001.xhtml"]
        );
        let guide: Vec<(&str, &str, &str)> = doc
            .descendants()
            .filter(|n| n.has_tag_name((OPF, "reference")))
            .filter_map(|n| {
                Some((
                    n.attribute("type")?,
                    n.attribute("title")?,
                    n.attribute("href")?,
                ))
            })
            .collect();
        assert_eq!(
            guide,
            [
                ("toc", "Contents", "nav.xhtml"),
                ("preface", "Preface", "preface.xhtml"),
                ("text", "1. \"A\" & B", "chapter-001.xhtml"),
            ]
        );
    }

    #[test]
    fn item_ids_are_xml_names() {
        assert_eq!(item_id("chapter-001.xhtml"), "id_chapter-001.xhtml");
        assert_eq!(item_id("a b/c:d"), "id_a_b_c_d");
        assert_eq!(item_id("café.png"), "id_café.png");
    }
}
