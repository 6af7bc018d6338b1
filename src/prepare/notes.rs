//! The Anki note list: one note per card — its GUID, its note type's five fields as Anki
//! HTML, its tags — rendered once and written by both the `.apkg` and the `.anki.csv`
//! writers; and the note types' names, ids and fields, which both files name.
//!
//! A card's kind ([`CardKind`]) decides its note type: "deckbook Q&A" (question → answer),
//! "deckbook Q&A (and reversed)" (the same fields, and a second card answer → question), or
//! "deckbook Cloze" (Question, Text, Topic, Section, Source: one card per deletion number of
//! the Text, the question shown above it as context). Each kind has GUIDs of its own (see
//! [`note_guid_for`]): Anki cannot move a note to another note type on import, so a topic
//! that changes kind becomes a new note, and the lock reports the old one removed.

use super::cards::PreparedCard;
use super::ids::{guid_for, note_guid};
use crate::model::{CardKind, Guide};
use crate::render::cloze;
use crate::render::{HtmlRenderer, escape_text};
use rayon::prelude::*;

/// The name of the note type of basic cards.
pub const NOTETYPE_NAME: &str = "deckbook Q&A";
/// The name of the note type of reversed cards.
pub const REVERSED_NAME: &str = "deckbook Q&A (and reversed)";
/// The name of the note type of cloze cards.
pub const CLOZE_NAME: &str = "deckbook Cloze";

/// The note types' first field: the question (also the sort field).
pub const FIELD_QUESTION: &str = "Question";
/// The cloze note type's second field: the answer with its deletions.
pub const FIELD_TEXT: &str = "Text";
/// The answer, rendered with its sections.
pub const FIELD_ANSWER: &str = "Answer";
/// The topic: its number as written, `. `, and its title.
pub const FIELD_TOPIC: &str = "Topic";
/// The section a section card is about (empty for topic cards).
pub const FIELD_SECTION: &str = "Section";
/// Where the card starts: `file.md:line` (file name only).
pub const FIELD_SOURCE: &str = "Source";

/// The fields of the basic and reversed note types, in order. Frozen: Anki keys note types
/// by id, and an import that adds or renames a field under the same id makes Anki copy the
/// note type and skip every note as "conflicting".
pub const FIELD_NAMES: [&str; 5] = [
    FIELD_QUESTION,
    FIELD_ANSWER,
    FIELD_TOPIC,
    FIELD_SECTION,
    FIELD_SOURCE,
];

/// The fields of the cloze note type, in order (frozen, like [`FIELD_NAMES`]).
pub const CLOZE_FIELD_NAMES: [&str; 5] = [
    FIELD_QUESTION,
    FIELD_TEXT,
    FIELD_TOPIC,
    FIELD_SECTION,
    FIELD_SOURCE,
];

/// The basic note type's id: [`stable_id`](super::ids::stable_id)`("notetype",
/// NOTETYPE_NAME)`, written out so it can never drift (a unit test checks the two agree).
/// Changing it would make Anki treat every deck built so far as a different note type.
pub const NOTETYPE_ID: i64 = 6_261_329_484_343_303;
/// The reversed note type's id: `stable_id("notetype", REVERSED_NAME)`, pinned likewise.
pub const REVERSED_ID: i64 = 4_575_871_017_807_613;
/// The cloze note type's id: `stable_id("notetype", CLOZE_NAME)`, pinned likewise.
pub const CLOZE_ID: i64 = 5_123_851_825_991_217;

/// The note type of a kind of card: its name, id and fields.
pub fn notetype_of(kind: CardKind) -> (&'static str, i64, &'static [&'static str; 5]) {
    match kind {
        CardKind::Basic => (NOTETYPE_NAME, NOTETYPE_ID, &FIELD_NAMES),
        CardKind::Reversed => (REVERSED_NAME, REVERSED_ID, &FIELD_NAMES),
        CardKind::Cloze => (CLOZE_NAME, CLOZE_ID, &CLOZE_FIELD_NAMES),
    }
}

/// The GUID of the note of card `card_id` of the guide `slug` when it is of `kind`: genanki's
/// `guid_for(slug, card id)` for a basic card (as every deck before the other kinds had),
/// and `guid_for(slug, card id, "reversed" | "cloze")` for the others.
pub fn note_guid_for(slug: &str, card_id: &str, kind: CardKind) -> String {
    match kind {
        CardKind::Basic => note_guid(slug, card_id),
        CardKind::Reversed => guid_for(&[slug, card_id, "reversed"]),
        CardKind::Cloze => guid_for(&[slug, card_id, "cloze"]),
    }
}

/// The heading level of a card's own sections in its answer (`<h3>`; deeper ones follow).
const ANSWER_HEADING_LEVEL: u8 = 3;

/// The five field values of a note: Question, Answer (a cloze note's Text), Topic, Section
/// and Source.
pub type Fields = [String; FIELD_NAMES.len()];

/// One Anki note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Its identity across imports: [`note_guid_for`] the guide's slug, the card's id and kind.
    pub guid: String,
    /// Its kind, which decides its note type and its cards.
    pub kind: CardKind,
    /// Question, Answer (Text), Topic, Section and Source, as Anki HTML.
    pub fields: Fields,
    /// Its tags (the card's).
    pub tags: Vec<String>,
    /// Its deck's full name (the guide's deck, or its group's sub-deck).
    pub deck: String,
    /// When its content last changed, in seconds since the epoch (Anki's note `mod`, which
    /// decides whether a re-import updates the student's copy): the guide's timestamp until
    /// the guide's lock says otherwise (see `crate::lock`).
    pub modified: i64,
}

impl Note {
    /// The ordinals (0-based template or deletion indices) of the note's cards: 0 for a basic
    /// note, 0 and 1 for a reversed one, one per deletion number of a cloze note's Text (the
    /// number less one, at most 499, as Anki counts them; 0 when it has none).
    pub fn card_ords(&self) -> Vec<u16> {
        match self.kind {
            CardKind::Basic => vec![0],
            CardKind::Reversed => vec![0, 1],
            CardKind::Cloze => {
                let mut ords: Vec<u16> = deletion_numbers(&self.fields[1])
                    .into_iter()
                    .map(|n| n.saturating_sub(1).min(499) as u16)
                    .collect();
                ords.sort_unstable();
                ords.dedup();
                if ords.is_empty() {
                    ords.push(0);
                }
                ords
            }
        }
    }
}

/// The deletion numbers opened in a cloze field (`{{cN::`), in order of appearance.
pub fn deletion_numbers(field: &str) -> Vec<u32> {
    let mut numbers = Vec::new();
    let mut rest = field;
    while let Some(at) = rest.find("{{c") {
        rest = &rest[at + 3..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0
            && rest[digits..].starts_with("::")
            && let Ok(n) = rest[..digits].parse()
        {
            numbers.push(n);
        }
    }
    numbers
}

/// The notes of `cards`, in their order, rendered by `renderer` (Anki flavour), in parallel.
pub fn render(guide: &Guide, cards: &[PreparedCard<'_>], renderer: &HtmlRenderer<'_>) -> Vec<Note> {
    cards
        .par_iter()
        .map(|card| note(guide, card, renderer))
        .collect()
}

/// The note of one card: Question (decided when the card was prepared), Answer, Topic,
/// Section and Source (`file.md:line`).
fn note(guide: &Guide, prepared: &PreparedCard<'_>, renderer: &HtmlRenderer<'_>) -> Note {
    let card = &prepared.card;
    let mut answer = String::new();
    match card.kind {
        CardKind::Basic | CardKind::Reversed => {
            renderer.answer(card, ANSWER_HEADING_LEVEL, &mut answer);
        }
        CardKind::Cloze => {
            renderer
                .with_clozes()
                .answer(card, ANSWER_HEADING_LEVEL, &mut answer);
        }
    }

    let mut topic = String::new();
    if let Some(number) = &card.topic.number {
        topic.push_str(&escape_text(&number.0));
        topic.push_str(". ");
    }
    renderer.inlines(&card.topic.title, &mut topic);

    let mut question = prepared.question.clone();
    if !card.prompt.is_empty() {
        question.push_str("\n<div class=\"prompt\">\n");
        renderer.blocks(card.prompt, &mut question);
        question.push_str("</div>");
    }

    let mut section = String::new();
    if let Some(s) = card.section {
        renderer.inlines(&s.title, &mut section);
    }

    let file = guide
        .part_name_of(card.topic)
        .unwrap_or_else(|| file_name(&guide.source.path).to_string());
    let source = escape_text(&format!("{file}:{}", card.line));
    let [question, answer, topic, section, source] =
        [question, answer, topic, section, source].map(|f| f.replace('\x1f', ""));
    let mut fields = [question, answer, topic, section, source];
    if card.kind == CardKind::Cloze {
        // Anki reads deletions in every field of a cloze note.
        fields = fields.map(|field| cloze::finish(&field));
    }
    Note {
        guid: note_guid_for(&guide.slug, card.id, card.kind),
        kind: card.kind,
        fields,
        tags: prepared.tags.clone(),
        deck: prepared.deck.clone(),
        modified: guide.source.timestamp,
    }
}

/// The last component of a path, so `Source` reads the same wherever the guide was built.
pub(crate) fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\'])
        .find(|part| !part.is_empty())
        .unwrap_or(path)
}

/// Anki's `strip_html_preserving_media_filenames`: tags removed (an image keeps its `src`),
/// the common entities decoded. Anki sorts and checksums a note by it, and a question it
/// leaves empty has no visible text.
pub fn strip_html(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let tag_and_after = &rest[start..];
        let end = tag_and_after
            .find('>')
            .map_or(tag_and_after.len(), |e| e + 1);
        let tag = &tag_and_after[..end];
        if let Some(src) = img_src(tag) {
            out.push(' ');
            out.push_str(src);
            out.push(' ');
        }
        rest = &tag_and_after[end..];
    }
    out.push_str(rest);
    decode_entities(&out)
}

fn img_src(tag: &str) -> Option<&str> {
    let lower = tag.get(..4)?.to_ascii_lowercase();
    if lower != "<img" {
        return None;
    }
    let at = tag.find("src=\"")? + 5;
    let len = tag[at..].find('"')?;
    Some(&tag[at..at + len])
}

fn decode_entities(text: &str) -> String {
    text.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_tags_and_keeps_image_names() {
        assert_eq!(
            strip_html("<b>a</b> &amp; <img src=\"x-1.png\" alt=\"q\"> <code>&lt;b&gt;</code>"),
            "a &  x-1.png  <b>"
        );
        assert_eq!(strip_html("no tags"), "no tags");
        assert_eq!(strip_html("open <b"), "open ");
    }

    #[test]
    fn deletion_numbers_are_read_as_anki_reads_them() {
        assert_eq!(
            deletion_numbers("{{c2::a}} {{c1::b::h}} &#123;{c3::x}} {{c::y}} {{c10::z}}"),
            [2, 1, 10]
        );
        let note = |kind, text: &str| Note {
            guid: String::new(),
            kind,
            fields: [
                String::new(),
                text.into(),
                String::new(),
                String::new(),
                String::new(),
            ],
            tags: Vec::new(),
            deck: String::new(),
            modified: 0,
        };
        assert_eq!(note(CardKind::Basic, "{{c1::a}}").card_ords(), [0]);
        assert_eq!(note(CardKind::Reversed, "").card_ords(), [0, 1]);
        assert_eq!(
            note(CardKind::Cloze, "{{c3::a}} {{c1::b}} {{c3::c}} {{c500::d}}").card_ords(),
            [0, 2, 499]
        );
        assert_eq!(note(CardKind::Cloze, "removed").card_ords(), [0]);
    }

    #[test]
    fn each_kind_has_guids_of_its_own() {
        let basic = note_guid_for("g", "t", CardKind::Basic);
        assert_eq!(basic, note_guid("g", "t"));
        let reversed = note_guid_for("g", "t", CardKind::Reversed);
        let cloze = note_guid_for("g", "t", CardKind::Cloze);
        assert_eq!(reversed, guid_for(&["g", "t", "reversed"]));
        assert_eq!(cloze, guid_for(&["g", "t", "cloze"]));
        assert!(basic != reversed && reversed != cloze && basic != cloze);
    }

    #[test]
    fn file_name_drops_folders() {
        assert_eq!(file_name("source/guide.md"), "guide.md");
        assert_eq!(file_name("C:\\notes\\g.md"), "g.md");
        assert_eq!(file_name("g.md"), "g.md");
        assert_eq!(file_name("dir/"), "dir");
    }
}
