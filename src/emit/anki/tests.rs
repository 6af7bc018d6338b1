//! End-to-end tests of the Anki emitter on hand-built guides: the package unzips, its
//! collection opens with SQLite and holds the expected notes, cards, deck and note type, and
//! equal inputs give equal bytes.

use super::*;
use crate::diagnostic::DiagnosticCode;
use crate::model::{
    Block, Granularity, Guide, Inline, Meta, Section, Source, Span, Topic, TopicNumber,
};
use crate::prepare::ids::note_guid;
use crate::prepare::{FIELD_NAMES, PrepareOptions};
use rusqlite::{Connection, MAIN_DB};
use std::io::{Cursor, Read};
use std::path::Path;

fn text(s: &str) -> Vec<Inline> {
    vec![Inline::Text { text: s.into() }]
}

fn para(s: &str) -> Block {
    Block::Paragraph { content: text(s) }
}

fn section(id: &str, title: &str, line: u32) -> Section {
    Section {
        id: id.into(),
        title: text(title),
        level: 3,
        span: Span {
            line,
            end_line: line + 2,
        },
        blocks: vec![para("body")],
        sections: Vec::new(),
    }
}

fn guide(timestamp: i64) -> Guide {
    let topic = |id: &str, number: Option<&str>, title: &str, line: u32, sections| Topic {
        id: id.into(),
        number: number.map(|n| TopicNumber(n.into())),
        title: text(title),
        span: Span {
            line,
            end_line: line + 9,
        },
        intro: vec![para("intro")],
        sections,
        ..Topic::default()
    };
    Guide {
        title: "Tiny Guide".into(),
        slug: "tiny-guide".into(),
        source: Source {
            path: "notes/tiny.md".into(),
            timestamp,
        },
        meta: Meta {
            description: "A <tiny> guide".into(),
            ..Meta::default()
        },
        preface: Vec::new(),
        topics: vec![
            topic(
                "first",
                Some("1"),
                "First",
                3,
                vec![section("first.a", "A", 5), section("first.b", "B", 8)],
            ),
            topic("second", Some("67"), "Second", 13, Vec::new()),
            topic(
                "third",
                None,
                "Third",
                23,
                vec![section("third.c", "C", 25)],
            ),
        ],
        ..Guide::default()
    }
}

fn build(
    guide: &Guide,
    granularity: Granularity,
    deck: Option<&str>,
) -> (Vec<u8>, Vec<DiagnosticCode>) {
    let options = PrepareOptions {
        granularity,
        deck: deck.map(str::to_string),
        ..PrepareOptions::default()
    };
    let prepared = Prepared::new(guide, &options, Path::new("."));
    let mut out = Vec::new();
    write(&prepared, &Options::default(), &mut out).expect("package writes");
    let codes = prepared.diagnostics.iter().map(|d| d.code).collect();
    (out, codes)
}

fn open(apkg: &[u8]) -> (Connection, String) {
    let mut archive = zip::ZipArchive::new(Cursor::new(apkg)).expect("a zip");
    let mut db = Vec::new();
    archive
        .by_name("collection.anki2")
        .expect("collection entry")
        .read_to_end(&mut db)
        .unwrap();
    let mut media = String::new();
    archive
        .by_name("media")
        .expect("media entry")
        .read_to_string(&mut media)
        .unwrap();
    let mut conn = Connection::open_in_memory().unwrap();
    conn.deserialize_read_exact(MAIN_DB, &db[..], db.len(), true)
        .unwrap();
    (conn, media)
}

fn count(conn: &Connection, table: &str) -> i64 {
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn topics_mode_makes_one_note_and_card_per_topic() {
    let g = guide(1_767_225_600);
    let (apkg, _) = build(&g, Granularity::Topics, None);
    let (conn, media) = open(&apkg);
    assert_eq!(media, "{}");
    assert_eq!((count(&conn, "notes"), count(&conn, "cards")), (3, 3));
    let rows: Vec<(String, String, i64, i64)> = conn
        .prepare("SELECT guid, tags, mod, mid FROM notes ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(rows[0].0, note_guid("tiny-guide", "first"));
    assert_eq!(rows[0].1, " tiny-guide topic-1 ");
    assert_eq!(rows[1].1, " tiny-guide topic-67 ");
    assert_eq!(rows[2].1, " tiny-guide ");
    assert!(rows.iter().all(|r| r.2 == 1_767_225_600
        && r.3 == crate::prepare::notetype_of(crate::model::CardKind::Basic).1));

    let dues: Vec<i64> = conn
        .prepare("SELECT due FROM cards ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(dues, [1, 2, 3]);

    let decks: String = conn
        .query_row("SELECT decks FROM col", [], |r| r.get(0))
        .unwrap();
    let decks: serde_json::Value = serde_json::from_str(&decks).unwrap();
    let id = deck_id("Tiny Guide").to_string();
    assert_eq!(decks[&id]["name"], "Tiny Guide");
    assert_eq!(decks[&id]["desc"], "A &lt;tiny&gt; guide");
}

#[test]
fn fields_carry_source_topic_and_section() {
    let g = guide(0);
    let (apkg, _) = build(&g, Granularity::Sections, None);
    let (conn, _) = open(&apkg);
    // first: intro + 2 sections; second: intro; third: intro + 1 section.
    assert_eq!(count(&conn, "notes"), 6);
    let flds: Vec<String> = conn
        .prepare("SELECT flds FROM notes ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let b: Vec<&str> = flds[2].split('\x1f').collect();
    assert_eq!(b.len(), FIELD_NAMES.len());
    assert_eq!(b[4], "tiny.md:8");
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM notes ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(ids[0] > 0, "ids stay positive for timestamp 0");
}

#[test]
fn builds_are_byte_identical_and_timestamped() {
    let g = guide(1_767_225_600);
    let (one, _) = build(&g, Granularity::Topics, None);
    let (two, _) = build(&g, Granularity::Topics, None);
    assert_eq!(one, two);
    let (later, _) = build(&guide(1_767_225_601), Granularity::Topics, None);
    assert_ne!(one, later);
    let (conn, _) = open(&later);
    let (crt, modified): (i64, i64) = conn
        .query_row("SELECT crt, mod FROM col", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!((crt, modified), (1_767_225_601, 1_767_225_601_000));
}

#[test]
fn deck_option_names_a_sub_deck() {
    let g = guide(5);
    let (apkg, warnings) = build(&g, Granularity::Topics, Some(" Study :: Python ::"));
    assert_eq!(
        warnings
            .iter()
            .filter(|&&c| c == DiagnosticCode::DeckName)
            .count(),
        1,
        "the deck name was normalised"
    );
    let (conn, _) = open(&apkg);
    let (decks, did): (String, i64) = conn
        .query_row(
            "SELECT decks, (SELECT did FROM cards LIMIT 1) FROM col",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let decks: serde_json::Value = serde_json::from_str(&decks).unwrap();
    assert_eq!(did, deck_id("Study::Python"));
    assert_eq!(decks[did.to_string()]["name"], "Study::Python");
}

#[test]
fn an_empty_guide_still_makes_a_valid_package() {
    let mut g = guide(5);
    g.topics.clear();
    g.title.clear();
    g.slug.clear();
    let (apkg, _) = build(&g, Granularity::Topics, None);
    let (conn, _) = open(&apkg);
    assert_eq!(count(&conn, "notes"), 0);
    let decks: String = conn
        .query_row("SELECT decks FROM col", [], |r| r.get(0))
        .unwrap();
    assert!(decks.contains("\"name\":\"deckbook\""));
}

fn answer_of(apkg: &[u8], index: usize) -> String {
    let (conn, _) = open(apkg);
    let flds: String = conn
        .query_row(
            "SELECT flds FROM notes ORDER BY id LIMIT 1 OFFSET ?1",
            [index as i64],
            |r| r.get(0),
        )
        .unwrap();
    flds.split('\x1f').nth(1).unwrap_or_default().to_string()
}

#[test]
fn local_images_are_embedded_under_flat_names() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("img")).unwrap();
    let png = b"\x89PNG\r\n\x1a\n not really a picture";
    std::fs::write(dir.path().join("img/diagram.png"), png).unwrap();
    let mut g = guide(7);
    let image = |url: &str| Block::Paragraph {
        content: vec![Inline::Image {
            url: url.into(),
            title: String::new(),
            alt: "pic".into(),
        }],
    };
    g.topics[0].intro = vec![image("img/diagram.png"), image("../../etc/passwd")];
    let prepared = Prepared::new(&g, &PrepareOptions::default(), dir.path());
    assert!(
        prepared
            .diagnostics
            .iter()
            .any(|d| d.message.contains("passwd"))
    );
    let mut apkg = Vec::new();
    write(&prepared, &Options::default(), &mut apkg).unwrap();

    let (_, media) = open(&apkg);
    let index: std::collections::BTreeMap<String, String> = serde_json::from_str(&media).unwrap();
    assert_eq!(index.len(), 1);
    let name = &index["0"];
    assert!(name.ends_with(".png") && !name.contains('/'), "{name}");
    let mut archive = zip::ZipArchive::new(Cursor::new(&apkg)).unwrap();
    let mut data = Vec::new();
    archive
        .by_name("0")
        .unwrap()
        .read_to_end(&mut data)
        .unwrap();
    assert_eq!(data, png);
    let answer = answer_of(&apkg, 0);
    assert!(answer.contains(&format!("src=\"{name}\"")), "{answer}");
    assert!(!answer.contains("passwd\""), "{answer}");
}

#[test]
fn raw_html_never_becomes_live_markup() {
    let mut g = guide(7);
    g.topics[0].intro = crate::parse::parsed_blocks(
        "<script>alert(1)</script><img src=x onerror=alert(1)>\
         <a href=\"javascript:alert(1)\">x</a><b onclick=\"y()\">b</b>",
    );
    g.topics[0].title = crate::parse::parsed_title("<script>t()</script>");
    let (apkg, _) = build(&g, Granularity::Topics, None);
    let (conn, _) = open(&apkg);
    let flds: String = conn
        .query_row("SELECT flds FROM notes ORDER BY id LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    let lower = flds.to_lowercase();
    for bad in ["<script", "onerror=", "onclick=", "javascript:"] {
        assert!(!lower.contains(bad), "{bad} in {flds}");
    }
    // The question had no text left, so the card's id stands in for it.
    assert!(flds.starts_with("first\x1f"), "{flds}");
}

#[test]
fn parts_make_one_package_under_the_bundles_deck_with_each_guides_guids() {
    let (a, mut b) = (guide(5), guide(9));
    b.slug = "other-guide".into();
    b.title = "Other Guide".into();
    let options = PrepareOptions {
        bundle: Some("Shelf".into()),
        ..PrepareOptions::default()
    };
    let (pa, pb) = (
        Prepared::new(&a, &options, Path::new(".")),
        Prepared::new(&b, &options, Path::new(".")),
    );
    let mut out = Vec::new();
    write_parts(Some("Shelf"), &[&Part::of(&pa), &Part::of(&pb)], &mut out).unwrap();
    let (conn, _) = open(&out);
    assert_eq!(
        count(&conn, "notes"),
        (pa.notes.len() + pb.notes.len()) as i64
    );
    let decks: String = conn
        .query_row("SELECT decks FROM col", [], |r| r.get(0))
        .unwrap();
    let decks: serde_json::Value = serde_json::from_str(&decks).unwrap();
    let mut names: Vec<&str> = decks
        .as_object()
        .unwrap()
        .values()
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    names.sort_unstable();
    assert_eq!(
        names,
        [
            "Default",
            "Shelf",
            "Shelf::Other Guide",
            "Shelf::Tiny Guide"
        ]
    );
    let guids: Vec<String> = conn
        .prepare("SELECT guid FROM notes ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let own: Vec<String> = pa
        .notes
        .iter()
        .chain(&pb.notes)
        .map(|n| n.guid.clone())
        .collect();
    assert_eq!(guids, own);
    // The latest guide's time dates the package; one part without a deck above it is the
    // guide's own package, byte for byte.
    let created: i64 = conn
        .query_row("SELECT crt FROM col", [], |r| r.get(0))
        .unwrap();
    assert_eq!(created, 9);
    let mut own_package = Vec::new();
    write(&pa, &Options::default(), &mut own_package).unwrap();
    let mut one_part = Vec::new();
    write_parts(None, &[&Part::of(&pa)], &mut one_part).unwrap();
    assert_eq!(own_package, one_part);
}
