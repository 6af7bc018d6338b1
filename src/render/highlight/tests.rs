//! Unit tests of the highlighter (`highlight/mod.rs`): soft keywords, docstrings split per
//! line, escaping, plain fallback, other languages, sessions, and the guide-wide map.

use super::*;

fn hl(lang: &str, text: &str) -> String {
    highlight(Some(lang), text)
}

/// Every line span holds balanced `<span>`s.
fn assert_balanced_lines(html: &str) {
    let mut rest = html;
    let mut count = 0;
    while let Some(start) = rest.find("<span class=\"line\">") {
        let body = &rest[start + 19..];
        let mut depth = 0usize;
        let mut end = None;
        let mut i = 0;
        while i < body.len() {
            if body[i..].starts_with("<span") {
                depth += 1;
            } else if body[i..].starts_with("</span>") {
                if depth == 0 {
                    end = Some(i);
                    break;
                }
                depth -= 1;
            }
            i += body[i..].chars().next().map_or(1, char::len_utf8);
        }
        let end = end.expect("line span closed");
        assert!(!body[..end].contains('\n') || body[..end].ends_with('\n'));
        rest = &body[end + 7..];
        count += 1;
    }
    assert!(count > 0);
}

#[test]
fn match_and_case_are_keywords() {
    let html = hl(
        "python",
        "match command:\n    case [x, y]:\n        pass\n    case _:\n        pass\n",
    );
    assert!(
        html.contains("<span class=\"hl-keyword\">match</span>"),
        "{html}"
    );
    assert_eq!(
        html.matches("<span class=\"hl-keyword\">case</span>")
            .count(),
        2
    );
    // As plain names they stay names.
    let html = hl("python", "match = 1\ncase = match\n");
    assert!(!html.contains("hl-keyword\">match"), "{html}");
}

#[test]
fn docstring_spans_are_split_per_line() {
    let text = "def f():\n    \"\"\"First line.\n\n    Last line.\n    \"\"\"\n    return 1\n";
    let html = hl("py", text);
    assert_eq!(html.matches("<span class=\"line\">").count(), 6);
    assert_balanced_lines(&html);
    assert!(html.contains("<span class=\"hl-string\">    Last line.</span>\n</span>"));
}

#[test]
fn f_strings_keep_their_interpolations() {
    let html = hl("python", "x = f\"a {b + 1} c\"\n");
    assert!(html.contains("hl-string"), "{html}");
    assert!(html.contains("hl-embedded"), "{html}");
    assert!(
        html.contains("<span class=\"hl-number\">1</span>"),
        "{html}"
    );
}

#[test]
fn markup_characters_are_escaped() {
    let html = hl("python", "if a < b && c > d: s = '<&>'\n");
    assert!(!html.contains("< "));
    assert!(html.contains("&lt;"));
    assert!(html.contains("&amp;"));
    let plain = hl("weird", "<script>&\n");
    assert_eq!(plain, "<span class=\"line\">&lt;script&gt;&amp;\n</span>");
}

#[test]
fn unknown_or_absent_language_is_plain() {
    let a = highlight(None, "def f(): pass\nx\n");
    assert_eq!(
        a,
        "<span class=\"line\">def f(): pass\n</span><span class=\"line\">x\n</span>"
    );
    assert_eq!(
        highlight(Some("txt"), "no newline"),
        "<span class=\"line\">no newline</span>"
    );
    assert_eq!(highlight(None, ""), "<span class=\"line\"></span>");
}

#[test]
fn other_languages_highlight() {
    assert!(hl("bash", "if [ -f x ]; then echo hi; fi # c\n").contains("hl-comment"));
    assert!(hl("toml", "[tool]\nname = \"x\"\n").contains("hl-string"));
    assert!(hl("json", "{\"a\": [1, true]}\n").contains("hl-number"));
    assert!(hl("js", "const x = () => 1; // c\n").contains("hl-keyword"));
}

#[test]
fn sessions_split_prompts_from_output() {
    let html = hl("pycon", ">>> x = '''a\n... b'''\n>>> x\n'a\\nb'\n");
    assert!(html.contains("<span class=\"hl-prompt\">&gt;&gt;&gt; </span>"));
    assert!(html.contains("<span class=\"hl-prompt\">... </span><span class=\"hl-string\">b"));
    assert!(html.contains("<span class=\"hl-output\">"));
    assert_balanced_lines(&html);
    // A python block that starts with a prompt is a session too.
    assert!(hl("python", ">>> 1 + 1\n2\n").contains("hl-output"));
    assert!(hl("console", "$ ls -l\nfile\n").contains("hl-prompt"));
}

#[test]
fn guide_map_is_keyed_by_language_and_text() {
    let code = |lang: Option<&str>, text: &str| Block::Code {
        lang: lang.map(str::to_string),
        text: text.to_string(),
        line: 1,
    };
    let guide = Guide {
        preface: vec![
            code(Some("python"), "x = 1\n"),
            code(None, "x = 1\n"),
            code(Some("py"), "x = 1\n"),
            code(Some("bash"), "ls\n"),
        ],
        ..Guide::default()
    };
    let map = CodeHtml::for_guide(&guide);
    assert_eq!(map.len(), 3);
    assert_eq!(
        map.get(Some("py3"), "x = 1\n"),
        map.get(Some("python"), "x = 1\n")
    );
    assert_eq!(
        map.get(None, "x = 1\n"),
        Some("<span class=\"line\">x = 1\n</span>")
    );
    assert!(map.get(Some("bash"), "x = 1\n").is_none());
    assert_eq!(
        map.get(Some("bash"), "ls\n").map(str::to_string),
        Some(hl("sh", "ls\n"))
    );
}

#[test]
fn language_names() {
    assert_eq!(language_name(Some("py")), "python");
    assert_eq!(language_name(Some("Text\"><x")), "textx");
    assert_eq!(language_name(None), "");
}
