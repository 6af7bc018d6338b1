//! Which guides a build finds and where it looks for their files, end to end with the binary:
//! a guide named by its bare file name inside its own folder, two guides whose titles give the
//! same slug, `check`/`inspect` of a folder. Every build is `--no-lock` into a temporary folder.

// Test code: a failed unwrap is a failed test (the library may not unwrap).
#![allow(clippy::unwrap_used)]

use std::path::Path;

mod common;
use common::deckbook_in;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Copies the fixture guide with an image, and its image, into a fresh folder.
fn guide_with_image() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = Path::new(ROOT).join("tests/fixtures/guides");
    std::fs::copy(
        fixtures.join("images-and-code.md"),
        dir.path().join("images-and-code.md"),
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("img")).unwrap();
    std::fs::copy(
        fixtures.join("img/diagram.png"),
        dir.path().join("img/diagram.png"),
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("out")).unwrap();
    dir
}

#[test]
fn a_guide_named_by_its_bare_file_name_in_its_own_folder_finds_its_images() {
    let dir = guide_with_image();
    for args in [
        &["build", "images-and-code.md", "-o", "out", "--no-lock"][..],
        &["check", "images-and-code.md", "--no-lock"][..],
    ] {
        let (code, stdout, stderr) = deckbook_in(dir.path(), args);
        assert_eq!(code, 0, "{args:?}\n{stdout}\n{stderr}");
        assert!(!stderr.contains("image-"), "{args:?}: {stderr}");
        assert!(
            stdout.contains("0 warnings") || args[0] == "build",
            "{stdout}"
        );
    }
    // The package and the book hold the image, as when the guide is named `./guide.md`.
    std::fs::create_dir(dir.path().join("other")).unwrap();
    let (code, _, stderr) = deckbook_in(
        dir.path(),
        &["build", "./images-and-code.md", "-o", "other", "--no-lock"],
    );
    assert_eq!(code, 0, "{stderr}");
    for name in ["images-and-code.apkg", "images-and-code.epub"] {
        assert_eq!(
            std::fs::read(dir.path().join("out").join(name)).unwrap(),
            std::fs::read(dir.path().join("other").join(name)).unwrap(),
            "{name}: the bare name and ./ build differently"
        );
    }
}

/// A folder holding `a.md` and `b.md`, both titled "Same", and an output folder `out`.
fn two_guides_titled_the_same() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.md"),
        "# Same\n\n## 1. Shared question\n\nA's answer.\n\n## 2. Only in a\n\nA.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.md"),
        "---\ntitle: Same\n---\n\n## 1. Shared question\n\nB's answer.\n\n## 2. Only in b\n\nB.\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("out")).unwrap();
    dir
}

#[test]
fn a_second_guide_with_the_same_slug_is_refused_and_the_first_builds() {
    let dir = two_guides_titled_the_same();
    let (code, stdout, stderr) = deckbook_in(
        dir.path(),
        &["build", "a.md", "b.md", "-o", "out", "--no-lock"],
    );
    assert_eq!(code, 1, "{stdout}\n{stderr}");
    assert!(
        stderr.contains(
            "error[same-outputs]: `b.md` would write the same outputs as `a.md` (`same.apkg`, \
             `same.epub`, `same.csv`, `same.anki.csv`)"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("--> b.md:2:1"), "{stderr}");
    assert!(stderr.contains("error: b.md was not built"), "{stderr}");
    let mut written: Vec<String> = std::fs::read_dir(dir.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(
        written,
        ["same.anki.csv", "same.apkg", "same.csv", "same.epub"]
    );
    let csv = std::fs::read_to_string(dir.path().join("out/same.csv")).unwrap();
    assert!(
        csv.contains("Only in a") && !csv.contains("Only in b"),
        "{csv}"
    );
    // `check` reports what `build` would.
    let (code, stdout, stderr) = deckbook_in(dir.path(), &["check", "a.md", "b.md", "--no-lock"]);
    assert_eq!(code, 1, "{stdout}\n{stderr}");
    assert!(stderr.contains("error[same-outputs]"), "{stderr}");
    assert!(
        stdout.contains("b.md: 2 topics") && stdout.contains("1 errors"),
        "{stdout}"
    );
    // One guide per build is fine, and so is the same guide named twice.
    for args in [
        &["build", "b.md", "-o", "out", "--no-lock"][..],
        &["build", "a.md", "./a.md", "-o", "out", "--no-lock"][..],
    ] {
        let (code, _, stderr) = deckbook_in(dir.path(), args);
        assert_eq!(code, 0, "{args:?}: {stderr}");
    }
}

/// The deck and the GUID column of an `.anki.csv`, and its rows' first field by question.
fn deck_and_guids(csv: &str) -> (String, Vec<(String, String)>) {
    let deck = csv
        .lines()
        .find_map(|l| l.strip_prefix("#deck:"))
        .unwrap()
        .to_string();
    // The header lines (`#deck:Same`) hold no comma; a row starting with `#` (a GUID) does.
    let body: String = csv
        .split_inclusive('\n')
        .skip_while(|l| l.starts_with('#') && !l.contains(','))
        .collect();
    let rows = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body.as_bytes())
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[1].to_string(), r[0].to_string())
        })
        .collect();
    (deck, rows)
}

/// A guide's identity in Anki is its title: two guides titled alike, built one at a time, are
/// the same deck, and a question they share is the same note (the later import updates it).
#[test]
fn guides_with_the_same_title_built_apart_share_the_deck_and_shared_questions_notes() {
    let dir = two_guides_titled_the_same();
    std::fs::create_dir(dir.path().join("out-b")).unwrap();
    for (guide, out) in [("a.md", "out"), ("b.md", "out-b")] {
        let (code, _, stderr) = deckbook_in(
            dir.path(),
            &["build", guide, "-o", out, "--no-lock", "-f", "csv"],
        );
        assert_eq!(code, 0, "{stderr}");
    }
    let read = |out: &str| std::fs::read_to_string(dir.path().join(out).join("same.anki.csv"));
    let (deck_a, a) = deck_and_guids(&read("out").unwrap());
    let (deck_b, b) = deck_and_guids(&read("out-b").unwrap());
    assert_eq!(deck_a, "Same");
    assert_eq!(deck_a, deck_b);
    assert_eq!(a[0].0, "Shared question");
    assert_eq!(a[0], b[0], "the shared question is one note");
    assert_ne!(a[1].1, b[1].1, "different questions are different notes");
}

/// `check DIR` and `inspect DIR` work on the guides `build DIR` builds, in the same order.
#[test]
fn check_and_inspect_take_a_folder_as_build_does() {
    let root = Path::new(ROOT);
    let dir = "tests/fixtures/guides";
    let mut files: Vec<String> = std::fs::read_dir(root.join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .map(|p| format!("{dir}/{}", p.file_name().unwrap().to_string_lossy()))
        .collect();
    files.sort();
    assert!(files.len() >= 3, "{files:?}");
    let each: Vec<&str> = files.iter().map(String::as_str).collect();
    let by_files = deckbook_in(root, &[&["check", "--no-lock"][..], &each].concat());
    let by_folder = deckbook_in(root, &["check", "--no-lock", dir]);
    assert_eq!(by_folder.0, by_files.0, "{}", by_folder.2);
    assert_eq!(by_folder.1, by_files.1);
    assert_eq!(by_folder.2, by_files.2);
    // Per guide: what the detector found, then the summary.
    let summaries = by_folder
        .1
        .lines()
        .filter(|l| l.contains(" topics, "))
        .count();
    assert_eq!(summaries, files.len(), "{}", by_folder.1);
    let mut outlines = String::new();
    for f in &files {
        let (code, stdout, stderr) = deckbook_in(root, &["inspect", f]);
        assert_eq!(code, 0, "{stderr}");
        outlines.push_str(&stdout);
    }
    let (code, stdout, stderr) = deckbook_in(root, &["inspect", dir]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, outlines);
    // As JSON, a folder of several guides is an array of their models.
    let (code, stdout, stderr) = deckbook_in(root, &["inspect", "--json", dir]);
    assert_eq!(code, 0, "{stderr}");
    let models: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(models.as_array().map(Vec::len), Some(files.len()));
}

const QUIZ: &str = "tests/fixtures/folders/number-quiz";
const INDEX: &str = "tests/fixtures/folders/interview-index";

/// The first heading of a Markdown file, without its `#`s and code markers.
fn top_heading(text: &str) -> String {
    let line = text.lines().find(|l| l.starts_with('#')).unwrap();
    line.trim_start_matches('#').trim().replace('`', "")
}

/// Every Markdown file under `dir`, relative, sorted.
fn markdown_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(markdown_files(&path));
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The topics of `inspect --json`: (question, file it was read from).
fn topics(json: &str) -> Vec<(String, String)> {
    let model: serde_json::Value = serde_json::from_str(json).unwrap();
    model["topics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            let title: String = t["title"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["text"].as_str().or(i["code"].as_str()).unwrap_or(""))
                .collect();
            (title, t["file"].as_str().unwrap_or("").to_string())
        })
        .collect()
}

#[test]
fn a_folder_of_one_question_per_file_is_one_guide_with_a_card_per_file() {
    let root = Path::new(ROOT);
    let files = markdown_files(&root.join(QUIZ));
    assert!(files.len() >= 100, "{}", files.len());
    let (code, stdout, stderr) = deckbook_in(root, &["inspect", "--json", QUIZ]);
    assert_eq!(code, 0, "{stderr}");
    let topics = topics(&stdout);
    assert_eq!(topics.len(), files.len());
    for (question, file) in &topics {
        let text = std::fs::read_to_string(root.join(file)).unwrap();
        assert_eq!(*question, top_heading(&text), "{file}");
    }
    // Natural order: q-2 before q-10, the sub-folder's parts where its name sorts.
    let order: Vec<&str> = topics.iter().map(|t| t.1.as_str()).collect();
    let at = |name: &str| order.iter().position(|f| f.ends_with(name)).unwrap();
    assert!(at("/q-2.md") < at("/q-10.md") && at("/q-10.md") < at("/q-100.md"));
    assert!(at("bits/shift.md") < at("/q-1.md"));
    // "Answer" and "Good to hear" are parts of the answer, not cards.
    let (code, stdout, stderr) = deckbook_in(root, &["check", "--no-lock", QUIZ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains(&format!("{} cards", files.len())) && stdout.contains(" 0 warnings"),
        "{stdout}{stderr}"
    );
}

#[test]
fn an_index_with_answer_files_builds_every_linked_answer() {
    let root = Path::new(ROOT);
    let out = tempfile::tempdir().unwrap();
    let out_dir = out.path().to_str().unwrap();
    let (code, stdout, stderr) =
        deckbook_in(root, &["build", INDEX, "-o", out_dir, "--no-lock", "-v"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("6 notes)"), "{stdout}");
    // Diagnostics name the part file and line: the index's link to a missing file.
    assert!(
        stderr.contains("warning[part-missing]")
            && stderr.contains(&format!("--> {INDEX}/README.md:12:1")),
        "{stderr}"
    );
    assert!(stderr.contains("warning[part-left-out]") && stderr.contains("`CONTRIBUTING.md`"));
    assert!(
        !stderr.contains("image-"),
        "the answers' images are found: {stderr}"
    );
    let csv =
        std::fs::read_to_string(out.path().join("networking-interview-questions.csv")).unwrap();
    // The question of an answer file without a heading is the index's link text; links
    // between answers lead to their topics; the Source names the part.
    assert!(
        csv.contains("What is the difference between TCP and UDP?,\"|"),
        "{csv}"
    );
    assert!(csv.contains("[DNS](#what-does-dns-do)"), "{csv}");
    assert!(
        csv.contains(&format!("{INDEX}/answers/more/tls.md:1")),
        "{csv}"
    );
    assert!(!csv.contains("Contributing"), "{csv}");
}

#[test]
fn diagnostics_of_a_part_name_its_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let guide = dir.path().join("guide");
    std::fs::create_dir_all(guide.join("part")).unwrap();
    std::fs::write(guide.join("index.md"), "# G\n\n- [One](part/one.md)\n").unwrap();
    std::fs::write(
        guide.join("part/one.md"),
        "# One\n\n## First?\n\nSee ![x](missing.png).\n",
    )
    .unwrap();
    let (code, _, stderr) = deckbook_in(dir.path(), &["check", "--no-lock", "guide"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("image `part/missing.png` does not exist")
            && stderr.contains("--> guide/part/one.md:3:1")
            && stderr.contains("3 | ## First?"),
        "{stderr}"
    );
}

/// Nothing outside the guide's folder is read: a part, a folder or an image that is a
/// symlink leading out is refused, and its text is in no output.
#[cfg(unix)]
#[test]
fn symlinks_leading_out_of_a_folder_guide_are_never_read() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let guide = dir.path().join("guide");
    let outside = dir.path().join("outside");
    std::fs::create_dir_all(&guide).unwrap();
    std::fs::create_dir_all(outside.join("more")).unwrap();
    std::fs::write(outside.join("secret.md"), "# Secret?\n\nSECRET-TEXT\n").unwrap();
    std::fs::write(outside.join("more/deep.md"), "# Deep?\n\nDEEP-SECRET\n").unwrap();
    std::fs::write(outside.join("secret.png"), b"\x89PNG SECRET-IMAGE").unwrap();
    symlink(outside.join("secret.md"), guide.join("2-linked.md")).unwrap();
    symlink(outside.join("more"), guide.join("3-more")).unwrap();
    symlink(outside.join("secret.png"), guide.join("pic.png")).unwrap();
    std::fs::write(
        guide.join("1-first.md"),
        "# What is here?\n\nThis, and ![a picture](pic.png).\n",
    )
    .unwrap();
    std::fs::write(guide.join("4-last.md"), "# What is last?\n\nThat.\n").unwrap();
    std::fs::create_dir(dir.path().join("out")).unwrap();
    let (code, stdout, stderr) =
        deckbook_in(dir.path(), &["build", "guide", "-o", "out", "--no-lock"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("2 notes)"), "{stdout}");
    for part in ["guide/2-linked.md", "guide/3-more"] {
        assert!(
            stderr.contains(&format!("warning[part-outside]: `{part}` leads outside")),
            "{stderr}"
        );
    }
    assert!(stderr.contains("warning[image-outside]"), "{stderr}");
    for entry in std::fs::read_dir(dir.path().join("out")).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("SECRET"), "an output holds what is outside");
    }
}

/// A folder whose files are guides of their own (no index, no shared shape) is a library:
/// each builds alone, as before folders could be guides; its sub-folders are looked at too.
#[test]
fn a_folder_of_unrelated_guides_is_a_library_and_its_sub_folders_are_guides() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    std::fs::create_dir_all(lib.join("quiz")).unwrap();
    std::fs::write(
        lib.join("alpha.md"),
        "# Alpha\n\n## One\n\nA.\n\n## Two\n\nB.\n",
    )
    .unwrap();
    std::fs::write(lib.join("beta.md"), "# Beta\n\n## Three\n\nC.\n").unwrap();
    for (name, q) in [("a.md", "Why?"), ("b.md", "How?")] {
        std::fs::write(lib.join("quiz").join(name), format!("# {q}\n\nBecause.\n")).unwrap();
    }
    let (code, stdout, stderr) = deckbook_in(dir.path(), &["check", "--no-lock", "lib"]);
    assert_eq!(code, 0, "{stderr}");
    // Per guide, the summary after the detector's line.
    let lines: Vec<&str> = stdout.lines().filter(|l| l.contains(" topics, ")).collect();
    assert_eq!(lines.len(), 3, "{stdout}");
    assert_eq!(stdout.lines().count(), 6, "{stdout}");
    assert!(lines[0].starts_with("lib/alpha.md: 2 topics"), "{stdout}");
    assert!(lines[1].starts_with("lib/beta.md: 1 topics"), "{stdout}");
    assert!(lines[2].starts_with("lib/quiz: 2 topics"), "{stdout}");
}
