//! Tests of the cloze deletions found in inline runs and their numbering.

use super::super::{Piece, events};
use super::*;
use crate::parse::markdown::options;

/// The pieces of `markdown` with deletions as `[cN:…]` (`[cN:…|hint]`), text as is, code as
/// `` `…` ``, emphasis as `*…*`, other markup dropped.
fn shown(markdown: &str) -> String {
    let mut out = String::new();
    for (piece, _) in events(markdown, options()) {
        match piece {
            Piece::ClozeStart { number } => out.push_str(&format!("[c{number}:")),
            Piece::ClozeEnd { hint: None } => out.push(']'),
            Piece::ClozeEnd { hint: Some(h) } => out.push_str(&format!("|{h}]")),
            Piece::Event(Event::Text(t)) => out.push_str(&t),
            Piece::Event(Event::Code(c)) => out.push_str(&format!("`{c}`")),
            Piece::Event(Event::InlineMath(m)) => out.push_str(&format!("⟦{m}⟧")),
            Piece::Event(Event::Start(pulldown_cmark::Tag::Emphasis))
            | Piece::Event(Event::End(pulldown_cmark::TagEnd::Emphasis)) => out.push('*'),
            Piece::Event(Event::SoftBreak) => out.push('\n'),
            Piece::Event(_) => {}
        }
    }
    out
}

#[test]
fn anki_deletions_as_written() {
    assert_eq!(shown("The {{c1::GIL}} locks."), "The [c1:GIL] locks.");
    assert_eq!(shown("{{c2::O(n)::complexity}}"), "[c2:O(n)|complexity]");
    assert_eq!(shown("{{c1::*bold* `code`}} x"), "[c1:*bold* `code`] x");
    assert_eq!(
        shown("{{c1::$\\frac{a}{b^{2}}$}}"),
        "[c1:⟦\\frac{a}{b^{2}}⟧]"
    );
    assert_eq!(shown("{{c1::a {{c2::b}} c}}"), "[c1:a [c2:b] c]");
    assert_eq!(shown("{{c12::x}}"), "[c12:x]");
    assert_eq!(shown("{{c1::std::vector}}"), "[c1:std|vector]");
    assert_eq!(shown("{{c1::x::*a* hint}}"), "[c1:x|a hint]");
    assert_eq!(shown("{{c1::x::with $y^2$}}"), "[c1:x|with \\(y^2\\)]");
    assert_eq!(shown("- {{c1::item}}\n"), "[c1:item]");
    assert_eq!(shown("| a |\n|---|\n| {{c3::cell}} |\n"), "a[c3:cell]");
}

#[test]
fn anki_look_alikes_stay_text() {
    for text in [
        "{{c0::zero}}",
        "{{c501::big}}",
        "{{c::none}}",
        "{{c1:one colon}}",
        "{{c1::}}",
        "{{c1:: }}",
        "{{c1::open",
        "close}} only",
        "{{c1,2::comma}}",
        "{{ c1::spaced }}",
        "a }} b :: c",
    ] {
        assert_eq!(shown(text), text, "{text}");
    }
    assert_eq!(shown("\\{{c1::escaped}}"), "{{c1::escaped}}");
    assert_eq!(shown("&#123;{c1::entity}}"), "{{c1::entity}}");
    assert_eq!(shown("`{{c1::code}}`"), "`{{c1::code}}`");
    assert_eq!(shown("```\n{{c1::block}}\n```\n"), "{{c1::block}}\n");
    assert_eq!(shown("## {{c1::heading}}\n"), "{{c1::heading}}");
    // Across elements: `*{{c1::a*}}` opens inside the emphasis and closes outside it.
    assert_eq!(shown("*{{c1::a*}}"), "*{{c1::a*}}");
}

#[test]
fn shorthand_deletions() {
    assert_eq!(shown("The ==GIL== locks."), "The [c0:GIL] locks.");
    assert_eq!(shown("==a== and ==b c=="), "[c0:a] and [c0:b c]");
    assert_eq!(shown("(==x==)."), "([c0:x]).");
    assert_eq!(shown("==*em*=="), "[c0:*em*]");
    assert_eq!(shown("==$x^2$=="), "[c0:⟦x^2⟧]");
    assert_eq!(shown("x ==y== z=="), "x [c0:y] z==");
}

#[test]
fn shorthand_look_alikes_stay_text() {
    for text in [
        "a == b",
        "x==y and y==z",
        "if a == b: pass",
        "=== heading-like ===",
        "a !== b",
        "a ==b == c",
        "==open only",
        "x ==y ==z",
        "====",
        "== ==",
    ] {
        assert_eq!(shown(text), text, "{text}");
    }
    assert_eq!(shown("\\==escaped=="), "==escaped==");
    assert_eq!(shown("`==code==`"), "`==code==`");
}

fn topic_with(markdown: &str) -> Topic {
    let map = (1..=markdown.split('\n').count() as u32).collect();
    let index = crate::parse::markdown::LineIndex::new(markdown, map);
    let intro = crate::parse::markdown::walk(markdown, &index)
        .items
        .into_iter()
        .filter_map(|l| match l.item {
            crate::parse::markdown::Item::Block(b) => Some(b),
            crate::parse::markdown::Item::Heading { .. } => None,
        })
        .collect();
    Topic {
        intro,
        ..Topic::default()
    }
}

fn numbers(topic: &Topic) -> Vec<u32> {
    fn collect(inlines: &[Inline], out: &mut Vec<u32>) {
        for inline in inlines {
            match inline {
                Inline::Cloze {
                    number, content, ..
                } => {
                    out.push(*number);
                    collect(content, out);
                }
                Inline::Emphasis { content } | Inline::Strong { content } => collect(content, out),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    crate::model::for_each_inlines(&topic.intro, &mut |c| collect(c, &mut out));
    out
}

#[test]
fn shorthand_numbers_follow_the_highest_written_one() {
    let mut topic = topic_with("==a== {{c3::b}}\n\n- ==c==\n- {{c1::d}} ==e==\n");
    number(&mut topic);
    assert_eq!(numbers(&topic), [4, 3, 5, 1, 6]);
    let mut topic = topic_with("==a== ==b==\n");
    number(&mut topic);
    assert_eq!(numbers(&topic), [1, 2]);
}
