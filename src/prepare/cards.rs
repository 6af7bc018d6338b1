//! The cards as every output shows them: the model's cards, each with its question decided
//! once (a question without visible text falls back to the card's id, with a warning) and
//! its tags.

use super::links::Links;
use super::media::MediaSet;
use super::notes::strip_html;
use crate::diagnostic::{Diagnostic, DiagnosticCode};
use crate::model::{Card, Granularity, Guide, slugify};
use crate::render::{CodeHtml, Flavor, HtmlRenderer, escape_text};

/// A card with what every output agrees on.
#[derive(Debug, Clone)]
pub struct PreparedCard<'g> {
    /// The model's card.
    pub card: Card<'g>,
    /// The question as the Anki note's first field holds it: its HTML, or the card's id
    /// (escaped) when the question has no visible text.
    pub question: String,
    /// `true` when the question has no visible text: every output shows the card's id.
    pub untitled: bool,
    /// The tags: the guide's slug and `topic-<number>` (without Anki's reserved characters).
    pub tags: Vec<String>,
}

/// The cards of `guide`, with their questions rendered against `media` (questions hold no
/// code blocks, so no highlighting is needed) and an `empty-question` warning for each
/// question without visible text.
pub fn prepare<'g>(
    guide: &'g Guide,
    granularity: Granularity,
    media: &MediaSet,
    links: &Links,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<PreparedCard<'g>> {
    let no_code = CodeHtml::default();
    let renderer = HtmlRenderer::new(&no_code, media, links, Flavor::Anki);
    guide
        .cards(granularity)
        .into_iter()
        .map(|card| {
            let mut question = renderer.inlines_html(card.question);
            // Anki's test for an empty first field: no text once tags are stripped.
            let untitled = strip_html(&question).trim().is_empty();
            if untitled {
                diagnostics.push(
                    Diagnostic::warning(
                        DiagnosticCode::EmptyQuestion,
                        format!("card `{}` has no question text; its id is used", card.id),
                    )
                    .at(guide.file_of(card.topic), card.line, 1),
                );
                question = escape_text(card.id);
            }
            PreparedCard {
                tags: tags(guide, &card),
                card,
                question: question.replace('\x1f', ""),
                untitled,
            }
        })
        .collect()
}

/// The card's tags: the guide slug and `topic-<number>`.
fn tags(guide: &Guide, card: &Card<'_>) -> Vec<String> {
    let mut tags = Vec::with_capacity(2);
    let slug = tag_safe(&guide.slug);
    if !slug.is_empty() {
        tags.push(slug);
    }
    if let Some(number) = &card.topic.number {
        let n = slugify(&number.0);
        if !n.is_empty() {
            tags.push(format!("topic-{n}"));
        }
    }
    tags
}

/// `tag` without the characters Anki reserves in tags (space, `"`, control characters).
fn tag_safe(tag: &str) -> String {
    tag.chars()
        .filter(|c| !c.is_whitespace() && !c.is_control() && *c != '"')
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Inline, Topic, TopicNumber};

    #[test]
    fn tags_are_space_free() {
        assert_eq!(tag_safe("a b\"c"), "abc");
    }

    #[test]
    fn a_question_without_text_falls_back_to_the_id_with_a_warning() {
        let topic = |id: &str, number: Option<&str>, title: Vec<Inline>| Topic {
            id: id.into(),
            number: number.map(|n| TopicNumber(n.into())),
            title,
            ..Topic::default()
        };
        let guide = Guide {
            slug: "g".into(),
            topics: vec![
                topic(
                    "first",
                    Some("1"),
                    vec![Inline::Text {
                        text: "First".into(),
                    }],
                ),
                topic(
                    "second",
                    None,
                    crate::parse::parsed_title("<script>x()</script>"),
                ),
            ],
            ..Guide::default()
        };
        let mut diagnostics = Vec::new();
        let cards = prepare(
            &guide,
            Granularity::Topics,
            &MediaSet::default(),
            &Links::default(),
            &mut diagnostics,
        );
        assert_eq!(cards[0].question, "First");
        assert!(!cards[0].untitled);
        assert_eq!(cards[0].tags, ["g", "topic-1"]);
        assert_eq!(cards[1].question, "second");
        assert!(cards[1].untitled);
        assert_eq!(cards[1].tags, ["g"]);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].code, DiagnosticCode::EmptyQuestion);
    }
}
