//! Fuzz target: any bytes → the whole pipeline in memory (parse → prepare → every emitter into
//! a `Vec`), and then, for every guide the parser accepts:
//!
//! - no panic anywhere;
//! - every XML entry of the EPUB (`.xhtml`, `.opf`, `.ncx`, `.xml`) is well-formed (roxmltree);
//! - no live markup in any output: no `script`, `iframe`, `frame`, `frameset`, `object`,
//!   `embed` or `applet` element, no `on…` attribute and no `javascript:` in a URL attribute —
//!   in the EPUB's documents, in every Anki note field (what the `.apkg` holds), in every
//!   `.anki.csv` field, and in every spreadsheet cell rendered as the Markdown it is (by
//!   pulldown-cmark, which passes raw HTML and every link through), with and without the
//!   formula guard's `'`.
//!
//! Images are looked for in an empty folder, so no input makes the target read a file.
#![no_main]

use deckbook::emit::{Options, Output};
use deckbook::parse::{ParseOptions, parse};
use deckbook::prepare::{PrepareOptions, Prepared};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer,
};
use libfuzzer_sys::fuzz_target;
use std::cell::RefCell;
use std::io::{Cursor, Read};
use std::path::PathBuf;
use std::sync::OnceLock;

/// An empty folder the guide's images are looked for in.
fn empty_folder() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("deckbook-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temporary folder");
        dir
    })
}

/// Elements that run or embed code.
const LIVE_ELEMENTS: &[&str] = &[
    "script", "iframe", "frame", "frameset", "object", "embed", "applet",
];

/// Whether an attribute value holds a `javascript:` URL where a URL starts (once white space
/// and control characters are removed, as a browser removes them).
fn javascript(value: &str) -> bool {
    let squeezed: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    squeezed.starts_with("javascript:")
        || [";", ",", "(", "=", "'", "\""]
            .iter()
            .any(|sep| squeezed.contains(&format!("{sep}javascript:")))
}

/// Whether an attribute holds a URL a reader may follow or load (text attributes such as
/// `alt`, `title` or `aria-label` may say "javascript:" harmlessly).
fn url_attribute(key: &str) -> bool {
    matches!(
        key.rsplit(':').next().unwrap_or(key),
        "href"
            | "src"
            | "srcset"
            | "action"
            | "formaction"
            | "data"
            | "poster"
            | "background"
            | "cite"
            | "longdesc"
            | "usemap"
            | "codebase"
            | "manifest"
            | "ping"
            | "lowsrc"
            | "dynsrc"
    )
}

/// Collects the live markup an HTML tokenizer finds.
struct Live(RefCell<Vec<String>>);

impl TokenSink for Live {
    type Handle = ();
    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        if let Token::TagToken(Tag {
            kind: TagKind::StartTag,
            name,
            attrs,
            ..
        }) = token
        {
            let mut found = self.0.borrow_mut();
            if LIVE_ELEMENTS.contains(&&*name) {
                found.push(format!("<{name}>"));
            }
            for attr in attrs {
                let key = attr.name.local.to_ascii_lowercase();
                if key.starts_with("on") && key.len() > 2 {
                    found.push(format!("{name} {key}="));
                }
                if url_attribute(&key) && javascript(&attr.value) {
                    found.push(format!("{name} {key}={}", attr.value));
                }
            }
        }
        TokenSinkResult::Continue
    }
}

/// The live markup in `html`, read by html5ever's tokenizer.
fn live_in_html(html: &str) -> Vec<String> {
    let input = BufferQueue::default();
    input.push_back(StrTendril::from(html));
    let tokenizer = Tokenizer::new(Live(RefCell::new(Vec::new())), Default::default());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.0.take()
}

/// The live markup in an XML document (elements in any namespace, attributes).
fn live_in_xml(doc: &roxmltree::Document<'_>) -> Vec<String> {
    let mut found = Vec::new();
    for node in doc.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name().to_ascii_lowercase();
        if LIVE_ELEMENTS.contains(&name.as_str()) {
            found.push(format!("<{name}>"));
        }
        for attr in node.attributes() {
            let key = attr.name().to_ascii_lowercase();
            if key.starts_with("on") && key.len() > 2 {
                found.push(format!("{name} {key}="));
            }
            if url_attribute(&key) && javascript(attr.value()) {
                found.push(format!("{name} {key}={}", attr.value()));
            }
        }
    }
    found
}

/// A Markdown cell as a Markdown renderer shows it.
fn markdown_html(cell: &str) -> String {
    let mut options = pulldown_cmark::Options::empty();
    options.insert(pulldown_cmark::Options::ENABLE_TABLES);
    options.insert(pulldown_cmark::Options::ENABLE_STRIKETHROUGH);
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new_ext(cell, options));
    html
}

fn check_epub(bytes: &[u8]) {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("the EPUB is a zip");
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("an entry");
        let name = entry.name().to_string();
        if !matches!(
            name.rsplit('.').next(),
            Some("xhtml" | "opf" | "ncx" | "xml" | "svg")
        ) {
            continue;
        }
        let mut text = String::new();
        entry.read_to_string(&mut text).expect("UTF-8 XML");
        let options = roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        };
        let doc = match roxmltree::Document::parse_with_options(&text, options) {
            Ok(doc) => doc,
            Err(e) => panic!("{name} is not well-formed: {e}\n{text}"),
        };
        let live = live_in_xml(&doc);
        assert!(live.is_empty(), "live markup in {name}: {live:?}\n{text}");
    }
}

fn check_csv(bytes: &[u8], markdown: bool) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .comment(if markdown { None } else { Some(b'#') })
        .from_reader(bytes);
    for record in reader.records() {
        let record = record.expect("a CSV record");
        for cell in record.iter() {
            let mut htmls = vec![];
            if markdown {
                htmls.push(markdown_html(cell));
                if let Some(unguarded) = cell.strip_prefix('\'') {
                    htmls.push(markdown_html(unguarded));
                }
            } else {
                htmls.push(cell.to_string());
            }
            for html in htmls {
                let live = live_in_html(&html);
                assert!(
                    live.is_empty(),
                    "live markup in a CSV cell: {live:?}\n{cell}\n→ {html}"
                );
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(parsed) = parse(data, "fuzz.md", 0, &ParseOptions::default()) else {
        return;
    };
    if parsed.guide.topics.is_empty() {
        return;
    }
    let prepared = Prepared::new(&parsed.guide, &PrepareOptions::default(), empty_folder());
    for note in &prepared.notes {
        for field in &note.fields {
            let live = live_in_html(field);
            assert!(live.is_empty(), "live markup in a note: {live:?}\n{field}");
        }
    }
    for output in [Output::Apkg, Output::Epub, Output::Csv, Output::AnkiCsv] {
        let mut bytes = Vec::new();
        output
            .write(&prepared, &Options::default(), &mut bytes)
            .expect("every output writes into memory");
        match output {
            Output::Apkg => assert!(bytes.starts_with(b"PK")),
            Output::Epub => check_epub(&bytes),
            Output::Csv => check_csv(&bytes, true),
            Output::AnkiCsv => check_csv(&bytes, false),
        }
    }
});
