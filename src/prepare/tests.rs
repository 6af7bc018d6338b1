//! Tests of the prepare stage as a whole: overrides of the front matter, the order of its
//! diagnostics, and the second step adding none.

use super::*;
use crate::diagnostic::DiagnosticCode;
use crate::model::{Inline, Meta, Topic, TopicNumber};

fn guide() -> Guide {
    Guide {
        title: "Heading Title".into(),
        slug: "heading-title".into(),
        meta: Meta {
            title: Some("Front  Title".into()),
            author: " Ann\u{7} ".into(),
            language: "C".into(),
            ..Meta::default()
        },
        topics: vec![
            Topic {
                id: "one".into(),
                number: Some(TopicNumber("1".into())),
                title: vec![Inline::Text { text: "One".into() }],
                ..Topic::default()
            },
            Topic {
                id: "two".into(),
                title: vec![Inline::Image {
                    url: "gone.png".into(),
                    title: String::new(),
                    alt: String::new(),
                }],
                span: crate::model::Span {
                    line: 9,
                    end_line: 9,
                },
                ..Topic::default()
            },
        ],
        ..Guide::default()
    }
}

#[test]
fn the_front_matter_names_the_book_and_the_heading_the_deck() {
    let g = guide();
    let checked = check(&g, &PrepareOptions::default(), Path::new("."));
    assert_eq!(checked.title, "Front Title");
    assert_eq!(checked.deck, "Heading Title");
    assert_eq!(checked.author, "Ann");
    assert_eq!(checked.language, "en");
}

#[test]
fn command_line_options_override_the_front_matter() {
    let g = guide();
    let options = PrepareOptions {
        title: Some("Given".into()),
        author: Some("Bo".into()),
        language: Some("de_CH.UTF-8".into()),
        ..PrepareOptions::default()
    };
    let checked = check(&g, &options, Path::new("."));
    assert_eq!(
        (checked.title.as_str(), checked.deck.as_str()),
        ("Given", "Given")
    );
    assert_eq!(checked.author, "Bo");
    assert_eq!(checked.language, "de-CH");
    assert!(
        checked
            .diagnostics
            .iter()
            .all(|d| d.code != DiagnosticCode::EpubLanguage)
    );
}

#[test]
fn every_problem_is_found_by_the_first_step_in_source_order() {
    let g = guide();
    let options = PrepareOptions {
        deck: Some("A::".into()),
        ..PrepareOptions::default()
    };
    let checked = check(&g, &options, Path::new("."));
    let codes: Vec<DiagnosticCode> = checked.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        [
            DiagnosticCode::ImageMissing,
            DiagnosticCode::EmptyQuestion,
            DiagnosticCode::EpubLanguage,
            DiagnosticCode::DeckName,
        ]
    );
    let before = checked.diagnostics.clone();
    let prepared = checked.render();
    assert_eq!(prepared.diagnostics, before);
    assert_eq!(prepared.notes.len(), 2);
    assert_eq!(prepared.notes[1].fields[0], "two");
}
