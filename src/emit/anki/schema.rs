//! The schema-11 collection layout: the tables' SQL and the JSON the `col` row holds (the
//! collection config, the note type, the decks and the deck options), as ordered structs and
//! `BTreeMap`s so the bytes never depend on hashing.
//!
//! This is the legacy layout every Anki client still imports (desktop, AnkiDroid, AnkiMobile):
//! the importer upgrades it on the way in.

use serde::Serialize;
use std::collections::BTreeMap;

/// The tables and indexes of a schema-11 collection.
pub const SCHEMA_SQL: &str = "\
CREATE TABLE col (
    id integer primary key, crt integer not null, mod integer not null,
    scm integer not null, ver integer not null, dty integer not null,
    usn integer not null, ls integer not null, conf text not null,
    models text not null, decks text not null, dconf text not null, tags text not null
);
CREATE TABLE notes (
    id integer primary key, guid text not null, mid integer not null,
    mod integer not null, usn integer not null, tags text not null,
    flds text not null, sfld integer not null, csum integer not null,
    flags integer not null, data text not null
);
CREATE TABLE cards (
    id integer primary key, nid integer not null, did integer not null,
    ord integer not null, mod integer not null, usn integer not null,
    type integer not null, queue integer not null, due integer not null,
    ivl integer not null, factor integer not null, reps integer not null,
    lapses integer not null, left integer not null, odue integer not null,
    odid integer not null, flags integer not null, data text not null
);
CREATE TABLE revlog (
    id integer primary key, cid integer not null, usn integer not null,
    ease integer not null, ivl integer not null, lastIvl integer not null,
    factor integer not null, time integer not null, type integer not null
);
CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);
CREATE INDEX ix_notes_usn on notes (usn);
CREATE INDEX ix_cards_usn on cards (usn);
CREATE INDEX ix_revlog_usn on revlog (usn);
CREATE INDEX ix_cards_nid on cards (nid);
CREATE INDEX ix_cards_sched on cards (did, queue, due);
CREATE INDEX ix_revlog_cid on revlog (cid);
CREATE INDEX ix_notes_csum on notes (csum);
";

/// The collection version written in `col.ver`.
pub const SCHEMA_VERSION: i64 = 11;

/// The id of Anki's built-in `Default` deck and deck options.
pub const DEFAULT_ID: i64 = 1;

/// `col.conf`: the collection's settings, pointing at the package's deck and note type.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CollectionConf {
    /// Decks shown as active.
    pub active_decks: Vec<i64>,
    /// Add new notes to the current deck.
    pub add_to_cur: bool,
    /// Learning look-ahead, in seconds.
    pub collapse_time: u32,
    /// The current deck.
    pub cur_deck: i64,
    /// The current note type (a string, as Anki writes it).
    pub cur_model: String,
    /// Show due counts.
    pub due_counts: bool,
    /// Show estimated times on the answer buttons.
    pub est_times: bool,
    /// Bury new siblings.
    pub new_bury: bool,
    /// Mix new cards and reviews (0 = mixed).
    pub new_spread: u32,
    /// The due number of the next new card.
    pub next_pos: i64,
    /// Browser sort order reversed.
    pub sort_backwards: bool,
    /// Browser sort column.
    pub sort_type: &'static str,
    /// Session time limit (0 = none).
    pub time_lim: u32,
}

/// One field of a note type.
#[derive(Debug, Serialize)]
pub struct Field {
    /// Editor font.
    pub font: &'static str,
    /// Media (unused, empty).
    pub media: Vec<String>,
    /// The field's name.
    pub name: &'static str,
    /// Its index.
    pub ord: usize,
    /// Right-to-left editing.
    pub rtl: bool,
    /// Editor font size.
    pub size: u32,
    /// Keep the value when adding the next note.
    pub sticky: bool,
}

/// One card template of a note type.
#[derive(Debug, Serialize)]
pub struct Template {
    /// The answer side.
    pub afmt: &'static str,
    /// Browser answer format (empty = default).
    pub bafmt: &'static str,
    /// Browser question format (empty = default).
    pub bqfmt: &'static str,
    /// Deck override (none).
    pub did: Option<i64>,
    /// The template's name.
    pub name: &'static str,
    /// Its index.
    pub ord: usize,
    /// The question side.
    pub qfmt: &'static str,
}

/// A note type (`col.models` value).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NoteType {
    /// Styling shared by its cards.
    pub css: String,
    /// The deck new notes go to.
    pub did: i64,
    /// The fields, in order.
    pub flds: Vec<Field>,
    /// Its id.
    pub id: i64,
    /// LaTeX footer (Anki's default).
    pub latex_post: &'static str,
    /// LaTeX header (Anki's default).
    pub latex_pre: &'static str,
    /// Last modification, in seconds.
    pub r#mod: i64,
    /// Its name.
    pub name: &'static str,
    /// Required fields per template: `[ord, "any"|"all", [field ords]]`.
    pub req: Vec<(usize, &'static str, Vec<usize>)>,
    /// Index of the sort field.
    pub sortf: usize,
    /// Tags (unused).
    pub tags: Vec<String>,
    /// The card templates.
    pub tmpls: Vec<Template>,
    /// 0 = standard, 1 = cloze.
    pub r#type: u8,
    /// Update sequence number (-1 = needs sync).
    pub usn: i64,
    /// Legacy (empty).
    pub vers: Vec<String>,
}

/// A normal deck (`col.decks` value).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Deck {
    /// Collapsed in the browser sidebar.
    pub browser_collapsed: bool,
    /// Collapsed in the deck list.
    pub collapsed: bool,
    /// Its deck-options id.
    pub conf: i64,
    /// Description (HTML) shown on the overview screen.
    pub desc: String,
    /// 0 = normal deck.
    #[serde(rename = "dyn")]
    pub dyn_: u8,
    /// Custom study: extra new cards.
    pub extend_new: u32,
    /// Custom study: extra reviews.
    pub extend_rev: u32,
    /// Its id.
    pub id: i64,
    /// Today's learning counter `[day, count]`.
    pub lrn_today: [i64; 2],
    /// Last modification, in seconds.
    pub r#mod: i64,
    /// The full name (`A::B`).
    pub name: String,
    /// Today's new counter.
    pub new_today: [i64; 2],
    /// Today's review counter.
    pub rev_today: [i64; 2],
    /// Today's time counter.
    pub time_today: [i64; 2],
    /// Update sequence number.
    pub usn: i64,
}

/// The JSON of `value` with every object's keys in sorted order (whatever the map type).
pub fn sort_keys(value: serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Object(map) => {
            let sorted: BTreeMap<String, serde_json::Value> =
                map.into_iter().map(|(k, v)| (k, sort_keys(v))).collect();
            serde_json::Value::Object(sorted.into_iter().collect())
        }
        serde_json::Value::Array(items) => {
            serde_json::Value::Array(items.into_iter().map(sort_keys).collect())
        }
        other => other,
    }
}

/// The deck options (`col.dconf`): Anki's defaults for the `Default` preset. Importers keep
/// the student's own options unless asked to import them.
pub fn default_deck_config(timestamp: i64) -> serde_json::Value {
    sort_keys(serde_json::json!({
        "autoplay": true,
        "dyn": false,
        "id": DEFAULT_ID,
        "lapse": {
            "delays": [10.0],
            "leechAction": 1,
            "leechFails": 8,
            "minInt": 1,
            "mult": 0.0
        },
        "maxTaken": 60,
        "mod": timestamp,
        "name": "Default",
        "new": {
            "bury": false,
            "delays": [1.0, 10.0],
            "initialFactor": 2500,
            "ints": [1, 4, 0],
            "order": 1,
            "perDay": 20
        },
        "replayq": true,
        "rev": {
            "bury": false,
            "ease4": 1.3,
            "hardFactor": 1.2,
            "ivlFct": 1.0,
            "maxIvl": 36500,
            "perDay": 200
        },
        "timer": 0,
        "usn": 0
    }))
}
