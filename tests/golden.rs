//! Golden files: the `deckbook check` report of every fixture in `tests/fixtures/hostile/`
//! and the `deckbook inspect` outline of every guide in `source/` and `tests/fixtures/guides/`,
//! compared with `tests/expected/`. A stale expected file fails, and so does one whose fixture
//! is gone. `UPDATE_EXPECTED=1 cargo test --test golden` rewrites them.

// Test code: a failed unwrap is a failed test (the library may not unwrap).
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Runs the real binary in the repo root; returns "exit N" + stdout + stderr.
fn deckbook(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_deckbook"))
        .args(args)
        .current_dir(ROOT)
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", "0")
        .output()
        .expect("runs deckbook");
    format!(
        "exit {}\n--- stdout\n{}--- stderr\n{}",
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn md_files(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(Path::new(ROOT).join(dir))
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "md"));
    files.sort();
    files
}

/// Where the folder guides are: each sub-folder is one.
const FOLDERS: &str = "tests/fixtures/folders";

/// The folder guides of [`FOLDERS`], sorted.
fn folder_guides() -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = std::fs::read_dir(Path::new(ROOT).join(FOLDERS))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    folders.sort();
    assert!(folders.len() >= 2, "{folders:?}");
    folders
}

/// Compares (or with UPDATE_EXPECTED rewrites) every `(expected file, actual)` pair, then
/// fails on expected files in `dir` that no case produced.
fn check_golden(dir: &str, cases: Vec<(String, String)>) {
    let update = std::env::var_os("UPDATE_EXPECTED").is_some();
    let expected_dir = Path::new(ROOT).join(dir);
    std::fs::create_dir_all(&expected_dir).expect("the expected folder exists");
    let mut used = BTreeSet::new();
    let mut stale = Vec::new();
    for (name, actual) in cases {
        let path = expected_dir.join(&name);
        used.insert(name.clone());
        if update {
            std::fs::write(&path, &actual).expect("an expected file is written");
            continue;
        }
        match std::fs::read_to_string(&path) {
            Ok(expected) if expected == actual => {}
            Ok(expected) => stale.push(format!(
                "{dir}/{name} is stale:\n--- expected\n{expected}\n--- actual\n{actual}"
            )),
            Err(_) => stale.push(format!("{dir}/{name} is missing; actual:\n{actual}")),
        }
    }
    for entry in std::fs::read_dir(&expected_dir).expect("the expected folder is read") {
        let name = entry
            .expect("a folder entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        if !used.contains(&name) {
            stale.push(format!(
                "{dir}/{name} is not produced by any fixture (unused)"
            ));
        }
    }
    assert!(
        stale.is_empty(),
        "{}\n(UPDATE_EXPECTED=1 cargo test --test golden rewrites them)",
        stale.join("\n\n")
    );
}

#[test]
fn hostile_fixtures_report_the_documented_diagnostics() {
    let cases = md_files("tests/fixtures/hostile")
        .into_iter()
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            let rel = format!("tests/fixtures/hostile/{name}.md");
            (format!("{name}.check.txt"), deckbook(&["check", &rel]))
        })
        .collect();
    check_golden("tests/expected/hostile", cases);
}

#[test]
fn guide_outlines_match() {
    let mut cases = Vec::new();
    for dir in ["source", "tests/fixtures/guides"] {
        for p in md_files(dir) {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            let rel = format!("{dir}/{name}.md");
            cases.push((format!("{name}.outline.txt"), deckbook(&["inspect", &rel])));
            cases.push((format!("{name}.check.txt"), deckbook(&["check", &rel])));
        }
    }
    // The folder guides: a folder each.
    for folder in folder_guides() {
        let name = format!("folder-{}", folder.file_name().unwrap().to_string_lossy());
        let rel = format!(
            "{FOLDERS}/{}",
            folder.file_name().unwrap().to_string_lossy()
        );
        cases.push((format!("{name}.outline.txt"), deckbook(&["inspect", &rel])));
        cases.push((format!("{name}.check.txt"), deckbook(&["check", &rel])));
    }
    check_golden("tests/expected/guides", cases);
}

#[test]
fn no_hostile_fixture_panics_the_parser() {
    for p in md_files("tests/fixtures/hostile") {
        let report = deckbook(&["inspect", "--json", p.to_str().unwrap()]);
        assert!(!report.contains("panicked"), "{}: {report}", p.display());
        let code: i32 = report.lines().next().unwrap()[5..].parse().unwrap();
        assert!(code == 0 || code == 2, "{}: {report}", p.display());
    }
}

#[test]
fn a_ten_megabyte_line_parses() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long-line.md");
    let mut text = String::from("# Long\n\n## 1. One line\n\n");
    while text.len() < 10 << 20 {
        text.push_str("word *emphasis* `code` [link](http://x.org) ");
    }
    text.push_str("\n\n## 2. After\n\nEnd.\n");
    std::fs::write(&path, &text).unwrap();
    let report = deckbook(&["check", path.to_str().unwrap()]);
    assert!(report.starts_with("exit 0\n"), "{report}");
    assert!(
        report.contains(": 2 topics, 0 sections, 2 cards"),
        "{report}"
    );
}
