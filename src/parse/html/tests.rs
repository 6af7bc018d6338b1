//! Tests of raw HTML resolution, through the real parser and the XHTML writer: what a browser
//! would build, the allow-list, the content model, placeholders, fallbacks and hostile input.
//! Every output is checked to be well-formed XML holding no live markup.

use crate::diagnostic::DiagnosticCode;
use crate::model::{AttrName, Block, Inline, Tag, attr};
use crate::parse::parse_as_written;
use crate::prepare::{Links, MediaSet};
use crate::render::{CodeHtml, Flavor, HtmlRenderer};

/// The XHTML of `markdown` as a topic's intro, and the codes of the parser's diagnostics.
fn convert(markdown: &str) -> (String, Vec<DiagnosticCode>) {
    let text = format!("## 1. T\n\n{markdown}\n");
    let parsed = parse_as_written(&text);
    let blocks = parsed
        .guide
        .topics
        .into_iter()
        .next()
        .map(|t| t.intro)
        .unwrap_or_default();
    let (code, media, links) = (CodeHtml::default(), MediaSet::default(), Links::default());
    let mut out = String::new();
    HtmlRenderer::new(&code, &media, &links, Flavor::Xhtml).blocks(&blocks, &mut out);
    let wrapped = format!("<body xmlns=\"http://www.w3.org/1999/xhtml\">{out}</body>");
    if let Err(e) = roxmltree::Document::parse(&wrapped) {
        panic!("not well-formed ({e}):\n{out}");
    }
    let lower = out.to_lowercase();
    for live in [
        "data-db",
        "<script",
        "onerror",
        "onclick",
        "javascript:",
        "<style",
        "<svg",
        "<math",
        "<iframe",
        "<object",
        "<textarea",
    ] {
        assert!(!lower.contains(live), "{live} in {out}");
    }
    let codes = parsed.diagnostics.iter().map(|d| d.code).collect();
    (out.replace('\n', ""), codes)
}

/// The XHTML of `markdown`, which must raise no diagnostic.
fn xhtml(markdown: &str) -> String {
    let (out, codes) = convert(markdown);
    assert!(codes.is_empty(), "{codes:?} for {markdown}");
    out
}

#[test]
fn details_around_a_markdown_list_keeps_the_list_out_of_the_paragraph() {
    // A real guide's failure: `<details><p>` then a Markdown list put `<ul>` inside `<p>`.
    assert_eq!(
        xhtml("<details><p>\n\n- a\n- b\n\n</details>"),
        "<details><summary>Details</summary><ul><li>a</li><li>b</li></ul></details>"
    );
    assert_eq!(
        xhtml(
            "<details>\n<summary>Example</summary>\n\nThe *answer* is:\n\n```\nx = 1\n```\n\n</details>"
        ),
        "<details><summary>Example</summary><p>The <em>answer</em> is:</p>\
         <pre class=\"code\"><code><span class=\"line\">x = 1</span></code></pre></details>"
    );
}

#[test]
fn an_answer_details_on_a_cards_back_is_the_answer_itself() {
    // The back of a card is the answer: no toggle to open, no "Answer" label.
    assert_eq!(
        xhtml(
            "<details>\n<summary>Answer</summary>\n\nThe *answer* is:\n\n```\nx = 1\n```\n\n</details>"
        ),
        "<p>The <em>answer</em> is:</p>\
         <pre class=\"code\"><code><span class=\"line\">x = 1</span></code></pre>"
    );
    for summary in [
        "<b>Answer</b>",
        "Answers:",
        "Show <i>answer</i>",
        "SOLUTION",
        "Show solution :",
        "Explanation",
        "reveal",
    ] {
        assert_eq!(
            xhtml(&format!(
                "<details><summary>{summary}</summary>\n\nx\n\n</details>"
            )),
            "<p>x</p>",
            "{summary}"
        );
    }
    // Any other summary keeps its details, inside an answer too.
    for summary in [
        "Hint",
        "More examples",
        "Answer key for chapter 2",
        "Details",
    ] {
        let out = xhtml(&format!(
            "<details><summary>Answer</summary>\n\nx\n\n<details><summary>{summary}</summary>\n\ny\n\n</details>\n</details>"
        ));
        assert_eq!(
            out,
            format!("<p>x</p><details><summary>{summary}</summary><p>y</p></details>")
        );
    }
}

#[test]
fn headings_inside_a_raw_container_stay_inside_it() {
    // The real quiz guides' shape: the answer's heading inside `<details><p>` … `</p>` (an
    // `<h2>` in the book, one level below the page's `<h1>`).
    let guide = "<details><summary><b>Hint</b></summary>\n<p>\n\n##### Answer: 3\nBecause.\n\n```\nx\n```\n</p>\n</details>";
    assert_eq!(
        xhtml(guide),
        "<details><summary><b>Hint</b></summary><h2>Answer: 3</h2><p>Because.</p>\
         <pre class=\"code\"><code><span class=\"line\">x</span></code></pre></details>"
    );
    let parsed = parse_as_written(&format!("## 1. T\n\n{guide}\n\n## 2. U\n\nu\n"));
    assert_eq!(parsed.guide.topics.len(), 2);
    assert!(parsed.guide.topics[0].sections.is_empty());
    // A `<div>` too, nested ones and all.
    assert_eq!(
        xhtml("<div>\n<div>\n\n### Inner\n\n</div>\n\n### Outer\n\n</div>"),
        "<div><div><h2>Inner</h2></div><h2>Outer</h2></div>"
    );
}

#[test]
fn headings_after_a_container_never_closed_are_headings_of_the_guide() {
    // Nothing is swallowed by a `<div>` left open: the headings still make topics.
    let parsed = parse_as_written(
        "<div align=\"center\">\n\n## 1. A\n\na\n\n<details><summary>S</summary>\n\n### Inside\n\n</details>\n\n## 2. B\n\nb\n",
    );
    let titles: Vec<String> = parsed
        .guide
        .topics
        .iter()
        .map(|t| crate::model::plain_text(&t.title))
        .collect();
    assert_eq!(titles, ["A", "B"]);
    assert!(parsed.guide.topics[0].intro.iter().any(|b| matches!(
        b,
        Block::Element { tag: Tag::Details, children, .. } if children.len() == 2
    )));
}

#[test]
fn misnesting_and_implied_end_tags_are_fixed_as_a_browser_fixes_them() {
    assert_eq!(xhtml("<b><i>x</b>y</i>"), "<p><b><i>x</i></b><i>y</i></p>");
    assert_eq!(xhtml("<div><b>x</div>y</b>"), "<div><b>x</b></div><b>y</b>");
    assert_eq!(xhtml("<p>a<p>b"), "<p>a</p><p>b</p>");
    assert_eq!(
        xhtml("<ul><li>a<li>b</ul>"),
        "<ul><li>a</li><li>b</li></ul>"
    );
    assert_eq!(
        xhtml("<table><tr><td>1<td>2<tr><td>3</table>"),
        "<table><tbody><tr><td>1</td><td>2</td></tr><tr><td>3</td></tr></tbody></table>"
    );
}

#[test]
fn an_open_table_takes_the_markdown_after_it_into_its_cell() {
    assert_eq!(
        xhtml("<table><tr><td>a\n\nA *Markdown* paragraph."),
        "<table><tbody><tr><td>a<p>A <em>Markdown</em> paragraph.</p></td></tr></tbody></table>"
    );
}

#[test]
fn markdown_blocks_that_cannot_stand_where_raw_html_puts_them() {
    // Spec corpus: a paragraph inside a raw `<pre>`, a code block inside a raw `<tr>`.
    assert_eq!(
        xhtml("<div><pre>\n\nb\n</pre></div>"),
        "<div><pre>b</pre></div>"
    );
    assert_eq!(
        xhtml("<table><tr>\n\n    x\n\n</tr></table>"),
        "<pre class=\"code\"><code><span class=\"line\">x</span></code></pre><table><tbody><tr></tr></tbody></table>"
    );
    // A details needs its summary first.
    assert_eq!(
        xhtml("<details>\n\nx\n\n</details>"),
        "<details><summary>Details</summary><p>x</p></details>"
    );
    assert_eq!(
        xhtml("<details>x<summary>S</summary><summary>T</summary></details>"),
        "<details><summary>S</summary>x<p>T</p></details>"
    );
    // A Markdown list inside a raw heading keeps its text on lines of its own.
    assert_eq!(
        xhtml("<h3>Title\n\n- item\n\n</h3>"),
        "<h3>Title<br/>item</h3>"
    );
    // A paragraph inside a phrasing element: the element is unwrapped.
    assert_eq!(
        xhtml("<span title=\"t\">\n\npara\n\n</span>"),
        "<p>para</p>"
    );
    // Lists hold items only; a stray item is its content.
    assert_eq!(
        xhtml("<ul>\n\npara\n\n</ul>"),
        "<ul><li><p>para</p></li></ul>"
    );
    assert_eq!(xhtml("<li>stray</li>"), "stray");
}

#[test]
fn dangerous_content_vanishes_and_text_stays() {
    assert_eq!(xhtml("<script>alert(1)</script>\n\ntext"), "<p>text</p>");
    assert_eq!(xhtml("a <img src=x onerror=alert(1)> b"), "<p>a  b</p>");
    for href in [
        "javascript:alert(1)",
        "jav&#x61;script:alert(1)",
        "java\tscript:alert(1)",
        " JAVASCRIPT:alert(1)",
        "JaVaScRiPt&colon;alert(1)",
        "data:text/html,x",
    ] {
        assert_eq!(
            xhtml(&format!("<a href=\"{href}\">x</a>")),
            "<p>x</p>",
            "{href}"
        );
    }
    assert_eq!(
        xhtml("<p style=\"color:red\" onclick=\"alert(1)\" class=\"c\">styled</p>"),
        "<p>styled</p>"
    );
    assert_eq!(
        xhtml("<svg><script>alert(1)</script><text>svg text</text></svg>\n\nafter"),
        "<p>after</p>"
    );
    assert_eq!(
        xhtml(
            "<noscript><p>ns</p></noscript><iframe src=\"x\"></iframe><object data=\"x\">fallback</object>\n\nafter"
        ),
        "<p>after</p>"
    );
    // Markdown links and images go through the same rules.
    assert_eq!(
        xhtml("[x](javascript:alert(1)) [y](<javascript:alert(1)>)"),
        "<p>x y</p>"
    );
    let (out, codes) =
        convert("![alt](javascript:alert(1)) <img src=\"data:image/png;base64,AA\" alt=\"b\">");
    assert_eq!(out, "<p>alt b</p>");
    assert_eq!(codes, [DiagnosticCode::ImageUnsupported; 2]);
}

#[test]
fn links_are_checked_and_encoded_once() {
    // A real guide's failure: `[` and `]` in a query, written as they were.
    assert_eq!(
        xhtml("[search](https://example.com/?q=a[1]&b={2}|x%zz)"),
        "<p><a href=\"https://example.com/?q=a%5B1%5D&amp;b=%7B2%7D%7Cx%25zz\">search</a></p>"
    );
    assert_eq!(
        xhtml("<https://example.com/?q=]> <https://../>"),
        "<p><a href=\"https://example.com/?q=%5D\">https://example.com/?q=]</a> https://../</p>"
    );
    assert_eq!(
        xhtml("<a href=\"https://a.org\" title=\"T\">x [md](https://b.org) y</a>"),
        "<p><a href=\"https://a.org\" title=\"T\">x </a><a href=\"https://b.org\">md</a> y</p>"
    );
}

#[test]
fn inline_html_is_parsed_with_the_markdown_around_it() {
    assert_eq!(
        xhtml("text <kbd>Ctrl</kbd>+<kbd>C</kbd> and <br> and <span>unclosed"),
        "<p>text <kbd>Ctrl</kbd>+<kbd>C</kbd> and <br/> and <span>unclosed</span></p>"
    );
    assert_eq!(
        xhtml("a <div>b</div> c *d <b>e* f</b>"),
        "<p>a <br/>b<br/> c <em>d <b>e</b></em> f</p>"
    );
    // Entities: the full HTML5 table in raw HTML, CommonMark's in Markdown text.
    assert_eq!(
        xhtml("<div>&nbsp;&NotNestedGreaterGreater;&amp &copy &#x80;</div>\n\n&amp &copy; &bogus;"),
        "<div>\u{a0}\u{2aa2}\u{338}&amp; © €</div><p>&amp;amp © &amp;bogus;</p>"
    );
}

#[test]
fn pre_keeps_its_text() {
    assert_eq!(
        xhtml("<pre>\n\nline 2\n  indented</pre>"),
        "<pre>line 2  indented</pre>"
    );
}

#[test]
fn comments_that_are_blocks_are_kept_in_the_model_and_never_written() {
    let text = "## 1. T\n\n<!-- tags: a, b -->\n\npara <!-- inline --> x\n";
    let parsed = parse_as_written(text);
    assert_eq!(
        parsed.guide.topics[0].intro,
        [
            Block::Comment {
                text: " tags: a, b ".into()
            },
            Block::Paragraph {
                content: vec![Inline::Text {
                    text: "para  x".into()
                }]
            }
        ]
    );
    assert_eq!(
        xhtml("<!-- c -->\n\na\n\n<div><!-- d --></div>"),
        "<p>a</p><div></div>"
    );
    // A comment that ends early (`--!>`) is no comment of its own: what follows is parsed.
    assert_eq!(xhtml("<!-- a --!><b>seen</b> -->"), "<b>seen</b> --&gt;");
}

#[test]
fn unknown_tags_are_text_and_other_elements_are_unwrapped_or_mapped() {
    assert_eq!(
        xhtml("`List<T>` and List<T> or <Foo>"),
        "<p><code>List&lt;T&gt;</code> and List&lt;T&gt; or &lt;Foo&gt;</p>"
    );
    assert_eq!(
        xhtml("<div>A <Widget x=\"1\">w</Widget></div>"),
        "<div>A &lt;Widget x=&quot;1&quot;&gt;w&lt;/Widget&gt;</div>"
    );
    assert_eq!(
        xhtml("<center><font color=red>x</font></center><section>s</section>"),
        "<div>x</div><div>s</div>"
    );
}

#[test]
fn a_guide_cannot_forge_a_placeholder() {
    assert_eq!(
        xhtml("<div data-db0=\"0\">\n\nMarkdown para\n\n</div>"),
        "<div><p>Markdown para</p></div>"
    );
}

#[test]
fn markdown_hidden_by_raw_html_is_kept_with_a_warning() {
    for (raw, after) in [
        (
            "<div title=\"x\n\nMarkdown *para*\n\n\">y</div>",
            "<p>Markdown <em>para</em></p>",
        ),
        (
            "<select>\n\nMarkdown *para*\n\n</select>",
            "<p>Markdown <em>para</em></p>",
        ),
        (
            "<template>\n\nMarkdown *para*\n\n</template>",
            "<p>Markdown <em>para</em></p>",
        ),
        (
            "<xmp>\n\nMarkdown *para*\n\n</xmp>",
            "<p>Markdown <em>para</em></p>",
        ),
    ] {
        let (out, codes) = convert(raw);
        assert!(out.contains(after), "{raw}: {out}");
        assert_eq!(codes, [DiagnosticCode::HtmlFallback], "{raw}");
    }
    // A paragraph breaks out of `<svg>`, as in a browser: it is kept, the svg is not.
    assert_eq!(
        xhtml("<svg>\n\n[link](https://a.org) para\n\n</svg>"),
        "<p><a href=\"https://a.org\">link</a> para</p>"
    );
    let (out, codes) = convert("a <select> *b* `c` d");
    assert_eq!(out, "<p>a  <em>b</em> <code>c</code> d</p>");
    assert_eq!(codes, [DiagnosticCode::HtmlFallback]);
    // What a browser shows as text in a box stays, as preformatted text.
    assert_eq!(
        xhtml("<textarea>\n\nMarkdown *para*\n\n</textarea>"),
        "<pre>Markdown *para*</pre>"
    );
}

#[test]
fn deep_raw_html_is_not_built_and_its_text_is_kept() {
    let deep = format!("{}deep{}", "<div>".repeat(5000), "</div>".repeat(5000));
    let (out, codes) = convert(&deep);
    assert_eq!(out, "deep");
    assert_eq!(codes, [DiagnosticCode::HtmlTooDeep]);
    let lists = format!("{}x", "<ul><li>".repeat(20_000));
    let (out, codes) = convert(&lists);
    assert_eq!(out, "x");
    assert_eq!(codes, [DiagnosticCode::HtmlTooDeep]);
    // Below the limit the tree is built, and the model nests no deeper than MAX_DEPTH.
    let (out, codes) = convert(&format!("{}x", "<div>".repeat(400)));
    assert!(codes.is_empty());
    assert_eq!(out.matches("<div>").count(), super::walk::MAX_DEPTH);
    let (out, codes) = convert(&format!("a {}b", "<b>".repeat(50_000)));
    assert_eq!(out, "<p>a b</p>");
    assert_eq!(codes, [DiagnosticCode::HtmlTooDeep]);
}

#[test]
fn raw_anchors_and_images_become_model_nodes() {
    let text = "## 1. T\n\n<a name=\"r-1\"></a><img src=\"a.png\" alt=\"A\" width=\"20\" height=\"x\" onload=\"x()\">\n";
    let parsed = parse_as_written(text);
    let Block::Paragraph { content } = &parsed.guide.topics[0].intro[0] else {
        panic!("{:?}", parsed.guide.topics[0].intro)
    };
    let [
        Inline::Element {
            tag: Tag::Span,
            attrs: anchor,
            ..
        },
        Inline::Element {
            tag: Tag::Img,
            attrs: img,
            ..
        },
    ] = &content[..]
    else {
        panic!("{content:?}")
    };
    assert_eq!(attr(anchor, AttrName::Fragment), Some("r-1"));
    assert_eq!(attr(anchor, AttrName::Id), Some("r-1"));
    let names: Vec<AttrName> = img.iter().map(|a| a.name).collect();
    assert_eq!(names, [AttrName::Src, AttrName::Alt, AttrName::Width]);
}
