//! Stamping a build against the lock: new, changed, unchanged, removed, restored and
//! forgotten notes, each with the right time, and what the counts line says.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

use super::stamp::{SOURCE_FIELD, without_line};
use super::*;
use crate::model::{Block, Guide, Inline, Meta, Source, Span, Topic, TopicNumber};
use crate::prepare::{FIELD_NAMES, PrepareOptions, Prepared};

const T0: i64 = 1_767_225_600;
const DAY: i64 = 86_400;

#[test]
fn the_source_line_is_not_content() {
    assert_eq!(FIELD_NAMES[SOURCE_FIELD], "Source");
    assert_eq!(without_line("guide.md:120"), "guide.md");
    assert_eq!(without_line("a:b.md:7"), "a:b.md");
    assert_eq!(without_line("guide.md"), "guide.md");
    assert_eq!(without_line("guide.md:"), "guide.md:");
    assert_eq!(without_line("x:1a"), "x:1a");
}

fn topic(id: &str, number: &str, line: u32, answer: &str) -> Topic {
    Topic {
        id: id.into(),
        number: Some(TopicNumber(number.into())),
        title: vec![Inline::Text { text: id.into() }],
        span: Span {
            line,
            end_line: line + 3,
        },
        intro: vec![Block::Paragraph {
            content: vec![Inline::Text {
                text: answer.into(),
            }],
        }],
        ..Topic::default()
    }
}

/// A guide of three topics (`alpha`, `beta`, `gamma`) built at `timestamp`.
fn guide(timestamp: i64) -> Guide {
    Guide {
        title: "Tiny".into(),
        slug: "tiny".into(),
        source: Source {
            path: "notes/tiny.md".into(),
            timestamp,
        },
        meta: Meta {
            language: "en".into(),
            ..Meta::default()
        },
        topics: vec![
            topic("alpha", "1", 3, "first answer"),
            topic("beta", "2", 7, "second answer"),
            topic("gamma", "3", 11, "third answer"),
        ],
        ..Guide::default()
    }
}

const TEXT: &str = "# Tiny\n\n## 1. alpha\n";

/// Stamps `guide` against `previous`; returns the lock, the changes and the prepared notes'
/// (GUID, time, tags, answer), and the stamps.
struct Built {
    lock: Lock,
    changes: Changes,
    notes: Vec<(String, i64, Vec<String>, String)>,
    stamps: crate::prepare::Stamps,
}

fn build(guide: &Guide, previous: Option<&Lock>, forget: bool) -> Built {
    let mut prepared = Prepared::new(guide, &PrepareOptions::default(), Path::new("."));
    let (lock, changes) = stamp(&mut prepared, previous, TEXT, forget);
    Built {
        lock,
        changes,
        notes: prepared
            .notes
            .iter()
            .map(|n| {
                (
                    n.guid.clone(),
                    n.modified,
                    n.tags.clone(),
                    n.fields[1].clone(),
                )
            })
            .collect(),
        stamps: prepared.stamps,
    }
}

fn counts(c: &Changes) -> [usize; 6] {
    [
        c.new,
        c.changed,
        c.unchanged,
        c.removed,
        c.still_removed,
        c.forgotten,
    ]
}

#[test]
fn a_first_build_stamps_everything_with_its_time() {
    let built = build(&guide(T0), None, false);
    assert!(built.changes.first);
    assert_eq!(counts(&built.changes), [3, 0, 0, 0, 0, 0]);
    assert!(built.notes.iter().all(|n| n.1 == T0));
    assert_eq!(built.stamps, crate::prepare::Stamps::all(T0));
    assert_eq!(built.lock.notes.len(), 3);
    assert_eq!(built.lock.notes[0].question, "alpha");
    assert_eq!(built.lock.notes[0].topic, "1. alpha");
    assert_eq!(built.lock.notes[0].tags, ["tiny", "topic-1"]);
}

#[test]
fn an_unchanged_guide_keeps_every_time_whatever_its_timestamp() {
    let first = build(&guide(T0), None, false);
    for later in [T0 + DAY, T0 - DAY, 0] {
        let again = build(&guide(later), Some(&first.lock), false);
        assert_eq!(counts(&again.changes), [0, 0, 3, 0, 0, 0]);
        assert_eq!(again.lock, first.lock, "built at {later}");
        assert_eq!(again.stamps, first.stamps);
        assert!(!again.changes.notetype_changed && !again.changes.book_changed);
    }
}

#[test]
fn only_the_edited_note_gets_a_new_time_and_moved_lines_do_not_count() {
    let first = build(&guide(T0), None, false);
    let mut edited = guide(T0 + DAY);
    edited.topics[1] = topic("beta", "2", 7, "second answer, edited");
    // Lines added above the third topic move its Source line only.
    edited.topics[2].span.line += 5;
    let second = build(&edited, Some(&first.lock), false);
    assert_eq!(counts(&second.changes), [0, 1, 2, 0, 0, 0]);
    let times: Vec<i64> = second.notes.iter().map(|n| n.1).collect();
    assert_eq!(times, [T0, T0 + DAY, T0]);
    assert_eq!(second.stamps.guide, T0 + DAY);
    assert_eq!(second.stamps.notetype, T0, "the note type did not change");
    assert_eq!(
        note_hash_of(&second.lock, "gamma"),
        note_hash_of(&first.lock, "gamma")
    );
}

fn note_hash_of(lock: &Lock, id: &str) -> String {
    lock.notes
        .iter()
        .find(|n| n.id == id)
        .unwrap()
        .tracked
        .hash
        .clone()
}

#[test]
fn a_change_built_no_later_than_the_lock_is_still_newer() {
    let first = build(&guide(T0), None, false);
    let mut edited = guide(T0 - DAY);
    edited.topics[0] = topic("alpha", "1", 3, "changed");
    let second = build(&edited, Some(&first.lock), false);
    assert_eq!(
        second.notes[0].1,
        T0 + 1,
        "one second after the lock's latest time"
    );
    assert_eq!(second.stamps.guide, T0 + 1);
}

#[test]
fn a_new_topic_is_new_and_the_others_keep_their_times() {
    let first = build(&guide(T0), None, false);
    let mut added = guide(T0 + DAY);
    added.topics.insert(1, topic("delta", "4", 20, "new"));
    let second = build(&added, Some(&first.lock), false);
    assert_eq!(counts(&second.changes), [1, 0, 3, 0, 0, 0]);
    let times: Vec<i64> = second.notes.iter().map(|n| n.1).collect();
    assert_eq!(times, [T0, T0 + DAY, T0, T0]);
}

#[test]
fn a_removed_topic_stays_tagged_until_it_is_forgotten() {
    let first = build(&guide(T0), None, false);
    let mut fewer = guide(T0 + DAY);
    let beta_guid = first.notes[1].0.clone();
    fewer.topics.remove(1);
    let second = build(&fewer, Some(&first.lock), false);
    assert_eq!(counts(&second.changes), [0, 0, 2, 1, 0, 0]);
    let (guid, time, tags, answer) = &second.notes[2];
    assert_eq!((guid, *time), (&beta_guid, T0 + DAY));
    assert_eq!(tags, &["tiny", "topic-2", REMOVED_TAG]);
    assert!(
        answer.starts_with("<p><b>Removed from the guide</b> on 2026-01-02"),
        "{answer}"
    );
    let entry = second
        .lock
        .notes
        .iter()
        .find(|n| n.guid == beta_guid)
        .unwrap();
    assert!(entry.removed);
    assert_eq!(entry.tracked.time, T0 + DAY);
    assert_eq!(entry.tracked.hash, note_hash_of(&first.lock, "beta"));
    assert_eq!(second.stamps.guide, T0 + DAY);

    // Built again, later: still carried, with the time it was removed.
    let third = build(&guide_without_beta(T0 + 2 * DAY), Some(&second.lock), false);
    assert_eq!(counts(&third.changes), [0, 0, 2, 0, 1, 0]);
    assert_eq!(third.lock, second.lock);
    assert_eq!(third.notes[2].1, T0 + DAY);

    // Forgotten: gone from the lock and the notes.
    let fourth = build(&guide_without_beta(T0 + 3 * DAY), Some(&third.lock), true);
    assert_eq!(counts(&fourth.changes), [0, 0, 2, 0, 1, 1]);
    assert_eq!(fourth.notes.len(), 2);
    assert!(fourth.lock.notes.iter().all(|n| n.guid != beta_guid));
    assert!(fourth.lock.to_text().len() < third.lock.to_text().len());
}

fn guide_without_beta(timestamp: i64) -> Guide {
    let mut g = guide(timestamp);
    g.topics.remove(1);
    g
}

#[test]
fn a_restored_topic_is_changed_so_the_notice_is_replaced() {
    let first = build(&guide(T0), None, false);
    let second = build(&guide_without_beta(T0 + DAY), Some(&first.lock), false);
    let third = build(&guide(T0 + DAY), Some(&second.lock), false);
    assert_eq!(counts(&third.changes), [0, 1, 2, 0, 0, 0]);
    assert_eq!(third.notes[1].1, T0 + DAY + 1, "newer than the removal");
    assert!(!third.lock.notes[1].removed);
    assert!(
        third
            .notes
            .iter()
            .all(|n| !n.2.iter().any(|t| t == REMOVED_TAG))
    );
}

#[test]
fn forgetting_drops_cards_removed_by_this_very_build_too() {
    let first = build(&guide(T0), None, false);
    let second = build(&guide_without_beta(T0 + DAY), Some(&first.lock), true);
    assert_eq!(counts(&second.changes), [0, 0, 2, 1, 0, 1]);
    assert_eq!((second.notes.len(), second.lock.notes.len()), (2, 2));
}

#[test]
fn the_book_and_a_retitled_guide_are_tracked() {
    let first = build(&guide(T0), None, false);
    let mut described = guide(T0 + DAY);
    described.meta.description = "Now with a description".into();
    let second = build(&described, Some(&first.lock), false);
    assert!(second.changes.book_changed);
    assert_eq!(counts(&second.changes), [0, 0, 3, 0, 0, 0]);
    assert_eq!(second.stamps.guide, T0 + DAY, "the book's date moves");
    assert_eq!(second.lock.book.time, T0 + DAY);
    // A new slug gives every note a new GUID: all new, the old ones removed.
    let mut renamed = guide(T0 + DAY);
    renamed.slug = "other".into();
    let third = build(&renamed, Some(&first.lock), false);
    assert_eq!(counts(&third.changes), [3, 0, 0, 3, 0, 0]);
    assert_eq!(third.lock.notes.len(), 6);
}

#[test]
fn the_counts_read_as_a_sentence() {
    let mut c = Changes {
        new: 1,
        changed: 2,
        unchanged: 70,
        removed: 1,
        ..Changes::default()
    };
    assert_eq!(
        c.to_string(),
        "1 new, 2 changed, 70 unchanged, 1 removed (1 removed card tagged deckbook::removed \
         in the package until --forget-removed)"
    );
    c.still_removed = 2;
    c.forgotten = 3;
    c.notetype_changed = true;
    assert_eq!(
        c.to_string(),
        "1 new, 2 changed, 70 unchanged, 1 removed (3 removed cards forgotten; the note type \
         changed)"
    );
    let first = Changes {
        first: true,
        new: 3,
        ..Changes::default()
    };
    assert_eq!(
        first.to_string(),
        "3 new, 0 changed, 0 unchanged, 0 removed (no lock before this build)"
    );
}
