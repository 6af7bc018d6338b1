//! What the snapshot and oracle tests share: running the real binary from the repository
//! root, listing fixture guides, and comparing a tree of expected files with what a test
//! produced — a stale, missing or unused expected file fails, and `UPDATE_EXPECTED=1`
//! rewrites the tree (removing unused files) instead.

// Each integration test is its own crate and uses a different part of this module.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root (every fixture path is relative to it).
pub const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The timestamp every snapshot build is stamped with (2026-01-01T00:00:00Z), the one the
/// client tests use too.
pub const EPOCH: &str = "1767225600";

/// Runs the real binary in the repository root with `NO_COLOR` and [`EPOCH`].
pub fn deckbook(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_deckbook"))
        .args(args)
        .current_dir(ROOT)
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .output()
        .expect("runs deckbook")
}

/// Runs the real binary in `cwd` with `NO_COLOR` and [`EPOCH`]: its exit code, stdout and
/// stderr.
pub fn deckbook_in(cwd: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_deckbook"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .output()
        .expect("runs deckbook");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The `.md` files of `dir` (relative to the root), sorted; empty if `dir` does not exist.
pub fn md_files(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(Path::new(ROOT).join(dir))
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "md"));
    files.sort();
    files
}

/// The file stem of a path, as a string.
pub fn stem(path: &Path) -> String {
    path.file_stem()
        .expect("a file name")
        .to_string_lossy()
        .into_owned()
}

/// Compares every expected file under `dir` (relative to the root) with `actual` (relative
/// path → bytes), or with `UPDATE_EXPECTED` set rewrites the tree to hold exactly `actual`.
/// Fails on a stale or missing file and on any file under `dir` that `actual` does not hold.
pub fn check_tree(dir: &str, actual: &BTreeMap<String, Vec<u8>>, update_command: &str) {
    let root = Path::new(ROOT).join(dir);
    let update = std::env::var_os("UPDATE_EXPECTED").is_some();
    let present = files_under(&root);
    let mut problems = Vec::new();
    for (name, bytes) in actual {
        assert!(
            !name.split('/').any(|part| part.is_empty() || part == ".."),
            "{name}: not a plain relative path"
        );
        let path = root.join(name);
        if update {
            std::fs::create_dir_all(path.parent().expect("a parent")).unwrap();
            if std::fs::read(&path).ok().as_ref() != Some(bytes) {
                std::fs::write(&path, bytes).unwrap();
            }
            continue;
        }
        match std::fs::read(&path) {
            Ok(expected) if expected == *bytes => {}
            Ok(expected) => problems.push(format!(
                "{dir}/{name} is stale:\n{}",
                first_difference(&expected, bytes)
            )),
            Err(_) => problems.push(format!("{dir}/{name} is missing")),
        }
    }
    for name in present.iter().filter(|name| !actual.contains_key(*name)) {
        if update {
            std::fs::remove_file(root.join(name)).unwrap();
        } else {
            problems.push(format!("{dir}/{name} is unused: no output produces it"));
        }
    }
    if update {
        remove_empty_dirs(&root);
    }
    assert!(
        problems.is_empty(),
        "{} of {} expected files differ:\n\n{}\n\n({update_command} rewrites them)",
        problems.len(),
        actual.len(),
        problems.join("\n\n")
    );
}

/// Every file under `root`, as `/`-separated paths relative to it, sorted.
fn files_under(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let rel = path.strip_prefix(root).unwrap();
                let parts: Vec<_> = rel.iter().map(|p| p.to_string_lossy()).collect();
                out.push(parts.join("/"));
            }
        }
    }
    out.sort();
    out
}

/// Removes the folders under `root` (not `root` itself) that hold no file.
fn remove_empty_dirs(root: &Path) {
    let Ok(entries) = std::fs::read_dir(root) else {
        return;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            remove_empty_dirs(&path);
            // Fails (and is ignored) when the folder still holds something.
            let _ = std::fs::remove_dir(&path);
        }
    }
}

/// A readable account of where two versions of a file first differ: the line number and a
/// few lines of each around it (the whole files can be megabytes).
pub fn first_difference(expected: &[u8], actual: &[u8]) -> String {
    let expected = String::from_utf8_lossy(expected);
    let actual = String::from_utf8_lossy(actual);
    let (e, a): (Vec<&str>, Vec<&str>) = (
        expected.split_inclusive('\n').collect(),
        actual.split_inclusive('\n').collect(),
    );
    let line = e.iter().zip(&a).take_while(|(x, y)| x == y).count();
    let window = |lines: &[&str]| -> String {
        let from = line.saturating_sub(2);
        let to = (line + 3).min(lines.len());
        lines
            .get(from..to)
            .unwrap_or_default()
            .iter()
            .map(|l| format!("    | {}", visible(l.trim_end_matches('\n'))))
            .collect::<Vec<_>>()
            .join("\n")
    };
    format!(
        "  first difference at line {} (expected {} lines, actual {}):\n  --- expected\n{}\n  --- actual\n{}",
        line + 1,
        e.len(),
        a.len(),
        window(&e),
        window(&a)
    )
}

/// A line with its control characters (a CR, a NUL) escaped and everything else as it is.
fn visible(line: &str) -> String {
    line.chars()
        .map(|c| match c {
            '\t' => c.to_string(),
            c if c.is_control() => c.escape_default().to_string(),
            c => c.to_string(),
        })
        .collect()
}
