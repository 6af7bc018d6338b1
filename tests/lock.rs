//! The guide's lock file, end to end through the real binary, on copies of the seed guide in
//! temporary folders: two builds leave it byte-identical and untouched; a clean clone with
//! the lock builds byte-identically whatever its files' modification times; an edit, a new
//! and a removed topic are counted and stamped as such; `--forget-removed`, `--locked` and
//! `--no-lock`; and a lock that cannot be read is an error with its line, never a fresh start.

// Test code: a failed unwrap is a failed test (the library may not unwrap).
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const SEED: &str = "source/python-interview-guide.md";
const EPOCH: i64 = 1_767_225_600;
const DAY: i64 = 86_400;
const GUIDE: &str = "guide.md";
const LOCK: &str = "guide.deckbook.lock";

/// What a run printed.
struct Run {
    code: i32,
    out: String,
    err: String,
}

/// Runs deckbook in `dir` with `SOURCE_DATE_EPOCH=epoch` (unset for `None`).
fn run(dir: &Path, args: &[&str], epoch: Option<i64>) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_deckbook"));
    command.args(args).current_dir(dir).env("NO_COLOR", "1");
    match epoch {
        Some(epoch) => command.env("SOURCE_DATE_EPOCH", epoch.to_string()),
        None => command.env_remove("SOURCE_DATE_EPOCH"),
    };
    let out = command.output().expect("runs deckbook");
    Run {
        code: out.status.code().unwrap_or(-1),
        out: String::from_utf8_lossy(&out.stdout).into_owned(),
        err: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A folder holding a copy of the seed as `guide.md`, and an output folder `out/`.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(Path::new(ROOT).join(SEED), dir.path().join(GUIDE)).unwrap();
    std::fs::create_dir(dir.path().join("out")).unwrap();
    dir
}

/// `build guide.md -o out` plus `extra`, which must succeed.
fn build(dir: &Path, extra: &[&str], epoch: Option<i64>) -> Run {
    let mut args = vec!["build", GUIDE, "-o", "out"];
    args.extend(extra);
    let run = run(dir, &args, epoch);
    assert_eq!(run.code, 0, "{}{}", run.out, run.err);
    run
}

/// The counts line of a build.
fn counts(run: &Run) -> &str {
    run.out
        .lines()
        .find(|l| l.starts_with("guide.md: cards since the last build: "))
        .unwrap_or_else(|| panic!("no counts in {}", run.out))
        .trim_start_matches("guide.md: cards since the last build: ")
}

fn outputs(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir.join("out"))
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

fn set_mtime(path: &Path, seconds: u64) {
    let file = std::fs::File::options().write(true).open(path).unwrap();
    file.set_modified(SystemTime::UNIX_EPOCH + Duration::from_secs(seconds))
        .unwrap();
}

fn mtime(path: &Path) -> SystemTime {
    std::fs::metadata(path).unwrap().modified().unwrap()
}

/// Replaces the one occurrence of `old` in the guide with `new`.
fn edit(dir: &Path, old: &str, new: &str) {
    let path = dir.join(GUIDE);
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text.matches(old).count(), 1, "{old}");
    std::fs::write(&path, text.replacen(old, new, 1)).unwrap();
}

fn lock_text(dir: &Path) -> String {
    std::fs::read_to_string(dir.join(LOCK)).unwrap()
}

#[test]
fn two_builds_leave_the_lock_byte_identical_and_untouched() {
    let dir = workspace();
    let first = build(dir.path(), &[], Some(EPOCH));
    assert_eq!(
        counts(&first),
        "74 new, 0 changed, 0 unchanged, 0 removed (no lock before this build)"
    );
    assert!(
        first.out.contains(&format!("wrote {LOCK}\n")),
        "{}",
        first.out
    );
    let lock = dir.path().join(LOCK);
    let text = lock_text(dir.path());
    assert_eq!(text.matches("\n[[note]]\n").count(), 74);
    assert_eq!(text.matches("time = 1767225600\n").count(), 76);
    set_mtime(&lock, 1_000_000_000);
    let before = mtime(&lock);
    for epoch in [Some(EPOCH + DAY), None] {
        let again = build(dir.path(), &[], epoch);
        assert_eq!(counts(&again), "0 new, 0 changed, 74 unchanged, 0 removed");
        assert!(!again.out.contains(LOCK), "{}", again.out);
        assert_eq!(lock_text(dir.path()), text);
        assert_eq!(mtime(&lock), before, "the lock was rewritten");
    }
    let quiet = build(dir.path(), &["-q"], None);
    assert_eq!(quiet.out, "");
}

#[test]
fn a_clean_clone_with_its_lock_builds_byte_identically_whatever_the_mtimes() {
    let author = workspace();
    build(author.path(), &[], Some(EPOCH));
    let built = outputs(author.path());
    assert_eq!(built.len(), 4);

    // Touch the guide: same bytes, a new modification time, no SOURCE_DATE_EPOCH.
    set_mtime(&author.path().join(GUIDE), 1_900_000_000);
    build(author.path(), &[], None);
    assert!(
        outputs(author.path()) == built,
        "touching the guide changed an output"
    );

    // A clean clone: the guide and its lock with fresh modification times.
    let clone = workspace();
    std::fs::copy(author.path().join(LOCK), clone.path().join(LOCK)).unwrap();
    set_mtime(&clone.path().join(GUIDE), 2_000_000_000);
    set_mtime(&clone.path().join(LOCK), 2_000_000_000);
    let run = build(clone.path(), &[], None);
    assert_eq!(counts(&run), "0 new, 0 changed, 74 unchanged, 0 removed");
    for ((name, a), (_, b)) in outputs(clone.path()).iter().zip(&built) {
        assert!(a == b, "{name} differs in the clean clone");
    }
    assert_eq!(lock_text(clone.path()), lock_text(author.path()));
}

#[test]
fn an_edit_restamps_one_note_and_its_two_lines_of_the_lock() {
    let dir = workspace();
    build(dir.path(), &[], Some(EPOCH));
    let before = lock_text(dir.path());
    // Lines added to topic 1 move the source line of every later card.
    edit(
        dir.path(),
        "Objects whose state cannot be modified after creation",
        "Objects whose state cannot be modified after creation\n\n  An added paragraph.\n\n  And another.",
    );
    let run = build(dir.path(), &[], Some(EPOCH + DAY));
    assert_eq!(counts(&run), "0 new, 1 changed, 73 unchanged, 0 removed");
    let after = lock_text(dir.path());
    let changed: Vec<(&str, &str)> = before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(before.lines().count(), after.lines().count());
    assert_eq!(changed.len(), 2, "{changed:?}");
    assert!(changed[0].0.starts_with("hash = ") && changed[1].1 == "time = 1767312000");
    let entry = after
        .split("\n[[note]]\n")
        .find(|e| e.contains("time = 1767312000"));
    assert!(
        entry
            .unwrap()
            .contains("id = \"mutable-and-immutable-data-types\"")
    );
}

#[test]
fn a_new_topic_is_new() {
    let dir = workspace();
    build(dir.path(), &[], Some(EPOCH));
    let text = std::fs::read_to_string(dir.path().join(GUIDE)).unwrap();
    std::fs::write(
        dir.path().join(GUIDE),
        format!("{text}\n## 74. A Topic Added Later\n\nIts answer.\n"),
    )
    .unwrap();
    let run = build(dir.path(), &[], Some(EPOCH + DAY));
    assert_eq!(counts(&run), "1 new, 0 changed, 74 unchanged, 0 removed");
    assert!(run.out.contains("75 notes"), "{}", run.out);
}

/// The seed's topic 38, heading to the line before topic 39.
fn remove_topic_38(dir: &Path) -> String {
    let path = dir.join(GUIDE);
    let text = std::fs::read_to_string(&path).unwrap();
    let start = text
        .find("## 38. Accessing Second Parent Class Method")
        .unwrap();
    let end = start + text[start..].find("\n## 39. ").unwrap() + 1;
    std::fs::write(&path, format!("{}{}", &text[..start], &text[end..])).unwrap();
    text[start..end].to_string()
}

#[test]
fn a_removed_topic_is_reported_kept_tagged_and_forgotten_on_request() {
    let dir = workspace();
    build(dir.path(), &[], Some(EPOCH));
    remove_topic_38(dir.path());
    let run = build(dir.path(), &[], Some(EPOCH + DAY));
    assert_eq!(
        counts(&run),
        "0 new, 0 changed, 73 unchanged, 1 removed (1 removed card tagged deckbook::removed \
         in the package until --forget-removed)"
    );
    assert!(
        run.out.contains("74 notes") && run.out.contains("73 chapters"),
        "{}",
        run.out
    );
    assert!(run.out.contains("73 rows)\n") && run.out.contains("74 rows)\n"));
    let lock = lock_text(dir.path());
    assert_eq!(lock.matches("removed = true\n").count(), 1);
    let anki_csv = std::fs::read_to_string(
        dir.path()
            .join("out/complete-python-interview-guide.anki.csv"),
    )
    .unwrap();
    let removed: Vec<&str> = anki_csv
        .lines()
        .filter(|l| l.contains("deckbook::removed"))
        .collect();
    assert_eq!(removed.len(), 1);
    assert!(removed[0].contains("Accessing Second Parent Class Method"));
    assert!(removed[0].contains("Removed from the guide</b> on 2026-01-02"));

    // Built again: still carried, nothing changed.
    let again = build(dir.path(), &[], Some(EPOCH + 2 * DAY));
    assert!(counts(&again).starts_with("0 new, 0 changed, 73 unchanged, 0 removed (1 removed"));
    assert_eq!(lock_text(dir.path()), lock);

    let forget = build(dir.path(), &["--forget-removed"], Some(EPOCH + 3 * DAY));
    assert_eq!(
        counts(&forget),
        "0 new, 0 changed, 73 unchanged, 0 removed (1 removed card forgotten)"
    );
    assert!(forget.out.contains("73 notes"), "{}", forget.out);
    let lock = lock_text(dir.path());
    assert!(!lock.contains("removed = true") && !lock.contains("Accessing Second Parent"));
    assert_eq!(lock.matches("\n[[note]]\n").count(), 73);
}

#[test]
fn a_lock_that_cannot_be_read_is_an_error_and_nothing_is_written() {
    let dir = workspace();
    build(dir.path(), &[], Some(EPOCH));
    let lock = dir.path().join(LOCK);
    let text = lock_text(dir.path());
    let conflicted = text.replacen(
        "time = 1767225600\n",
        "<<<<<<< HEAD\ntime = 1767225600\n=======\ntime = 1767312000\n>>>>>>> theirs\n",
        1,
    );
    std::fs::write(&lock, &conflicted).unwrap();
    std::fs::remove_dir_all(dir.path().join("out")).unwrap();
    std::fs::create_dir(dir.path().join("out")).unwrap();
    let line = conflicted
        .lines()
        .position(|l| l == "<<<<<<< HEAD")
        .unwrap()
        + 1;
    let expected = format!(
        "error[lock]: the lock file has a merge conflict (`<<<<<<<`)\n  --> {LOCK}:{line}:1\n   |\n\
         {line} | <<<<<<< HEAD\n   | ^\n"
    );
    let run = run(
        dir.path(),
        &["build", GUIDE, "-o", "out", "-q"],
        Some(EPOCH),
    );
    assert_eq!(run.code, 1);
    assert!(run.err.contains(&expected), "{}", run.err);
    assert!(
        run.err.contains("error: guide.md was not built"),
        "{}",
        run.err
    );
    assert!(outputs(dir.path()).is_empty(), "an output was written");
    assert_eq!(std::fs::read_to_string(&lock).unwrap(), conflicted);
    // `check` reports the same error, and counts it.
    let check = self::run(dir.path(), &["check", GUIDE], Some(EPOCH));
    assert_eq!(check.code, 1);
    assert!(check.err.contains(&expected), "{}", check.err);
    assert!(check.out.contains(", 1 errors, "), "{}", check.out);
    // `--no-lock` neither reads nor writes it.
    let run = build(dir.path(), &["--no-lock"], Some(EPOCH));
    assert!(!run.out.contains("cards since"), "{}", run.out);
    assert_eq!(std::fs::read_to_string(&lock).unwrap(), conflicted);
    let check = self::run(dir.path(), &["check", GUIDE, "--no-lock"], Some(EPOCH));
    assert_eq!(check.code, 0, "{}", check.err);
}

#[test]
fn check_and_no_lock_write_no_lock() {
    let dir = workspace();
    let check = run(dir.path(), &["check", GUIDE], Some(EPOCH));
    assert_eq!(check.code, 0, "{}", check.err);
    build(dir.path(), &["--no-lock"], Some(EPOCH));
    assert!(!dir.path().join(LOCK).exists());
}

#[test]
fn locked_requires_an_up_to_date_lock_and_never_writes_it() {
    let dir = workspace();
    let missing = run(
        dir.path(),
        &["build", GUIDE, "-o", "out", "--locked"],
        Some(EPOCH),
    );
    assert_eq!(missing.code, 1);
    assert!(
        missing
            .err
            .contains(&format!("error: {LOCK} is missing (--locked)")),
        "{}",
        missing.err
    );
    assert!(outputs(dir.path()).is_empty() && !dir.path().join(LOCK).exists());

    build(dir.path(), &["--format", "epub"], Some(EPOCH));
    let text = lock_text(dir.path());
    let fine = build(dir.path(), &["--locked"], Some(EPOCH + DAY));
    assert_eq!(counts(&fine), "0 new, 0 changed, 74 unchanged, 0 removed");

    edit(
        dir.path(),
        "Objects whose state cannot be modified after creation",
        "Edited",
    );
    let stale = run(
        dir.path(),
        &["build", GUIDE, "-o", "out", "--locked"],
        Some(EPOCH),
    );
    assert_eq!(stale.code, 1);
    assert!(
        stale.err.contains("is out of date (--locked)"),
        "{}",
        stale.err
    );
    assert_eq!(lock_text(dir.path()), text);
}

#[test]
fn the_committed_lock_of_the_seed_is_up_to_date() {
    let out = tempfile::tempdir().unwrap();
    let run = run(
        Path::new(ROOT),
        &[
            "build",
            SEED,
            "-o",
            out.path().to_str().unwrap(),
            "--locked",
        ],
        Some(EPOCH),
    );
    assert_eq!(
        run.code, 0,
        "{}{}\nrun `make` (it rebuilds the guides of source/) and commit the lock",
        run.out, run.err
    );
    let line =
        format!("{SEED}: cards since the last build: 0 new, 0 changed, 74 unchanged, 0 removed\n");
    assert!(run.out.contains(&line), "{}", run.out);
    let lock: PathBuf = Path::new(ROOT).join("source/python-interview-guide.deckbook.lock");
    assert!(lock.is_file());
}
