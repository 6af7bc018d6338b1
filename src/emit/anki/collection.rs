//! `collection.anki2`: a schema-11 SQLite database built in memory and serialised, so the
//! same notes always give the same bytes (no temporary file, no clock, no hashing order).

use super::schema::{
    CollectionConf, DEFAULT_ID, Deck, NoteType, SCHEMA_SQL, SCHEMA_VERSION, default_deck_config,
    sort_keys,
};
use crate::prepare::{Fields, strip_html};
use rusqlite::{Connection, MAIN_DB, params};
use std::collections::BTreeMap;

/// One note and its cards, ready to insert.
#[derive(Debug, Clone)]
pub struct NoteRow<'a> {
    /// Note id (Anki re-numbers it on a clash).
    pub id: i64,
    /// The note's GUID, its identity across imports.
    pub guid: &'a str,
    /// The id of its note type.
    pub notetype: i64,
    /// The ordinals of its cards (template index, or deletion number less one).
    pub ords: Vec<u16>,
    /// Tags in stored form (` a b `).
    pub tags: String,
    /// The field values.
    pub fields: &'a Fields,
    /// When its content last changed: the note's and its card's `mod`.
    pub modified: i64,
    /// The due number of its new cards (its study position).
    pub due: i64,
}

/// Everything the collection holds.
#[derive(Debug)]
pub struct CollectionParts<'a> {
    /// Seconds since the epoch: the collection's creation time and `mod`, and the decks' and
    /// deck options' `mod` (each note carries its own).
    pub timestamp: i64,
    /// The note types the notes use (the first is the collection's current one).
    pub notetypes: &'a [NoteType],
    /// The deck the cards go to.
    pub deck: &'a Deck,
    /// The notes, in study order.
    pub notes: &'a [NoteRow<'a>],
}

/// Builds the collection and returns its database file's bytes. Card ids count up from the
/// first note's id, one per card in note order (so a package of one card per note has card
/// ids equal to note ids).
pub fn build(parts: &CollectionParts<'_>) -> Result<Vec<u8>, rusqlite::Error> {
    let mut conn = Connection::open_in_memory()?;
    conn.execute_batch(SCHEMA_SQL)?;
    let tx = conn.transaction()?;
    insert_col(&tx, parts)?;
    {
        let mut note_stmt =
            tx.prepare("INSERT INTO notes VALUES (?1, ?2, ?3, ?4, -1, ?5, ?6, ?7, ?8, 0, '')")?;
        let mut card_stmt = tx.prepare(
            "INSERT INTO cards VALUES \
             (?1, ?2, ?3, ?4, ?5, -1, 0, 0, ?6, 0, 0, 0, 0, 0, 0, 0, 0, '')",
        )?;
        let mut card_id = parts.notes.first().map_or(0, |n| n.id);
        for note in parts.notes {
            let sort_field = parts
                .notetypes
                .iter()
                .find(|nt| nt.id == note.notetype)
                .map_or(0, |nt| nt.sortf);
            let flds = note.fields.join("\x1f");
            let sfld = note
                .fields
                .get(sort_field)
                .map(|f| strip_html(f))
                .unwrap_or_default();
            let csum = field_checksum(&note.fields[0]);
            note_stmt.execute(params![
                note.id,
                note.guid,
                note.notetype,
                note.modified,
                note.tags,
                flds,
                sfld,
                csum
            ])?;
            for &ord in &note.ords {
                card_stmt.execute(params![
                    card_id,
                    note.id,
                    parts.deck.id,
                    ord,
                    note.modified,
                    note.due
                ])?;
                card_id += 1;
            }
        }
    }
    tx.commit()?;
    let data = conn.serialize(MAIN_DB)?;
    Ok(data.to_vec())
}

/// Anki's first-field checksum: the first 4 bytes of the SHA-1 of the stripped text.
pub fn field_checksum(first_field: &str) -> i64 {
    let digest = sha1_smol::Sha1::from(strip_html(first_field).as_bytes()).digest();
    let bytes = digest.bytes();
    i64::from(u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
}

/// Inserts the single `col` row: config, note type, decks and deck options as JSON.
fn insert_col(conn: &Connection, parts: &CollectionParts<'_>) -> Result<(), rusqlite::Error> {
    let ts = parts.timestamp;
    let conf = CollectionConf {
        active_decks: vec![parts.deck.id],
        add_to_cur: true,
        collapse_time: 1200,
        cur_deck: parts.deck.id,
        cur_model: parts.notetypes.first().map_or(0, |nt| nt.id).to_string(),
        due_counts: true,
        est_times: true,
        new_bury: true,
        new_spread: 0,
        next_pos: parts.notes.iter().map(|n| n.due).max().unwrap_or(0) + 1,
        sort_backwards: false,
        sort_type: "noteFld",
        time_lim: 0,
    };
    let models: BTreeMap<String, &NoteType> = parts
        .notetypes
        .iter()
        .map(|nt| (nt.id.to_string(), nt))
        .collect();
    let default_deck = Deck {
        browser_collapsed: false,
        collapsed: false,
        conf: DEFAULT_ID,
        desc: String::new(),
        dyn_: 0,
        extend_new: 0,
        extend_rev: 0,
        id: DEFAULT_ID,
        lrn_today: [0, 0],
        r#mod: ts,
        name: "Default".to_string(),
        new_today: [0, 0],
        rev_today: [0, 0],
        time_today: [0, 0],
        usn: 0,
    };
    let decks = BTreeMap::from([
        (DEFAULT_ID.to_string(), &default_deck),
        (parts.deck.id.to_string(), parts.deck),
    ]);
    let dconf = BTreeMap::from([(DEFAULT_ID.to_string(), default_deck_config(ts))]);
    let json = |value: serde_json::Result<serde_json::Value>| -> rusqlite::Result<String> {
        value
            .map(|v| sort_keys(v).to_string())
            .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
    };
    conn.execute(
        "INSERT INTO col VALUES (1, ?1, ?2, ?2, ?3, 0, 0, 0, ?4, ?5, ?6, ?7, '{}')",
        params![
            ts,
            ts.saturating_mul(1000),
            SCHEMA_VERSION,
            json(serde_json::to_value(&conf))?,
            json(serde_json::to_value(&models))?,
            json(serde_json::to_value(&decks))?,
            json(serde_json::to_value(&dconf))?,
        ],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::notetype::{deck, notetype};
    use super::*;

    #[test]
    fn checksum_matches_anki() {
        // sha1("abc") = a9993e36…
        assert_eq!(field_checksum("<i>abc</i>"), 0xa999_3e36);
    }

    fn sample(ts: i64) -> Vec<u8> {
        let nt = notetype(42, ts, "/* css */");
        let deck = deck(7, "A::B", "desc", ts);
        let first = ["Q <b>1</b>", "A", "1. T", "", "g.md:3"].map(String::from);
        let second = ["42", "A2", "2. U", "S", "g.md:9"].map(String::from);
        let notes = vec![
            NoteRow {
                id: 1000,
                guid: "g1",
                notetype: 42,
                ords: vec![0],
                tags: " t topic-1 ".into(),
                fields: &first,
                modified: ts,
                due: 1,
            },
            NoteRow {
                id: 1001,
                guid: "g2",
                notetype: 42,
                ords: vec![0, 1],
                tags: " t ".into(),
                fields: &second,
                modified: ts,
                due: 2,
            },
        ];
        build(&CollectionParts {
            timestamp: ts,
            notetypes: std::slice::from_ref(&nt),
            deck: &deck,
            notes: &notes,
        })
        .expect("collection builds")
    }

    #[test]
    fn same_input_same_bytes() {
        assert_eq!(sample(1_767_225_600), sample(1_767_225_600));
        assert_ne!(sample(1_767_225_600), sample(1_767_225_601));
    }

    #[test]
    fn round_trips_through_sqlite() {
        let bytes = sample(1_767_225_600);
        let mut conn = Connection::open_in_memory().unwrap();
        conn.deserialize_read_exact(MAIN_DB, &bytes[..], bytes.len(), true)
            .unwrap();
        let (ver, crt, models, decks): (i64, i64, String, String) = conn
            .query_row("SELECT ver, crt, models, decks FROM col", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .unwrap();
        assert_eq!((ver, crt), (11, 1_767_225_600));
        let models: serde_json::Value = serde_json::from_str(&models).unwrap();
        assert_eq!(models["42"]["name"], "deckbook Q&A");
        assert_eq!(models["42"]["flds"].as_array().unwrap().len(), 5);
        let decks: serde_json::Value = serde_json::from_str(&decks).unwrap();
        assert_eq!(decks["7"]["name"], "A::B");
        assert_eq!(decks["7"]["dyn"], 0);
        let (guid, flds, sfld, csum, tags): (String, String, String, i64, String) = conn
            .query_row(
                "SELECT guid, flds, sfld, csum, tags FROM notes ORDER BY id",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .unwrap();
        assert_eq!(guid, "g1");
        assert_eq!(flds.split('\x1f').count(), 5);
        assert_eq!(sfld, "Q 1");
        assert_eq!(csum, field_checksum("Q 1"));
        assert_eq!(tags, " t topic-1 ");
        let cards: Vec<(i64, i64, i64, i64, i64, i64)> = conn
            .prepare("SELECT id, nid, ord, did, due, mod FROM cards ORDER BY id")
            .unwrap()
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let ts = 1_767_225_600;
        assert_eq!(
            cards,
            vec![
                (1000, 1000, 0, 7, 1, ts),
                (1001, 1001, 0, 7, 2, ts),
                (1002, 1001, 1, 7, 2, ts)
            ]
        );
    }
}
