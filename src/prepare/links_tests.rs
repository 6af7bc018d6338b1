//! Unit tests of `links.rs`: GitHub's slugs, where fragments lead, and the warnings for
//! fragments that lead nowhere.

use super::*;
use crate::model::{Section, Span, Topic};

fn text(t: &str) -> Vec<Inline> {
    vec![Inline::Text { text: t.into() }]
}

fn link(url: &str) -> Block {
    Block::Paragraph {
        content: vec![Inline::Link {
            url: url.into(),
            title: String::new(),
            content: text("see"),
        }],
    }
}

fn topic(id: &str, prefix: &str, title: &str, intro: Vec<Block>) -> Topic {
    Topic {
        id: id.into(),
        prefix: prefix.into(),
        title: text(title),
        span: Span {
            line: 3,
            end_line: 9,
        },
        intro,
        ..Topic::default()
    }
}

#[test]
fn github_slugs_follow_github_slugger() {
    assert_eq!(github_slug("12. Closures"), "12-closures");
    assert_eq!(
        github_slug("The `with` Statement & Context-Managers!"),
        "the-with-statement--context-managers"
    );
    assert_eq!(github_slug("Q12: Why?"), "q12-why");
    assert_eq!(github_slug("snake_case  Names"), "snake_case--names");
    assert_eq!(github_slug("Café — naïve 🚀"), "café--naïve-");
    let mut slugs = GithubSlugs::default();
    let got: Vec<String> = ["A", "A", "A-1", "A"].map(|t| slugs.next(t)).into();
    assert_eq!(got, ["a", "a-1", "a-1-1", "a-2"]);
}

#[test]
fn fragments_resolve_to_a_chapter_and_an_anchor() {
    let mut second = topic("closures", "12. ", "Closures", vec![]);
    second.sections = vec![Section {
        id: "closures.late-binding".into(),
        title: text("Late Binding"),
        blocks: vec![Block::List {
            start: None,
            items: vec![crate::model::ListItem {
                checked: None,
                blocks: vec![Block::Heading {
                    level: 4,
                    content: text("In a list"),
                }],
            }],
        }],
        ..Section::default()
    }];
    let guide = Guide {
        title: "Guide".into(),
        title_source: TitleSource::Heading,
        topics: vec![topic("overview", "", "Guide", vec![]), second],
        ..Guide::default()
    };
    let links = Links::collect(&guide, &mut Vec::new());
    let at = |url: &str| links.target(url).map(|t| (t.chapter, t.anchor.clone()));
    assert_eq!(at("#closures"), Some((1, "closures".into())));
    assert_eq!(at(" #12-closures "), Some((1, "closures".into())));
    assert_eq!(
        at("#closures.late-binding"),
        Some((1, "closures.late-binding".into()))
    );
    assert_eq!(
        at("#late-binding"),
        Some((1, "closures.late-binding".into()))
    );
    assert_eq!(at("#in-a-list"), Some((1, "closures.late-binding".into())));
    assert_eq!(at("#clos%75res"), Some((1, "closures".into())));
    // GitHub gives the title heading `guide` (the book has no place for it), so the
    // first topic, also titled "Guide", is `guide-1` there.
    assert_eq!(at("#guide-1"), Some((0, "overview".into())));
    assert_eq!(at("#guide"), None);
    assert_eq!(at("#overview"), Some((0, "overview".into())));
    assert_eq!(at("#"), None);
    assert_eq!(at("https://example.com/#closures"), None);
}

#[test]
fn each_fragment_that_leads_nowhere_is_reported_once_with_its_place() {
    let guide = Guide {
        source: crate::model::Source {
            path: "g.md".into(),
            timestamp: 0,
        },
        topics: vec![topic(
            "one",
            "1. ",
            "One",
            vec![
                link("#gone"),
                link("#gone"),
                link("#1-one"),
                link("#"),
                link("https://example.com/#gone"),
                Block::Paragraph {
                    content: vec![Inline::Element {
                        tag: Tag::Span,
                        attrs: Vec::new(),
                        content: vec![Inline::Link {
                            url: "#also-gone".into(),
                            title: String::new(),
                            content: text("x"),
                        }],
                    }],
                },
            ],
        )],
        ..Guide::default()
    };
    let mut diagnostics = Vec::new();
    Links::collect(&guide, &mut diagnostics);
    let messages: Vec<&str> = diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(messages[0].contains("`#gone`"), "{messages:?}");
    assert!(messages[1].contains("`#also-gone`"), "{messages:?}");
    assert!(
        diagnostics
            .iter()
            .all(|d| d.code == DiagnosticCode::EpubLink)
    );
    let place = diagnostics[0].location.as_ref().expect("a place");
    assert_eq!((place.path.as_str(), place.line), ("g.md", 3));
}
