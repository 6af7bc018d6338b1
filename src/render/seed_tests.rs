//! Tests of the render layer on the seed guide (`source/python-interview-guide.md`): every
//! code block highlighted with one line span per source line, the result deterministic,
//! every card's answer well-formed in both flavors, sections anchored with unique ids.

use crate::model::{Block, Granularity, Guide};
use crate::parse::{ParseOptions, parse};
use crate::prepare::{PrepareOptions, Prepared};
use crate::render::testutil::assert_well_formed;
use crate::render::{CodeHtml, Flavor, anchor};
use std::collections::BTreeSet;
use std::path::Path;

fn seed() -> Guide {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/source/python-interview-guide.md"
    );
    let bytes = std::fs::read(path).expect("seed guide");
    parse(&bytes, "guide.md", 0, &ParseOptions::default())
        .expect("parses")
        .guide
}

#[test]
fn every_seed_code_block_is_highlighted_line_by_line() {
    let guide = seed();
    let code = CodeHtml::for_guide(&guide);
    let blocks = guide.code_blocks();
    assert!(blocks.len() > 150, "{} code blocks", blocks.len());
    let mut python = 0;
    for block in blocks {
        let Block::Code { lang, text, .. } = block else {
            continue;
        };
        let html = code.get(lang.as_deref(), text).expect("highlighted");
        let lines = text.strip_suffix('\n').unwrap_or(text).split('\n').count();
        assert_eq!(html.matches("<span class=\"line\">").count(), lines);
        assert_well_formed(html);
        if lang.as_deref() == Some("python") && text.lines().any(|l| !l.trim().is_empty()) {
            python += 1;
            assert!(html.contains("hl-"), "unhighlighted python:\n{text}");
        }
    }
    assert!(python > 150);
    let all: String = guide
        .code_blocks()
        .iter()
        .filter_map(|b| match b {
            Block::Code { lang, text, .. } => code.get(lang.as_deref(), text),
            _ => None,
        })
        .collect();
    assert!(all.contains("<span class=\"hl-keyword\">match</span>"));
    assert!(all.contains("<span class=\"hl-keyword\">case</span>"));
}

#[test]
fn highlighting_is_deterministic() {
    let guide = seed();
    let (a, b) = (CodeHtml::for_guide(&guide), CodeHtml::for_guide(&guide));
    assert_eq!(a.len(), b.len());
    for block in guide.code_blocks() {
        if let Block::Code { lang, text, .. } = block {
            assert_eq!(a.get(lang.as_deref(), text), b.get(lang.as_deref(), text));
        }
    }
}

#[test]
fn every_card_renders_well_formed_in_both_flavors() {
    let guide = seed();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("source");
    let options = PrepareOptions {
        granularity: Granularity::Sections,
        ..PrepareOptions::default()
    };
    let prepared = Prepared::new(&guide, &options, &dir);
    for flavor in [Flavor::Xhtml, Flavor::Anki] {
        let r = prepared.renderer(flavor);
        for card in &prepared.cards {
            let mut out = r.inlines_html(card.card.question);
            r.answer(&card.card, 3, &mut out);
            if flavor == Flavor::Xhtml {
                assert_well_formed(&out);
            } else {
                assert!(!out.contains("<br/>") && !out.contains("<hr/>"));
            }
        }
    }
}

#[test]
fn section_anchors_are_unique_per_topic() {
    let guide = seed();
    for topic in &guide.topics {
        let mut ids = BTreeSet::new();
        for section in &topic.sections {
            section.walk(&mut |s| assert!(ids.insert(anchor(&s.id)), "{}", s.id));
        }
    }
}
