//! The XHTML documents of the book: the title page, the preface, the Questions page and one
//! chapter per topic, each a complete XHTML5 document (XML declaration, namespaces, `lang` and
//! `xml:lang`, a head with a title and the stylesheet), its structural semantics on its
//! outermost `section` (`epub:type`, with the ARIA role matching it where there is one:
//! `doc-chapter`, `doc-preface`), never on `body`.
//!
//! The stylesheet is the renderer's `EPUB_CSS` followed by the rules of the pages only the
//! book has (cover, title page, Questions, the link back); it sets no pixel font sizes and no
//! fixed widths, so readers' own settings apply.
//!
//! Model content goes through the shared renderer (XHTML flavour), which escapes text,
//! sanitises raw HTML and drops control characters; this module only writes the frame.

use super::meta::clean;
use super::nav::{anchor, chapter_file, group_label, topic_label};
use crate::model::{Block, Group, Guide, Inline, Topic};
use crate::render::html::escape_text;
use crate::render::{EPUB_CSS, HtmlRenderer};

/// File name of the title page.
pub const TITLE_PAGE: &str = "title.xhtml";
/// File name of the preface.
pub const PREFACE: &str = "preface.xhtml";
/// File name of the Questions page.
pub const QUESTIONS: &str = "questions.xhtml";
/// File name of the stylesheet every document links.
pub const STYLESHEET: &str = "stylesheet.css";
/// File name of the back matter (a licence, credits).
pub use crate::render::html::BACK_MATTER_FILE as BACK_MATTER;
/// The back matter's title, in the page and the table of contents.
pub const BACK_MATTER_TITLE: &str = "About this guide";

/// Writes the documents of one book in one language.
pub struct Pages<'a> {
    /// The guide.
    pub guide: &'a Guide,
    /// The renderer for model content (XHTML flavour).
    pub renderer: HtmlRenderer<'a>,
    /// The book's BCP 47 language tag.
    pub lang: &'a str,
    /// The book's author, empty for none.
    pub author: &'a str,
    /// The way from the pages' folder to the container's root, where the stylesheet is:
    /// empty for a guide's own book, `../` for a guide's folder in a bundle.
    pub root: &'a str,
}

impl Pages<'_> {
    /// A complete XHTML document titled `title` around `body` (itself well-formed XHTML).
    ///
    /// The `body` carries no `epub:type` (the ARIA role that should match it cannot be put on
    /// a `body`) and no `id` (Kindle drops links to one): each page's semantics are on its
    /// outermost `section`.
    pub fn document(&self, title: &str, body: &str) -> String {
        document(self.lang, self.root, title, body)
    }

    /// The title page: title, author, source file, build date and number of questions.
    pub fn title_page(&self, title: &str, date: &str) -> String {
        let guide = self.guide;
        let mut body =
            String::from("<section epub:type=\"frontmatter titlepage\" class=\"titlepage\">\n");
        body.push_str(&format!(
            "<h1 class=\"title\">{}</h1>\n",
            escape_text(title)
        ));
        if !self.author.is_empty() {
            body.push_str(&format!(
                "<p class=\"author\">{}</p>\n",
                escape_text(self.author)
            ));
        }
        let n = guide.topics.len();
        body.push_str(&format!(
            "<p class=\"count\">{n} question{}</p>\n",
            if n == 1 { "" } else { "s" }
        ));
        body.push_str("<dl class=\"colophon\">\n");
        let source = source_name(&guide.source.path);
        if !source.is_empty() {
            body.push_str(&format!(
                "<dt>Source</dt><dd><cite>{}</cite></dd>\n",
                escape_text(&source)
            ));
        }
        body.push_str(&format!(
            "<dt>Built</dt><dd><time datetime=\"{date}\">{date}</time></dd>\n</dl>\n</section>\n"
        ));
        self.document(title, &body)
    }

    /// The preface: the guide's text before its first topic.
    pub fn preface(&self, blocks: &[Block]) -> String {
        let mut body = String::from(
            "<section epub:type=\"frontmatter preface\" role=\"doc-preface\" class=\"preface\">\n\
             <h1 id=\"preface\">Preface</h1>\n",
        );
        self.renderer.blocks(blocks, &mut body);
        body.push_str("</section>\n");
        self.document("Preface", &body)
    }

    /// The Questions page: every topic's question, linked to its chapter; in a guide with
    /// groups, under a heading per group.
    pub fn questions(&self) -> String {
        let mut body = String::from(
            "<section epub:type=\"frontmatter\" class=\"questions\">\n\
             <h1 id=\"questions\">Questions</h1>\n",
        );
        let mut current: Option<Option<usize>> = None;
        for (i, topic) in self.guide.topics.iter().enumerate() {
            if current != Some(topic.group) {
                if current.is_some() {
                    body.push_str("</ol>\n");
                }
                if let Some(g) = topic.group {
                    self.group_headings(g, current.flatten(), &mut body);
                }
                body.push_str("<ol class=\"questions\">\n");
                current = Some(topic.group);
            }
            body.push_str(&format!(
                "<li id=\"q-{}\"><a href=\"{}\">",
                anchor(&topic.id),
                chapter_file(i)
            ));
            self.number(topic, &mut body);
            // Links inside the question would nest `a` elements: keep their text only.
            title(&self.renderer, &unlinked(&topic.title), topic, &mut body);
            body.push_str("</a></li>\n");
        }
        if current.is_some() {
            body.push_str("</ol>\n");
        }
        body.push_str("</section>\n");
        self.document("Questions", &body)
    }

    /// The headings of group `g` and of its enclosing groups that `previous` is not in, on
    /// the Questions page (`h2` for a top-level group, one level deeper per nesting).
    fn group_headings(&self, g: usize, previous: Option<usize>, out: &mut String) {
        let groups = &self.guide.groups;
        let mut path = vec![g];
        while let Some(p) = path.last().and_then(|&x| groups[x].parent) {
            path.push(p);
        }
        path.reverse();
        let mut open = Vec::new();
        let mut at = previous;
        while let Some(x) = at {
            open.push(x);
            at = groups[x].parent;
        }
        for (depth, &x) in path.iter().enumerate() {
            if open.contains(&x) {
                continue;
            }
            let level = (2 + depth).min(6);
            out.push_str(&format!(
                "<h{level} id=\"qg-{}\">{}</h{level}>\n",
                anchor(&groups[x].id),
                escape_text(&group_label(&groups[x]))
            ));
        }
    }

    /// The part page of `group`: its heading and intro.
    pub fn part(&self, group: &Group) -> String {
        let mut body = format!(
            "<section epub:type=\"bodymatter part\" role=\"doc-part\" class=\"part\">\n\
             <h1 id=\"{}\">",
            anchor(&group.id)
        );
        if let Some(n) = group.number.as_ref().map(|n| clean(&n.0))
            && !n.is_empty()
        {
            body.push_str(&format!(
                "<span class=\"topic-number\">{}.</span> ",
                escape_text(&n)
            ));
        }
        let before = body.len();
        self.renderer.inlines(&group.title, &mut body);
        if body.len() == before {
            body.push_str("Untitled part");
        }
        body.push_str("</h1>\n");
        self.renderer.blocks(&group.intro, &mut body);
        body.push_str("</section>\n");
        self.document(&group_label(group), &body)
    }

    /// The back matter: the sections about the guide itself (a licence, credits).
    pub fn back_matter(&self) -> String {
        let mut body = format!(
            "<section epub:type=\"backmatter\" class=\"back-matter\">\n\
             <h1 id=\"back-matter\">{BACK_MATTER_TITLE}</h1>\n"
        );
        self.renderer
            .sections(&self.guide.back_matter, 2, &mut body);
        body.push_str("</section>\n");
        self.document(BACK_MATTER_TITLE, &body)
    }

    /// The chapter of `topic`, the `index`-th: its heading, intro, sections and a link back to
    /// the Questions.
    pub fn chapter(&self, index: usize, topic: &Topic) -> String {
        let renderer = self.renderer.in_chapter(index);
        let id = anchor(&topic.id);
        let mut body = format!(
            "<section epub:type=\"bodymatter chapter\" role=\"doc-chapter\" class=\"topic\">\n\
             <h1 id=\"{id}\">"
        );
        self.number(topic, &mut body);
        title(&renderer, &topic.title, topic, &mut body);
        body.push_str("</h1>\n");
        renderer.blocks(&topic.intro, &mut body);
        renderer.sections(&topic.sections, 2, &mut body);
        body.push_str(&format!(
            "<p class=\"back\"><a href=\"{QUESTIONS}#q-{id}\">Back to the questions</a></p>\n\
             </section>\n"
        ));
        self.document(&topic_label(topic), &body)
    }

    /// The topic's number as written, as a span (`6.`), if it has one.
    fn number(&self, topic: &Topic, out: &mut String) {
        if let Some(n) = topic.number.as_ref().map(|n| clean(&n.0))
            && !n.is_empty()
        {
            out.push_str(&format!(
                "<span class=\"topic-number\">{}.</span> ",
                escape_text(&n)
            ));
        }
    }
}

/// A complete XHTML document in `lang` titled `title` around `body`, linking the stylesheet
/// at `root` (see [`Pages::document`]).
pub fn document(lang: &str, root: &str, title: &str, body: &str) -> String {
    let lang = escape_text(lang);

    let mut out = String::with_capacity(body.len() + 512);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n");
    out.push_str(&format!(
        "<html xmlns=\"http://www.w3.org/1999/xhtml\" \
         xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"{lang}\" xml:lang=\"{lang}\">\n"
    ));
    out.push_str("<head>\n<meta charset=\"utf-8\"/>\n");
    out.push_str(&format!("<title>{}</title>\n", escape_text(&clean(title))));
    out.push_str(&format!(
        "<link rel=\"stylesheet\" type=\"text/css\" href=\"{root}{STYLESHEET}\"/>\n</head>\n"
    ));
    out.push_str("<body>\n");
    out.push_str(body);
    out.push_str("</body>\n</html>\n");
    out
}

/// The title's inlines, or a fallback when they render to nothing.
fn title(renderer: &HtmlRenderer<'_>, title: &[Inline], topic: &Topic, out: &mut String) {
    let before = out.len();
    renderer.inlines(title, out);
    if out.len() == before && topic.number.is_none() {
        out.push_str("Untitled topic");
    }
}

/// The file name of the guide's source (its folders are of no interest to a reader).
fn source_name(path: &str) -> String {
    clean(path.rsplit(['/', '\\']).next().unwrap_or(path))
}

/// `inlines` with links replaced by their text and footnote references dropped, for use
/// inside another link.
pub fn unlinked(inlines: &[Inline]) -> Vec<Inline> {
    let mut out = Vec::with_capacity(inlines.len());
    for inline in inlines {
        match inline {
            Inline::Link { content, .. } => out.extend(unlinked(content)),
            Inline::FootnoteRef { .. } => {}
            Inline::Emphasis { content } => out.push(Inline::Emphasis {
                content: unlinked(content),
            }),
            Inline::Strong { content } => out.push(Inline::Strong {
                content: unlinked(content),
            }),
            Inline::Strike { content } => out.push(Inline::Strike {
                content: unlinked(content),
            }),
            Inline::Cloze {
                number,
                content,
                hint,
            } => out.push(Inline::Cloze {
                number: *number,
                content: unlinked(content),
                hint: hint.clone(),
            }),
            Inline::Element {
                tag,
                attrs,
                content,
            } => out.push(Inline::Element {
                tag: *tag,
                attrs: attrs.clone(),
                content: unlinked(content),
            }),
            other => out.push(other.clone()),
        }
    }
    out
}

/// The rules for the book's own pages.
const BOOK_CSS: &str = r#"
/* Book pages */
section.cover { margin: 0; padding: 0; text-align: center; page-break-after: always; }
section.cover img { max-width: 100%; max-height: 100%; height: auto; }

section.titlepage { text-align: center; margin-top: 20%; page-break-after: always; }
section.titlepage h1.title { font-size: 2em; margin-bottom: 0.6em; }
section.titlepage p.author { font-size: 1.3em; font-style: italic; margin: 0.4em 0; }
section.titlepage p.count { margin: 1.5em 0; }
section.titlepage dl.colophon { margin: 2em auto 0 auto; font-size: 0.9em; }
section.titlepage dl.colophon dt { font-weight: bold; margin-top: 0.6em; }
section.titlepage dl.colophon dd { margin: 0; }

ol.questions { list-style: none; padding-left: 0; margin-left: 0; }
ol.questions li { margin: 0.35em 0; padding-left: 2.2em; text-indent: -2.2em; }
ol.questions a { text-decoration: none; }
span.topic-number { font-weight: bold; }

section.topic > h1 { page-break-before: always; break-before: page; }
p.back {
  margin-top: 2em;
  padding-top: 0.5em;
  border-top: 1px solid #888;
  font-size: 0.9em;
  page-break-inside: avoid;
}
"#;

/// The rules a book with math adds: the OpenType MATH fonts readers have (STIX Two Math on
/// Apple's systems, Cambria Math on Windows, Latin Modern Math and DejaVu Math TeX Gyre on
/// Linux), then CSS's generic `math` family. The book embeds no font: without a MATH font a
/// reader still shows every formula, only stretchy brackets stay small.
const MATH_CSS: &str = r#"
/* Math */
math { font-family: "STIX Two Math", "Cambria Math", "Latin Modern Math", "DejaVu Math TeX Gyre", math; }
math[display="block"] { margin: 0.5em 0; }
code.math-error { white-space: pre-wrap; }
"#;

/// The rules a book with cloze deletions adds: their text in full, highlighted (black on
/// pale yellow, 15:1).
const CLOZE_CSS: &str = r#"
/* Cloze deletions */
mark.cloze { background-color: #fff3a0; color: #000000; padding: 0 0.1em; }
"#;

/// The rules for part pages, the back matter and admonitions, in the books that have them.
const PARTS_CSS: &str = r#"
section.part { text-align: center; margin-top: 20%; page-break-after: always; }
section.part > h1 { font-size: 1.8em; }
section.part > p, section.part > ul, section.part > ol, section.part > blockquote { text-align: left; }
section.back-matter > h1 { page-break-before: always; break-before: page; }
aside.admonition { margin: 1em 0; padding: 0.4em 0.8em; border-left: 0.25em solid #57606a; }
aside.admonition-warning, aside.admonition-danger { border-left-style: double; }
p.admonition-title { margin: 0.2em 0; }
"#;

/// Whether a book needs [`PARTS_CSS`]: it has groups, back matter or admonitions.
pub fn needs_extra_css(guide: &Guide) -> bool {
    fn asides(blocks: &[Block]) -> bool {
        blocks.iter().any(|b| match b {
            Block::Quote { blocks } => crate::model::aside(blocks).is_some() || asides(blocks),
            Block::List { items, .. } => items.iter().any(|i| asides(&i.blocks)),
            Block::Footnote { blocks, .. } => asides(blocks),
            _ => false,
        })
    }
    let mut found = !guide.groups.is_empty() || !guide.back_matter.is_empty();
    if !found {
        guide.walk_blocks(&mut |blocks, _| found = found || asides(blocks));
    }
    found
}

/// The book's stylesheet: the renderer's and the book pages', then the rules for parts,
/// back matter and admonitions (`extra`, see [`needs_extra_css`]), math and cloze deletions
/// when the book has them (a book with none of them has the stylesheet it always had).
pub fn stylesheet(extra: bool, math: bool, cloze: bool) -> String {
    let mut css = String::with_capacity(EPUB_CSS.len() + BOOK_CSS.len() + PARTS_CSS.len() + 512);
    css.push_str(EPUB_CSS);
    css.push_str(BOOK_CSS);
    if extra {
        css.push_str(PARTS_CSS);
    }
    if math {
        css.push_str(MATH_CSS);
    }
    if cloze {
        css.push_str(CLOZE_CSS);
    }
    css
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_wraps_with_a_hanging_indent() {
        let css = stylesheet(false, false, false);
        assert!(css.contains("pre-wrap"));
        assert!(!css.contains("math") && !css.contains("mark") && !css.contains("aside"));
        let css_all = stylesheet(true, true, true);
        assert!(css_all.contains("math {") && css_all.contains("mark.cloze"));
        assert!(css_all.contains("aside.admonition"));
        assert!(css.contains("ol.questions"));
        // No web fonts and no remote resources.
        assert!(!css.contains("@font-face") && !css.contains("url("));
    }

    #[test]
    fn braces_balance() {
        let css = stylesheet(true, true, true);
        assert_eq!(css.matches('{').count(), css.matches('}').count());
    }

    #[test]
    fn links_in_questions_keep_only_their_text() {
        let inl = vec![
            Inline::Link {
                url: "https://x".into(),
                title: String::new(),
                content: vec![Inline::Strong {
                    content: vec![Inline::Code {
                        code: "with".into(),
                    }],
                }],
            },
            Inline::FootnoteRef { label: "1".into() },
        ];
        assert_eq!(
            unlinked(&inl),
            vec![Inline::Strong {
                content: vec![Inline::Code {
                    code: "with".into()
                }]
            }]
        );
        assert_eq!(source_name("a/b\\c.md"), "c.md");
    }
}
