//! Identities of what the Anki outputs hold: note GUIDs, and the ids of the deck and note type.
//!
//! Anki matches notes by GUID, note types by id, and decks by name, so these values decide
//! whether a re-imported guide updates the student's notes in place or duplicates them.
//!
//! - **Note GUID**: a port of genanki's `guid_for` — the SHA-256 of the parts joined by `__`,
//!   its first 8 bytes read as a big-endian `u64`, written in genanki's base-91 alphabet
//!   (most significant digit first). A note's parts are the guide slug and the card id.
//! - **Deck and note-type ids**: [`stable_id`] — the first 8 bytes of the SHA-256 of
//!   `deckbook:<kind>:<name>` as a big-endian `u64`, shifted right by 11 bits (53 bits left)
//!   with bit 52 set, so every id lies in `[2^52, 2^53)`: positive, exact in a JavaScript
//!   number (Anki's JSON tools), and never one of Anki's small built-in ids (`1` = Default).
//!   The note type's id is frozen by a unit test: changing it would orphan every deck built
//!   so far.

use sha2::{Digest, Sha256};

/// The 91 characters of genanki's GUID alphabet, in digit order.
const BASE91: &[u8; 91] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789\
!#$%&()*+,-./:;<=>?@[]^_`{|}~";

/// genanki's `guid_for`: the SHA-256 of `parts` joined by `__`, first 8 bytes as a big-endian
/// integer, in base 91.
pub fn guid_for(parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            hasher.update(b"__");
        }
        hasher.update(part.as_bytes());
    }
    let mut value = first_u64(&hasher.finalize());
    let mut digits = Vec::with_capacity(10);
    while value > 0 {
        // `value % 91` is below 91, so the index is always in range.
        digits.push(BASE91[(value % 91) as usize]);
        value /= 91;
    }
    digits.reverse();
    digits.into_iter().map(char::from).collect()
}

/// The GUID of the note for card `card_id` of the guide `guide_slug`.
pub fn note_guid(guide_slug: &str, card_id: &str) -> String {
    guid_for(&[guide_slug, card_id])
}

/// A stable id in `[2^52, 2^53)` for an object of `kind` (`deck`, `notetype`) named `name`:
/// the top 53 bits of the first 8 bytes of SHA-256(`deckbook:<kind>:<name>`), bit 52 set.
pub fn stable_id(kind: &str, name: &str) -> i64 {
    let mut hasher = Sha256::new();
    hasher.update(b"deckbook:");
    hasher.update(kind.as_bytes());
    hasher.update(b":");
    hasher.update(name.as_bytes());
    let top = first_u64(&hasher.finalize()) >> 11;
    // Below 2^53 after the shift, so the conversion is lossless.
    (top | (1 << 52)) as i64
}

/// The id of the deck named `name` (the full `A::B` path).
pub fn deck_id(name: &str) -> i64 {
    stable_id("deck", name)
}

/// The first 8 bytes of a digest as a big-endian integer.
fn first_u64(digest: &[u8]) -> u64 {
    digest
        .iter()
        .take(8)
        .fold(0u64, |acc, &b| (acc << 8) | u64::from(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids_match_genanki() {
        assert_eq!(
            guid_for(&["complete-python-interview-guide", "topic-1-q1"]),
            "lf$-^Yy^f%"
        );
        assert_eq!(guid_for(&["a"]), "IkF(BOZ;]l");
        assert_eq!(guid_for(&[""]), "ME_YHw2?15");
        assert_eq!(guid_for(&["python", "GIL", "ü€"]), "e*mesKu1k3");
    }

    #[test]
    fn note_guid_joins_slug_and_card_id() {
        assert_eq!(
            note_guid("complete-python-interview-guide", "topic-1-q1"),
            "lf$-^Yy^f%"
        );
        assert_ne!(note_guid("a", "b__c"), note_guid("a", "b_c"));
    }

    #[test]
    fn guids_use_only_the_alphabet_and_never_a_field_separator() {
        for i in 0..500 {
            let guid = note_guid("guide", &format!("card-{i}"));
            assert!(!guid.is_empty() && guid.len() <= 10);
            assert!(guid.bytes().all(|b| BASE91.contains(&b)));
            assert!(!guid.contains(['\x1f', ' ', '"', '\'', '\\']));
        }
    }

    #[test]
    fn stable_ids_are_in_range_and_distinct() {
        let names = [
            "",
            "Default",
            "A::B",
            "Complete Python Interview Guide",
            "ü€",
        ];
        let mut seen = std::collections::BTreeSet::new();
        for name in names {
            for kind in ["deck", "notetype"] {
                let id = stable_id(kind, name);
                assert!(
                    (1i64 << 52..1i64 << 53).contains(&id),
                    "{kind} {name}: {id}"
                );
                assert!(seen.insert(id));
            }
        }
        assert_eq!(deck_id("A::B"), stable_id("deck", "A::B"));
    }

    #[test]
    fn stable_ids_are_frozen() {
        // Pinned values: a change here breaks updates of every deck already imported.
        assert_eq!(stable_id("notetype", "deckbook Q&A"), FROZEN_NOTETYPE_ID);
        assert_eq!(
            stable_id("notetype", super::super::NOTETYPE_NAME),
            super::super::notes::NOTETYPE_ID
        );
        assert_eq!(
            stable_id("notetype", "deckbook Q&A (and reversed)"),
            4_575_871_017_807_613
        );
        assert_eq!(
            stable_id("notetype", "deckbook Cloze"),
            5_123_851_825_991_217
        );
        for kind in [
            crate::model::CardKind::Basic,
            crate::model::CardKind::Reversed,
            crate::model::CardKind::Cloze,
        ] {
            let (name, id, _) = super::super::notes::notetype_of(kind);
            assert_eq!(stable_id("notetype", name), id, "{name}");
        }
        assert_eq!(
            deck_id("Complete Python Interview Guide"),
            FROZEN_SEED_DECK_ID
        );
    }

    const FROZEN_NOTETYPE_ID: i64 = 6_261_329_484_343_303;
    const FROZEN_SEED_DECK_ID: i64 = 5_798_768_602_170_989;
}
