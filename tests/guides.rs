//! Which guides a build finds and where it looks for their files, end to end with the binary:
//! a guide named by its bare file name inside its own folder, two guides whose titles give the
//! same slug, `check`/`inspect` of a folder. Every build is `--no-lock` into a temporary folder.

// Test code: a failed unwrap is a failed test (the library may not unwrap).
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Runs deckbook in `cwd`; returns the exit code, stdout and stderr.
fn deckbook_in(cwd: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_deckbook"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .output()
        .expect("runs deckbook");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

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
