//! Tests of the span adapter: what it leaves alone.

use super::*;
use crate::parse::markdown::options;

fn plain(text: &str) -> Vec<(Event<'_>, Range<usize>)> {
    Parser::new_ext(text, options())
        .into_offset_iter()
        .collect()
}

fn through(text: &str) -> Vec<(Event<'_>, Range<usize>)> {
    events(text, options())
        .map(|(piece, range)| match piece {
            Piece::Event(event) => (event, range),
            other => panic!("{other:?} in {text:?}"),
        })
        .collect()
}

#[test]
fn markdown_without_spans_passes_through_unchanged() {
    for text in [
        "# Title\n\nA *b* **c** [d](e) `f` ![g](h)\n\n- i\n- [x] j\n\n> k\n",
        "| a | b |\n|---|:-:|\n| $5 | $10 |\n",
        "```python\nx = '$a$' == '{{c1::b}}'\n```\n",
        "<div>\n==x== {{c1::y}}\n</div>\n",
        "a == b, x==y, $5-$10, array\\[0\\], f\\(x\\)\n",
        "Footnote[^1].\n\n[^1]: note\n",
    ] {
        let expected: Vec<_> = plain(text)
            .into_iter()
            .map(|(event, range)| match event {
                // The `$` rule turns this one back into its source text.
                Event::InlineMath(_) => (Event::Text(CowStrOf::of(&text[range.clone()])), range),
                other => (other, range),
            })
            .collect();
        assert_eq!(through(text), expected, "{text}");
    }
}

/// A borrowed `CowStr`.
struct CowStrOf;

impl CowStrOf {
    fn of(s: &str) -> pulldown_cmark::CowStr<'_> {
        pulldown_cmark::CowStr::Borrowed(s)
    }
}

#[test]
fn the_seed_passes_through_unchanged() {
    let seed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/source/python-interview-guide.md"
    ))
    .expect("the seed guide");
    let ours = through(&seed);
    let theirs = plain(&seed);
    assert_eq!(ours.len(), theirs.len());
    assert!(ours == theirs);
}

#[test]
fn escapes_are_counted() {
    assert!(escaped("\\(", 1));
    assert!(!escaped("\\\\(", 2));
    assert!(escaped("\\\\\\(", 3));
    assert!(!escaped("(", 0));
}
