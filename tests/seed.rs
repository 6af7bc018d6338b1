//! The real guide (`source/python-interview-guide.md`, a verbatim copy of the delivered seed):
//! structure, repairs and a whole-guide round trip of its text through the model.

// Test code: a failed unwrap is a failed test (the library may not unwrap).
#![allow(clippy::unwrap_used)]

use deckbook::diagnostic::DiagnosticCode;
use deckbook::model::{Block, Guide, Inline, Section, plain_text};
use deckbook::parse::{ParseOptions, Parsed, parse};

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/source/python-interview-guide.md"
);

fn seed() -> Parsed {
    let bytes = std::fs::read(SEED).expect("seed guide");
    parse(
        &bytes,
        "source/python-interview-guide.md",
        0,
        &ParseOptions::default(),
    )
    .expect("parses")
}

fn titles(sections: &[Section]) -> Vec<String> {
    sections
        .iter()
        .map(|s| plain_text(&s.title).trim().to_string())
        .collect()
}

#[test]
fn seventy_four_topics_numbered_one_to_seventy_three_with_67_twice() {
    let g = seed().guide;
    assert_eq!(g.title, "Complete Python Interview Guide");
    assert_eq!(g.slug, "complete-python-interview-guide");
    let numbers: Vec<String> = g
        .topics
        .iter()
        .map(|t| t.number.as_ref().unwrap().0.clone())
        .collect();
    let mut expected: Vec<String> = (1..=73).map(|n| n.to_string()).collect();
    expected.insert(67, "67".to_string());
    assert_eq!(numbers, expected);
    assert_eq!(g.topics.len(), 74);
}

#[test]
fn stray_topic_level_headings_become_sections() {
    let g = seed().guide;
    assert_eq!(
        titles(&g.topics[2].sections),
        [
            "List Comprehension",
            "Advantages",
            "Disadvantages",
            "Filter Function"
        ]
    );
    assert!(titles(&g.topics[8].sections).contains(&"How Generators Work".to_string()));
    assert_eq!(plain_text(&g.topics[8].title), "Generator");
}

#[test]
fn the_second_67_starts_at_line_5362_outside_code() {
    let parsed = seed();
    let g = &parsed.guide;
    let second = &g.topics[67];
    assert_eq!(second.number.as_ref().unwrap().0, "67");
    assert_eq!(second.span.line, 5362);
    assert_eq!(
        plain_text(&second.title),
        "The with Statement and Context Management"
    );
    assert_eq!(
        second.title[1],
        Inline::Code {
            code: "with".into()
        }
    );
    // The code block that swallowed it now ends before it.
    let first = &g.topics[66];
    assert!(first.span.end_line < 5362);
    for block in g.code_blocks() {
        if let Block::Code { text, .. } = block {
            assert!(
                !text.contains("## 67."),
                "a topic heading is still inside code"
            );
        }
    }
    let fence = parsed
        .diagnostics
        .iter()
        .find(|d| d.code == DiagnosticCode::UnclosedFence)
        .expect("fence warning");
    assert_eq!(fence.location.as_ref().unwrap().line, 5348);
    assert!(fence.notes[0].contains("line 5362"));
    let dup = parsed
        .diagnostics
        .iter()
        .find(|d| d.code == DiagnosticCode::DuplicateTopicNumber)
        .expect("dup warning");
    assert_eq!(dup.location.as_ref().unwrap().line, 5362);
    assert!(dup.notes[0].contains("line 5064"));
}

#[test]
fn every_code_block_of_the_source_is_in_the_model() {
    let parsed = seed();
    let source = std::fs::read_to_string(SEED).unwrap();
    // Counted independently: every fence line opens or closes a block, and one block is
    // never closed, so blocks = (fence lines + 1) / 2.
    let fence_lines = source.lines().filter(|l| l.starts_with("```")).count();
    assert_eq!(fence_lines, 391);
    let blocks = parsed.guide.code_blocks();
    assert_eq!(blocks.len(), fence_lines.div_ceil(2));
    let python = blocks
        .iter()
        .filter(|b| matches!(b, Block::Code { lang: Some(l), .. } if l == "python"))
        .count();
    assert_eq!(
        python,
        source
            .lines()
            .filter(|l| l.trim_end() == "```python")
            .count()
    );
    for block in blocks {
        if let Block::Code { text, line, .. } = block {
            assert!(
                parsed.repaired_text.contains(text.as_str()),
                "code at line {line} altered"
            );
            assert!(
                source
                    .lines()
                    .nth(*line as usize - 1)
                    .unwrap()
                    .starts_with("```"),
                "line {line}"
            );
        }
    }
}

#[test]
fn no_mis_encoded_text_is_left() {
    let parsed = seed();
    let json = serde_json::to_string(&parsed.guide).unwrap();
    for bad in ["â€", "Ã", "ðŸ", "â”", "Â²"] {
        assert!(!json.contains(bad), "{bad} left in the model");
    }
    for good in ["’", "🔹", "├──", "²", "→", "✅"] {
        assert!(json.contains(good), "{good} missing from the model");
    }
    // Counted in the seed: 21 `├──` and 7 `└──` (3 repairs each), 15 `│`, 9 `→`, 6 `’`,
    // 3 `🔹`, 2 `—`, 2 `²`, 1 `✅`.
    assert_eq!(
        parsed.repairs.encoding,
        21 * 3 + 7 * 3 + 15 + 9 + 6 + 3 + 2 + 2 + 1
    );
    assert_eq!(parsed.repairs.fences, 1);
}

/// Alphanumeric words of `text`, in order.
fn words(text: &str, out: &mut Vec<String>) {
    out.extend(
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string),
    );
}

fn inline_words(inlines: &[Inline], out: &mut Vec<String>) {
    for i in inlines {
        match i {
            Inline::Text { text } => words(text, out),
            Inline::Code { code } => words(code, out),
            Inline::Math { latex, .. } => words(latex, out),
            Inline::Element { attrs, content, .. } => {
                for attr in attrs {
                    words(&attr.value, out);
                }
                inline_words(content, out);
            }
            Inline::Emphasis { content }
            | Inline::Strong { content }
            | Inline::Strike { content } => inline_words(content, out),
            Inline::Cloze { content, hint, .. } => {
                inline_words(content, out);
                words(hint.as_deref().unwrap_or(""), out);
            }
            Inline::Link {
                url,
                title,
                content,
            } => {
                inline_words(content, out);
                words(url, out);
                words(title, out);
            }
            Inline::Image { url, title, alt } => {
                words(alt, out);
                words(url, out);
                words(title, out);
            }
            Inline::FootnoteRef { label } => words(label, out),
            Inline::SoftBreak | Inline::HardBreak => {}
        }
    }
}

fn block_words(blocks: &[Block], out: &mut Vec<String>) {
    for b in blocks {
        match b {
            Block::Paragraph { content }
            | Block::Heading { content, .. }
            | Block::Plain { content } => inline_words(content, out),
            Block::List { start, items } => {
                for (n, item) in items.iter().enumerate() {
                    if let Some(s) = start {
                        out.push((s + n as u64).to_string());
                    }
                    block_words(&item.blocks, out);
                }
            }
            Block::Code { lang, text, .. } => {
                if let Some(l) = lang {
                    words(l, out);
                }
                words(text, out);
            }
            Block::Table { head, rows, .. } => {
                for cell in head.iter().chain(rows.iter().flatten()) {
                    inline_words(cell, out);
                }
            }
            Block::Quote { blocks } => block_words(blocks, out),
            Block::Footnote { label, blocks } => {
                words(label, out);
                block_words(blocks, out);
            }
            Block::Element {
                attrs, children, ..
            } => {
                for attr in attrs {
                    words(&attr.value, out);
                }
                block_words(children, out);
            }
            Block::Comment { text } => words(text, out),
            Block::Rule => {}
        }
    }
}

fn section_words(s: &Section, out: &mut Vec<String>) {
    inline_words(&s.title, out);
    block_words(&s.blocks, out);
    for c in &s.sections {
        section_words(c, out);
    }
}

fn guide_words(g: &Guide) -> Vec<String> {
    let mut out = Vec::new();
    words(&g.title, &mut out);
    block_words(&g.preface, &mut out);
    for t in &g.topics {
        if let Some(n) = &t.number {
            out.push(n.0.clone());
        }
        inline_words(&t.title, &mut out);
        block_words(&t.intro, &mut out);
        for s in &t.sections {
            section_words(s, &mut out);
        }
    }
    out
}

/// Nothing is lost: the words of the model, in order, are the words of the repaired source
/// (every line, with only the markup's own punctuation gone).
#[test]
fn the_models_text_is_the_repaired_sources_text() {
    let parsed = seed();
    let mut source_words = Vec::new();
    for line in parsed.repaired_text.lines() {
        words(line, &mut source_words);
    }
    let model_words = guide_words(&parsed.guide);
    if let Some(i) =
        (0..source_words.len().min(model_words.len())).find(|&i| source_words[i] != model_words[i])
    {
        panic!(
            "first difference at word {i}: source {:?} vs model {:?}",
            &source_words[i.saturating_sub(5)..(i + 5).min(source_words.len())],
            &model_words[i.saturating_sub(5)..(i + 5).min(model_words.len())]
        );
    }
    assert_eq!(source_words.len(), model_words.len());
    assert!(model_words.len() > 15_000, "{}", model_words.len());
}

#[test]
fn ids_are_unique_and_independent_of_numbers() {
    let g = seed().guide;
    let mut ids = std::collections::BTreeSet::new();
    for t in &g.topics {
        assert!(ids.insert(t.id.clone()), "repeated id {}", t.id);
        for s in &t.sections {
            s.walk(&mut |s| assert!(ids.insert(s.id.clone()), "repeated id {}", s.id));
        }
    }
    assert_eq!(g.topics[0].id, "mutable-and-immutable-data-types");
    assert_eq!(
        g.topics[0].sections[0].id,
        "mutable-and-immutable-data-types.immutable-data-types"
    );
    // Renumbering a topic keeps its id.
    let source = std::fs::read_to_string(SEED)
        .unwrap()
        .replace("## 1. Mutable", "## 100. Mutable");
    let renumbered = parse(source.as_bytes(), "g.md", 0, &ParseOptions::default())
        .unwrap()
        .guide;
    assert_eq!(renumbered.topics[0].id, g.topics[0].id);
}

#[test]
fn no_repair_keeps_the_mis_encoded_text() {
    let bytes = std::fs::read(SEED).unwrap();
    let options = ParseOptions {
        repair: false,
        topic_level: None,
    };
    let parsed = parse(&bytes, "g.md", 0, &options).unwrap();
    assert_eq!(parsed.repairs.encoding, 0);
    assert!(
        !parsed
            .diagnostics
            .iter()
            .any(|d| d.code == DiagnosticCode::MisEncoded)
    );
    let json = serde_json::to_string(&parsed.guide).unwrap();
    assert!(json.contains("â€™") && json.contains("ðŸ”¹"));
    // Structure does not depend on the repair.
    assert_eq!(parsed.guide.topics.len(), 74);
}

#[test]
fn topic_level_can_be_forced() {
    let bytes = std::fs::read(SEED).unwrap();
    let options = ParseOptions {
        repair: true,
        topic_level: Some(3),
    };
    let g = parse(&bytes, "g.md", 0, &options).unwrap().guide;
    // Every `###` heading is a topic now, numbered or not.
    assert!(g.topics.len() > 74, "{}", g.topics.len());
    assert_eq!(plain_text(&g.topics[0].title), "Immutable Data Types");
}
