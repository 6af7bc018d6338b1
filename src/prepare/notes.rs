//! The Anki note list: one note per card — its GUID, the note type's five fields as Anki
//! HTML, its tags — rendered once and written by both the `.apkg` and the `.anki.csv`
//! writers; and the note type's name and fields, which both files name.

use super::cards::PreparedCard;
use super::ids::note_guid;
use crate::model::Guide;
use crate::render::{HtmlRenderer, escape_text};
use rayon::prelude::*;

/// The note type's name.
pub const NOTETYPE_NAME: &str = "deckbook Q&A";

/// The note type's first field: the question (also the sort field).
pub const FIELD_QUESTION: &str = "Question";
/// The answer, rendered with its sections.
pub const FIELD_ANSWER: &str = "Answer";
/// The topic: its number as written, `. `, and its title.
pub const FIELD_TOPIC: &str = "Topic";
/// The section a section card is about (empty for topic cards).
pub const FIELD_SECTION: &str = "Section";
/// Where the card starts: `file.md:line` (file name only).
pub const FIELD_SOURCE: &str = "Source";

/// The note type's fields, in order. Frozen: Anki keys note types by id, and an import that
/// adds or renames a field under the same id makes Anki copy the note type and skip every
/// note as "conflicting".
pub const FIELD_NAMES: [&str; 5] = [
    FIELD_QUESTION,
    FIELD_ANSWER,
    FIELD_TOPIC,
    FIELD_SECTION,
    FIELD_SOURCE,
];

/// The note type's id: [`stable_id`](super::ids::stable_id)`("notetype", NOTETYPE_NAME)`,
/// written out so it can never drift (a unit test checks the two agree). Changing it would
/// make Anki treat every deck built so far as a different note type.
pub const NOTETYPE_ID: i64 = 6_261_329_484_343_303;

/// The heading level of a card's own sections in its answer (`<h3>`; deeper ones follow).
const ANSWER_HEADING_LEVEL: u8 = 3;

/// The five field values of a note: Question, Answer, Topic, Section and Source.
pub type Fields = [String; FIELD_NAMES.len()];

/// One Anki note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Its identity across imports: genanki's `guid_for` of the guide's slug and the card's id.
    pub guid: String,
    /// Question, Answer, Topic, Section and Source, as Anki HTML.
    pub fields: Fields,
    /// Its tags (the card's).
    pub tags: Vec<String>,
    /// When its content last changed, in seconds since the epoch (Anki's note `mod`, which
    /// decides whether a re-import updates the student's copy): the guide's timestamp until
    /// the guide's lock says otherwise (see `crate::lock`).
    pub modified: i64,
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
    renderer.answer(card, ANSWER_HEADING_LEVEL, &mut answer);

    let mut topic = String::new();
    if let Some(number) = &card.topic.number {
        topic.push_str(&escape_text(&number.0));
        topic.push_str(". ");
    }
    renderer.inlines(&card.topic.title, &mut topic);

    let mut section = String::new();
    if let Some(s) = card.section {
        renderer.inlines(&s.title, &mut section);
    }

    let file = guide
        .part_name_of(card.topic)
        .unwrap_or_else(|| file_name(&guide.source.path).to_string());
    let source = escape_text(&format!("{file}:{}", card.line));
    let [answer, topic, section, source] =
        [answer, topic, section, source].map(|f| f.replace('\x1f', ""));
    Note {
        guid: note_guid(&guide.slug, card.id),
        fields: [prepared.question.clone(), answer, topic, section, source],
        tags: prepared.tags.clone(),
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
    fn file_name_drops_folders() {
        assert_eq!(file_name("source/guide.md"), "guide.md");
        assert_eq!(file_name("C:\\notes\\g.md"), "g.md");
        assert_eq!(file_name("g.md"), "g.md");
        assert_eq!(file_name("dir/"), "dir");
    }
}
