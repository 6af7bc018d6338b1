//! The walk-based highlighter (`deckbook::render::highlight::highlight`) against an oracle:
//! the query-engine highlighter it replaced (`tree-sitter-highlight` over the grammars'
//! highlights queries plus deckbook's extra patterns, in `common/query_highlighter.rs`).
//! Every fenced code block of the seed and of every fixture guide must come out as the
//! same HTML, byte for byte.
//!
//! Blocks are gathered twice over: with pulldown-cmark from each file's text as it is, and
//! from `deckbook inspect --json` (the blocks deckbook renders, after its repairs — the
//! seed's unclosed fence swallows a fifth of the guide when the text is read as it is).

// Test code: a failed unwrap is a failed test (the library may not unwrap).
#![allow(clippy::unwrap_used)]

mod common;
#[path = "common/query_highlighter.rs"]
mod query_highlighter;

use common::{ROOT, deckbook, md_files};
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use query_highlighter::{Lang, QueryHighlighter, Syntax};
use serde_json::Value as Json;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A code block: where it was found, its info string's first word, and its text.
#[derive(Debug)]
struct Block {
    origin: String,
    tag: Option<String>,
    text: String,
}

/// The guides whose blocks are compared: the seed (and any guide of `source/`) and every
/// fixture guide, hostile ones included.
fn guides() -> Vec<String> {
    let mut guides = Vec::new();
    for dir in ["source", "tests/fixtures/guides", "tests/fixtures/hostile"] {
        for path in md_files(dir) {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            guides.push(format!("{dir}/{name}"));
        }
    }
    guides
}

/// The fenced code blocks of a Markdown text, read by pulldown-cmark as deckbook reads
/// Markdown (GFM tables, strikethrough, footnotes, task lists).
fn fenced_blocks(guide: &str, text: &str) -> Vec<Block> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS;
    let mut blocks = Vec::new();
    let mut open: Option<Block> = None;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                let line = text[..range.start].matches('\n').count() + 1;
                open = Some(Block {
                    origin: format!("{guide}:{line} (as written)"),
                    tag: info.split_whitespace().next().map(str::to_string),
                    text: String::new(),
                });
            }
            Event::Text(t) => {
                if let Some(block) = &mut open {
                    block.text.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => blocks.extend(open.take()),
            _ => {}
        }
    }
    blocks
}

/// The code blocks of deckbook's model of a guide (`inspect --json`): every object with
/// `"type": "code"` and a `text`, depth first.
fn model_blocks(guide: &str) -> Vec<Block> {
    let run = deckbook(&["inspect", "--json", guide]);
    assert!(run.status.success(), "inspect {guide}: {run:?}");
    let model: Json = serde_json::from_slice(&run.stdout).expect("inspect --json is JSON");
    let mut blocks = Vec::new();
    let mut pending = vec![&model];
    while let Some(value) = pending.pop() {
        match value {
            Json::Object(map) => {
                // Inline code is `"type": "code"` too, with `code` instead of `text`.
                let text = map.get("text").and_then(Json::as_str);
                if let (Some("code"), Some(text)) = (map.get("type").and_then(Json::as_str), text) {
                    let line = map.get("line").and_then(Json::as_u64).unwrap_or(0);
                    blocks.push(Block {
                        origin: format!("{guide}:{line} (as deckbook reads it)"),
                        tag: map.get("lang").and_then(Json::as_str).map(str::to_string),
                        text: text.to_string(),
                    });
                }
                pending.extend(map.values().rev());
            }
            Json::Array(items) => pending.extend(items.iter().rev()),
            _ => {}
        }
    }
    blocks
}

/// Every block to compare, without repeating a (tag, text) pair.
fn blocks() -> (Vec<Block>, usize) {
    let mut all = Vec::new();
    for guide in guides() {
        let bytes = std::fs::read(Path::new(ROOT).join(&guide)).unwrap();
        all.extend(fenced_blocks(&guide, &String::from_utf8_lossy(&bytes)));
        // The refused fixtures (empty, front matter only, NUL bytes) have no model.
        if deckbook(&["inspect", &guide]).status.success() {
            all.extend(model_blocks(&guide));
        }
    }
    let found = all.len();
    let mut seen = BTreeSet::new();
    all.retain(|b| seen.insert((b.tag.clone(), b.text.clone())));
    (all, found)
}

/// The label a block is counted under: its language (`python session` for a console
/// session by tag) or `plain`.
fn label(tag: Option<&str>) -> String {
    match Syntax::from_tag(tag) {
        Some(Syntax { lang, session }) => {
            format!("{}{}", lang.name(), if session { " session" } else { "" })
        }
        None => "plain".to_string(),
    }
}

/// Where two outputs first differ: the line (1-based) and both versions of it.
fn first_difference(walker: &str, oracle: &str) -> String {
    let (w, o): (Vec<&str>, Vec<&str>) = (walker.lines().collect(), oracle.lines().collect());
    let i = w.iter().zip(&o).take_while(|(a, b)| a == b).count();
    format!(
        "line {} of {}/{}:\n    walker: {}\n    oracle: {}",
        i + 1,
        w.len(),
        o.len(),
        w.get(i).unwrap_or(&"(none)"),
        o.get(i).unwrap_or(&"(none)")
    )
}

/// How the blocks of one run compared: blocks and lines per label, and every difference.
#[derive(Default)]
struct Comparison {
    counts: BTreeMap<String, (usize, usize)>,
    differences: Vec<String>,
}

impl Comparison {
    fn run(blocks: &[Block]) -> Self {
        let mut oracle = QueryHighlighter::new();
        let mut result = Comparison::default();
        for block in blocks {
            let tag = block.tag.as_deref();
            let walker = deckbook::render::highlight::highlight(tag, &block.text);
            let expected = oracle.highlight(tag, &block.text);
            let count = result.counts.entry(label(tag)).or_default();
            count.0 += 1;
            count.1 += block.text.lines().count();
            if walker != expected {
                result.differences.push(format!(
                    "{} ({}): {}",
                    block.origin,
                    tag.unwrap_or("no tag"),
                    first_difference(&walker, &expected)
                ));
            }
        }
        result
    }

    /// `label: N blocks, M lines; …`
    fn summary(&self) -> String {
        let parts: Vec<String> = self
            .counts
            .iter()
            .map(|(label, (n, lines))| format!("{label}: {n} blocks, {lines} lines"))
            .collect();
        parts.join("; ")
    }

    fn assert_identical(&self) {
        let total: usize = self.counts.values().map(|(n, _)| n).sum();
        assert!(
            self.differences.is_empty(),
            "{} of {total} blocks differ from the query engine:\n{}",
            self.differences.len(),
            self.differences.join("\n")
        );
    }
}

#[test]
fn the_walker_writes_what_the_query_engine_wrote_for_every_code_block() {
    let (blocks, found) = blocks();
    let comparison = Comparison::run(&blocks);
    println!(
        "{found} blocks found, {} distinct compared: {}",
        blocks.len(),
        comparison.summary()
    );
    for lang in Lang::ALL {
        let (n, _) = comparison
            .counts
            .get(lang.name())
            .copied()
            .unwrap_or_default();
        assert!(n > 0, "no {} block was compared", lang.name());
    }
    comparison.assert_identical();
}

/// The same comparison over every source file under the folders of `ORACLE_DIRS`
/// (`:`-separated), each file one block, its language from its extension (`.py`, `.sh`,
/// `.bash`, `.toml`, `.json`, `.js`, `.mjs`, `.cjs`; `ORACLE_LANG=sh` reads every file as
/// shell, whatever its name). Run by hand:
/// `ORACLE_DIRS=/usr/lib/python3 cargo test --test highlight_oracle -- --ignored`.
#[test]
#[ignore = "needs ORACLE_DIRS, folders of source files to compare on"]
fn the_walker_writes_what_the_query_engine_wrote_for_every_file_of_oracle_dirs() {
    let dirs = std::env::var("ORACLE_DIRS").expect("ORACLE_DIRS names the folders to read");
    let mut blocks = Vec::new();
    let forced = std::env::var("ORACLE_LANG").ok();
    let mut not_utf8 = 0usize;
    let mut pending: Vec<std::path::PathBuf> = dirs.split(':').map(Into::into).collect();
    while let Some(path) = pending.pop() {
        if path.is_dir() {
            let entries = std::fs::read_dir(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
            pending.extend(entries.filter_map(|e| e.ok().map(|e| e.path())));
            continue;
        }
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        let tag = match forced.as_deref().unwrap_or(ext) {
            "py" => "python",
            "sh" | "bash" => "bash",
            "toml" => "toml",
            "json" => "json",
            "js" | "mjs" | "cjs" => "javascript",
            _ => continue,
        };
        let Ok(text) = std::fs::read(&path).map(String::from_utf8) else {
            continue;
        };
        let Ok(text) = text else {
            not_utf8 += 1;
            continue;
        };
        blocks.push(Block {
            origin: path.display().to_string(),
            tag: Some(tag.to_string()),
            text,
        });
    }
    assert!(!blocks.is_empty(), "no source file under {dirs}");
    let comparison = Comparison::run(&blocks);
    println!(
        "{not_utf8} files not UTF-8, left out; compared: {}",
        comparison.summary()
    );
    comparison.assert_identical();
}

/// The oracle is not vacuous: it highlights, and a wrong class in the walker's output
/// would show.
#[test]
fn the_oracle_highlights() {
    let mut oracle = QueryHighlighter::new();
    let html = oracle.highlight(Some("python"), "def f(self):\n    return None\n");
    assert_eq!(
        html,
        "<span class=\"line\"><span class=\"hl-keyword\">def</span> \
         <span class=\"hl-function\">f</span>(<span class=\"hl-builtin\">self</span>):\n</span>\
         <span class=\"line\">    <span class=\"hl-keyword\">return</span> \
         <span class=\"hl-constant\">None</span>\n</span>"
    );
}
