//! Unit tests of `sanitize.rs`: the allow-list, well-formedness repairs, dangerous content,
//! entities, and hostile inputs (unmatched `<`, deep nesting, control characters).

use super::*;
use crate::prepare::{Links, MediaSet};
use crate::render::CodeHtml;
use crate::render::testutil::assert_well_formed;

/// Sanitises `html` for `flavor` with `media` (and no in-guide link resolving).
fn with(html: &str, media: &MediaSet, flavor: Flavor, context: Context) -> String {
    let (code, links) = (CodeHtml::default(), Links::default());
    sanitize(
        html,
        &HtmlRenderer::new(&code, media, &links, flavor),
        context,
    )
}

fn clean(html: &str) -> String {
    with(html, &MediaSet::default(), Flavor::Xhtml, Context::Block)
}

fn clean_inline(html: &str) -> String {
    with(html, &MediaSet::default(), Flavor::Xhtml, Context::Inline)
}

#[test]
fn allowed_elements_are_kept_and_closed() {
    assert_eq!(
        clean("<b>bold</b> <KBD>Ctrl</KBD>"),
        "<b>bold</b> <kbd>Ctrl</kbd>"
    );
    assert_eq!(clean("a<br>b<hr>"), "a<br/>b<hr/>");
    assert_eq!(clean("<em>open"), "<em>open</em>");
    assert_eq!(clean("x</b>y</div>"), "xy");
    assert_eq!(clean("<b><i>x</b>y"), "<b><i>x</i></b>y");
}

#[test]
fn implied_end_tags() {
    assert_eq!(
        clean("<ul><li>a<li>b</ul>"),
        "<ul><li>a</li><li>b</li></ul>"
    );
    assert_eq!(clean("<p>a<p>b"), "<p>a</p><p>b</p>");
    assert_eq!(clean("<p>a<div>b</div>"), "<p>a</p><div>b</div>");
    assert_eq!(
        clean("<table><tr><td>1<td>2<tr><td>3</table>"),
        "<table><tr><td>1</td><td>2</td></tr><tr><td>3</td></tr></table>"
    );
    assert_eq!(
        clean("<ul><li>a<ul><li>b</ul></ul>"),
        "<ul><li>a<ul><li>b</li></ul></li></ul>"
    );
}

#[test]
fn attributes_are_allow_listed() {
    assert_eq!(
        clean("<b onclick=\"alert(1)\" style=\"color:red\" title='t \"q\"'>x</b>"),
        "<b title=\"t &quot;q&quot;\">x</b>"
    );
    assert_eq!(
        clean("<td colspan=2 rowspan=x>c</td>"),
        "<td colspan=\"2\">c</td>"
    );
    assert_eq!(
        clean("<details open><summary>S</summary>body</details>"),
        "<details open=\"open\"><summary>S</summary>body</details>"
    );
    assert_eq!(
        clean("<ol start=3 type=a><li>x</ol>"),
        "<ol start=\"3\"><li>x</li></ol>"
    );
}

#[test]
fn links_keep_only_safe_targets() {
    assert_eq!(
        clean("<a href=\"https://example.com/a b?x=1&amp;y=2\">x</a>"),
        "<a href=\"https://example.com/a%20b?x=1&amp;y=2\">x</a>"
    );
    assert_eq!(
        clean("<a href=\"javascript:alert(1)\">x</a>"),
        "<span>x</span>"
    );
    assert_eq!(
        clean("<a href=\"java\tscript:alert(1)\">x</a>"),
        "<span>x</span>"
    );
    assert_eq!(
        clean("<a href=\"JaVaScRiPt&colon;alert(1)\">x</a>"),
        "<span>x</span>"
    );
    assert_eq!(
        clean("<a href=\"data:text/html,x\">x</a>"),
        "<span>x</span>"
    );
    let anki = with(
        "<a href=\"#sec\">x</a>",
        &MediaSet::default(),
        Flavor::Anki,
        Context::Block,
    );
    assert_eq!(anki, "<a href=\"#sec\">x</a>");
    // In the book, an in-guide link that leads nowhere keeps its text only.
    assert_eq!(clean("<a href=\"#sec\">x</a>"), "<span>x</span>");
    assert_eq!(
        clean("<a href=\"mailto:a@b.c\">m</a>"),
        "<a href=\"mailto:a@b.c\">m</a>"
    );
    assert_eq!(clean("<a href=\"other.md\">r</a>"), "<span>r</span>");
    let in_link = {
        let (code, media, links) = (CodeHtml::default(), MediaSet::default(), Links::default());
        let r = HtmlRenderer::new(&code, &media, &links, Flavor::Xhtml);
        let mut out = String::new();
        let mut s = Sanitizer::new(&r, Context::Inline).inside_link(true);
        s.push("<a href=\"https://x.org\">y</a>", &mut out);
        s.finish(&mut out);
        out
    };
    assert_eq!(in_link, "y");
}

#[test]
fn safe_href_rules() {
    assert_eq!(safe_href(" https://a.b/c "), Some("https://a.b/c".into()));
    assert_eq!(safe_href("HTTP://a.b"), Some("HTTP://a.b".into()));
    assert_eq!(safe_href("http:///etc"), None);
    assert_eq!(safe_href("https:"), None);
    assert_eq!(safe_href("vbscript:x"), None);
    assert_eq!(safe_href("/abs/path"), None);
    assert_eq!(safe_href("a\"b:c"), None);
}

#[test]
fn dangerous_elements_vanish_with_content() {
    assert_eq!(clean("a<script>alert('<b>')</script>b"), "ab");
    assert_eq!(clean("a<style>b{}</style>b"), "ab");
    assert_eq!(clean("a<iframe src=x>inside</iframe>b"), "ab");
    assert_eq!(clean("a<object data=x><b>no</b></object>b"), "ab");
    assert_eq!(clean("a<SCRIPT>never closed"), "a");
    assert_eq!(clean("a<scripty>b"), "a&lt;scripty&gt;b");
}

#[test]
fn other_tags_are_shown_as_text() {
    assert_eq!(
        clean("<font color=red>x</font>"),
        "&lt;font color=red&gt;x&lt;/font&gt;"
    );
    assert_eq!(
        clean("<form><input></form>"),
        "&lt;form&gt;&lt;input&gt;&lt;/form&gt;"
    );
    assert_eq!(
        clean("if a < b && c > d"),
        "if a &lt; b &amp;&amp; c &gt; d"
    );
}

#[test]
fn comments_are_dropped_and_unterminated_ones_kept_as_text() {
    assert_eq!(clean("a<!-- hidden <b> -->b"), "ab");
    assert_eq!(clean("a<!-- open <b>x</b>"), "a&lt;!-- open <b>x</b>");
    assert_eq!(clean("<!---->x<!-->y"), "xy");
}

#[test]
fn entities_become_characters() {
    assert_eq!(clean("a&nbsp;b&mdash;c&eacute;"), "a\u{a0}b\u{2014}c\u{e9}");
    assert_eq!(clean("&#169;&#x263A;&lt;&amp;"), "\u{a9}\u{263a}&lt;&amp;");
    assert_eq!(clean("&bogus; & &amp"), "&amp;bogus; &amp; &amp;amp");
    assert_eq!(clean("&#0;&#1;&#x7f;"), "\u{fffd}\u{fffd}\u{fffd}");
}

#[test]
fn images_resolve_through_media_or_show_alt() {
    let media = MediaSet::with_image("img/a.png", b"png", "png");
    let name = media.name_for("img/a.png").unwrap_or_default().to_string();
    let html = with(
        "<img src=\"img/a.png\" alt=\"A\" onerror=x width=10><img src=\"/etc/passwd\" alt=\"B\">",
        &media,
        Flavor::Xhtml,
        Context::Inline,
    );
    assert_eq!(
        html,
        format!("<img src=\"{name}\" alt=\"A\" width=\"10\"/>B")
    );
    let anki = with(
        "<img src=img/a.png><br>",
        &media,
        Flavor::Anki,
        Context::Inline,
    );
    assert_eq!(anki, format!("<img src=\"{name}\" alt=\"\"><br>"));
}

#[test]
fn inline_context_drops_block_tags() {
    assert_eq!(clean_inline("<div>a<p>b</p></div><b>c</b>"), "ab<b>c</b>");
}

#[test]
fn state_carries_across_pieces() {
    let (code, media, links) = (CodeHtml::default(), MediaSet::default(), Links::default());
    let r = HtmlRenderer::new(&code, &media, &links, Flavor::Xhtml);
    let mut out = String::new();
    let mut s = Sanitizer::new(&r, Context::Block);
    s.push("<details><summary>Answer</summary>", &mut out);
    assert_eq!(s.depth(), 1);
    out.push_str("<p>markdown</p>");
    s.push("</details></div>", &mut out);
    s.push("<b>left open", &mut out);
    s.finish(&mut out);
    assert_eq!(
        out,
        "<details><summary>Answer</summary><p>markdown</p></details><b>left open</b>"
    );
}

#[test]
fn hostile_inputs_stay_fast_and_well_formed() {
    let cases = [
        "<".repeat(500),
        "< a <b <i x=\"".repeat(500),
        "<b>".repeat(5000) + &"</i>".repeat(100),
        "<div><span>".repeat(3000),
        "<!--".repeat(500) + "<b>x",
        "a\u{0}b\u{1b}c\u{7}\u{fffe}d<b\u{1}>e".to_string(),
        "<a href=\"https://x\" <b>".repeat(300),
        "<td><tr><li><p><details>".repeat(400),
        format!("<b title=x{}>é", "é".repeat(3000)),
        format!("<b title=\"{}\">é", "€".repeat(3000)),
    ];
    for case in &cases {
        let start = std::time::Instant::now();
        let out = clean(case);
        assert!(
            start.elapsed().as_millis() < 500,
            "slow on {:?}",
            &case[..20]
        );
        assert_well_formed(&out);
        assert_well_formed(&clean_inline(case));
    }
    assert_eq!(clean(&"<".repeat(500)), "&lt;".repeat(500));
    assert_eq!(clean("a\u{0}b\u{1b}c"), "abc");
}

#[test]
fn deep_nesting_is_capped() {
    let out = clean(&("<span>".repeat(10_000) + "x"));
    assert_eq!(out.matches("<span>").count(), MAX_DEPTH);
    assert!(out.contains('x'));
}

#[test]
fn visible_text_and_image_sources() {
    assert_eq!(
        html_text("<kbd>Ctrl</kbd>+<b>C</b><br><script>x</script>&amp;<img alt=\"pic\">"),
        "Ctrl+C &pic"
    );
    assert_eq!(
        img_sources("<p><IMG SRC=' a.png '><img alt=x><img src=\"b&amp;c.gif\">"),
        ["a.png", "b&c.gif"]
    );
}
