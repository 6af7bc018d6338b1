//! Fuzz target: any bytes → the parser never panics, and every guide it accepts derives
//! cards in both granularities and serialises.
#![no_main]

use deckbook::model::Granularity;
use deckbook::parse::{ParseOptions, parse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for repair in [true, false] {
        let options = ParseOptions {
            repair,
            topic_level: None,
        };
        if let Ok(parsed) = parse(data, "fuzz.md", 0, &options) {
            let g = &parsed.guide;
            assert_eq!(g.cards(Granularity::Topics).len(), g.topics.len());
            let _ = g.cards(Granularity::Sections);
            let _ = serde_json::to_vec(g);
            let lines = deckbook::diagnostic::SourceLines::new(&parsed.source_text);
            for d in &parsed.diagnostics {
                let _ = d.render(Some(&lines), false);
            }
        }
    }
});
