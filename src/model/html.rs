//! The model's raw-HTML part: the elements a guide's raw HTML may keep ([`Tag`], a closed
//! allow-list with each element's place in HTML's content model), their attributes
//! ([`Attr`]), and how a Markdown block that lands where only phrasing content may stand
//! becomes inlines ([`Block::into_inlines`]), and which `<details>` holds a question's answer
//! ([`Block::is_answer_details`], [`unfold_answers`]).

use super::{Block, Inline};
use serde::Serialize;

/// Declares [`Tag`] from one list of `Variant = "name", Kind` entries, so the enum, its
/// name and its kind cannot drift apart.
macro_rules! tags {
    ($($(#[doc = $doc:literal])* $variant:ident = $name:literal, $kind:ident;)+) => {
        /// An HTML element the guide's raw HTML may keep: the allow-list, a closed set. Raw
        /// HTML is parsed as a browser parses it and every element outside this list is
        /// dropped with its content (`script`, `style`, `iframe`, `svg`, …), unwrapped (its
        /// text kept), or shown as text (see `parse::html`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Tag {
            $($(#[doc = $doc])* #[doc = concat!("`<", $name, ">`")] $variant,)+
        }

        impl Tag {
            /// Every tag, in declaration order.
            pub const ALL: &[Tag] = &[$(Tag::$variant),+];

            /// The element's name, lower case: `kbd`.
            pub fn name(self) -> &'static str {
                match self {
                    $(Tag::$variant => $name,)+
                }
            }

            /// What the element may hold and where it may stand.
            pub fn kind(self) -> TagKind {
                match self {
                    $(Tag::$variant => TagKind::$kind,)+
                }
            }
        }
    };
}

tags! {
    B = "b", Phrasing;
    I = "i", Phrasing;
    Em = "em", Phrasing;
    Strong = "strong", Phrasing;
    U = "u", Phrasing;
    S = "s", Phrasing;
    Del = "del", Phrasing;
    Ins = "ins", Phrasing;
    Mark = "mark", Phrasing;
    Small = "small", Phrasing;
    Sub = "sub", Phrasing;
    Sup = "sup", Phrasing;
    Code = "code", Phrasing;
    Kbd = "kbd", Phrasing;
    Samp = "samp", Phrasing;
    Var = "var", Phrasing;
    Abbr = "abbr", Phrasing;
    Cite = "cite", Phrasing;
    Dfn = "dfn", Phrasing;
    Q = "q", Phrasing;
    Span = "span", Phrasing;
    Br = "br", Void;
    Img = "img", Void;
    P = "p", Text;
    Pre = "pre", Text;
    Summary = "summary", Text;
    H1 = "h1", Text;
    H2 = "h2", Text;
    H3 = "h3", Text;
    H4 = "h4", Text;
    H5 = "h5", Text;
    H6 = "h6", Text;
    Div = "div", Flow;
    Blockquote = "blockquote", Flow;
    Details = "details", Flow;
    Li = "li", Flow;
    Td = "td", Flow;
    Th = "th", Flow;
    Caption = "caption", Flow;
    Ul = "ul", List;
    Ol = "ol", List;
    Table = "table", Table;
    Thead = "thead", Table;
    Tbody = "tbody", Table;
    Tfoot = "tfoot", Table;
    Tr = "tr", Table;
    Hr = "hr", Rule;
}

/// What an allowed element may hold and where it may stand (the part of HTML's content model
/// the model keeps true).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagKind {
    /// Phrasing content holding phrasing content (`b`, `kbd`, `span`): an [`Inline::Element`].
    Phrasing,
    /// A void phrasing element (`br`, `img`): an [`Inline::Element`] without content.
    Void,
    /// A block holding phrasing content (`p`, `pre`, `summary`, `h1`–`h6`): a
    /// [`Block::Element`] whose children are one [`Block::Plain`].
    Text,
    /// A block holding blocks (`div`, `blockquote`, `details`, `li`, `td`, `th`, `caption`).
    /// A `details` starts with its `summary`; `li` stands only in a list, `td`/`th` only in a
    /// `tr`, `caption` only first in a `table`.
    Flow,
    /// A list (`ul`, `ol`): only `li` children.
    List,
    /// Table structure (`table`, `thead`, `tbody`, `tfoot`, `tr`): only the parts HTML allows
    /// in it, in the order it allows them.
    Table,
    /// A void block (`hr`).
    Rule,
}

impl Serialize for Tag {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// An attribute of an allowed element, its value already safe to write (a link checked and
/// percent-encoded, a number checked).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attr {
    /// Which attribute.
    pub name: AttrName,
    /// Its value, unescaped.
    pub value: String,
}

/// The attributes raw HTML may keep: a closed set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AttrName {
    /// `id`: the element's anchor, a unique valid XML name (from the guide's `id` or `name`).
    Id,
    /// Not written: the fragment in-guide links use to reach the element (its `id` or
    /// `name` as the guide wrote it).
    Fragment,
    /// `src` of an `img`: the image as the guide references it (a relative path or an
    /// `http(s)` URL), resolved through the media set when written.
    Src,
    /// `alt` of an `img`.
    Alt,
    /// `width` of an `img` (a number).
    Width,
    /// `height` of an `img` (a number).
    Height,
    /// `start` of an `ol` (a number).
    Start,
    /// `colspan` of a `td`/`th` (a number).
    Colspan,
    /// `rowspan` of a `td`/`th` (a number).
    Rowspan,
    /// `open` of a `details` (its value is `open`).
    Open,
    /// `title` (advisory text).
    Title,
}

impl AttrName {
    /// The attribute's name as written in HTML.
    pub fn as_str(self) -> &'static str {
        match self {
            AttrName::Id => "id",
            AttrName::Fragment => "data-fragment",
            AttrName::Src => "src",
            AttrName::Alt => "alt",
            AttrName::Width => "width",
            AttrName::Height => "height",
            AttrName::Start => "start",
            AttrName::Colspan => "colspan",
            AttrName::Rowspan => "rowspan",
            AttrName::Open => "open",
            AttrName::Title => "title",
        }
    }
}

/// The `id` an output that keeps in-guide links as written (an Anki field, a spreadsheet
/// cell) gives an element with these attributes: the anchor's name as the guide wrote it, so
/// those links reach it, unless the name holds a `:` (where it could read as a URL scheme) —
/// then, as in the book, its unique XML name. `None` when the element is no anchor.
pub fn written_anchor(attrs: &[Attr]) -> Option<&str> {
    match (attr(attrs, AttrName::Fragment), attr(attrs, AttrName::Id)) {
        (Some(name), _) if !name.contains(':') => Some(name),
        (_, id) => id,
    }
}

/// The value of attribute `name` in `attrs`, if present.
pub fn attr(attrs: &[Attr], name: AttrName) -> Option<&str> {
    attrs
        .iter()
        .find(|a| a.name == name)
        .map(|a| a.value.as_str())
}

/// What the `<summary>` of a `<details>` that holds a question's answer says (its text
/// without markup, case ignored, an ending `:` left out).
const ANSWER_SUMMARIES: &[&str] = &[
    "answer",
    "answers",
    "show answer",
    "solution",
    "show solution",
    "explanation",
    "reveal",
];

/// `blocks` (a card's back) with each answer `<details>` among them (see
/// [`Block::is_answer_details`]) replaced by its content, its summary left out: the back of a
/// card is the answer, so every output shows it as it shows the rest of the back (no toggle
/// to open, no "Answer" label). A `<details>` that is no answer ("Hint", "More examples")
/// stays one.
pub fn unfold_answers(blocks: Vec<Block>) -> Vec<Block> {
    if !blocks.iter().any(Block::is_answer_details) {
        return blocks;
    }
    let mut out = Vec::with_capacity(blocks.len());
    for block in blocks {
        match block {
            Block::Element {
                tag: Tag::Details,
                children,
                ..
            } if is_answer_summary(&children) => out.extend(children.into_iter().filter(|c| {
                !matches!(
                    c,
                    Block::Element {
                        tag: Tag::Summary,
                        ..
                    }
                )
            })),
            other => out.push(other),
        }
    }
    out
}

/// Whether the first child of a `details` (its `summary`) says an answer word.
fn is_answer_summary(children: &[Block]) -> bool {
    let Some(Block::Element {
        tag: Tag::Summary,
        children: summary,
        ..
    }) = children.first()
    else {
        return false;
    };
    let mut text = String::new();
    for block in summary {
        if let Block::Plain { content } = block {
            text.push_str(&super::plain_text(content));
            text.push(' ');
        }
    }
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let words = words.strip_suffix(':').unwrap_or(&words).trim_end();
    ANSWER_SUMMARIES
        .iter()
        .any(|answer| answer.eq_ignore_ascii_case(words))
}

impl Block {
    /// Whether this is a `<details>` that holds a question's answer: its summary's text,
    /// without markup, is one of Answer, Answers, Show answer, Solution, Show solution,
    /// Explanation or Reveal (case ignored, an ending `:` allowed).
    pub fn is_answer_details(&self) -> bool {
        matches!(self, Block::Element { tag: Tag::Details, children, .. } if is_answer_summary(children))
    }

    /// The block's content as inlines, for a block that lands where only phrasing content may
    /// stand (inside a raw `<pre>`, `<summary>`, `<h3>` or `<span>`): its text is kept, each
    /// paragraph, item or cell set off by a line break; its structure is lost.
    pub fn into_inlines(self, out: &mut Vec<Inline>) {
        fn separate(out: &mut Vec<Inline>) {
            if !out.is_empty() && !matches!(out.last(), Some(Inline::HardBreak)) {
                out.push(Inline::HardBreak);
            }
        }
        match self {
            Block::Paragraph { content }
            | Block::Heading { content, .. }
            | Block::Plain { content } => {
                separate(out);
                out.extend(content);
            }
            Block::List { items, .. } => {
                for item in items {
                    for block in item.blocks {
                        block.into_inlines(out);
                    }
                }
            }
            Block::Code { text, .. } => {
                separate(out);
                out.push(Inline::Code { code: text });
            }
            Block::Table { head, rows, .. } => {
                for cell in head.into_iter().chain(rows.into_iter().flatten()) {
                    separate(out);
                    out.extend(cell);
                }
            }
            Block::Quote { blocks }
            | Block::Footnote { blocks, .. }
            | Block::Element {
                children: blocks, ..
            } => {
                for block in blocks {
                    block.into_inlines(out);
                }
            }
            Block::Rule => separate(out),
            Block::Comment { .. } => {}
        }
    }
}
