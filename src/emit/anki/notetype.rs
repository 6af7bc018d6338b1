//! The note types (fields, templates, styling) and the deck, as schema-11 JSON structs:
//!
//! - "deckbook Q&A": one card, question → answer.
//! - "deckbook Q&A (and reversed)": the same fields, and a second card, answer → question,
//!   whose front shows neither the question nor the topic (its title is the question).
//! - "deckbook Cloze": a cloze note type (Question, Text, Topic, Section, Source): one card
//!   per deletion number of Text, the question above it as context, styled like the others.
//!
//! The fields and templates are frozen: Anki keys note types by id, and an import that adds
//! or renames a field under the same id makes Anki copy the note type and skip every note as
//! "conflicting". Styling and template text may change (newer `mod` → updated in place).

use super::schema::{DEFAULT_ID, Deck, Field, NoteType, Template};
use crate::model::CardKind;
use crate::prepare::{FIELD_NAMES, NOTETYPE_NAME, notetype_of};

/// The question side: a small breadcrumb (deck › topic) over the question. `{{Subdeck}}` is
/// the last component of the card's deck: the guide's title unless `--deck` named another.
pub const FRONT_TEMPLATE: &str = "\
<div class=\"breadcrumb\">{{Subdeck}} › {{Topic}}</div>
<div class=\"question\">{{Question}}</div>";

/// The answer side: the question side, a rule, the answer and its source reference.
pub const BACK_TEMPLATE: &str = "\
{{FrontSide}}
<hr id=\"answer\">
<div class=\"answer\">{{Answer}}</div>
<div class=\"source\">{{Source}}</div>";

/// The front of the reversed card: the answer, under a line saying what to recall (the
/// breadcrumb names only the deck: the topic's title is the question).
pub const REVERSE_FRONT_TEMPLATE: &str = "\
<div class=\"breadcrumb\">{{Subdeck}} › answer → question</div>
<div class=\"prompt\">Which question does this answer?</div>
<div class=\"answer\">{{Answer}}</div>";

/// The back of the reversed card: its front, a rule, the question, its topic and source.
pub const REVERSE_BACK_TEMPLATE: &str = "\
{{FrontSide}}
<hr id=\"answer\">
<div class=\"question\">{{Question}}</div>
<div class=\"source\">{{Topic}} · {{Source}}</div>";

/// The front of a cloze card: the breadcrumb, the question as context, and the text with
/// this card's deletion hidden.
pub const CLOZE_FRONT_TEMPLATE: &str = "\
<div class=\"breadcrumb\">{{Subdeck}} › {{Topic}}</div>
<div class=\"question\">{{Question}}</div>
<div class=\"cloze-text\">{{cloze:Text}}</div>";

/// The back of a cloze card: the same, the deletion shown, and the source line.
pub const CLOZE_BACK_TEMPLATE: &str = "\
<div class=\"breadcrumb\">{{Subdeck}} › {{Topic}}</div>
<div class=\"question\">{{Question}}</div>
<div class=\"cloze-text\">{{cloze:Text}}</div>
<div class=\"source\">{{Source}}</div>";

/// The layout of the one element the shared stylesheet does not know, the source line,
/// light and night (the renderer's Anki CSS styles `.card`, `.breadcrumb`, `.question`, the
/// rendered content and the code highlighting).
pub const LAYOUT_CSS: &str = "
.source { font-size: 0.75em; color: #57606a; margin-top: 1.2em; text-align: right; }
.nightMode .source, .night_mode .source { color: #9198a1; }
";

/// What the reversed and cloze note types add to [`css`]: the reversed card's prompt, and
/// the deletions Anki writes (`.cloze` hidden or shown, `.cloze-inactive` the others).
pub const EXTRA_CSS: &str = "
.prompt { font-size: 0.9em; color: #57606a; margin-bottom: 0.6em; }
.cloze-text { margin-top: 0.8em; }
.cloze { font-weight: 600; color: #0550ae; }
.nightMode .prompt, .night_mode .prompt { color: #9198a1; }
.nightMode .cloze, .night_mode .cloze { color: #79c0ff; }
mark.cloze { background-color: #fff8c5; color: inherit; }
.nightMode mark.cloze, .night_mode mark.cloze { background-color: #3b2e00; }
";

/// The stylesheet of the note type: the shared renderer's
/// [`ANKI_CSS`](crate::render::style::ANKI_CSS), then [`LAYOUT_CSS`].
pub fn css() -> String {
    let mut css = String::from(crate::render::style::ANKI_CSS);
    css.push_str(LAYOUT_CSS);
    css
}

const LATEX_PRE: &str = "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\
\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\
\\setlength{\\parindent}{0in}\n\\begin{document}\n";
const LATEX_POST: &str = "\\end{document}";

/// The basic note type with id `id`, modified at `timestamp`, styled by `css`.
pub fn notetype(id: i64, timestamp: i64, css: &str) -> NoteType {
    NoteType {
        css: css.to_string(),
        did: DEFAULT_ID,
        flds: fields(&FIELD_NAMES),
        id,
        latex_post: LATEX_POST,
        latex_pre: LATEX_PRE,
        r#mod: timestamp,
        name: NOTETYPE_NAME,
        req: vec![(0, "any", vec![0, 2])],
        sortf: 0,
        tags: Vec::new(),
        tmpls: vec![template("Card 1", 0, FRONT_TEMPLATE, BACK_TEMPLATE)],
        r#type: 0,
        usn: -1,
        vers: Vec::new(),
    }
}

/// The note type of `kind` cards, modified at `timestamp`.
pub fn for_kind(kind: CardKind, timestamp: i64) -> NoteType {
    let (name, id, names) = notetype_of(kind);
    let mut notetype = notetype(id, timestamp, &css());
    if kind == CardKind::Basic {
        return notetype;
    }
    notetype.name = name;
    notetype.flds = fields(names);
    notetype.css.push_str(EXTRA_CSS);
    match kind {
        CardKind::Basic => {}
        CardKind::Reversed => {
            notetype.req = vec![(0, "any", vec![0, 2]), (1, "any", vec![1])];
            notetype.tmpls.push(template(
                "Card 2",
                1,
                REVERSE_FRONT_TEMPLATE,
                REVERSE_BACK_TEMPLATE,
            ));
        }
        CardKind::Cloze => {
            // Anki works out a cloze note type's cards from the deletions: no `req`.
            notetype.req = Vec::new();
            notetype.tmpls = vec![template(
                "Cloze",
                0,
                CLOZE_FRONT_TEMPLATE,
                CLOZE_BACK_TEMPLATE,
            )];
            notetype.r#type = 1;
        }
    }
    notetype
}

fn fields(names: &'static [&'static str]) -> Vec<Field> {
    names
        .iter()
        .enumerate()
        .map(|(ord, name)| Field {
            font: "Arial",
            media: Vec::new(),
            name,
            ord,
            rtl: false,
            size: 20,
            sticky: false,
        })
        .collect()
}

fn template(name: &'static str, ord: usize, qfmt: &'static str, afmt: &'static str) -> Template {
    Template {
        afmt,
        bafmt: "",
        bqfmt: "",
        did: None,
        name,
        ord,
        qfmt,
    }
}

/// The note type of `kind` as the package writes it, with its `mod` left at 0: the text
/// that changes exactly when deckbook changes the note type's fields, templates or styling.
/// The guide's lock keeps a hash of it, so the note type's `mod` moves only when it changed,
/// and a student's own styling is not replaced by every rebuild.
pub(crate) fn definition(kind: CardKind) -> String {
    serde_json::to_value(for_kind(kind, 0))
        .map(|value| super::schema::sort_keys(value).to_string())
        .unwrap_or_default()
}

/// The normal deck `name` with id `id`; `description` is HTML shown on its overview.
pub fn deck(id: i64, name: &str, description: &str, timestamp: i64) -> Deck {
    Deck {
        browser_collapsed: false,
        collapsed: false,
        conf: DEFAULT_ID,
        desc: description.to_string(),
        dyn_: 0,
        extend_new: 0,
        extend_rev: 0,
        id,
        lrn_today: [0, 0],
        r#mod: timestamp,
        name: name.to_string(),
        new_today: [0, 0],
        rev_today: [0, 0],
        time_today: [0, 0],
        usn: -1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_frozen() {
        let nt = notetype(1, 0, "");
        let names: Vec<_> = nt.flds.iter().map(|f| f.name).collect();
        assert_eq!(names, ["Question", "Answer", "Topic", "Section", "Source"]);
        assert_eq!(nt.tmpls.len(), 1);
        assert_eq!(nt.sortf, 0);
    }

    #[test]
    fn templates_name_only_known_fields() {
        for kind in [CardKind::Basic, CardKind::Reversed, CardKind::Cloze] {
            let nt = for_kind(kind, 0);
            let names: Vec<&str> = nt.flds.iter().map(|f| f.name).collect();
            for t in &nt.tmpls {
                for template in [t.qfmt, t.afmt] {
                    let mut rest = template;
                    while let Some(start) = rest.find("{{") {
                        let end = rest[start..].find("}}").expect("closed") + start;
                        let name = &rest[start + 2..end];
                        let name = name.strip_prefix("cloze:").unwrap_or(name);
                        assert!(
                            names.contains(&name) || ["FrontSide", "Subdeck"].contains(&name),
                            "{name}"
                        );
                        rest = &rest[end..];
                    }
                    assert!(!template.contains("<script"));
                }
            }
        }
    }

    #[test]
    fn the_kinds_differ_only_where_they_must() {
        let basic = for_kind(CardKind::Basic, 7);
        assert_eq!(
            serde_json::to_value(&basic).unwrap(),
            serde_json::to_value(notetype(
                crate::prepare::notetype_of(CardKind::Basic).1,
                7,
                &css()
            ))
            .unwrap()
        );
        let reversed = for_kind(CardKind::Reversed, 7);
        assert_eq!(reversed.name, "deckbook Q&A (and reversed)");
        assert_eq!(reversed.tmpls.len(), 2);
        assert_eq!((reversed.r#type, reversed.tmpls[1].ord), (0, 1));
        assert!(!reversed.tmpls[1].qfmt.contains("{{Topic}}"));
        assert!(!reversed.tmpls[1].qfmt.contains("{{Question}}"));
        let cloze = for_kind(CardKind::Cloze, 7);
        assert_eq!(cloze.name, "deckbook Cloze");
        assert_eq!(cloze.r#type, 1);
        let names: Vec<_> = cloze.flds.iter().map(|f| f.name).collect();
        assert_eq!(names, ["Question", "Text", "Topic", "Section", "Source"]);
        assert!(cloze.tmpls[0].qfmt.contains("{{cloze:Text}}"));
        assert!(cloze.tmpls[0].afmt.contains("{{cloze:Text}}"));
        for nt in [&reversed, &cloze] {
            assert!(nt.css.starts_with(&css()), "the same look as deckbook Q&A");
            assert!(nt.css.contains(".cloze"));
        }
        assert!(!basic.css.contains(".cloze"), "deckbook Q&A is unchanged");
    }

    #[test]
    fn the_definition_is_the_note_type_without_its_time() {
        let definition = definition(CardKind::Basic);
        assert!(
            definition.contains("\"name\":\"deckbook Q&A\""),
            "{definition}"
        );
        assert!(definition.contains("\"mod\":0"));
        assert!(definition.contains(".source {"));
    }

    #[test]
    fn json_keys_are_sorted_and_stable() {
        let value = serde_json::to_value(notetype(5, 9, "x")).unwrap();
        let keys: Vec<&String> = value.as_object().unwrap().keys().collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]), "{keys:?}");
        assert_eq!(keys.len(), 15);
        let deck = serde_json::to_value(deck(3, "A::B", "", 9)).unwrap();
        let keys: Vec<&String> = deck.as_object().unwrap().keys().collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]), "{keys:?}");
        assert_eq!(deck["dyn"], 0);
        assert_eq!(deck["name"], "A::B");
    }
}
