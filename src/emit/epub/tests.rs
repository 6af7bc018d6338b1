//! Tests of whole books built from hand-made guides: metadata, the nested table of contents,
//! well-formed XHTML (with hostile inline HTML and inline code in headings) and determinism.

use super::write;
use crate::emit::Options;
use crate::model::{Block, Guide, Inline, Meta, Section, Source, Span, Topic, TopicNumber};
use crate::prepare::{PrepareOptions, Prepared};
use std::io::{Cursor, Read};
use std::path::Path;

fn text(t: &str) -> Inline {
    Inline::Text { text: t.into() }
}

fn para(inlines: Vec<Inline>) -> Block {
    Block::Paragraph { content: inlines }
}

fn section(id: &str, title: Vec<Inline>, sections: Vec<Section>) -> Section {
    Section {
        id: id.into(),
        title,
        level: 3,
        span: Span::default(),
        blocks: vec![para(vec![text("Body of "), text(id)])],
        sections,
    }
}

/// A small guide with the traps of the real one: inline code in a heading, hostile raw HTML,
/// a control character, two topics with the same number and nested sections.
pub fn sample_guide() -> Guide {
    let hostile =
        crate::parse::parsed_title("x <script>alert(1)</script><b onclick=x>&nbsp;").remove(1);
    let topic = |id: &str, number: &str, title: Vec<Inline>, sections| Topic {
        id: id.into(),
        number: Some(TopicNumber(number.into())),
        title,
        span: Span::default(),
        intro: vec![para(vec![text("Intro \u{7} text "), hostile.clone()])],
        sections,
        ..Topic::default()
    };
    Guide {
        title: "Sample <Guide> & Co".into(),
        slug: "sample-guide-co".into(),
        source: Source {
            path: "guides/sample.md".into(),
            timestamp: 1_767_225_600,
        },
        meta: Meta {
            title: Some("Sample <Guide> & Co".into()),
            author: "Ann O'Nym & Bob".into(),
            language: "en_GB.UTF-8".into(),
            description: String::new(),
            reversed: false,
            tags: Vec::new(),
        },
        preface: vec![para(vec![text("Read me first.")])],
        topics: vec![
            topic(
                "difference-between-is-and-operator",
                "6",
                vec![
                    text("Difference Between "),
                    Inline::Code { code: "is".into() },
                    text(" and "),
                    Inline::Code { code: "==".into() },
                    text(" Operator"),
                ],
                vec![
                    section(
                        "difference-between-is-and-operator.equality",
                        vec![Inline::Code { code: "==".into() }, text(" Operator")],
                        vec![section(
                            "difference-between-is-and-operator.equality.deep",
                            vec![text("Deeper <still>")],
                            vec![],
                        )],
                    ),
                    section(
                        "difference-between-is-and-operator.identity",
                        vec![text("Identity")],
                        vec![],
                    ),
                ],
            ),
            topic("with-statement", "67", vec![text("With statement")], vec![]),
            topic(
                "with-statement-2",
                "67",
                vec![
                    text("The "),
                    Inline::Link {
                        url: "https://example.com/".into(),
                        title: String::new(),
                        content: vec![Inline::Code {
                            code: "with".into(),
                        }],
                    },
                    text(" Statement"),
                ],
                vec![section("with-statement-2.2d", vec![], vec![])],
            ),
        ],
        ..Guide::default()
    }
}

/// Builds the EPUB of `guide`; returns its bytes and diagnostics.
pub fn build(guide: &Guide) -> (Vec<u8>, Vec<crate::diagnostic::Diagnostic>) {
    let prepared = Prepared::new(guide, &PrepareOptions::default(), Path::new("."));
    let mut out = Vec::new();
    write(&prepared, &Options::default(), &mut out).expect("epub written");
    (out, prepared.diagnostics)
}

/// Parses XML (the `<!DOCTYPE html>` of XHTML5 included).
fn xml(text: &str) -> Result<roxmltree::Document<'_>, roxmltree::Error> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    roxmltree::Document::parse_with_options(text, options)
}

/// The entries of a zip, in order, as (name, bytes).
fn entries(epub: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(epub)).expect("a zip");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).expect("entry");
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).expect("readable");
            (file.name().to_string(), bytes)
        })
        .collect()
}

fn entry(epub: &[u8], name: &str) -> String {
    let (_, bytes) = entries(epub)
        .into_iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("{name} missing"));
    String::from_utf8(bytes).expect("UTF-8")
}

#[test]
fn every_document_is_well_formed_xhtml_with_its_language() {
    let (epub, _) = build(&sample_guide());
    let names: Vec<String> = entries(&epub).into_iter().map(|(n, _)| n).collect();
    assert_eq!(names[0], "mimetype");
    for (name, bytes) in entries(&epub) {
        if !(name.ends_with(".xhtml") || name.ends_with(".opf") || name.ends_with(".ncx")) {
            continue;
        }
        let text = String::from_utf8(bytes).expect("UTF-8");
        assert!(
            text.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"),
            "{name}"
        );
        let doc = xml(&text).unwrap_or_else(|e| panic!("{name} is not well-formed: {e}"));
        assert!(!text.contains("&nbsp;"), "{name} uses an HTML entity");
        assert!(!text.contains('\u{7}'), "{name} keeps a control character");
        assert!(!text.contains("<script"), "{name} keeps a script");
        if name.ends_with(".xhtml") {
            let root = doc.root_element();
            assert_eq!(
                root.tag_name().namespace(),
                Some("http://www.w3.org/1999/xhtml")
            );
            assert_eq!(root.attribute("lang"), Some("en-GB"), "{name}");
            let xml_lang = root.attribute(("http://www.w3.org/XML/1998/namespace", "lang"));
            assert_eq!(xml_lang, Some("en-GB"), "{name}");
            assert!(doc.descendants().any(|n| n.has_tag_name("title")), "{name}");
            assert!(doc.descendants().any(|n| n.has_tag_name("body")), "{name}");
        }
    }
    // A link inside a question would nest `a` elements.
    let questions = entry(&epub, "OEBPS/questions.xhtml");
    let doc = xml(&questions).expect("well-formed");
    for a in doc.descendants().filter(|n| n.has_tag_name("a")) {
        assert!(!a.ancestors().skip(1).any(|n| n.has_tag_name("a")));
    }
}

#[test]
fn metadata_is_complete_and_ids_are_unique() {
    let (epub, diagnostics) = build(&sample_guide());
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let opf = entry(&epub, "OEBPS/content.opf");
    let doc = xml(&opf).expect("well-formed");
    let dc = |name: &str| {
        doc.descendants()
            .find(|n| n.has_tag_name(("http://purl.org/dc/elements/1.1/", name)))
            .and_then(|n| n.text())
            .map(str::to_string)
    };
    assert_eq!(dc("title").as_deref(), Some("Sample <Guide> & Co"));
    assert_eq!(dc("creator").as_deref(), Some("Ann O'Nym & Bob"));
    assert_eq!(dc("language").as_deref(), Some("en-GB"));
    let uuid = super::meta::identifier("sample-guide-co");
    assert_eq!(dc("identifier"), Some(format!("urn:uuid:{uuid}")));
    assert!(dc("description").is_some_and(|d| d.contains("3 questions")));
    let meta = |property: &str| -> Vec<String> {
        doc.descendants()
            .filter(|n| n.attribute("property") == Some(property))
            .filter_map(|n| n.text().map(str::to_string))
            .collect()
    };
    assert_eq!(meta("dcterms:modified"), ["2026-01-01T00:00:00Z"]);
    assert_eq!(meta("schema:accessMode"), ["textual"]);
    assert_eq!(meta("schema:accessModeSufficient"), ["textual"]);
    assert_eq!(
        meta("schema:accessibilityFeature"),
        ["structuralNavigation", "tableOfContents"]
    );
    assert_eq!(meta("schema:accessibilityHazard"), ["none"]);
    assert_eq!(meta("schema:accessibilitySummary").len(), 1);
    assert_unique_ids(&doc, "content.opf");
    let ncx = entry(&epub, "OEBPS/toc.ncx");
    assert!(ncx.contains(&format!("content=\"urn:uuid:{uuid}\"")));
}

#[test]
fn an_unusable_language_falls_back_to_english_with_a_warning() {
    let mut guide = sample_guide();
    guide.meta.language = "C".into();
    guide.meta.author.clear();
    let (epub, diagnostics) = build(&guide);
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0].code.as_str(), "epub-language");
    let opf = entry(&epub, "OEBPS/content.opf");
    assert!(opf.contains(">en</dc:language>"));
    assert!(!opf.contains("dc:creator"));
}

/// The nav's `toc` list as nested (label, href, children).
#[derive(Debug, PartialEq)]
struct Entry {
    label: String,
    href: String,
    children: Vec<Entry>,
}

fn nav_entries(list: roxmltree::Node<'_, '_>) -> Vec<Entry> {
    list.children()
        .filter(|n| n.has_tag_name("li"))
        .map(|li| {
            let a = li
                .children()
                .find(|n| n.has_tag_name("a"))
                .expect("li has a link");
            Entry {
                label: a.text().unwrap_or("").to_string(),
                href: a.attribute("href").unwrap_or("").to_string(),
                children: li
                    .children()
                    .find(|n| n.has_tag_name("ol"))
                    .map(nav_entries)
                    .unwrap_or_default(),
            }
        })
        .collect()
}

#[test]
fn the_nav_nests_sections_under_topics_with_plain_labels() {
    let (epub, _) = build(&sample_guide());
    let nav = entry(&epub, "OEBPS/nav.xhtml");
    let doc = xml(&nav).expect("well-formed");
    let toc = doc
        .descendants()
        .find(|n| n.attribute(("http://www.idpf.org/2007/ops", "type")) == Some("toc"))
        .expect("toc nav");
    let list = toc.children().find(|n| n.has_tag_name("ol")).expect("ol");
    let entries = nav_entries(list);
    let labels: Vec<&str> = entries.iter().map(|e| e.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Preface",
            "Questions",
            "6. Difference Between is and == Operator",
            "67. With statement",
            "67. The with Statement",
        ]
    );
    let first = &entries[2];
    assert_eq!(first.href, "chapter-001.xhtml");
    assert_eq!(first.children.len(), 2);
    assert_eq!(first.children[0].label, "== Operator");
    assert_eq!(
        first.children[0].href,
        "chapter-001.xhtml#difference-between-is-and-operator.equality"
    );
    assert_eq!(first.children[0].children[0].label, "Deeper <still>");
    assert_eq!(entries[4].children[0].label, "Untitled section");
    assert_eq!(
        entries[4].children[0].href,
        "chapter-003.xhtml#with-statement-2.2d"
    );
    // The two topics numbered 67 are two chapters.
    assert_eq!(entries[3].href, "chapter-002.xhtml");
    assert_eq!(entries[4].href, "chapter-003.xhtml");
    // Every link of the nav points at an id that exists in its chapter.
    fn check(epub: &[u8], entries: &[Entry]) {
        for e in entries {
            if let Some((file, id)) = e.href.split_once('#') {
                let chapter = entry(epub, &format!("OEBPS/{file}"));
                assert!(chapter.contains(&format!(" id=\"{id}\"")), "{}", e.href);
            }
            check(epub, &e.children);
        }
    }
    check(&epub, &entries);
    // The NCX holds the same tree.
    let ncx = entry(&epub, "OEBPS/toc.ncx");
    let doc = xml(&ncx).expect("well-formed");
    let points = doc
        .descendants()
        .filter(|n| n.has_tag_name("navPoint"))
        .count();
    assert_eq!(points, 2 + 3 + 3 + 1);
    assert!(ncx.contains("<meta name=\"dtb:depth\" content=\"3\" />"));
}

#[test]
fn chapters_show_inline_code_and_link_back() {
    let (epub, _) = build(&sample_guide());
    let chapter = entry(&epub, "OEBPS/chapter-001.xhtml");
    assert!(chapter.contains(
        "<h1 id=\"difference-between-is-and-operator\"><span class=\"topic-number\">6.</span> \
         Difference Between <code>is</code> and <code>==</code> Operator</h1>"
    ));
    assert!(
        chapter.contains("<h2 id=\"difference-between-is-and-operator.equality\"><code>==</code>")
    );
    assert!(chapter.contains("<h3 id=\"difference-between-is-and-operator.equality.deep\">"));
    assert!(chapter.contains("href=\"questions.xhtml#q-difference-between-is-and-operator\""));
    let questions = entry(&epub, "OEBPS/questions.xhtml");
    assert!(questions.contains("<li id=\"q-with-statement-2\"><a href=\"chapter-003.xhtml\">"));
    let title = entry(&epub, "OEBPS/title.xhtml");
    assert!(title.contains("Ann O&#39;Nym &amp; Bob") || title.contains("Ann O'Nym &amp; Bob"));
    assert!(title.contains("<cite>sample.md</cite>"));
    assert!(title.contains(">2026-01-01</time>"));
}

#[test]
fn two_builds_are_byte_identical() {
    let (a, _) = build(&sample_guide());
    let (b, _) = build(&sample_guide());
    assert!(a == b, "two builds differ");
    let mut other = sample_guide();
    other.source.timestamp += 86_400;
    let (c, _) = build(&other);
    assert!(a != c, "the timestamp must show");
}

#[test]
fn an_empty_guide_is_still_a_book() {
    let mut guide = sample_guide();
    guide.topics.clear();
    guide.preface.clear();
    guide.title.clear();
    guide.meta.title = None;
    let (epub, _) = build(&guide);
    let nav = entry(&epub, "OEBPS/nav.xhtml");
    assert!(xml(&nav).is_ok());
    assert!(nav.contains("epub:type=\"bodymatter\" href=\"questions.xhtml\""));
    assert!(entry(&epub, "OEBPS/content.opf").contains("<dc:title>sample-guide-co</dc:title>"));
}

/// A 1×1 PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0,
    0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

/// The sample guide with a local image, a remote one, a link to a section of another chapter
/// and a link to no anchor at all, built
/// with `a.png` in a temporary folder.
fn book_with_images() -> (Vec<u8>, Vec<crate::diagnostic::Diagnostic>) {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("a.png"), PNG).expect("written");
    let mut guide = sample_guide();
    let image = |url: &str, alt: &str| Inline::Image {
        url: url.into(),
        title: String::new(),
        alt: alt.into(),
    };
    guide.topics[1].intro.push(para(vec![
        image("a.png", "a dot"),
        image("https://example.com/b.png", "remote"),
        Inline::Link {
            url: "#difference-between-is-and-operator.identity".into(),
            title: String::new(),
            content: vec![text("see identity")],
        },
        Inline::Link {
            url: "#nowhere".into(),
            title: String::new(),
            content: vec![text("nowhere")],
        },
    ]));
    let prepared = Prepared::new(&guide, &PrepareOptions::default(), dir.path());
    let mut out = Vec::new();
    write(&prepared, &Options::default(), &mut out).expect("epub written");
    (out, prepared.diagnostics)
}

#[test]
fn images_are_embedded_and_anchors_followed_across_chapters() {
    let (epub, diagnostics) = book_with_images();
    let names: Vec<String> = entries(&epub).into_iter().map(|(n, _)| n).collect();
    let image = names
        .iter()
        .find(|n| n.starts_with("OEBPS/img-") && n.ends_with(".png"))
        .expect("the image is in the book");
    let file = image.trim_start_matches("OEBPS/");
    let opf = entry(&epub, "OEBPS/content.opf");
    assert!(opf.contains(&format!("href=\"{file}\"")));
    assert!(opf.contains("<meta property=\"schema:accessMode\">visual</meta>"));
    let chapter = entry(&epub, "OEBPS/chapter-002.xhtml");
    assert!(chapter.contains(&format!("src=\"{file}\"")), "{chapter}");
    assert!(!chapter.contains("https://example.com/b.png\""));
    assert!(chapter.contains(
        "<a href=\"chapter-001.xhtml#difference-between-is-and-operator.identity\">see identity</a>"
    ));
    // A link to no anchor keeps its text, without a link.
    assert!(chapter.contains("see identity</a>nowhere</p>"), "{chapter}");
    assert!(!chapter.contains("#nowhere"), "{chapter}");
    let links: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.code == crate::diagnostic::DiagnosticCode::EpubLink)
        .collect();
    assert_eq!(links.len(), 1, "{diagnostics:?}");
    assert!(links[0].message.contains("#nowhere"));
}

/// Writes the sample book where `DECKBOOK_EPUB_SAMPLE` says, for checking it by hand.
#[test]
#[ignore = "writes a file for manual checks"]
fn write_sample_book() {
    if let Ok(path) = std::env::var("DECKBOOK_EPUB_SAMPLE") {
        std::fs::write(path, book_with_images().0).expect("written");
    }
}

/// Times the book of the seed guide (run with `--release -- --ignored --nocapture`).
#[test]
#[ignore = "a timing, not a check"]
fn time_the_seed_book() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("source/python-interview-guide.md");
    let bytes = std::fs::read(&path).expect("the seed guide");
    let parsed = crate::parse::parse(&bytes, "seed.md", 0, &Default::default()).expect("parsed");
    for _ in 0..5 {
        let start = std::time::Instant::now();
        let prepared = Prepared::new(&parsed.guide, &PrepareOptions::default(), Path::new("."));
        let prepared_at = start.elapsed();
        let mut out = Vec::new();
        write(&prepared, &Options::default(), &mut out).expect("written");
        let total = start.elapsed();
        println!(
            "prepare {prepared_at:?}, epub {:?}, total {total:?}, {} bytes",
            total - prepared_at,
            out.len()
        );
    }
}

/// The ARIA role each `epub:type` the book uses must carry (Ace by DAISY's
/// `epub-type-has-matching-role`); `None`: the type has no role (`body` may not take one).
fn matching_role(epub_type: &str) -> Option<&'static str> {
    match epub_type {
        "chapter" => Some("doc-chapter"),
        "preface" => Some("doc-preface"),
        "toc" => Some("doc-toc"),
        _ => None,
    }
}

#[test]
fn every_epub_type_has_its_aria_role_and_no_body_has_semantics() {
    let (epub, _) = book_with_images();
    let mut seen = Vec::new();
    for (name, bytes) in entries(&epub) {
        if !name.ends_with(".xhtml") {
            continue;
        }
        let text = String::from_utf8(bytes).expect("UTF-8");
        let doc = xml(&text).expect("well-formed");
        for node in doc.descendants().filter(|n| n.is_element()) {
            let Some(types) = node.attribute(("http://www.idpf.org/2007/ops", "type")) else {
                continue;
            };
            assert!(!node.has_tag_name("body"), "{name}: epub:type on <body>");
            // Ace skips the landmarks, whose links name what they point at.
            if node
                .ancestors()
                .any(|a| a.attribute(("http://www.idpf.org/2007/ops", "type")) == Some("landmarks"))
            {
                continue;
            }
            for t in types.split_whitespace() {
                seen.push(t.to_string());
                if let Some(role) = matching_role(t) {
                    assert_eq!(node.attribute("role"), Some(role), "{name}: {t}");
                }
            }
        }
        let body = doc
            .descendants()
            .find(|n| n.has_tag_name("body"))
            .expect("body");
        assert!(
            body.attribute("id").is_none(),
            "{name}: Kindle drops links to a body id"
        );
    }
    for t in [
        "chapter",
        "preface",
        "toc",
        "titlepage",
        "bodymatter",
        "cover",
    ] {
        assert!(seen.iter().any(|s| s == t), "{t} not used");
    }
}

#[test]
fn the_package_has_its_language_and_claims_conformance_when_every_image_is_described() {
    let (epub, _) = book_with_images();
    let opf = entry(&epub, "OEBPS/content.opf");
    let doc = xml(&opf).expect("well-formed");
    let xml_lang = doc
        .root_element()
        .attribute(("http://www.w3.org/XML/1998/namespace", "lang"));
    assert_eq!(xml_lang, Some("en-GB"));
    let meta = |property: &str| -> Vec<String> {
        doc.descendants()
            .filter(|n| n.attribute("property") == Some(property))
            .filter_map(|n| n.text().map(str::to_string))
            .collect()
    };
    assert_eq!(
        meta("dcterms:conformsTo"),
        ["EPUB Accessibility 1.1 - WCAG 2.2 Level AA"]
    );
    assert_eq!(meta("a11y:certifiedBy"), ["deckbook"]);
    assert_eq!(meta("schema:accessModeSufficient"), ["textual"]);

    // An image without a text alternative: no claim, and text alone is not sufficient.
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("a.png"), PNG).expect("written");
    let mut guide = sample_guide();
    guide.topics[0].intro.push(para(vec![Inline::Image {
        url: "a.png".into(),
        title: String::new(),
        alt: " ".into(),
    }]));
    let prepared = Prepared::new(&guide, &PrepareOptions::default(), dir.path());
    let mut undescribed = Vec::new();
    write(&prepared, &Options::default(), &mut undescribed).expect("epub written");
    let opf = entry(&undescribed, "OEBPS/content.opf");
    assert!(!opf.contains("dcterms:conformsTo"), "{opf}");
    assert!(!opf.contains("a11y:certifiedBy"));
    assert!(opf.contains(">textual,visual</meta>"));
}

#[test]
fn every_image_has_a_source_in_the_book() {
    let (epub, _) = book_with_images();
    let names: Vec<String> = entries(&epub).into_iter().map(|(n, _)| n).collect();
    let mut images = 0;
    for name in names.iter().filter(|n| n.ends_with(".xhtml")) {
        let text = entry(&epub, name);
        let doc = xml(&text).expect("well-formed");
        for img in doc.descendants().filter(|n| n.has_tag_name("img")) {
            let src = img.attribute("src").unwrap_or_default();
            assert!(
                names.contains(&format!("OEBPS/{src}")),
                "{name}: <img src=\"{src}\">"
            );
            images += 1;
        }
    }
    assert_eq!(images, 2, "the cover and the guide's image");
}

/// Asserts that no two elements of `doc` share an `id` (`what` names the document).
pub fn assert_unique_ids(doc: &roxmltree::Document<'_>, what: &str) {
    let mut ids: Vec<&str> = doc
        .descendants()
        .filter_map(|n| n.attribute("id"))
        .collect();
    let total = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), total, "duplicate ids in {what}");
}
