//! Tests of the model → Markdown writer: each block and inline kind on its own, then a
//! fixed-point check through the real parser (Markdown written from a parsed guide parses
//! back to a model that writes the same Markdown).

use super::*;
use crate::model::{Guide, Span};
use crate::parse::{ParseOptions, parse};

fn text(s: &str) -> Vec<Inline> {
    vec![Inline::Text { text: s.into() }]
}

fn para(s: &str) -> Block {
    Block::Paragraph { content: text(s) }
}

fn md(bs: &[Block]) -> String {
    let mut out = String::new();
    blocks(bs, &mut out);
    out
}

#[test]
fn paragraphs_are_separated_by_a_blank_line_and_keep_soft_breaks() {
    let soft = Block::Paragraph {
        content: vec![
            Inline::Text { text: "one".into() },
            Inline::SoftBreak,
            Inline::Text { text: "two".into() },
            Inline::HardBreak,
            Inline::Text {
                text: "three".into(),
            },
        ],
    };
    assert_eq!(md(&[para("a"), soft]), "a\n\none\ntwo\\\nthree");
}

#[test]
fn paragraph_lines_that_would_start_a_block_are_escaped() {
    assert_eq!(md(&[para("# not a heading")]), "\\# not a heading");
    assert_eq!(md(&[para("- not a list")]), "\\- not a list");
    assert_eq!(md(&[para("3. not a list")]), "\\3. not a list");
    assert_eq!(md(&[para("> no quote")]), "\\> no quote");
    assert_eq!(md(&[para("-5 degrees")]), "-5 degrees");
    assert_eq!(md(&[para("__init__ stays")]), "__init__ stays");
    assert_eq!(md(&[para("2024 was")]), "2024 was");
}

#[test]
fn inlines_become_markdown() {
    let content = vec![
        Inline::Strong {
            content: text("Definition"),
        },
        Inline::Text { text: ": ".into() },
        Inline::Emphasis {
            content: text("lazy"),
        },
        Inline::Text { text: " ".into() },
        Inline::Strike {
            content: text("old"),
        },
        Inline::Text { text: " ".into() },
        Inline::Code {
            code: "a == b".into(),
        },
        Inline::Text { text: " ".into() },
        Inline::Code {
            code: "`tick`".into(),
        },
        Inline::Text { text: " ".into() },
        Inline::Link {
            url: "https://docs.python.org/3/".into(),
            title: String::new(),
            content: text("docs"),
        },
        Inline::Text { text: " ".into() },
        Inline::Link {
            url: "a b.md".into(),
            title: "say \"hi\"".into(),
            content: text("x"),
        },
        Inline::Text { text: " ".into() },
        Inline::Image {
            url: "img/gil.png".into(),
            title: String::new(),
            alt: "GIL [diagram]".into(),
        },
        Inline::Element {
            tag: crate::model::Tag::Kbd,
            attrs: Vec::new(),
            content: text("C"),
        },
        Inline::FootnoteRef { label: "1".into() },
    ];
    assert_eq!(
        inline_text(&content),
        "**Definition**: *lazy* ~~old~~ `a == b` `` `tick` `` \
         [docs](https://docs.python.org/3/) [x](<a b.md> \"say \\\"hi\\\"\") \
         ![GIL diagram](img/gil.png)<kbd>C</kbd>[^1]"
    );
}

#[test]
fn code_blocks_are_fenced_with_their_language() {
    let code = Block::Code {
        lang: Some("python".into()),
        text: "print(1)\n".into(),
        line: 1,
    };
    assert_eq!(md(&[code]), "```python\nprint(1)\n```");
    let plain = Block::Code {
        lang: None,
        text: "no newline".into(),
        line: 1,
    };
    assert_eq!(md(&[plain]), "```\nno newline\n```");
    let nested = Block::Code {
        lang: Some("markdown".into()),
        text: "````\n```py\nx\n```\n````\n".into(),
        line: 1,
    };
    assert!(md(&[nested]).starts_with("`````markdown\n````\n"));
    let empty = Block::Code {
        lang: None,
        text: String::new(),
        line: 1,
    };
    assert_eq!(md(&[empty]), "```\n```");
}

#[test]
fn lists_nest_under_their_markers() {
    let inner = Block::List {
        start: None,
        items: vec![ListItem {
            checked: None,
            blocks: vec![para("inner")],
        }],
    };
    let list = Block::List {
        start: Some(9),
        items: vec![
            ListItem {
                checked: None,
                blocks: vec![para("nine"), inner],
            },
            ListItem {
                checked: Some(true),
                blocks: vec![para("ten"), para("more")],
            },
            ListItem {
                checked: Some(false),
                blocks: vec![Block::Code {
                    lang: Some("py".into()),
                    text: "x\n".into(),
                    line: 1,
                }],
            },
        ],
    };
    assert_eq!(
        md(&[list]),
        "9. nine\n   - inner\n10. [x] ten\n\n    more\n11. [ ] ```py\n    x\n    ```"
    );
}

#[test]
fn tables_become_pipe_tables() {
    let table = Block::Table {
        align: vec![Align::None, Align::Left, Align::Center, Align::Right],
        head: vec![text("A"), text("B"), text("C"), text("D")],
        rows: vec![vec![
            text("a|b"),
            vec![Inline::Code { code: "[1]".into() }],
            vec![
                Inline::Text { text: "x".into() },
                Inline::SoftBreak,
                Inline::Text { text: "y".into() },
            ],
        ]],
    };
    assert_eq!(
        md(&[table]),
        "| A | B | C | D |\n| --- | :-- | :-: | --: |\n| a\\|b | `[1]` | x y |  |"
    );
}

#[test]
fn quotes_rules_html_headings_and_footnotes() {
    let quote = Block::Quote {
        blocks: vec![para("said"), para("twice")],
    };
    let heading = Block::Heading {
        level: 9,
        content: text("deep"),
    };
    let html = crate::parse::parsed_blocks("<details>x</details>").remove(0);
    let note = Block::Footnote {
        label: "n".into(),
        blocks: vec![para("first"), para("second")],
    };
    assert_eq!(
        md(&[quote, Block::Rule, heading, html, note]),
        "> said\n>\n> twice\n\n---\n\n###### deep\n\n\
         <details><summary>Details</summary>x</details>\n\n\
         [^n]: first\n\n    second"
    );
}

#[test]
fn sections_become_headings_one_level_deeper_each() {
    let leaf = Section {
        id: "t.a.b".into(),
        title: text("Inner"),
        level: 4,
        span: Span::default(),
        blocks: vec![para("deep")],
        sections: Vec::new(),
    };
    let top = Section {
        id: "t.a".into(),
        title: vec![
            Inline::Text {
                text: "Use ".into(),
            },
            Inline::Code { code: "is".into() },
        ],
        level: 3,
        span: Span::default(),
        blocks: vec![para("body")],
        sections: vec![leaf],
    };
    let mut out = String::from("intro");
    sections(&[top], 0, &mut out);
    assert_eq!(out, "intro\n\n### Use `is`\n\nbody\n\n#### Inner\n\ndeep");
}

const GUIDE: &str = "# G\n\n## 1. First `one`\n\nIntro with **bold**, *em*, a [link](https://x.org \"t\") \
and `code`.\nSoft line.\n\n### Lists\n\n- a\n  - b\n- c\n\n1. x\n2. y\n\n- [ ] todo\n- [x] done\n\n\
### Code\n\n```python\ndef f():\n    return \"`\"\n```\n\n~~~\nplain\n~~~\n\n#### Deeper\n\n\
| L | R |\n|:--|--:|\n| `a\\|b` | 2 |\n\n> quoted\n>\n> twice\n\n---\n\n<div>raw</div>\n\n\
Note[^f].\n\n[^f]: The note.\n\n## 2. Second\n\n\\# hash and 1\\. dot\n";

fn answers(source: &str) -> Vec<String> {
    let parsed = parse(source.as_bytes(), "g.md", 0, &ParseOptions::default()).expect("parses");
    let guide: &Guide = &parsed.guide;
    guide
        .topics
        .iter()
        .map(|t| {
            let mut out = String::new();
            blocks(&t.intro, &mut out);
            sections(&t.sections, 0, &mut out);
            out
        })
        .collect()
}

#[test]
fn written_markdown_parses_back_to_the_same_model() {
    let first = answers(GUIDE);
    assert_eq!(first.len(), 2);
    assert!(first[0].contains("```python\ndef f():"), "{}", first[0]);
    assert!(
        first[0].contains("| L | R |\n| :-- | --: |"),
        "{}",
        first[0]
    );
    assert!(first[0].contains("- [ ] todo"), "{}", first[0]);
    assert!(first[0].contains("#### Deeper"), "{}", first[0]);
    let mut again = String::from("# G\n\n");
    for (i, answer) in first.iter().enumerate() {
        again.push_str(&format!("## {}. T{i}\n\n{answer}\n\n", i + 1));
    }
    assert_eq!(answers(&again), first);
}

#[test]
fn text_never_becomes_markup() {
    // What the model holds as text stays text in a Markdown renderer (and in HTML).
    assert_eq!(
        md(&[para(
            "<script>alert(1)</script> <img src=x onerror=alert(1)>"
        )]),
        "&lt;script>alert(1)&lt;/script> &lt;img src=x onerror=alert(1)>"
    );
    assert_eq!(
        md(&[para("\\<b> &amp; &#60; <!-- <?x")]),
        "\\\\&lt;b> &amp;amp; &amp;#60; &lt;!-- &lt;?x"
    );
    assert_eq!(
        md(&[para("[x](javascript:alert(1)) [y][z] [z]: javascript:q")]),
        "[x\\](javascript:alert(1)) [y\\][z] [z\\]: javascript:q"
    );
    // Everything else reads as written.
    assert_eq!(
        md(&[para("a < b, a[0] & c, __init__, x <3 y, C:\\dir, ~/a_b")]),
        "a < b, a[0] & c, __init__, x <3 y, C:\\dir, ~/a_b"
    );
    let link = Inline::Link {
        url: "https://e.org/".into(),
        title: String::new(),
        content: text("a [b] c"),
    };
    assert_eq!(inline_text(&[link]), "[a \\[b\\] c](https://e.org/)");
}

#[test]
fn raw_elements_are_written_as_html_without_opening_an_html_block_over_markdown() {
    let kbd = Inline::Element {
        tag: crate::model::Tag::Kbd,
        attrs: Vec::new(),
        content: vec![Inline::SoftBreak, Inline::Text { text: "<x>".into() }],
    };
    // A tag alone on a paragraph's first line would make the paragraph an HTML block.
    assert_eq!(
        md(&[Block::Paragraph { content: vec![kbd] }]),
        "<kbd> &lt;x></kbd>"
    );
    // After a block that starts with a tag, a list or code gets a blank line.
    let item = ListItem {
        checked: None,
        blocks: crate::parse::parsed_blocks("<img src=\"a.png\" alt=\"x\">\n\n```\n<script>\n```"),
    };
    assert_eq!(
        md(&[Block::List {
            start: None,
            items: vec![item]
        }]),
        "- <img src=\"a.png\" alt=\"x\">\n\n  ```\n  <script>\n  ```"
    );
}
