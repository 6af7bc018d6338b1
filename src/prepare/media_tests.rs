//! Unit tests of `media.rs`, on temporary guide folders.

use super::*;
use crate::model::{Meta, Source, Span, Topic};

fn image(url: &str) -> Inline {
    Inline::Image {
        url: url.into(),
        title: String::new(),
        alt: "alt".into(),
    }
}

fn guide(preface: Vec<Block>, intro: Vec<Block>) -> Guide {
    Guide {
        title: "G".into(),
        slug: "g".into(),
        source: Source {
            path: "guide.md".into(),
            timestamp: 0,
        },
        meta: Meta::default(),
        preface,
        topics: vec![Topic {
            id: "t".into(),
            number: None,
            title: vec![Inline::Text { text: "T".into() }],
            span: Span {
                line: 7,
                end_line: 9,
            },
            intro,
            ..Topic::default()
        }],
        ..Guide::default()
    }
}

fn para(inlines: Vec<Inline>) -> Block {
    Block::Paragraph { content: inlines }
}

#[test]
fn local_images_get_flat_hashed_names() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("img")).expect("mkdir");
    std::fs::write(dir.path().join("img/a.PNG"), b"png bytes").expect("write");
    std::fs::write(dir.path().join("b.jpeg"), b"jpeg bytes").expect("write");
    std::fs::write(dir.path().join("same.png"), b"png bytes").expect("write");
    let g = guide(
        vec![para(vec![image("img/a.PNG"), image("./b.jpeg")])],
        vec![
            para(vec![image("img/../same.png"), image("img/a.PNG")]),
            crate::parse::parsed_blocks("<img src=\"b.jpeg\"><img src='img%2Fa.PNG'>").remove(0),
        ],
    );
    let (set, diags) = MediaSet::collect(&g, dir.path());
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(set.len(), 2, "identical content is stored once");
    let a = set.name_for("img/a.PNG").expect("a");
    assert!(a.starts_with("img-") && a.ends_with(".png") && !a.contains('/'));
    assert_eq!(a.len(), "img-".len() + 16 + ".png".len());
    assert_eq!(set.name_for("img/../same.png"), Some(a));
    assert_eq!(set.name_for("img%2Fa.PNG"), Some(a));
    let b = set.get(set.name_for("./b.jpeg").expect("b")).expect("file");
    assert_eq!(
        (b.mime, b.data.as_slice()),
        ("image/jpeg", &b"jpeg bytes"[..])
    );
    assert!(b.name.ends_with(".jpg"));
    let names: Vec<&str> = set.files().map(|f| f.name.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(names, sorted);
}

#[test]
fn unsafe_or_missing_images_are_warnings_and_never_read() {
    let outer = tempfile::tempdir().expect("temp dir");
    let dir = outer.path().join("guide");
    std::fs::create_dir(&dir).expect("mkdir");
    std::fs::write(outer.path().join("secret.png"), b"secret").expect("write");
    #[cfg(unix)]
    std::os::unix::fs::symlink(outer.path().join("secret.png"), dir.join("link.png"))
        .expect("symlink");
    std::fs::write(dir.join("notes.txt"), b"text").expect("write");
    let refs = [
        ("missing.png", "image-missing"),
        ("../secret.png", "image-outside"),
        ("../../etc/passwd", "image-outside"),
        ("/etc/passwd.png", "image-outside"),
        ("https://example.com/x.png", "image-remote"),
        ("data:image/png;base64,AAAA", "image-unsupported"),
        ("notes.txt", "image-unsupported"),
        ("", "image-missing"),
    ];
    let mut inlines: Vec<Inline> = refs.iter().map(|(r, _)| image(r)).collect();
    inlines.push(image("missing.png"));
    #[cfg(unix)]
    inlines.push(image("link.png"));
    let (set, diags) = MediaSet::collect(&guide(Vec::new(), vec![para(inlines)]), &dir);
    assert!(set.is_empty());
    let codes: Vec<&str> = diags.iter().map(|d| d.code.as_str()).collect();
    let mut expected: Vec<&str> = refs.iter().map(|(_, c)| *c).collect();
    #[cfg(unix)]
    expected.push("image-outside");
    assert_eq!(codes, expected, "{diags:?}");
    let loc = diags[0].location.as_ref().expect("located");
    assert_eq!((loc.path.as_str(), loc.line), ("guide.md", 7));
    assert!(diags[1].message.contains("../secret.png"));
}

#[test]
fn local_path_normalises() {
    assert_eq!(
        local_path("a/./b/../c.png").ok(),
        Some(PathBuf::from("a/c.png"))
    );
    assert_eq!(local_path("a%20b.png").ok(), Some(PathBuf::from("a b.png")));
    assert_eq!(local_path("x.png?v=2#f").ok(), Some(PathBuf::from("x.png")));
    assert!(local_path("a/../../b.png").is_err());
    assert!(local_path("C:\\x.png").is_err());
    assert_eq!(super::super::links::percent_decoded("%zz"), "%zz");
}
