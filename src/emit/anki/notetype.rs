//! The note type "deckbook Q&A" (fields, templates, styling) and the deck, as schema-11 JSON
//! structs.
//!
//! The fields and templates are frozen: Anki keys note types by id, and an import that adds
//! or renames a field under the same id makes Anki copy the note type and skip every note as
//! "conflicting". Styling and template text may change (newer `mod` → updated in place).

use super::schema::{DEFAULT_ID, Deck, Field, NoteType, Template};
use crate::prepare::{FIELD_NAMES, NOTETYPE_NAME};

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

/// The layout of the one element the shared stylesheet does not know, the source line,
/// light and night (the renderer's Anki CSS styles `.card`, `.breadcrumb`, `.question`, the
/// rendered content and the code highlighting).
pub const LAYOUT_CSS: &str = "
.source { font-size: 0.75em; color: #57606a; margin-top: 1.2em; text-align: right; }
.nightMode .source, .night_mode .source { color: #9198a1; }
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

/// The note type with id `id`, modified at `timestamp`, styled by `css`.
pub fn notetype(id: i64, timestamp: i64, css: &str) -> NoteType {
    NoteType {
        css: css.to_string(),
        did: DEFAULT_ID,
        flds: FIELD_NAMES
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
            .collect(),
        id,
        latex_post: LATEX_POST,
        latex_pre: LATEX_PRE,
        r#mod: timestamp,
        name: NOTETYPE_NAME,
        req: vec![(0, "any", vec![0, 2])],
        sortf: 0,
        tags: Vec::new(),
        tmpls: vec![Template {
            afmt: BACK_TEMPLATE,
            bafmt: "",
            bqfmt: "",
            did: None,
            name: "Card 1",
            ord: 0,
            qfmt: FRONT_TEMPLATE,
        }],
        r#type: 0,
        usn: -1,
        vers: Vec::new(),
    }
}

/// The note type as the package writes it, with its `mod` left at 0: the text that changes
/// exactly when deckbook changes the note type's fields, templates or styling. The guide's
/// lock keeps a hash of it, so the note type's `mod` moves only when it changed, and a
/// student's own styling is not replaced by every rebuild.
pub(crate) fn definition() -> String {
    let notetype = notetype(crate::prepare::NOTETYPE_ID, 0, &css());
    serde_json::to_value(&notetype)
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
        for template in [FRONT_TEMPLATE, BACK_TEMPLATE] {
            let mut rest = template;
            while let Some(start) = rest.find("{{") {
                let end = rest[start..].find("}}").expect("closed") + start;
                let name = &rest[start + 2..end];
                assert!(
                    FIELD_NAMES.contains(&name) || ["FrontSide", "Subdeck"].contains(&name),
                    "{name}"
                );
                rest = &rest[end..];
            }
        }
        assert!(!FRONT_TEMPLATE.contains("<script"));
        assert!(!BACK_TEMPLATE.contains("<script"));
    }

    #[test]
    fn the_definition_is_the_note_type_without_its_time() {
        let definition = definition();
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
