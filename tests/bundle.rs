//! `deckbook build --bundle NAME` end to end: the four files and nothing else, the same bytes
//! from two builds, the formats `-f` asks for, a guide with errors left out (exit 1) while the
//! others are bundled, a name that cannot name a file refused, and the guides' locks written
//! exactly as a build of outputs per guide writes them. What the bundle holds is judged by the
//! real clients in `tests/clients/test_bundle.py`.

// Test code: a failed unwrap is a failed test (the library may not unwrap).
#![allow(clippy::unwrap_used)]

use std::path::Path;

mod common;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const GROUPED: &str = "tests/fixtures/guides/grouped.md";
const IMAGES: &str = "tests/fixtures/guides/images-and-code.md";

fn deckbook(args: &[&str], cwd: &Path) -> (i32, String, String) {
    common::deckbook_in(cwd, args)
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn bundle(out: &Path, extra: &[&str]) -> (i32, String, String) {
    let mut args = vec![
        "build",
        "--no-lock",
        "--bundle",
        "Lib",
        "-o",
        out.to_str().unwrap(),
        GROUPED,
        IMAGES,
    ];
    args.extend(extra);
    deckbook(&args, Path::new(ROOT))
}

#[test]
fn a_bundle_is_four_files_with_the_same_bytes_every_time() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (code, stdout, stderr) = bundle(a.path(), &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(bundle(b.path(), &[]).0, 0);
    let files = ["Lib.anki.csv", "Lib.apkg", "Lib.csv", "Lib.epub"];
    assert_eq!(names(a.path()), files);
    for file in files {
        let one = std::fs::read(a.path().join(file)).unwrap();
        assert_eq!(one, std::fs::read(b.path().join(file)).unwrap(), "{file}");
        assert!(stdout.contains(&format!("{file} (")), "{stdout}");
    }
    assert!(stdout.contains("2 guides"), "{stdout}");
    let csv = std::fs::read_to_string(a.path().join("Lib.csv")).unwrap();
    assert!(csv.starts_with("guide,id,number,topic,"));
    assert!(csv.contains("\r\npython-notes,") && csv.contains("\r\nimages-and-code,"));
    let anki = std::fs::read_to_string(a.path().join("Lib.anki.csv")).unwrap();
    assert!(anki.contains("#deck:Lib\r\n"));
    assert!(
        anki.contains(",Lib::Python Notes::"),
        "the groups' sub-decks"
    );
}

#[test]
fn a_bundle_writes_the_formats_asked_for() {
    let out = tempfile::tempdir().unwrap();
    assert_eq!(bundle(out.path(), &["-f", "apkg,csv"]).0, 0);
    assert_eq!(names(out.path()), ["Lib.anki.csv", "Lib.apkg", "Lib.csv"]);
}

#[test]
fn a_guide_with_errors_is_left_out_of_the_bundle_and_the_others_are_bundled() {
    let out = tempfile::tempdir().unwrap();
    let (code, _, stderr) = bundle(out.path(), &["tests/fixtures/hostile/empty.md"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("empty.md"), "{stderr}");
    let csv = std::fs::read_to_string(out.path().join("Lib.csv")).unwrap();
    let guides: std::collections::BTreeSet<&str> = csv
        .split("\r\n")
        .skip(1)
        .filter_map(|row| row.split(',').next())
        .filter(|g| *g == "python-notes" || *g == "images-and-code" || *g == "empty")
        .collect();
    assert_eq!(
        guides.into_iter().collect::<Vec<_>>(),
        ["images-and-code", "python-notes"]
    );
}

#[test]
fn a_bundle_name_that_cannot_name_a_file_is_a_usage_error() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().to_str().unwrap();
    for bad in ["a/b", "..", "A::B", ""] {
        let (code, _, stderr) = deckbook(
            &["build", "--no-lock", "--bundle", bad, "-o", dir, GROUPED],
            Path::new(ROOT),
        );
        assert_eq!(code, 2, "{bad:?}: {stderr}");
        assert!(stderr.contains("cannot name a file"), "{stderr}");
    }
    assert!(names(out.path()).is_empty());
    let (code, _, stderr) = deckbook(
        &[
            "build",
            "--no-lock",
            "--bundle",
            "Lib",
            "-o",
            dir,
            "tests/fixtures/hostile/empty.md",
        ],
        Path::new(ROOT),
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("no guide was built, so the bundle `Lib` was not written"),
        "{stderr}"
    );
    assert!(names(out.path()).is_empty());
    let (code, _, stderr) = deckbook(
        &[
            "build",
            "--no-subdecks",
            "--subdecks",
            "folders",
            "-o",
            dir,
            GROUPED,
        ],
        Path::new(ROOT),
    );
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn a_bundle_writes_each_guides_lock_as_its_own_build_does() {
    let copy = |dir: &Path| {
        for guide in [GROUPED, IMAGES] {
            let from = Path::new(ROOT).join(guide);
            std::fs::copy(&from, dir.join(from.file_name().unwrap())).unwrap();
        }
        std::fs::create_dir(dir.join("img")).unwrap();
        let img = Path::new(ROOT).join("tests/fixtures/guides/img");
        for e in std::fs::read_dir(img).unwrap() {
            let e = e.unwrap();
            std::fs::copy(e.path(), dir.join("img").join(e.file_name())).unwrap();
        }
    };
    let (one, two) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    copy(one.path());
    copy(two.path());
    for (dir, extra) in [(one.path(), vec!["--bundle", "Lib"]), (two.path(), vec![])] {
        std::fs::create_dir(dir.join("out")).unwrap();
        let mut args = vec!["build", "-o", "out", "grouped.md", "images-and-code.md"];
        args.extend(extra);
        let (code, _, stderr) = deckbook(&args, dir);
        assert_eq!(code, 0, "{stderr}");
    }
    for lock in ["grouped.deckbook.lock", "images-and-code.deckbook.lock"] {
        let a = std::fs::read(one.path().join(lock)).unwrap();
        assert_eq!(a, std::fs::read(two.path().join(lock)).unwrap(), "{lock}");
    }
    assert_eq!(
        names(&one.path().join("out")),
        ["Lib.anki.csv", "Lib.apkg", "Lib.csv", "Lib.epub"]
    );
}
