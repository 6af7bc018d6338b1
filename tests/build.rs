//! `deckbook build` end to end: determinism (two builds, sequential or parallel emitters,
//! are byte-identical), atomic outputs (a failed write keeps the previous file), exit codes
//! and the errors that name a path. Guides of the repository are built with `--no-lock`, so
//! no test writes a lock beside them (the lock's own tests are in `tests/lock.rs`).

// Test code: a failed unwrap is a failed test (the library may not unwrap).
#![allow(clippy::unwrap_used)]

use deckbook::emit::{Options, Output};
use deckbook::parse::ParseOptions;
use deckbook::pipeline::{load, write_outputs};
use deckbook::prepare::{PrepareOptions, Prepared};
use std::path::Path;

mod common;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const SEED: &str = "source/python-interview-guide.md";
const ALL: [Output; 4] = [Output::Apkg, Output::Epub, Output::Csv, Output::AnkiCsv];

fn deckbook(args: &[&str]) -> (i32, String, String) {
    common::deckbook_in(Path::new(ROOT), args)
}

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().is_file())
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn parallel_and_sequential_emitters_write_the_same_bytes() {
    let parsed = load(&Path::new(ROOT).join(SEED), &ParseOptions::default()).unwrap();
    let prepared = Prepared::new(
        &parsed.guide,
        &PrepareOptions::default(),
        Path::new(ROOT).join("source").as_path(),
    );
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let wa = write_outputs(&prepared, &Options::default(), &ALL, a.path(), true).unwrap();
    let wb = write_outputs(&prepared, &Options::default(), &ALL, b.path(), false).unwrap();
    assert_eq!(wa.iter().map(|w| w.output).collect::<Vec<_>>(), ALL);
    assert_eq!(
        wb.iter().map(|w| w.bytes).collect::<Vec<_>>(),
        wa.iter().map(|w| w.bytes).collect::<Vec<_>>()
    );
    let (fa, fb) = (files(a.path()), files(b.path()));
    assert_eq!(
        fa.len(),
        4,
        "{:?}",
        fa.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    assert!(fa == fb, "parallel and sequential builds differ");
}

#[test]
fn two_cli_builds_are_byte_identical() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    for dir in [&a, &b] {
        let out_dir = dir.path().to_str().unwrap();
        let (code, out, err) = deckbook(&["build", SEED, "-o", out_dir, "--no-lock"]);
        assert_eq!(code, 0, "{out}{err}");
        assert_eq!(
            out.lines().filter(|l| l.starts_with("wrote ")).count(),
            4,
            "{out}"
        );
    }
    let (fa, fb) = (files(a.path()), files(b.path()));
    assert_eq!(
        fa.iter().map(|f| f.0.as_str()).collect::<Vec<_>>(),
        [
            "complete-python-interview-guide.anki.csv",
            "complete-python-interview-guide.apkg",
            "complete-python-interview-guide.csv",
            "complete-python-interview-guide.epub"
        ]
    );
    for (x, y) in fa.iter().zip(&fb) {
        assert!(x.1 == y.1, "{} differs between two builds", x.0);
    }
}

#[test]
fn an_output_that_cannot_be_written_keeps_the_others_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let src = tempfile::tempdir().unwrap();
    let guide = src.path().join("guide.md");
    std::fs::copy(Path::new(ROOT).join(SEED), &guide).unwrap();
    let (code, _, err) = deckbook(&["build", guide.to_str().unwrap(), "-o", out]);
    assert_eq!(code, 0, "{err}");
    let before = files(dir.path());
    // The .epub's place is taken by a folder: renaming onto it fails (even as root).
    let epub = dir.path().join("complete-python-interview-guide.epub");
    std::fs::remove_file(&epub).unwrap();
    std::fs::create_dir(&epub).unwrap();
    std::fs::write(epub.join("keep"), "x").unwrap();
    let (code, _, err) = deckbook(&["build", guide.to_str().unwrap(), "-o", out, "-q"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("cannot write") && err.contains("complete-python-interview-guide.epub"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(epub.join("keep")).unwrap(), "x");
    let after = files(dir.path());
    let names: Vec<&str> = after.iter().map(|f| f.0.as_str()).collect();
    assert!(
        !names.iter().any(|n| n.ends_with(".tmp")),
        "temporary file left: {names:?}"
    );
    // The other outputs were rewritten, with the same bytes (same timestamp).
    for (name, bytes) in before.iter().filter(|f| !f.0.ends_with(".epub")) {
        assert!(
            after.iter().any(|(n, b)| n == name && b == bytes),
            "{name} changed"
        );
    }
}

#[test]
fn a_guide_with_errors_is_skipped_and_the_others_build() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let (code, stdout, err) = deckbook(&[
        "build",
        "tests/fixtures/hostile/empty.md",
        "tests/fixtures/hostile/crlf-bom.md",
        "-o",
        out,
        "--no-lock",
    ]);
    assert_eq!(code, 1, "{stdout}{err}");
    assert!(
        err.contains("error[empty-guide]") && err.contains("empty.md was not built"),
        "{err}"
    );
    assert_eq!(files(dir.path()).len(), 4, "{stdout}");
    let (code, _, err) = deckbook(&["build", "tests/fixtures/hostile/nul-bytes.md", "-o", out]);
    assert_eq!(code, 1);
    assert!(err.contains("not a text file"), "{err}");
}

#[test]
fn deny_warnings_skips_a_guide_with_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = deckbook(&[
        "build",
        SEED,
        "-o",
        dir.path().to_str().unwrap(),
        "--deny-warnings",
        "-q",
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(files(dir.path()).is_empty());
}

#[test]
fn deny_warnings_refuses_a_guide_whose_image_is_missing_before_writing() {
    // The missing image is found while preparing, after parsing: a build with
    // --deny-warnings must stop there, as `check --deny-warnings` does, and open no file.
    let src = tempfile::tempdir().unwrap();
    let guide = src.path().join("guide.md");
    std::fs::write(&guide, "# G\n\n## 1. One\n\n![gone](gone.png)\n").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = deckbook(&[
        "build",
        guide.to_str().unwrap(),
        "-o",
        dir.path().to_str().unwrap(),
        "--deny-warnings",
    ]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("warning[image-missing]"), "{err}");
    assert!(err.contains("was not built"), "{err}");
    assert!(files(dir.path()).is_empty(), "{out}");
    let (code, _, err) = deckbook(&["check", guide.to_str().unwrap(), "--deny-warnings"]);
    assert_eq!(code, 1, "{err}");
}

/// The guides of `dir` (relative to the repository), sorted.
fn guides_in(dir: &str) -> Vec<String> {
    let mut found: Vec<String> = std::fs::read_dir(Path::new(ROOT).join(dir))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".md"))
        .map(|name| format!("{dir}/{name}"))
        .collect();
    found.sort();
    found
}

/// The diagnostics `build -v` prints: its standard error without the lines that say what was
/// built and how long it took.
fn build_diagnostics(guide: &str, options: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let mut args = vec!["build", guide, "-o", out, "-v", "--no-lock"];
    args.extend(options);
    let (_, _, err) = deckbook(&args);
    err.lines()
        .filter(|line| {
            !(line.starts_with(&format!("{guide}: "))
                || line == &format!("error: {guide} was not built (see the diagnostics above)"))
        })
        .map(|line| format!("{line}\n"))
        .collect()
}

#[test]
fn check_and_build_report_the_same_diagnostics_for_every_guide() {
    let mut guides = guides_in("source");
    guides.extend(guides_in("tests/fixtures/guides"));
    guides.extend(guides_in("tests/fixtures/hostile"));
    assert!(guides.len() > 15, "{guides:?}");
    let mut cases: Vec<(String, Vec<&str>)> = guides.into_iter().map(|g| (g, vec![])).collect();
    // Options that change what is prepared are the same for both commands.
    cases.push((
        "tests/fixtures/guides/q-numbered.md".into(),
        vec!["--deck", " A :: ", "--lang", "C", "--cards", "sections"],
    ));
    for (guide, options) in &cases {
        let mut args = vec!["check", guide.as_str()];
        args.extend(options);
        let (_, _, checked) = deckbook(&args);
        let built = build_diagnostics(guide, options);
        assert_eq!(
            checked, built,
            "{guide} {options:?}: check and build -v differ"
        );
        if !options.is_empty() {
            assert!(
                checked.contains("warning[deck-name]")
                    && checked.contains("warning[epub-language]"),
                "{checked}"
            );
        }
    }
}

#[test]
fn a_missing_output_folder_is_an_error_naming_it() {
    let (code, _, err) = deckbook(&["build", SEED, "-o", "no/such/folder"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("output folder no/such/folder does not exist"),
        "{err}"
    );
    let (code, _, err) = deckbook(&["build", "no-such-guide.md", "-o", "output"]);
    assert_eq!(code, 1);
    assert!(err.contains("cannot read no-such-guide.md"), "{err}");
}

#[test]
fn help_documents_every_option_and_completions_print() {
    // Short help puts each flag's doc on its own line.
    let (code, help, _) = deckbook(&["build", "-h"]);
    assert_eq!(code, 0);
    for flag in [
        "--output",
        "--format",
        "--cards",
        "--title",
        "--author",
        "--lang",
        "--deck",
        "--csv-bom",
        "--no-formula-guard",
        "--deny-warnings",
        "--quiet",
        "--verbose",
        "--no-repair",
        "--topic-level",
        "--no-lock",
        "--forget-removed",
        "--locked",
    ] {
        let line = help
            .lines()
            .find(|l| l.contains(flag))
            .unwrap_or_else(|| panic!("{flag} missing"));
        let rest = line
            .split_once(flag)
            .map_or("", |(_, rest)| rest)
            .trim_start();
        let doc = match rest.strip_prefix('<') {
            Some(value) => value.split_once('>').map_or("", |(_, doc)| doc),
            None => rest,
        };
        assert!(
            doc.split_whitespace().count() >= 3,
            "{flag} undocumented: {line}"
        );
    }
    let (code, script, _) = deckbook(&["completions", "bash"]);
    assert_eq!(code, 0);
    assert!(script.contains("deckbook") && script.contains("--format"));
}
