//! A card's note: its five fields as Anki HTML (from the shared renderer), its tags, and the
//! plain text Anki sorts and checksums it by; and the deck's name.

use super::FIELD_NAMES;
use crate::diagnostic::{Diagnostic, DiagnosticCode};
use crate::emit::Options;
use crate::model::{Card, Guide, slugify};
use crate::render::HtmlRenderer;
use crate::render::html::escape_text;

/// The heading level of a card's own sections in its answer (`<h3>`; deeper ones follow).
const ANSWER_HEADING_LEVEL: u8 = 3;

/// The five field values of a note, in [`FIELD_NAMES`] order.
pub type Fields = [String; FIELD_NAMES.len()];

/// Renders the fields of `card`: Question, Answer, Topic, Section and Source (`file.md:line`).
/// A question with no visible text falls back to the card's id (and a warning), so every
/// note has a non-empty sort field and Anki generates its card.
pub fn card_fields(
    renderer: &HtmlRenderer<'_>,
    guide: &Guide,
    card: &Card<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Fields {
    let mut question = String::new();
    renderer.inlines(card.question, &mut question);
    if strip_html(&question).trim().is_empty() {
        diagnostics.push(
            Diagnostic::warning(
                DiagnosticCode::EmptyQuestion,
                format!("card `{}` has no question text; its id is used", card.id),
            )
            .at(&guide.source.path, card.line, 1),
        );
        question = escape_text(card.id);
    }

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

    let source = escape_text(&format!("{}:{}", file_name(&guide.source.path), card.line));
    [question, answer, topic, section, source].map(|f| f.replace('\x1f', ""))
}

/// The last component of a path, so `Source` reads the same wherever the guide was built.
fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\'])
        .find(|part| !part.is_empty())
        .unwrap_or(path)
}

/// The note's tags in Anki's stored form (` a b `): the guide slug and `topic-<number>`.
pub fn tags(guide: &Guide, card: &Card<'_>) -> String {
    let mut tags = Vec::with_capacity(2);
    if !guide.slug.is_empty() {
        tags.push(tag_safe(&guide.slug));
    }
    if let Some(number) = &card.topic.number {
        let n = slugify(&number.0);
        if !n.is_empty() {
            tags.push(format!("topic-{n}"));
        }
    }
    if tags.is_empty() {
        String::new()
    } else {
        format!(" {} ", tags.join(" "))
    }
}

/// `tag` without the characters Anki reserves in tags (space, `"`, control characters).
fn tag_safe(tag: &str) -> String {
    tag.chars()
        .filter(|c| !c.is_whitespace() && !c.is_control() && *c != '"')
        .collect()
}

/// The deck's full name: `options.deck`, else the guide's title, with each `::` component
/// trimmed, control characters dropped and empty components removed (Anki would rename
/// them). Falls back to the slug, then `deckbook`. Warns when `--deck` had to change.
pub fn deck_name(guide: &Guide, options: &Options, diagnostics: &mut Vec<Diagnostic>) -> String {
    let wanted = options.deck.as_deref().unwrap_or(&guide.title);
    let name = normalize_deck_name(wanted);
    if let Some(given) = &options.deck
        && *given != name
    {
        diagnostics.push(
            Diagnostic::warning(
                DiagnosticCode::DeckName,
                format!("deck name `{given}` is written as `{name}`"),
            )
            .note("deck names are `::`-separated, non-empty components"),
        );
    }
    if !name.is_empty() {
        return name;
    }
    let slug = normalize_deck_name(&guide.slug);
    if slug.is_empty() {
        "deckbook".to_string()
    } else {
        slug
    }
}

fn normalize_deck_name(name: &str) -> String {
    let clean: String = name.chars().filter(|c| !c.is_control()).collect();
    clean
        .split("::")
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("::")
}

/// Anki's `strip_html_preserving_media_filenames`: tags removed (an image keeps its `src`),
/// the common entities decoded. Used for the sort field and the first-field checksum.
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

/// Anki's first-field checksum: the first 4 bytes of the SHA-1 of the stripped text.
pub fn field_checksum(first_field: &str) -> i64 {
    let digest = sha1_smol::Sha1::from(strip_html(first_field).as_bytes()).digest();
    let bytes = digest.bytes();
    i64::from(u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
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
    fn checksum_matches_anki() {
        // sha1("abc") = a9993e36…
        assert_eq!(field_checksum("<i>abc</i>"), 0xa999_3e36);
    }

    #[test]
    fn deck_names_are_normalised() {
        assert_eq!(normalize_deck_name(" A :: B\u{7}::"), "A::B");
        assert_eq!(normalize_deck_name("::"), "");
        assert_eq!(normalize_deck_name("Python › Basics"), "Python › Basics");
    }

    #[test]
    fn file_name_drops_folders() {
        assert_eq!(file_name("source/guide.md"), "guide.md");
        assert_eq!(file_name("C:\\notes\\g.md"), "g.md");
        assert_eq!(file_name("g.md"), "g.md");
        assert_eq!(file_name("dir/"), "dir");
    }

    #[test]
    fn tags_are_space_free() {
        assert_eq!(tag_safe("a b\"c"), "abc");
    }
}
