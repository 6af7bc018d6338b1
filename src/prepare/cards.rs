//! The cards as every output shows them: the model's cards, each with its question decided
//! once (a question without visible text falls back to the card's id, with a warning), its
//! tags (the guide's slug, `topic-N`, `group::…` and the front matter's tags) and its deck
//! (a sub-deck per group, `Guide::Group`, unless sub-decks are turned off).

use super::links::Links;
use super::media::MediaSet;
use super::notes::strip_html;
use crate::diagnostic::{Diagnostic, DiagnosticCode};
use crate::model::{Block, Card, Granularity, Guide, slugify};
use crate::render::{CodeHtml, Flavor, HtmlRenderer, escape_text};

/// A card with what every output agrees on.
#[derive(Debug, Clone)]
pub struct PreparedCard<'g> {
    /// The model's card.
    pub card: Card<'g>,
    /// The question as the Anki note's first field starts: its HTML (after its topic's
    /// title for a qualified section card), or the card's id (escaped) when the question has
    /// no visible text. The prompt's blocks follow it in the field.
    pub question: String,
    /// `true` when the question has no visible text: every output shows the card's id.
    pub untitled: bool,
    /// The tags: the guide's slug, `topic-<number>`, `group::<group>` (`::<sub-group>`…)
    /// and the front matter's tags (without Anki's reserved characters).
    pub tags: Vec<String>,
    /// The Anki deck the card goes to: the guide's deck, or its group's sub-deck.
    pub deck: String,
}

/// How cards are filed: the guide's deck, and whether each group gets a sub-deck.
#[derive(Debug, Clone, Copy)]
pub struct Filing<'a> {
    /// The guide's deck.
    pub deck: &'a str,
    /// Give each group its own sub-deck (`Guide::Group`).
    pub subdecks: bool,
}

/// The cards of `guide`, with their questions rendered against `media` (questions hold no
/// code blocks, so no highlighting is needed) and an `empty-question` warning for each
/// question without visible text.
pub fn prepare<'g>(
    guide: &'g Guide,
    granularity: Granularity,
    filing: Filing<'_>,
    media: &MediaSet,
    links: &Links,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<PreparedCard<'g>> {
    let no_code = CodeHtml::default();
    let renderer = HtmlRenderer::new(&no_code, media, links, Flavor::Anki);
    let decks: Vec<String> = guide
        .groups
        .iter()
        .enumerate()
        .map(|(g, _)| group_deck(guide, g, filing.deck))
        .collect();
    guide
        .cards(granularity)
        .into_iter()
        .map(|card| {
            let bare = Card {
                prompt: &[],
                ..card
            };
            let mut question = String::new();
            renderer.question(&bare, &mut question);
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
            let deck = match card.topic.group {
                Some(g) if filing.subdecks => decks[g].clone(),
                _ => filing.deck.to_string(),
            };
            PreparedCard {
                tags: tags(guide, &card),
                card,
                question: question.replace('\x1f', ""),
                untitled,
                deck,
            }
        })
        .collect()
}

/// The card's tags: the guide slug, `topic-<number>`, `group::<group>` (the path of nested
/// groups' ids), the tags of `<!-- tags: … -->` comments in its question's blocks, then in
/// the preface (for every card), and the front matter's tags, each once.
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
    if let Some(g) = card.topic.group {
        let path: Vec<&str> = group_path(guide, g)
            .map(|g| guide.groups[g].id.as_str())
            .collect();
        let tag = tag_safe(&format!("group::{}", path.join("::")));
        if path.iter().all(|p| !p.is_empty()) {
            tags.push(tag);
        }
    }
    let mut written = Vec::new();
    comment_tags(&card.topic.prompt, &mut written);
    comment_tags(&card.topic.intro, &mut written);
    for section in &card.topic.sections {
        section.walk(&mut |s| comment_tags(&s.blocks, &mut written));
    }
    comment_tags(&guide.preface, &mut written);
    for tag in written.iter().chain(&guide.meta.tags) {
        let tag = tag_safe(tag);
        if !tag.is_empty() && !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    tags
}

/// The tags of the `<!-- tags: a, b -->` comments among `blocks` (a list in parentheses,
/// `<!-- tags: (javascript,array) -->`, too), in order.
fn comment_tags(blocks: &[Block], out: &mut Vec<String>) {
    for block in blocks {
        let Block::Comment { text } = block else {
            continue;
        };
        let text = text.trim();
        let Some(list) = text
            .get(..5)
            .filter(|head| head.eq_ignore_ascii_case("tags:"))
            .map(|_| &text[5..])
        else {
            continue;
        };
        out.extend(
            list.split(',')
                .map(|t| {
                    t.trim()
                        .trim_start_matches('(')
                        .trim_end_matches(')')
                        .trim()
                })
                .filter(|t| !t.is_empty())
                .map(String::from),
        );
    }
}

/// The group `g` and its enclosing groups, outermost first.
fn group_path(guide: &Guide, g: usize) -> impl Iterator<Item = usize> {
    let mut path = vec![g];
    while let Some(p) = path.last().and_then(|&g| guide.groups[g].parent) {
        if path.contains(&p) {
            break;
        }
        path.push(p);
    }
    path.into_iter().rev()
}

/// The sub-deck of group `g`: `deck::Group` (`::Sub-group` for nested groups), each name
/// without `::` or control characters.
fn group_deck(guide: &Guide, g: usize, deck: &str) -> String {
    let mut name = deck.to_string();
    for g in group_path(guide, g) {
        let group = &guide.groups[g];
        let part: String = group
            .name
            .replace("::", ":")
            .chars()
            .filter(|c| !c.is_control())
            .collect();
        let part = part.trim();
        name.push_str("::");
        name.push_str(if part.is_empty() { &group.id } else { part });
    }
    name
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
            Filing {
                deck: "G",
                subdecks: true,
            },
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

    #[test]
    fn tags_comments_tag_their_question_and_the_preface_tags_every_card() {
        let text = "# G\n\n<!-- tags: guide-wide -->\n\n## 1. One\n\nAnswer.\n\n\
                    <!-- tags: (javascript,array), two words, javascript -->\n\n\
                    ## 2. Two\n\nAnswer.\n\n<!-- not tags -->\n";
        let guide = crate::parse::parse(text.as_bytes(), "g.md", 0, &Default::default())
            .expect("parses")
            .guide;
        let mut diagnostics = Vec::new();
        let cards = prepare(
            &guide,
            Granularity::Topics,
            Filing {
                deck: "G",
                subdecks: true,
            },
            &MediaSet::default(),
            &Links::default(),
            &mut diagnostics,
        );
        assert_eq!(
            cards[0].tags,
            [
                "g",
                "topic-1",
                "javascript",
                "array",
                "twowords",
                "guide-wide"
            ]
        );
        assert_eq!(cards[1].tags, ["g", "topic-2", "guide-wide"]);
    }
}
