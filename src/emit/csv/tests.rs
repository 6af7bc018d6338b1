//! Tests of both CSV emitters on hand-built and parsed guides: RFC 4180 quoting with CRLF,
//! the formula guard, the byte-order mark, the Anki headers, GUIDs and columns, and
//! byte-for-byte determinism. Every output is read back with the `csv` crate's reader.

use super::*;
use crate::model::Granularity;
use crate::parse::{ParseOptions, Parsed, parse};
use crate::prepare::PrepareOptions;
use crate::prepare::ids::note_guid;
use std::path::Path;

const GUIDE: &str = "# Tiny, \"Quoted\" Guide\n\n\
## 1. First, with a comma\n\n- starts with a dash\n- and \"quotes\"\n\n\
## 2. Second\n\n=SUM(A1:A2)\n\n### Part\n\n+1 and @me\n\n\
## 67. Third\n\nLine one\r\nline two\n";

fn parsed(source: &str) -> Parsed {
    parse(
        source.as_bytes(),
        "notes/tiny.md",
        1_767_225_600,
        &ParseOptions::default(),
    )
    .expect("parses")
}

fn build(source: &str, granularity: Granularity, options: &Options) -> (Vec<u8>, Vec<u8>) {
    let p = parsed(source);
    let prepared = Prepared::new(
        &p.guide,
        &PrepareOptions {
            granularity,
            ..PrepareOptions::default()
        },
        Path::new("."),
    );
    let (mut sheet, mut anki) = (Vec::new(), Vec::new());
    write_spreadsheet(&prepared, options, &mut sheet).expect("spreadsheet writes");
    write_anki(&prepared, options, &mut anki).expect("anki csv writes");
    (sheet, anki)
}

fn records(bytes: &[u8]) -> Vec<Vec<String>> {
    ::csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes)
        .records()
        .map(|r| r.expect("a record").iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn spreadsheet_has_the_header_and_one_crlf_row_per_card() {
    let (sheet, _) = build(GUIDE, Granularity::Topics, &Options::default());
    let text = String::from_utf8(sheet.clone()).expect("utf-8");
    assert!(text.starts_with("id,number,topic,section,question,answer,tags,source\r\n"));
    assert!(text.ends_with("\r\n"));
    let rows = records(&sheet);
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0], spreadsheet::HEADER);
    assert_eq!(rows[1][0], "first-with-a-comma");
    assert_eq!(rows[1][1], "1");
    assert_eq!(rows[1][4], "First, with a comma");
    assert!(text.contains(",\"First, with a comma\","), "{text}");
    assert_eq!(rows[1][6], "tiny-quoted-guide topic-1");
    assert_eq!(rows[1][7], "notes/tiny.md:3");
    assert_eq!(rows[3][1], "67");
}

#[test]
fn quotes_commas_and_newlines_round_trip() {
    let (sheet, _) = build(GUIDE, Granularity::Topics, &Options::default());
    let rows = records(&sheet);
    assert_eq!(
        rows[1][5], "'- starts with a dash\n- and \"quotes\"",
        "the guard prefix, then the cell exactly"
    );
    let text = String::from_utf8(sheet).expect("utf-8");
    assert!(text.contains("\"'- starts with a dash\n- and \"\"quotes\"\"\""));
    // The guide's CRLF became a soft break: LF inside the cell, CRLF only between records.
    assert_eq!(rows[3][5], "Line one\nline two");
    assert_eq!(text.matches("\r\n").count(), 4);
}

#[test]
fn the_formula_guard_prefixes_risky_cells_only() {
    use spreadsheet::guard_formula;
    for risky in ["=1+1", "+1", "-x", "@SUM(1)", "\tx", "\rx", "- item"] {
        assert_eq!(guard_formula(risky), format!("'{risky}"));
    }
    for safe in ["", "1", "x=1", " =1", "'=1", "### H", "|a|", "–dash"] {
        assert_eq!(guard_formula(safe), safe);
    }
    let (sheet, _) = build(GUIDE, Granularity::Sections, &Options::default());
    let rows = records(&sheet);
    let answers: Vec<&str> = rows[1..].iter().map(|r| r[5].as_str()).collect();
    assert!(answers.contains(&"'=SUM(A1:A2)"), "{answers:?}");
    assert!(answers.contains(&"'+1 and @me"), "{answers:?}");
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?}"
            );
        }
    }
}

#[test]
fn no_formula_guard_leaves_cells_alone() {
    let options = Options {
        no_formula_guard: true,
        ..Options::default()
    };
    let (sheet, _) = build(GUIDE, Granularity::Sections, &options);
    let rows = records(&sheet);
    assert!(rows.iter().any(|r| r[5] == "=SUM(A1:A2)"));
    assert!(rows.iter().all(|r| r.iter().all(|c| !c.starts_with('\''))));
}

#[test]
fn the_bom_is_written_only_when_asked() {
    let (plain, anki) = build(GUIDE, Granularity::Topics, &Options::default());
    assert!(plain.starts_with(b"id,"));
    let options = Options {
        csv_bom: true,
        ..Options::default()
    };
    let (bom, anki_with_bom_option) = build(GUIDE, Granularity::Topics, &options);
    assert!(bom.starts_with(b"\xEF\xBB\xBFid,"));
    assert_eq!(&bom[3..], &plain[..]);
    // Anki would not read its headers after a BOM, so its file never gets one.
    assert!(anki_with_bom_option.starts_with(b"#separator:Comma\r\n"));
    assert_eq!(anki, anki_with_bom_option);
}

#[test]
fn anki_csv_has_its_headers_guids_fields_tags_and_deck() {
    let (_, anki) = build(GUIDE, Granularity::Topics, &Options::default());
    let text = String::from_utf8(anki.clone()).expect("utf-8");
    let header = "#separator:Comma\r\n#html:true\r\n#notetype:deckbook Q&A\r\n\
                  #deck:Tiny, \"Quoted\" Guide\r\n#guid column:1\r\n#tags column:7\r\n\
                  #deck column:8\r\n";
    assert!(text.starts_with(header), "{text}");
    let rows: Vec<Vec<String>> = records(&anki.as_slice()[header.len()..]);
    assert_eq!(rows.len(), 3);
    let ids = ["first-with-a-comma", "second", "third"];
    for (row, id) in rows.iter().zip(ids) {
        assert_eq!(row.len(), 8);
        assert_eq!(row[0], note_guid("tiny-quoted-guide", id));
        assert_eq!(row[7], "Tiny, \"Quoted\" Guide");
    }
    assert_eq!(rows[0][5], "tiny.md:3");
    assert_eq!(rows[2][6], "tiny-quoted-guide topic-67");
}

#[test]
fn a_record_starting_with_a_hash_is_quoted_so_anki_does_not_skip_it() {
    // Find a card id whose GUID starts with `#` (base 91 includes it).
    let id = (0..10_000)
        .map(|i| format!("t{i}"))
        .find(|id| note_guid("g", id).starts_with('#'))
        .expect("some GUID starts with #");
    let mut guide = parsed("# G\n\n## 1. One\n\nx\n").guide;
    guide.slug = "g".into();
    guide.topics[0].id = id.clone();
    let prepared = Prepared::new(&guide, &PrepareOptions::default(), Path::new("."));
    let mut out = Vec::new();
    write_anki(&prepared, &Options::default(), &mut out).expect("writes");
    let text = String::from_utf8(out).expect("utf-8");
    let record = text
        .lines()
        .find(|l| !l.starts_with("#"))
        .expect("a record");
    assert!(
        record.starts_with(&format!("\"{}\"", note_guid("g", &id))),
        "{record}"
    );
}

#[test]
fn equal_input_gives_equal_bytes() {
    for granularity in [Granularity::Topics, Granularity::Sections] {
        let a = build(GUIDE, granularity, &Options::default());
        let b = build(GUIDE, granularity, &Options::default());
        assert_eq!(a, b);
    }
}

#[test]
fn sections_mode_gives_one_row_per_section_card() {
    let (sheet, anki) = build(GUIDE, Granularity::Sections, &Options::default());
    let rows = records(&sheet);
    let ids: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        ids,
        ["first-with-a-comma", "second", "second.part", "third"]
    );
    let part = &rows[3];
    assert_eq!((part[3].as_str(), part[4].as_str()), ("Part", "Part"));
    assert_eq!(part[2], "Second");
    let anki_rows = String::from_utf8(anki).expect("utf-8");
    assert!(anki_rows.contains(&note_guid("tiny-quoted-guide", "second.part")));
}
