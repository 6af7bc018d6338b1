//! The owned, serde-serialisable model of a study guide: `Guide` → (`Group` →) `Topic` →
//! `Section`, their `Block`s and `Inline`s, and the Q&A `Card`s derived from them. A topic is
//! one question of the guide, whatever convention it was written in ([`Convention`]); groups,
//! conventions and the detector's decision live in `model/outline.rs`.
//!
//! The parser builds this model once; every emitter renders from it and never looks at Markdown
//! again, so it holds everything an emitter needs: titles with their inline markup, source spans
//! (for `file.md:line` references), code with its language, tables with their alignments, and
//! the guide's raw HTML as allow-listed elements whose attributes are already safe: the parser
//! sanitises raw HTML once, so every output writes the same safe tree.

mod cards;
mod outline;

pub use cards::{Card, CardKind, Content, Granularity, is_generic_title};
pub use outline::{Convention, ConventionSource, Detection, Group};

use serde::Serialize;
use std::fmt;

mod html;

pub use html::{Attr, AttrName, Tag, TagKind, attr, unfold_answers, written_anchor};

/// A whole guide: its metadata, the text before the first topic, its groups, the topics in
/// source order, and what was kept for the book only.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Guide {
    /// The guide's title: its first level-1 heading, else front-matter `title`, else the file
    /// name. The slug, the deck name and the GitHub anchors come from it; the book's title
    /// prefers the front matter's (see [`Meta::title`]).
    pub title: String,
    /// Where [`Guide::title`] came from.
    pub title_source: TitleSource,
    /// Slug of the title; the root of every id and of the output file names.
    pub slug: String,
    /// Where the guide came from.
    pub source: Source,
    /// Metadata from the YAML front matter, with defaults filled in.
    pub meta: Meta,
    /// Blocks between the title and the first topic.
    pub preface: Vec<Block>,
    /// The groups the topics are filed under, in source order (a parent before its
    /// children); empty when the guide has no group headings.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<Group>,
    /// The topics, in source order (duplicate numbers are kept).
    pub topics: Vec<Topic>,
    /// Sections kept for the book's back matter but never made cards (a licence, credits,
    /// contributors), in source order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub back_matter: Vec<Section>,
    /// What the convention detector decided.
    pub detection: Detection,
}

/// Where a guide's title came from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TitleSource {
    /// The guide's first level-1 heading (before its first topic).
    Heading,
    /// The front matter's `title`.
    FrontMatter,
    /// The file name, for want of both.
    #[default]
    FileName,
}

/// The guide's source file.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Source {
    /// The path as given on the command line (used in `file.md:line` references).
    pub path: String,
    /// Seconds since the Unix epoch that stamp every output: `SOURCE_DATE_EPOCH` if set, else
    /// the file's modification time (0 when neither is known).
    pub timestamp: i64,
}

/// Metadata of a guide, as its front matter gives it (command-line flags override it when the
/// outputs are prepared, see `prepare::PrepareOptions`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Meta {
    /// Front-matter `title`, when there is one: the title readers see (the book's title),
    /// which may differ from the guide's own [`Guide::title`].
    pub title: Option<String>,
    /// Author (front-matter `author`, else empty).
    pub author: String,
    /// BCP 47 language tag (front-matter `language`/`lang`, else `en`).
    pub language: String,
    /// One-paragraph description (front-matter `description`, else empty).
    pub description: String,
    /// Every topic's card also asks the other way round, answer → question (front-matter
    /// `reversed: true`).
    pub reversed: bool,
    /// Front-matter `tags` (a list, or a comma-separated string), in order: every card
    /// carries them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

/// A 1-based range of source lines, inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Span {
    /// First line (1-based).
    pub line: u32,
    /// Last line (1-based, inclusive).
    pub end_line: u32,
}

/// A topic's number as written in its heading (`12` in `## 12. Title`), kept as text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct TopicNumber(pub String);

impl fmt::Display for TopicNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One topic: a question of the guide and its answer, whatever convention wrote it (a
/// heading, a bold line, a `Q:` line, a heading or a label in a list item).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Topic {
    /// Stable id: the slug of the title (without its number), `-2`, `-3`… when repeated.
    pub id: String,
    /// The number as written, if the heading had one.
    pub number: Option<TopicNumber>,
    /// The heading's text before its title, as written: `12. `, `Q12: `, `Question 12) `
    /// (empty without a number, or when the number was not plain text and stayed in the
    /// title). With the title it is the heading's text, which GitHub makes its anchor from.
    pub prefix: String,
    /// The title with its inline markup, number removed: the question.
    pub title: Vec<Inline>,
    /// Blocks shown on the front after the title: the snippet (and its options) a generic
    /// question such as "What is the output of below code?" is about.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub prompt: Vec<Block>,
    /// Source lines from the question to the topic's last line.
    pub span: Span,
    /// Blocks between the question and the first section: the answer.
    pub intro: Vec<Block>,
    /// Sub-sections, nested by heading level.
    pub sections: Vec<Section>,
    /// The topic's cards also ask the other way round, answer → question (a
    /// `<!-- reversed -->` comment under its heading).
    pub reversed: bool,
    /// The group the topic is filed under (index into `Guide::groups`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<usize>,
    /// The convention the question was written in.
    pub kind: Convention,
    /// The file the topic was read from when the guide is a folder of parts (its path as
    /// shown in diagnostics); `None` for the guide's own file ([`Guide::file_of`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}

/// A section of a topic (a deeper heading, or a stray unnumbered heading at topic level).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Section {
    /// Stable id: the parent's id, `.`, and the slug of the title (`-2`… when repeated).
    pub id: String,
    /// The title with its inline markup.
    pub title: Vec<Inline>,
    /// The Markdown heading level (1–6) as written.
    pub level: u8,
    /// Source lines from the heading to the section's last line.
    pub span: Span,
    /// Blocks before the first sub-section.
    pub blocks: Vec<Block>,
    /// Sub-sections.
    pub sections: Vec<Section>,
}

/// A block of content.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// A paragraph.
    Paragraph {
        /// Its content.
        content: Vec<Inline>,
    },
    /// A heading that does not open a section (only inside lists or quotes).
    Heading {
        /// The Markdown level (1–6).
        level: u8,
        /// Its content.
        content: Vec<Inline>,
    },
    /// A bullet list (`start` is `None`) or an ordered list starting at `start`.
    List {
        /// The first number of an ordered list.
        start: Option<u64>,
        /// The items.
        items: Vec<ListItem>,
    },
    /// A code block.
    Code {
        /// The info string's first word (`python`), if any.
        lang: Option<String>,
        /// The code, ending with a newline unless empty.
        text: String,
        /// The line of the opening fence (or first indented line).
        line: u32,
    },
    /// A table.
    Table {
        /// One alignment per column.
        align: Vec<Align>,
        /// The header cells.
        head: Vec<Vec<Inline>>,
        /// The body rows.
        rows: Vec<Vec<Vec<Inline>>>,
    },
    /// A block quote.
    Quote {
        /// Its blocks.
        blocks: Vec<Block>,
    },
    /// A thematic break.
    Rule,
    /// An element of the guide's raw HTML that the allow-list keeps (`<div>`, `<details>`,
    /// `<table>`, …), with its allowed attributes, already safe to write as they are. Its
    /// children obey the HTML content model (see [`Tag`]).
    Element {
        /// The element.
        tag: Tag,
        /// Its attributes, in a fixed order.
        attrs: Vec<Attr>,
        /// Its content.
        children: Vec<Block>,
    },
    /// Inline content that stands among blocks without a paragraph around it (text directly
    /// inside a raw `<div>` or `<td>`, or the content of a `<p>`, `<pre>`, `<summary>` or
    /// `<hN>` element).
    Plain {
        /// Its content.
        content: Vec<Inline>,
    },
    /// An HTML comment that forms a block of its own (`<!-- tags: a, b -->`): kept for
    /// readers of the model, never rendered.
    Comment {
        /// The comment's text, between `<!--` and `-->`.
        text: String,
    },
    /// A footnote definition.
    Footnote {
        /// Its label.
        label: String,
        /// Its blocks.
        blocks: Vec<Block>,
    },
}

/// The kind of an admonition: Docusaurus's admonitions (`:::tip` … `:::`), which the model
/// holds the Markdown way, as a quote that starts with a bold label (`> **Tip:** …`, with a
/// title `> **Tip: Remember** …`); see [`aside`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AsideKind {
    /// `:::note`
    Note,
    /// `:::tip`
    Tip,
    /// `:::info`
    Info,
    /// `:::warning` (and `:::caution`)
    Warning,
    /// `:::danger`
    Danger,
}

impl AsideKind {
    /// The kind named after `:::` (`note`, `tip`, `info`, `warning`, `caution`, `danger`).
    pub fn from_name(name: &str) -> Option<AsideKind> {
        match name.to_ascii_lowercase().as_str() {
            "note" => Some(AsideKind::Note),
            "tip" => Some(AsideKind::Tip),
            "info" => Some(AsideKind::Info),
            "warning" | "caution" => Some(AsideKind::Warning),
            "danger" => Some(AsideKind::Danger),
            _ => None,
        }
    }

    /// Its label as shown when the aside has no title of its own: `Note`, `Tip`, …
    pub fn label(self) -> &'static str {
        match self {
            AsideKind::Note => "Note",
            AsideKind::Tip => "Tip",
            AsideKind::Info => "Info",
            AsideKind::Warning => "Warning",
            AsideKind::Danger => "Danger",
        }
    }

    /// Its lower-case name, for class names: `note`, `tip`, …
    pub fn name(self) -> &'static str {
        match self {
            AsideKind::Note => "note",
            AsideKind::Tip => "tip",
            AsideKind::Info => "info",
            AsideKind::Warning => "warning",
            AsideKind::Danger => "danger",
        }
    }
}

/// The admonition a quote's blocks make, if they start with a bold label naming a kind
/// (`**Note:**`, `**Warning: Mind the gap**`): its kind and its label's text without the
/// colon (`Note`, `Warning: Mind the gap`). Renderers write such a quote as an aside.
pub fn aside(blocks: &[Block]) -> Option<(AsideKind, String)> {
    let Some(Block::Paragraph { content }) = blocks.first() else {
        return None;
    };
    let Some(Inline::Strong { content: label }) = content.first() else {
        return None;
    };
    let text = plain_text(label);
    let (word, rest) = text.split_once(':')?;
    let kind = AsideKind::from_name(word.trim())?;
    let title = rest.trim();
    Some(if title.is_empty() {
        (kind, word.trim().to_string())
    } else {
        (kind, format!("{}: {title}", word.trim()))
    })
}

/// An item of a list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ListItem {
    /// `Some(done)` for a task-list item.
    pub checked: Option<bool>,
    /// The source line the item starts on (0 when not known).
    #[serde(skip)]
    pub line: u32,
    /// Its blocks (a tight item's text is one paragraph).
    pub blocks: Vec<Block>,
}

/// Column alignment of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Align {
    /// No alignment given.
    None,
    /// `:--`
    Left,
    /// `:-:`
    Center,
    /// `--:`
    Right,
}

/// Inline content.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Inline {
    /// Plain text.
    Text {
        /// The text.
        text: String,
    },
    /// Inline code.
    Code {
        /// The code.
        code: String,
    },
    /// Emphasis (`*x*`).
    Emphasis {
        /// Its content.
        content: Vec<Inline>,
    },
    /// Strong emphasis (`**x**`).
    Strong {
        /// Its content.
        content: Vec<Inline>,
    },
    /// Strikethrough (`~~x~~`).
    Strike {
        /// Its content.
        content: Vec<Inline>,
    },
    /// A link.
    Link {
        /// Destination.
        url: String,
        /// Title attribute (may be empty).
        title: String,
        /// Link text.
        content: Vec<Inline>,
    },
    /// An image.
    Image {
        /// Source.
        url: String,
        /// Title attribute (may be empty).
        title: String,
        /// Alternative text (plain).
        alt: String,
    },
    /// A soft line break (rendered as a space or newline).
    SoftBreak,
    /// A hard line break.
    HardBreak,
    /// A phrasing element of the guide's raw HTML that the allow-list keeps (`<kbd>`,
    /// `<sup>`, `<img>`, …), with its allowed attributes, already safe to write as they are.
    /// A raw `<a href>` becomes an [`Inline::Link`] instead.
    Element {
        /// The element.
        tag: Tag,
        /// Its attributes, in a fixed order.
        attrs: Vec<Attr>,
        /// Its content (empty for `br` and `img`).
        content: Vec<Inline>,
    },
    /// A footnote reference.
    FootnoteRef {
        /// The label.
        label: String,
    },
    /// Math: `$…$`, `\(…\)` (inline) or `$$…$$`, `\[…\]` (display), as LaTeX.
    Math {
        /// The LaTeX source between the delimiters, as written.
        latex: String,
        /// Display math (`$$…$$`, `\[…\]`) rather than inline.
        display: bool,
        /// The source line it starts on (for diagnostics about its LaTeX).
        line: u32,
    },
    /// A cloze deletion: `{{c1::…}}`, `{{c1::…::hint}}` or the shorthand `==…==`.
    Cloze {
        /// Its deletion number (`c1` is 1): as written, or, for the shorthand, the next
        /// number after the highest of its topic, in order of appearance.
        number: u32,
        /// What is hidden.
        content: Vec<Inline>,
        /// The hint shown in its place (`{{c1::…::hint}}`), if any.
        hint: Option<String>,
    },
}

impl Section {
    /// Calls `f` on this section and then on every sub-section, depth first, in order.
    pub fn walk<'s>(&'s self, f: &mut impl FnMut(&'s Section)) {
        f(self);
        for child in &self.sections {
            child.walk(f);
        }
    }
}

pub(crate) fn collect_code<'g>(blocks: &'g [Block], out: &mut Vec<&'g Block>) {
    for block in blocks {
        match block {
            Block::Code { .. } => out.push(block),
            Block::List { items, .. } => {
                for item in items {
                    collect_code(&item.blocks, out);
                }
            }
            Block::Quote { blocks }
            | Block::Footnote { blocks, .. }
            | Block::Element {
                children: blocks, ..
            } => collect_code(blocks, out),
            _ => {}
        }
    }
}

/// Calls `f` on every inline sequence of `blocks` (paragraphs, headings, list items, table
/// cells, quotes, footnotes, raw HTML elements), in source order; not inside the inlines
/// themselves.
pub fn for_each_inlines<'b>(blocks: &'b [Block], f: &mut impl FnMut(&'b [Inline])) {
    for block in blocks {
        match block {
            Block::Paragraph { content }
            | Block::Heading { content, .. }
            | Block::Plain { content } => f(content),
            Block::List { items, .. } => {
                for item in items {
                    for_each_inlines(&item.blocks, f);
                }
            }
            Block::Table { head, rows, .. } => {
                for cell in head.iter().chain(rows.iter().flatten()) {
                    f(cell);
                }
            }
            Block::Quote { blocks }
            | Block::Footnote { blocks, .. }
            | Block::Element {
                children: blocks, ..
            } => for_each_inlines(blocks, f),
            Block::Code { .. } | Block::Rule | Block::Comment { .. } => {}
        }
    }
}

/// `true` when `blocks` hold a cloze deletion anywhere (nested inlines included).
pub fn has_cloze(blocks: &[Block]) -> bool {
    fn inlines(content: &[Inline]) -> bool {
        content.iter().any(|inline| match inline {
            Inline::Cloze { .. } => true,
            Inline::Emphasis { content }
            | Inline::Strong { content }
            | Inline::Strike { content }
            | Inline::Link { content, .. }
            | Inline::Element { content, .. } => inlines(content),
            _ => false,
        })
    }
    let mut found = false;
    for_each_inlines(blocks, &mut |content| found |= inlines(content));
    found
}

/// The plain text of inline content: markup dropped, code kept, breaks as spaces.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    push_plain(inlines, &mut out);
    out
}

fn push_plain(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text { text } => out.push_str(text),
            Inline::Code { code } => out.push_str(code),
            Inline::Emphasis { content }
            | Inline::Strong { content }
            | Inline::Strike { content }
            | Inline::Link { content, .. }
            | Inline::Cloze { content, .. } => push_plain(content, out),
            Inline::Math { latex, .. } => out.push_str(latex),
            Inline::Element {
                tag: Tag::Img,
                attrs,
                ..
            } => out.push_str(attr(attrs, AttrName::Alt).unwrap_or("")),
            Inline::Element { tag: Tag::Br, .. } => out.push(' '),
            Inline::Element { content, .. } => push_plain(content, out),
            Inline::Image { alt, .. } => out.push_str(alt),
            Inline::SoftBreak | Inline::HardBreak => out.push(' '),
            Inline::FootnoteRef { label } => {
                out.push_str("[^");
                out.push_str(label);
                out.push(']');
            }
        }
    }
}

/// Lower-case ASCII slug: letters and digits kept, everything else folded into single `-`.
/// Non-ASCII letters are kept as they are (lower-cased), so `Café` → `café`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut dash = false;
    for ch in text.chars() {
        if ch.is_alphanumeric() {
            if dash && !slug.is_empty() {
                slug.push('-');
            }
            dash = false;
            slug.extend(ch.to_lowercase());
        } else {
            dash = true;
        }
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_fold_punctuation() {
        assert_eq!(
            slugify("Complete Python Interview Guide"),
            "complete-python-interview-guide"
        );
        assert_eq!(
            slugify("Difference Between `is` and `==` Operator"),
            "difference-between-is-and-operator"
        );
        assert_eq!(slugify("  --Café, naïve!  "), "café-naïve");
        assert_eq!(slugify("==="), "");
    }

    #[test]
    fn plain_text_keeps_code_and_drops_markup() {
        let inl = vec![
            Inline::Text { text: "A ".into() },
            Inline::Code { code: "is".into() },
            Inline::Strong {
                content: vec![Inline::Text { text: " B".into() }],
            },
            Inline::SoftBreak,
            Inline::Element {
                tag: Tag::Kbd,
                attrs: Vec::new(),
                content: vec![Inline::Text { text: "C".into() }],
            },
            Inline::Element {
                tag: Tag::Img,
                attrs: vec![Attr {
                    name: AttrName::Alt,
                    value: "D".into(),
                }],
                content: Vec::new(),
            },
        ];
        assert_eq!(plain_text(&inl), "A is B CD");
    }
}
