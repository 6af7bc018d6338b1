//! The lock file: its text round-trips byte for byte, and a file it cannot read is an error
//! diagnostic at the right line and column.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

use super::*;
use crate::diagnostic::{DiagnosticCode, Severity, SourceLines};
use crate::model::CardKind;

const T0: i64 = 1_767_225_600;

fn note(id: &str, guid: &str, time: i64) -> LockedNote {
    LockedNote {
        id: id.into(),
        guid: guid.into(),
        tracked: Tracked {
            hash: "0123456789abcdef".into(),
            time,
        },
        question: format!("Question of {id}"),
        topic: format!("1. {id}"),
        section: String::new(),
        tags: vec!["guide".into(), "topic-1".into()],
        kind: CardKind::Basic,
        removed: false,
    }
}

fn sample() -> Lock {
    let mut odd = note("odd", "a\"b\\c", T0 + 5);
    odd.question =
        "quote \" back \\ tab\t nl\n cr\r nul\0 del\u{7f} c1\u{85} ü 日本 🔹 <code>x</code>".into();
    odd.section = "A section".into();
    odd.tags = vec!["with\"quote".into(), String::new()];
    odd.removed = true;
    Lock {
        notetype: Tracked {
            hash: "aaaaaaaaaaaaaaaa".into(),
            time: 0,
        },
        notetypes: std::collections::BTreeMap::new(),
        book: Tracked {
            hash: "bbbbbbbbbbbbbbbb".into(),
            time: T0,
        },
        notes: vec![note("b", "g2", T0), odd, note("a", "g1", T0 + 1)],
    }
}

#[test]
fn the_text_round_trips_and_is_sorted() {
    let lock = sample();
    let text = lock.to_text();
    let back = Lock::parse(&text, "g.deckbook.lock").unwrap();
    let mut sorted = lock.clone();
    sorted
        .notes
        .sort_by(|a, b| (&a.id, &a.guid).cmp(&(&b.id, &b.guid)));
    assert_eq!(back, sorted);
    assert_eq!(back.to_text(), text, "written again, byte for byte");
    let ids: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("id = "))
        .collect();
    assert_eq!(ids, ["\"a\"", "\"b\"", "\"odd\""]);
    assert!(text.contains("removed = true\n") && text.contains("section = \"A section\"\n"));
    assert!(text.contains(r#"question = "quote \" back \\ tab\t nl\n cr\r nul\u0000 del\u007F c1\u0085 ü 日本 🔹 <code>x</code>""#), "{text}");
    assert_eq!(
        text.matches("section = ").count(),
        1,
        "empty sections are left out"
    );
    assert_eq!(back.latest(), T0 + 5);
}

#[test]
fn kinds_and_their_note_types_round_trip_and_only_they_are_written() {
    let plain = sample().to_text();
    assert!(
        !plain.contains("kind") && !plain.contains("notetype-"),
        "{plain}"
    );
    let mut lock = sample();
    lock.notes[0].kind = CardKind::Cloze;
    lock.notes[2].kind = CardKind::Reversed;
    for (kind, hash) in [
        (CardKind::Cloze, "cccccccccccccccc"),
        (CardKind::Reversed, "dddddddddddddddd"),
    ] {
        let tracked = Tracked {
            hash: hash.into(),
            time: T0 + 9,
        };
        lock.notetypes.insert(kind, tracked);
    }
    let text = lock.to_text();
    assert!(text.contains("kind = \"cloze\"\n") && text.contains("kind = \"reversed\"\n"));
    let tables: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with('['))
        .take(4)
        .collect();
    assert_eq!(
        tables,
        [
            "[notetype]",
            "[notetype-reversed]",
            "[notetype-cloze]",
            "[book]"
        ]
    );
    let back = Lock::parse(&text, "g.deckbook.lock").unwrap();
    assert_eq!(back.to_text(), text);
    assert_eq!(back.latest(), T0 + 9);
    let odd = text.replacen("kind = \"cloze\"", "kind = \"odd\"", 1);
    let (d, _) = error(&odd);
    assert!(d.message.contains("`odd`"), "{}", d.message);
    let line = odd.lines().position(|l| l == "kind = \"odd\"").unwrap() as u32 + 1;
    assert_eq!(line_of(&d).0, line);
}

#[test]
fn an_empty_lock_round_trips() {
    let lock = Lock {
        notes: Vec::new(),
        ..sample()
    };
    let text = lock.to_text();
    assert!(text.starts_with("# deckbook lock"));
    assert_eq!(Lock::parse(&text, "x").unwrap(), lock);
    assert_eq!(lock.latest(), T0);
}

/// The error diagnostic for `text`, rendered without colour.
fn error(text: &str) -> (Diagnostic, String) {
    let d = Lock::parse(text, "g.deckbook.lock").unwrap_err();
    assert_eq!(
        (d.severity, d.code),
        (Severity::Error, DiagnosticCode::Lock)
    );
    let rendered = d.render(Some(&SourceLines::new(text)), false);
    (d, rendered)
}

fn line_of(d: &Diagnostic) -> (u32, u32) {
    let l = d.location.as_ref().unwrap();
    (l.line, l.column)
}

#[test]
fn a_merge_conflict_is_named_at_its_marker() {
    let text = sample().to_text();
    let conflicted = text.replacen(
        "[book]\n",
        "[book]\n<<<<<<< HEAD\nhash = \"1111111111111111\"\n=======\nhash = \"2222222222222222\"\n>>>>>>> other\n",
        1,
    );
    let (d, rendered) = error(&conflicted);
    let line = conflicted
        .lines()
        .position(|l| l.starts_with("<<<<<<<"))
        .unwrap()
        + 1;
    assert_eq!(line_of(&d), (line as u32, 1));
    assert!(d.message.contains("merge conflict"), "{}", d.message);
    assert!(
        rendered.contains("<<<<<<< HEAD\n") && rendered.contains("| ^\n"),
        "{rendered}"
    );
    assert!(
        rendered.contains("keep either side's version"),
        "{rendered}"
    );
}

#[test]
fn broken_toml_points_at_the_line_and_column() {
    let text = sample().to_text().replacen("time = 0\n", "time = = 0\n", 1);
    let (d, rendered) = error(&text);
    let line = text.lines().position(|l| l == "time = = 0").unwrap() + 1;
    assert_eq!(line_of(&d).0, line as u32);
    assert!(d.message.starts_with("not a lock file: "), "{}", d.message);
    assert!(!d.message.contains('\n'));
    assert!(rendered.contains("time = = 0"), "{rendered}");
    assert!(rendered.contains("delete it to start over"), "{rendered}");
}

#[test]
fn wrong_keys_and_values_are_errors_at_their_place() {
    let text = sample().to_text();
    let line = |text: &str, needle: &str| {
        text.lines().position(|l| l.starts_with(needle)).unwrap() as u32 + 1
    };
    // A missing key, an unknown key, a mistyped value.
    let missing = text.replacen("question = \"Question of a\"\n", "", 1);
    assert!(
        error(&missing).0.message.contains("question"),
        "{:?}",
        error(&missing).0
    );
    let unknown = text.replacen("removed = true\n", "removed = true\ncolour = 1\n", 1);
    let (d, _) = error(&unknown);
    assert!(d.message.contains("colour"), "{}", d.message);
    assert_eq!(line_of(&d).0, line(&unknown, "colour"));
    let typed = text.replacen("time = 1767225601", "time = \"soon\"", 1);
    let (d, _) = error(&typed);
    assert_eq!(line_of(&d).0, line(&typed, "time = \"soon\""));
    // Values that parse but are not a lock's.
    let hash = text.replacen("\"aaaaaaaaaaaaaaaa\"", "\"AAAA\"", 1);
    let (d, _) = error(&hash);
    assert!(d.message.contains("16 lower-case hex"), "{}", d.message);
    assert_eq!(line_of(&d), (line(&hash, "hash = \"AAAA\""), 8));
    let negative = text.replacen("time = 0\n", "time = -1\n", 1);
    assert!(error(&negative).0.message.contains("negative"));
    let twice = text.replacen("guid = \"g2\"", "guid = \"g1\"", 1);
    let (d, _) = error(&twice);
    assert!(
        d.message.contains("`g1` is in the lock twice"),
        "{}",
        d.message
    );
    let lines: Vec<&str> = twice.lines().collect();
    let second = lines.iter().rposition(|l| *l == "guid = \"g1\"").unwrap() as u32 + 1;
    assert_eq!(line_of(&d), (second, 8), "the second one");
    let empty = text.replacen("id = \"b\"", "id = \"\"", 1);
    assert!(error(&empty).0.message.contains("`id` cannot be empty"));
}

#[test]
fn another_version_is_named_as_such() {
    let text = sample()
        .to_text()
        .replacen("version = 1", "version = 2\nfuture = true", 1);
    let (d, _) = error(&text);
    assert!(d.message.contains("lock version 2"), "{}", d.message);
    assert_eq!(line_of(&d), (6, 11));
    let (d, _) = error("");
    assert!(d.message.contains("no `version`"), "{}", d.message);
}

#[test]
fn reading_a_file_tells_missing_from_broken() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.deckbook.lock");
    assert!(read(&path).unwrap().is_none());
    let text = sample().to_text();
    std::fs::write(&path, &text).unwrap();
    let (lock, read_text) = read(&path).unwrap().unwrap();
    assert_eq!((lock.to_text(), read_text), (text.clone(), text));
    std::fs::write(&path, b"version = 1\nhash = \"\xff\"\n").unwrap();
    match read(&path) {
        Err(LockError::Invalid { diagnostic, text }) => {
            assert!(diagnostic.message.contains("not UTF-8"));
            assert_eq!(line_of(&diagnostic), (2, 9));
            assert!(text.contains('\u{fffd}'));
        }
        other => panic!("{other:?}"),
    }
    std::fs::remove_file(&path).unwrap();
    std::fs::create_dir(&path).unwrap();
    assert!(matches!(read(&path), Err(LockError::Read(_))));
}

#[test]
fn a_lock_lives_beside_its_guide() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        path_for(Path::new("source/python-interview-guide.md")),
        Path::new("source/python-interview-guide.deckbook.lock")
    );
    assert_eq!(
        path_for(Path::new("notes")),
        Path::new("notes.deckbook.lock")
    );
    assert_eq!(path_for(dir.path()), dir.path().join("deckbook.lock"));
}

#[test]
fn no_edit_of_a_lock_makes_the_reader_panic_or_point_outside_the_file() {
    let text = sample().to_text();
    let chars: Vec<char> = text.chars().collect();
    let lines = text.lines().count() as u32 + 1;
    let inserts = ['"', '\\', '[', ']', '=', '\n', '#', 'é', '\u{0}', '<'];
    let mut tried = 0;
    for at in (0..chars.len()).step_by(2) {
        let mut cut = chars.clone();
        cut.remove(at);
        let mut added = chars.clone();
        added.insert(at, inserts[at % inserts.len()]);
        for edited in [cut, added] {
            let edited: String = edited.into_iter().collect();
            tried += 1;
            if let Err(d) = Lock::parse(&edited, "g.deckbook.lock") {
                let (line, column) = line_of(&d);
                assert!((1..=lines).contains(&line) && column >= 1, "{d:?}");
                d.render(Some(&SourceLines::new(&edited)), false);
            }
        }
    }
    assert!(tried > 1000, "{tried}");
}
