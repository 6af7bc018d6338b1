//! `deckbook build` of a library (a folder of guides), whose guides are built in parallel:
//! whatever the number of threads, the same lines on standard output and standard error, in
//! the guides' order, the same exit code and the same bytes in every output and lock; a guide
//! that cannot be read, or that has errors, is reported and skipped and the others are built.

// Test code: a failed unwrap is a failed test (the library may not unwrap).
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::Command;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/guides");

/// A library in `dir/lib`: every fixture guide (and their images), a guide that is not text,
/// and a guide with the title of `grouped.md` (`Python Notes`), named after it.
fn make_library(dir: &Path) -> usize {
    let lib = dir.join("lib");
    std::fs::create_dir_all(lib.join("img")).unwrap();
    let mut guides = 0;
    for entry in std::fs::read_dir(FIXTURES).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            std::fs::copy(&path, lib.join(path.file_name().unwrap())).unwrap();
            guides += 1;
        }
    }
    for entry in std::fs::read_dir(Path::new(FIXTURES).join("img")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, lib.join("img").join(path.file_name().unwrap())).unwrap();
    }
    std::fs::write(lib.join("broken.md"), b"# Broken\n\nnot \0 text\n").unwrap();
    std::fs::write(lib.join("same-title.md"), "# Python Notes\n\n## Q\n\nA.\n").unwrap();
    std::fs::create_dir(dir.join("out")).unwrap();
    guides
}

/// Runs `deckbook build lib -o out ARGS` in `dir` on `threads` threads: exit code, stdout,
/// stderr.
fn build(dir: &Path, threads: usize, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_deckbook"))
        .args(["build", "lib", "-o", "out"])
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .env("RAYON_NUM_THREADS", threads.to_string())
        .output()
        .expect("runs deckbook");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// Every file under `dir` (relative path, bytes), sorted.
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut found = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(folder) = todo.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path);
            } else {
                let name = path.strip_prefix(dir).unwrap().display().to_string();
                found.push((name, std::fs::read(&path).unwrap()));
            }
        }
    }
    found.sort();
    found
}

#[test]
fn a_library_builds_the_same_on_one_thread_and_on_four() {
    let (one, four) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let fixtures = make_library(one.path());
    make_library(four.path());
    let a = build(one.path(), 1, &[]);
    let b = build(four.path(), 4, &[]);
    assert_eq!(a.0, 1, "a guide was skipped: exit 1\n{}", a.2);
    assert_eq!(a, b, "one thread and four threads printed differently");
    let (ta, tb) = (tree(one.path()), tree(four.path()));
    assert_eq!(
        ta.iter().map(|f| &f.0).collect::<Vec<_>>(),
        tb.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    for (x, y) in ta.iter().zip(&tb) {
        assert!(x.1 == y.1, "{} differs between one and four threads", x.0);
    }

    let (_, stdout, stderr) = a;
    // Every fixture is built (each writes its four outputs and its lock), in input order:
    // the guides' locks are announced in the order of their file names.
    let apkgs = stdout.lines().filter(|l| l.contains(".apkg (")).count();
    assert_eq!(apkgs, fixtures, "{stdout}");
    let locks: Vec<&str> = stdout
        .lines()
        .filter_map(|l| l.strip_prefix("wrote lib/"))
        .filter_map(|l| l.strip_suffix(".deckbook.lock"))
        .collect();
    // Input order is the order of the file names (`quiz-details.md` before `quiz.md`).
    let mut sorted = locks.clone();
    sorted.sort_by_key(|name| format!("{name}.md"));
    assert_eq!(locks, sorted, "guides reported out of order");
    assert_eq!(locks.len(), fixtures);
    assert!(!locks.contains(&"broken") && !locks.contains(&"same-title"));
    // The broken guide and the second `Python Notes` are reported and skipped.
    assert!(
        stderr.contains("error: lib/broken.md: not a text file"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "error[same-outputs]: `lib/same-title.md` would write the same outputs as `lib/grouped.md`"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("error: lib/same-title.md was not built"));
    let outputs = tree(&one.path().join("out"));
    assert_eq!(outputs.len(), fixtures * 4);
    let notes = outputs.iter().find(|f| f.0 == "python-notes.csv").unwrap();
    assert!(
        String::from_utf8_lossy(&notes.1).contains("grouped.md"),
        "the first `Python Notes` is built"
    );
}

#[test]
fn quiet_prints_only_errors() {
    let dir = tempfile::tempdir().unwrap();
    make_library(dir.path());
    let (code, stdout, stderr) = build(dir.path(), 4, &["-q", "--no-lock"]);
    assert_eq!(code, 1);
    assert_eq!(stdout, "");
    let starts: Vec<&str> = stderr
        .lines()
        .filter(|l| !l.starts_with(' ') && !l.starts_with(|c: char| c.is_ascii_digit()))
        .collect();
    assert_eq!(
        starts,
        [
            "error: lib/broken.md: not a text file (NUL byte at offset 14)",
            "error[same-outputs]: `lib/same-title.md` would write the same outputs as \
             `lib/grouped.md` (`python-notes.apkg`, `python-notes.epub`, `python-notes.csv`, \
             `python-notes.anki.csv`)",
            "error: lib/same-title.md was not built (see the diagnostics above)",
        ],
        "{stderr}"
    );
}

#[test]
fn a_guide_skipped_for_its_diagnostics_alone_fails_the_build() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    std::fs::create_dir_all(&lib).unwrap();
    std::fs::create_dir(dir.path().join("out")).unwrap();
    std::fs::write(lib.join("a.md"), "# Same\n\n## One\n\nx\n").unwrap();
    std::fs::write(lib.join("b.md"), "# Same\n\n## Two\n\ny\n").unwrap();
    for threads in [1, 4] {
        let (code, stdout, stderr) = build(dir.path(), threads, &["--no-lock"]);
        assert_eq!(code, 1, "{stdout}{stderr}");
        assert!(stderr.contains("error: lib/b.md was not built"), "{stderr}");
        assert_eq!(stdout.lines().count(), 4, "{stdout}");
    }
}
