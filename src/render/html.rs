//! Blocks, inlines and sections → HTML (for Anki fields) or XHTML (for EPUB chapters).
//!
//! Both flavors write the same markup and class names; `Xhtml` is well-formed XML (voids
//! self-closed, only the five XML entities, no control characters, every attribute quoted),
//! `Anki` writes voids the HTML way (`<br>`). Code comes pre-highlighted from [`CodeHtml`],
//! images through [`MediaSet`]. The guide's raw HTML reaches this writer as allow-listed
//! elements with safe attributes (the parser sanitised it), written like any other node.
//! Links are written right the first time: in the book, an in-guide `#fragment` becomes the
//! chapter and anchor [`Links`] resolved it to (`chapter-002.xhtml#closures`, or `#closures`
//! within the chapter being written), and one that leads nowhere keeps only its text; a
//! relative link (`other.md`) keeps only its text everywhere.
//!
//! Math is MathJax's `\(…\)`/`\[…\]` in Anki fields and MathML in the book (see
//! [`super::math`]); a cloze deletion is Anki's `{{cN::…}}` in the text of a cloze note
//! ([`HtmlRenderer::with_clozes`], see [`super::cloze`]) and `<mark class="cloze">` anywhere
//! else, so the book and every other field show its text in full, highlighted.
//!
//! Class names written here: `code` (on `<pre>`), `language-<name>` (on `<code>`), `line`,
//! `table-wrap`, `align-left|center|right`, `task`, `task-box`, `image-alt`, `footnote`,
//! `footnote-label`, `footnote-ref`, `admonition`, `admonition-<kind>`, `prompt`, `context`,
//! `cloze` (on `<mark>`), `math-error` (on `<code>`).

use crate::model::{
    Align, AsideKind, Attr, AttrName, Block, Card, Inline, ListItem, Section, Tag, aside,
};
use crate::prepare::{Links, MediaSet, Page};
use crate::render::CodeHtml;
use crate::render::cloze;
use crate::render::highlight::language_name;
use crate::render::math::{self, MathSet};

/// Which dialect to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    /// HTML fragments for Anki fields.
    Anki,
    /// Well-formed XHTML for EPUB chapters.
    Xhtml,
}

/// Renders model content to HTML.
#[derive(Debug, Clone, Copy)]
pub struct HtmlRenderer<'a> {
    /// Highlighted code.
    pub code: &'a CodeHtml,
    /// Images, to rewrite local references.
    pub media: &'a MediaSet,
    /// Where in-guide links lead.
    pub links: &'a Links,
    /// The dialect.
    pub flavor: Flavor,
    /// The book's chapter being written (XHTML), whose anchors in-guide links reach without
    /// a file name; `None` for any other page.
    pub chapter: Option<usize>,
    /// The guide's formulas as MathML (XHTML); without them math is shown as code.
    pub math: Option<&'a MathSet>,
    /// Write cloze deletions in Anki's syntax (the text of a cloze note; finish the field
    /// with [`cloze::finish`]) rather than highlighted.
    pub clozes: bool,
    /// The deepest level a heading among the blocks may have in the book (XHTML): one below
    /// the heading the blocks stand under (a chapter's `<h1>`, a section's), so that a
    /// `##### Answer: 3` inside an answer never skips heading levels. Anki's fields keep the
    /// level as written.
    pub heading_cap: u8,
}

/// The file name of the `index`-th (0-based) topic's chapter in the book.
pub fn chapter_file(index: usize) -> String {
    format!("chapter-{:03}.xhtml", index + 1)
}

/// The file name of the `index`-th (0-based) group's part page in the book.
pub fn part_file(index: usize) -> String {
    format!("part-{:03}.xhtml", index + 1)
}

/// The file name of the book's back matter (a licence, credits).
pub const BACK_MATTER_FILE: &str = "back-matter.xhtml";

impl<'a> HtmlRenderer<'a> {
    /// A renderer of `flavor` over prepared code, images and links, for a page that is not
    /// a chapter.
    pub fn new(code: &'a CodeHtml, media: &'a MediaSet, links: &'a Links, flavor: Flavor) -> Self {
        HtmlRenderer {
            code,
            media,
            links,
            flavor,
            chapter: None,
            math: None,
            clozes: false,
            heading_cap: 2,
        }
    }

    /// The same renderer, writing the formulas of `math` as MathML (XHTML).
    pub fn with_math(self, math: &'a MathSet) -> Self {
        HtmlRenderer {
            math: Some(math),
            ..self
        }
    }

    /// The same renderer, writing cloze deletions with the markers [`cloze::finish`] turns
    /// into Anki's syntax (Anki flavour).
    pub fn with_clozes(self) -> Self {
        HtmlRenderer {
            clozes: true,
            ..self
        }
    }

    /// The same renderer, writing the `index`-th chapter.
    pub fn in_chapter(self, index: usize) -> Self {
        HtmlRenderer {
            chapter: Some(index),
            ..self
        }
    }

    /// The `href` to write for a link to `url` (as the parser kept it: checked and
    /// percent-encoded), or `None` to write its text only: in-guide links resolved in the
    /// book (see the module documentation), `http:`, `https:` and `mailto:` links as they
    /// are, and nothing else (a relative link leads nowhere in a card or the book).
    pub fn href(&self, url: &str) -> Option<String> {
        let url = url.trim();
        if url.starts_with('#') {
            if self.flavor == Flavor::Anki || url == "#" {
                return Some(url.to_string());
            }
            let target = self.links.target(url)?;
            return Some(match (self.chapter, target.page) {
                (Some(here), Page::Chapter(there)) if here == there => {
                    format!("#{}", target.anchor)
                }
                (_, page) => format!("{}#{}", page.file(), target.anchor),
            });
        }
        let scheme = url.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
        match scheme.as_deref() {
            Some("http" | "https" | "mailto") => Some(url.to_string()),
            _ => None,
        }
    }

    /// Appends the HTML of `blocks` to `out`.
    pub fn blocks(&self, blocks: &[Block], out: &mut String) {
        for block in blocks {
            self.block(block, out);
        }
    }

    /// Appends the HTML of `inlines` to `out` (phrasing content, fit for `<p>` or `<hN>`).
    pub fn inlines(&self, inlines: &[Inline], out: &mut String) {
        self.inlines_in(inlines, false, out);
    }

    /// Appends each section: its heading (`<hN id="…">`, N = `level_base` + depth, at most 6),
    /// its blocks, then its sub-sections one level deeper. The `id` is [`anchor`] of the
    /// section's id.
    pub fn sections(&self, sections: &[Section], level_base: u8, out: &mut String) {
        for section in sections {
            self.section(section, level_base, out);
        }
    }

    /// Appends one section (see [`HtmlRenderer::sections`]) with its heading at `level`.
    pub fn section(&self, section: &Section, level: u8, out: &mut String) {
        let level = level.clamp(1, 6);
        out.push_str(&format!("<h{level} id=\""));
        out.push_str(&anchor(&section.id));
        out.push_str("\">");
        self.inlines(&section.title, out);
        out.push_str(&format!("</h{level}>\n"));
        let under = HtmlRenderer {
            heading_cap: level.saturating_add(1),
            ..*self
        };
        under.blocks(&section.blocks, out);
        self.sections(&section.sections, level.saturating_add(1), out);
    }

    /// Appends a card's question as the note's first field shows it: for a qualified
    /// section card its topic's number as written (`2.1`, `12.`) and title and ` › ` first (`<span
    /// class="context">`), then the question's inlines, then the prompt's blocks (a snippet
    /// and its options) in `<div class="prompt">`.
    pub fn question(&self, card: &Card<'_>, out: &mut String) {
        if card.qualified {
            out.push_str("<span class=\"context\">");
            let prefix = card.topic.prefix.trim();
            if !prefix.is_empty() {
                push_escaped(out, prefix);
                out.push(' ');
            }
            self.inlines(&card.topic.title, out);
            out.push_str(" \u{203a} </span>");
        }
        self.inlines(card.question, out);
        if !card.prompt.is_empty() {
            out.push_str("\n<div class=\"prompt\">\n");
            self.blocks(card.prompt, out);
            out.push_str("</div>");
        }
    }

    /// Appends a card's answer: its blocks, then its sections with headings starting at
    /// `level_base`.
    pub fn answer(&self, card: &Card<'_>, level_base: u8, out: &mut String) {
        self.blocks(card.blocks, out);
        self.sections(card.sections, level_base, out);
    }

    /// The HTML of `blocks`, as a new string.
    #[cfg(test)]
    pub fn blocks_html(&self, blocks: &[Block]) -> String {
        let mut out = String::new();
        self.blocks(blocks, &mut out);
        out
    }

    /// The HTML of `inlines`, as a new string.
    #[cfg(test)]
    pub fn inlines_html(&self, inlines: &[Inline]) -> String {
        let mut out = String::new();
        self.inlines(inlines, &mut out);
        out
    }

    /// Appends a code block: `<pre class="code"><code class="language-…">` holding one
    /// `<span class="line">` per source line.
    pub fn code_block(&self, lang: Option<&str>, text: &str, out: &mut String) {
        let name = language_name(lang);
        out.push_str("<pre class=\"code\"><code");
        if !name.is_empty() {
            out.push_str(" class=\"language-");
            out.push_str(&name);
            out.push('"');
        }
        out.push('>');
        out.push_str(&self.code.get_or_highlight(lang, text));
        out.push_str("</code></pre>\n");
    }

    fn void(&self, tag: &str, out: &mut String) {
        out.push('<');
        out.push_str(tag);
        out.push_str(match self.flavor {
            Flavor::Xhtml => "/>",
            Flavor::Anki => ">",
        });
    }

    pub(super) fn block(&self, block: &Block, out: &mut String) {
        match block {
            Block::Paragraph { content } => {
                out.push_str("<p>");
                self.inlines(content, out);
                out.push_str("</p>\n");
            }
            Block::Heading { level, content } => {
                let level = match self.flavor {
                    Flavor::Xhtml => (*level).min(self.heading_cap),
                    Flavor::Anki => *level,
                }
                .clamp(1, 6);
                out.push_str(&format!("<h{level}>"));
                self.inlines(content, out);
                out.push_str(&format!("</h{level}>\n"));
            }
            Block::List { start, items } => self.list(*start, items, out),
            Block::Code { lang, text, .. } => self.code_block(lang.as_deref(), text, out),
            Block::Table { align, head, rows } => self.table(align, head, rows, out),
            Block::Quote { blocks } => match aside(blocks) {
                Some((kind, label)) => self.aside(kind, &label, blocks, out),
                None => {
                    out.push_str("<blockquote>\n");
                    self.blocks(blocks, out);
                    out.push_str("</blockquote>\n");
                }
            },
            Block::Rule => {
                self.void("hr", out);
                out.push('\n');
            }
            Block::Element {
                tag,
                attrs,
                children,
            } => self.element(*tag, attrs, children, out),
            Block::Plain { content } => {
                self.inlines(content, out);
                if !out.ends_with('\n') {
                    out.push('\n');
                }
            }
            Block::Comment { .. } => {}
            Block::Footnote { label, blocks } => {
                out.push_str("<div class=\"footnote\"><span class=\"footnote-label\">");
                push_escaped(out, label);
                out.push_str("</span>\n");
                self.blocks(blocks, out);
                out.push_str("</div>\n");
            }
        }
    }

    /// An admonition (a quote that starts with a bold `**Tip:**` label): `<aside
    /// class="admonition admonition-tip" role="note" aria-label="Tip">` around its blocks,
    /// the label staying the first words of its first paragraph.
    fn aside(&self, kind: AsideKind, label: &str, blocks: &[Block], out: &mut String) {
        out.push_str("<aside class=\"admonition admonition-");
        out.push_str(kind.name());
        out.push_str("\" role=\"note\" aria-label=\"");
        push_escaped(out, label);
        out.push_str("\">\n");
        self.blocks(blocks, out);
        out.push_str("</aside>\n");
    }

    fn list(&self, start: Option<u64>, items: &[ListItem], out: &mut String) {
        match start {
            None => out.push_str("<ul>\n"),
            Some(1) => out.push_str("<ol>\n"),
            Some(n) => out.push_str(&format!("<ol start=\"{n}\">\n")),
        }
        for item in items {
            out.push_str(if item.checked.is_some() {
                "<li class=\"task\">"
            } else {
                "<li>"
            });
            if let Some(done) = item.checked {
                out.push_str("<span class=\"task-box\">");
                out.push_str(if done { "\u{2611}" } else { "\u{2610}" });
                out.push_str("</span> ");
            }
            // A tight item's text (optionally followed by nested lists) goes without `<p>`.
            match item.blocks.split_first() {
                Some((Block::Paragraph { content }, rest))
                    if rest.iter().all(|b| matches!(b, Block::List { .. })) =>
                {
                    self.inlines(content, out);
                    if !rest.is_empty() {
                        out.push('\n');
                        self.blocks(rest, out);
                    }
                }
                _ => self.blocks(&item.blocks, out),
            }
            out.push_str("</li>\n");
        }
        out.push_str(if start.is_none() {
            "</ul>\n"
        } else {
            "</ol>\n"
        });
    }

    fn table(
        &self,
        align: &[Align],
        head: &[Vec<Inline>],
        rows: &[Vec<Vec<Inline>>],
        out: &mut String,
    ) {
        out.push_str("<div class=\"table-wrap\"><table>\n");
        if !head.is_empty() {
            out.push_str("<thead><tr>");
            for (i, cell) in head.iter().enumerate() {
                self.cell("th", align.get(i), cell, out);
            }
            out.push_str("</tr></thead>\n");
        }
        if !rows.is_empty() {
            out.push_str("<tbody>\n");
            for row in rows {
                out.push_str("<tr>");
                for (i, cell) in row.iter().enumerate() {
                    self.cell("td", align.get(i), cell, out);
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</tbody>\n");
        }
        out.push_str("</table></div>\n");
    }

    fn cell(&self, tag: &str, align: Option<&Align>, content: &[Inline], out: &mut String) {
        out.push('<');
        out.push_str(tag);
        match align {
            Some(Align::Left) => out.push_str(" class=\"align-left\""),
            Some(Align::Center) => out.push_str(" class=\"align-center\""),
            Some(Align::Right) => out.push_str(" class=\"align-right\""),
            Some(Align::None) | None => {}
        }
        out.push('>');
        self.inlines(content, out);
        out.push_str("</");
        out.push_str(tag);
        out.push('>');
    }

    fn inlines_in(&self, inlines: &[Inline], in_link: bool, out: &mut String) {
        for inline in inlines {
            match inline {
                Inline::Text { text } => match self.flavor {
                    Flavor::Anki => math::push_anki_text(text, out),
                    Flavor::Xhtml => push_escaped(out, text),
                },
                Inline::Code { code } => {
                    out.push_str("<code>");
                    push_escaped(out, code);
                    out.push_str("</code>");
                }
                Inline::Math { latex, display, .. } => match self.flavor {
                    Flavor::Anki => math::push_mathjax(latex, *display, out),
                    Flavor::Xhtml => math::push_mathml(self.math, latex, *display, out),
                },
                Inline::Cloze {
                    number,
                    content,
                    hint,
                } => self.cloze(*number, content, hint.as_deref(), in_link, out),
                Inline::Emphasis { content } => self.wrap("em", content, in_link, out),
                Inline::Strong { content } => self.wrap("strong", content, in_link, out),
                Inline::Strike { content } => self.wrap("s", content, in_link, out),
                Inline::Link {
                    url,
                    title,
                    content,
                } => match self.href(url).filter(|_| !in_link) {
                    Some(href) => {
                        out.push_str("<a href=\"");
                        push_escaped(out, &href);
                        out.push('"');
                        push_title(title, out);
                        out.push('>');
                        self.inlines_in(content, true, out);
                        out.push_str("</a>");
                    }
                    None => self.inlines_in(content, in_link, out),
                },
                Inline::Image { url, title, alt } => {
                    let title = Attr {
                        name: AttrName::Title,
                        value: title.clone(),
                    };
                    let attrs = if title.value.is_empty() {
                        &[][..]
                    } else {
                        std::slice::from_ref(&title)
                    };
                    self.image(url, alt, attrs, out);
                }
                Inline::Element {
                    tag: Tag::Img,
                    attrs,
                    ..
                } => {
                    let src = crate::model::attr(attrs, AttrName::Src).unwrap_or("");
                    let alt = crate::model::attr(attrs, AttrName::Alt).unwrap_or("");
                    let rest: Vec<Attr> = attrs
                        .iter()
                        .filter(|a| a.name != AttrName::Alt)
                        .cloned()
                        .collect();
                    self.image(src, alt, &rest, out);
                }
                Inline::Element {
                    tag: Tag::Br,
                    attrs,
                    ..
                } => {
                    out.push_str("<br");
                    self.attrs(attrs, out);
                    out.push_str(self.void_end());
                }
                Inline::Element {
                    tag,
                    attrs,
                    content,
                } => {
                    out.push('<');
                    out.push_str(tag.name());
                    self.attrs(attrs, out);
                    out.push('>');
                    self.inlines_in(content, in_link, out);
                    out.push_str("</");
                    out.push_str(tag.name());
                    out.push('>');
                }
                Inline::SoftBreak => out.push('\n'),
                Inline::HardBreak => {
                    self.void("br", out);
                    out.push('\n');
                }
                Inline::FootnoteRef { label } => {
                    out.push_str("<sup class=\"footnote-ref\">");
                    push_escaped(out, label);
                    out.push_str("</sup>");
                }
            }
        }
    }

    /// A cloze deletion: Anki's syntax (as markers) in a cloze note's text, else its text
    /// highlighted.
    fn cloze(
        &self,
        number: u32,
        content: &[Inline],
        hint: Option<&str>,
        in_link: bool,
        out: &mut String,
    ) {
        if self.clozes && self.flavor == Flavor::Anki {
            cloze::push_open(number, out);
            self.inlines_in(content, in_link, out);
            if let Some(hint) = hint {
                out.push(cloze::HINT);
                push_escaped(out, hint);
            }
            out.push(cloze::CLOSE);
        } else {
            out.push_str("<mark class=\"cloze\">");
            self.inlines_in(content, in_link, out);
            out.push_str("</mark>");
        }
    }

    fn wrap(&self, tag: &str, content: &[Inline], in_link: bool, out: &mut String) {
        out.push('<');
        out.push_str(tag);
        out.push('>');
        self.inlines_in(content, in_link, out);
        out.push_str("</");
        out.push_str(tag);
        out.push('>');
    }
}

fn push_title(title: &str, out: &mut String) {
    if !title.is_empty() {
        out.push_str(" title=\"");
        push_escaped(out, title);
        out.push('"');
    }
}

pub use super::text::{anchor, clean, escape_text, push_escaped, toc_text};

#[cfg(test)]
#[path = "html_tests.rs"]
mod tests;
