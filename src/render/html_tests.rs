//! Unit tests of `html.rs`: each block and inline kind in both flavors, sections and
//! anchors, links and images, and well-formed XHTML on hostile content.

use super::*;
use crate::model::{Span, Topic};
use crate::prepare::Links;

fn text(t: &str) -> Inline {
    Inline::Text { text: t.into() }
}

fn para(inlines: Vec<Inline>) -> Block {
    Block::Paragraph { content: inlines }
}

fn render(flavor: Flavor, blocks: &[Block]) -> String {
    let code = CodeHtml::default();
    let media = MediaSet::default();
    let links = Links::default();
    HtmlRenderer::new(&code, &media, &links, flavor).blocks_html(blocks)
}

fn xhtml(blocks: &[Block]) -> String {
    render(Flavor::Xhtml, blocks)
}

fn inline(inlines: Vec<Inline>) -> String {
    xhtml(&[para(inlines)])
}

fn section(id: &str, title: &str, blocks: Vec<Block>, sections: Vec<Section>) -> Section {
    Section {
        id: id.into(),
        title: vec![text(title)],
        level: 3,
        span: Span::default(),
        blocks,
        sections,
    }
}

#[test]
fn paragraphs_and_inline_markup() {
    let html = inline(vec![
        text("a < b & "),
        Inline::Code {
            code: "x<y>".into(),
        },
        Inline::Emphasis {
            content: vec![text("e")],
        },
        Inline::Strong {
            content: vec![text("s")],
        },
        Inline::Strike {
            content: vec![text("d")],
        },
        Inline::SoftBreak,
        text("n"),
        Inline::HardBreak,
        Inline::FootnoteRef { label: "1".into() },
    ]);
    assert_eq!(
        html,
        "<p>a &lt; b &amp; <code>x&lt;y&gt;</code><em>e</em><strong>s</strong><s>d</s>\nn<br/>\n\
         <sup class=\"footnote-ref\">1</sup></p>\n"
    );
    let anki = render(Flavor::Anki, &[para(vec![Inline::HardBreak]), Block::Rule]);
    assert_eq!(anki, "<p><br>\n</p>\n<hr>\n");
}

#[test]
fn code_blocks_use_the_highlighted_lines() {
    let html = xhtml(&[Block::Code {
        lang: Some("py".into()),
        text: "match x:\n    case 1: pass\n".into(),
        line: 3,
    }]);
    assert!(
        html.starts_with(
            "<pre class=\"code\"><code class=\"language-python\"><span class=\"line\">"
        )
    );
    assert!(html.contains("<span class=\"hl-keyword\">match</span>"));
    assert!(html.ends_with("</code></pre>\n"));
    let plain = xhtml(&[Block::Code {
        lang: None,
        text: "<x>\n".into(),
        line: 1,
    }]);
    assert_eq!(
        plain,
        "<pre class=\"code\"><code><span class=\"line\">&lt;x&gt;\n</span></code></pre>\n"
    );
}

#[test]
fn tables_are_wrapped_with_alignment_classes() {
    let html = xhtml(&[Block::Table {
        align: vec![Align::Left, Align::None, Align::Right],
        head: vec![vec![text("a")], vec![text("b")], vec![text("c")]],
        rows: vec![vec![
            vec![text("1")],
            vec![text("2")],
            vec![text("3")],
            vec![text("extra")],
        ]],
    }]);
    assert_eq!(
        html,
        "<div class=\"table-wrap\"><table>\n<thead><tr><th class=\"align-left\">a</th><th>b</th>\
         <th class=\"align-right\">c</th></tr></thead>\n<tbody>\n<tr><td class=\"align-left\">1</td>\
         <td>2</td><td class=\"align-right\">3</td><td>extra</td></tr>\n</tbody>\n</table></div>\n"
    );
}

#[test]
fn lists_quotes_headings_and_footnotes() {
    let html = xhtml(&[
        Block::List {
            start: Some(3),
            items: vec![
                ListItem {
                    line: 0,
                    checked: Some(true),
                    blocks: vec![para(vec![text("done")])],
                },
                ListItem {
                    line: 0,
                    checked: None,
                    blocks: vec![para(vec![text("a")]), para(vec![text("b")])],
                },
            ],
        },
        Block::Quote {
            blocks: vec![Block::Heading {
                level: 9,
                content: vec![text("h")],
            }],
        },
        Block::Footnote {
            label: "n".into(),
            blocks: vec![para(vec![text("note")])],
        },
    ]);
    assert_eq!(
        html,
        "<ol start=\"3\">\n<li class=\"task\"><span class=\"task-box\">\u{2611}</span> done</li>\n\
         <li><p>a</p>\n<p>b</p>\n</li>\n</ol>\n<blockquote>\n<h2>h</h2>\n</blockquote>\n\
         <div class=\"footnote\"><span class=\"footnote-label\">n</span>\n<p>note</p>\n</div>\n"
    );
}

#[test]
fn links_only_for_safe_targets() {
    let link = |url: &str| Inline::Link {
        url: url.into(),
        title: "T\"".into(),
        content: vec![text("x")],
    };
    assert_eq!(
        inline(vec![link("https://a.org/?q=1&r=2")]),
        "<p><a href=\"https://a.org/?q=1&amp;r=2\" title=\"T&quot;\">x</a></p>\n"
    );
    // Anki fields keep in-guide links as written; the book resolves them (see
    // `in_guide_links_lead_to_their_chapter`) and drops one that leads nowhere.
    assert_eq!(
        render(Flavor::Anki, &[para(vec![link("#topic.sec")])]),
        "<p><a href=\"#topic.sec\" title=\"T&quot;\">x</a></p>\n"
    );
    assert_eq!(inline(vec![link("#topic.sec")]), "<p>x</p>\n");
    assert_eq!(
        inline(vec![link("#")]),
        "<p><a href=\"#\" title=\"T&quot;\">x</a></p>\n"
    );
    assert_eq!(inline(vec![link("javascript:alert(1)")]), "<p>x</p>\n");
    assert_eq!(inline(vec![link("data:text/html,hi")]), "<p>x</p>\n");
    assert_eq!(inline(vec![link("file.md")]), "<p>x</p>\n");
}

#[test]
fn in_guide_links_lead_to_their_chapter() {
    let link = |url: &str| Inline::Link {
        url: url.into(),
        title: String::new(),
        content: vec![text("x")],
    };
    let topic = |id: &str, prefix: &str, title: &str, sections| Topic {
        id: id.into(),
        prefix: prefix.into(),
        title: vec![text(title)],
        sections,
        ..Topic::default()
    };
    let guide = crate::model::Guide {
        topics: vec![
            topic("one", "1. ", "One", vec![]),
            topic(
                "two",
                "2. ",
                "Two",
                vec![section("two.late", "Late", vec![], vec![])],
            ),
        ],
        ..crate::model::Guide::default()
    };
    let mut diagnostics = Vec::new();
    let links = Links::collect(&guide, &mut diagnostics);
    let code = CodeHtml::default();
    let media = MediaSet::default();
    let book = HtmlRenderer::new(&code, &media, &links, Flavor::Xhtml);
    let html = |r: &HtmlRenderer<'_>, url: &str| r.inlines_html(&[link(url)]);
    // Outside any chapter (the preface), every target names its file.
    assert_eq!(
        html(&book, "#two.late"),
        "<a href=\"chapter-002.xhtml#two.late\">x</a>"
    );
    // Within its own chapter an anchor needs no file; GitHub's anchors lead to ours.
    let second = book.in_chapter(1);
    assert_eq!(html(&second, "#two.late"), "<a href=\"#two.late\">x</a>");
    assert_eq!(html(&second, "#2-two"), "<a href=\"#two\">x</a>");
    assert_eq!(
        html(&second, "#1-one"),
        "<a href=\"chapter-001.xhtml#one\">x</a>"
    );
    assert_eq!(html(&second, "#late"), "<a href=\"#two.late\">x</a>");
    // Raw HTML links resolve alike; one that leads nowhere keeps its text.
    let raw = crate::parse::parsed_title("<a href=\"#1-one\">r</a><a href=\"#gone\">g</a>");
    assert_eq!(
        second.inlines_html(&raw),
        "<a href=\"chapter-001.xhtml#one\">r</a>g"
    );
    assert_eq!(html(&second, "#gone"), "x");
    assert!(
        diagnostics.is_empty(),
        "no link of the guide itself was looked at"
    );
}

#[test]
fn images_rewrite_or_fall_back_to_alt() {
    let code = CodeHtml::default();
    let media = MediaSet::with_image("pics/a.png", b"data", "png");
    let name = media.name_for("pics/a.png").unwrap_or_default().to_string();
    let links = Links::default();
    let r = HtmlRenderer::new(&code, &media, &links, Flavor::Xhtml);
    let img = |url: &str| Inline::Image {
        url: url.into(),
        title: String::new(),
        alt: "A <b>".into(),
    };
    assert_eq!(
        r.inlines_html(&[
            img("pics/a.png"),
            img("../x.png"),
            img("https://e.org/x.png")
        ]),
        format!(
            "<img src=\"{name}\" alt=\"A &lt;b&gt;\"/><span class=\"image-alt\">A &lt;b&gt;</span>\
             <span class=\"image-alt\">A &lt;b&gt;</span>"
        )
    );
}

#[test]
fn raw_html_elements_are_written_in_both_flavors() {
    let blocks = crate::parse::parsed_blocks(
        "<details open><summary>Show</summary>\n\n<kbd>Ctrl</kbd><script>x</script>\
         <b onclick=x>open\n\n</details>\n\n<pre>\n\nx</pre>\n\n<hr>",
    );
    assert_eq!(
        xhtml(&blocks),
        "<details open=\"open\">\n<summary>Show</summary>\n<p><kbd>Ctrl</kbd><b>open</b></p>\n\
         </details>\n<pre>\nx</pre>\n<hr/>\n"
    );
    // In HTML, a newline right after `<pre>` is dropped: the one the content starts with is
    // written twice.
    assert_eq!(
        render(Flavor::Anki, &blocks[1..]),
        "<pre>\n\nx</pre>\n<hr>\n"
    );
}

#[test]
fn sections_get_anchored_headings_by_depth() {
    let secs = vec![section(
        "topic.one",
        "One",
        vec![para(vec![text("body")])],
        vec![section(
            "topic.one.deep",
            "Deep",
            Vec::new(),
            vec![section(
                "topic.one.deep.er",
                "Deeper",
                Vec::new(),
                Vec::new(),
            )],
        )],
    )];
    let code = CodeHtml::default();
    let media = MediaSet::default();
    let links = Links::default();
    let r = HtmlRenderer::new(&code, &media, &links, Flavor::Xhtml);
    let mut out = String::new();
    r.sections(&secs, 5, &mut out);
    assert_eq!(
        out,
        "<h5 id=\"topic.one\">One</h5>\n<p>body</p>\n<h6 id=\"topic.one.deep\">Deep</h6>\n\
         <h6 id=\"topic.one.deep.er\">Deeper</h6>\n"
    );
    let topic = Topic {
        id: "t".into(),
        number: None,
        title: vec![text("Q")],
        span: Span::default(),
        intro: vec![para(vec![text("intro")])],
        sections: secs,
        ..Topic::default()
    };
    let card = Card {
        id: "t",
        position: 0,
        topic: &topic,
        section: None,
        question: &topic.title,
        prompt: &[],
        qualified: false,
        blocks: &topic.intro,
        sections: &topic.sections,
        line: 1,
        kind: crate::model::CardKind::Basic,
        group: None,
    };
    let mut answer = String::new();
    r.answer(&card, 3, &mut answer);
    assert!(answer.starts_with("<p>intro</p>\n<h3 id=\"topic.one\">One</h3>"));
}

#[test]
fn anchors_are_ncnames() {
    assert_eq!(anchor("what-is-python.example"), "what-is-python.example");
    assert_eq!(anchor("2d-arrays"), "id-2d-arrays");
    assert_eq!(anchor(""), "id-");
    assert_eq!(anchor("-x"), "id--x");
    assert_eq!(anchor("café.a b\"<"), "café.a-b--");
}

#[test]
fn toc_text_is_plain() {
    let title = vec![
        text("Use  "),
        Inline::Code { code: "is".into() },
        Inline::Element {
            tag: crate::model::Tag::Kbd,
            attrs: Vec::new(),
            content: vec![text("Ctrl")],
        },
        Inline::SoftBreak,
        Inline::FootnoteRef { label: "1".into() },
        text(" \u{7}now "),
    ];
    assert_eq!(toc_text(&title), "Use isCtrl now");
}

#[test]
fn escaping_drops_characters_xml_cannot_hold() {
    assert_eq!(
        escape_text("a\u{0}\u{b}\u{c}\r\u{fffe}\t\n\"'&<>"),
        "a\t\n&quot;'&amp;&lt;&gt;"
    );
}
