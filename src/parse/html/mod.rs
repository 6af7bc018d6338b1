//! Raw HTML, parsed the way a browser parses it, together with the Markdown around it, and
//! turned once into safe model nodes that every output writes alike.
//!
//! Markdown splits raw HTML into pieces around the Markdown inside it (`<details>` …
//! paragraphs … `</details>`). Each list of siblings that holds raw HTML — the blocks of a
//! section, an item, a quote, or the inlines of a paragraph, a heading, a link — becomes one
//! HTML string: the raw pieces as written, and each Markdown node replaced by a placeholder
//! element of its own HTML kind (a paragraph by `<p>`, a code block by `<pre>`, emphasis by
//! `<em>`…), marked with an attribute no raw piece contains. html5ever's HTML5 tree builder
//! parses the string as a `<body>` fragment (scripting off, no-quirks), so implied end tags,
//! misnesting, tables and blocks inside paragraphs are fixed as a browser fixes them; the
//! walk (`walk`) then takes the tree back into the model through the allow-list (`allow`)
//! and the content model, putting each Markdown node where its placeholder landed. Links and
//! image sources are checked and encoded by `url`, Markdown's and raw HTML's alike.
//!
//! Nothing is lost: when a placeholder does not come back exactly once (the raw HTML hides it
//! in a comment, an attribute value, a `<textarea>`, `<select>`, `<template>` or foreign
//! content), every raw piece of the list is parsed on its own and the Markdown is kept as it
//! is, with an `html-fallback` warning; raw HTML nesting deeper than [`MAX_HTML_DEPTH`] is
//! not built at all (only its text is kept, `html-too-deep`). A list without raw HTML is not
//! parsed. A raw block that is only a comment becomes a [`Block::Comment`]. Tags that name no
//! HTML element stay text (`scan`).
//!
//! Character references are decoded by the parsers that meet them: html5ever in raw HTML (the
//! full HTML5 table, with the legacy forms without `;` and the Windows-1252 remapping of
//! `&#x80;`…), pulldown-cmark in Markdown text (the full table, `;` required), so no table
//! is kept here.

mod allow;
mod content;
mod placeholder;
mod scan;
mod sink;
mod url;
mod walk;

#[cfg(test)]
mod tests;

pub use scan::{Container, open_containers};
pub use url::{image as checked_image, link as checked_link};
pub use walk::is_blank;

use crate::model::{Block, Inline};
use html5ever::tendril::TendrilSink;
use html5ever::tokenizer::{
    BufferQueue, Tag as TokenTag, TagKind as TokenTagKind, Token, TokenSink, TokenSinkResult,
    Tokenizer,
};
use html5ever::tree_builder::TreeBuilderOpts;
use html5ever::{ParseOpts, QualName, local_name, ns, parse_fragment};
use placeholder::{
    block_placeholder, every_placeholder_once, inline_placeholder, marker_for, push_text,
};
use sink::{Arena, Ref, Sink};
use std::cell::RefCell;
use walk::Walk;

/// Raw HTML that nests elements deeper than this is not handed to the tree builder (a
/// browser stops nesting at 512 too): only its text is kept.
pub const MAX_HTML_DEPTH: usize = 512;

/// A member of a list of siblings as the Markdown parser gives it.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece<T> {
    /// A Markdown node.
    Md(T),
    /// A piece of raw HTML, and the byte offset it starts at (for diagnostics).
    Html(String, usize),
}

/// What went wrong with some raw HTML, for a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The raw HTML starting here hid Markdown that follows it: each piece was read alone.
    Fallback(usize),
    /// The raw HTML starting here nests too deep: only its text was kept.
    TooDeep(usize),
    /// An image source with another scheme than `http(s)` was refused here.
    ImageScheme(usize, String),
}

/// Where each member of a list went while its HTML string was built, so that the list can be
/// taken apart again in order.
enum Slot {
    /// The raw piece with this index.
    Raw(usize),
    /// The Markdown node with this placeholder index.
    Md(usize),
    /// The comment with this placeholder index.
    Comment(usize),
}

/// The blocks of a list of siblings, its raw HTML resolved (see the module documentation).
/// The Markdown blocks must be resolved already.
pub fn resolve_blocks(pieces: Vec<Piece<Block>>, problems: &mut Vec<Problem>) -> Vec<Block> {
    if !pieces.iter().any(|p| matches!(p, Piece::Html(..))) {
        return pieces.into_iter().filter_map(Piece::md).collect();
    }
    let marker = marker_for(&pieces);
    let mut html = String::new();
    let mut blocks = Vec::new();
    let mut comments = Vec::new();
    let mut raw: Vec<(String, usize)> = Vec::new();
    let mut order = Vec::with_capacity(pieces.len());
    for piece in pieces {
        match piece {
            Piece::Html(h, at) => match scan::comment_only(&h) {
                Some(text) => {
                    html.push_str(&format!("<!--{marker} {}-->", comments.len()));
                    order.push(Slot::Comment(comments.len()));
                    comments.push(Some(text.to_string()));
                }
                None => {
                    html.push_str(&scan::scan(&h).html);
                    order.push(Slot::Raw(raw.len()));
                    raw.push((h, at));
                }
            },
            Piece::Md(block) => {
                let i = blocks.len();
                let tag = block_placeholder(&block);
                if tag == "hr" {
                    html.push_str(&format!("<hr {marker}=\"{i}\">"));
                } else {
                    html.push_str(&format!("<{tag} {marker}=\"{i}\"></{tag}>"));
                }
                order.push(Slot::Md(i));
                blocks.push(Some(block));
            }
        }
    }
    let first = raw.first().map_or(0, |(_, at)| *at);
    if scan::scan(&html).depth <= MAX_HTML_DEPTH {
        let arena = Arena::new();
        let root = parse(&arena, &html);
        if every_placeholder_once(root, &marker, blocks.len(), comments.len()) {
            let mut walk = Walk {
                marker: &marker,
                blocks,
                inlines: Vec::new(),
                comments,
                refused_images: Vec::new(),
            };
            let out = walk.flow(root, 0, None);
            report_images(walk.refused_images, &raw, first, problems);
            return out;
        }
        problems.push(Problem::Fallback(first));
    }
    // Piece by piece: the Markdown as it is, each raw piece alone.
    let mut out = Vec::new();
    for slot in order {
        match slot {
            Slot::Md(i) => out.extend(blocks[i].take()),
            Slot::Comment(i) => out.extend(comments[i].take().map(|text| Block::Comment { text })),
            Slot::Raw(i) => out.extend(alone(&raw[i].0, raw[i].1, problems)),
        }
    }
    out
}

/// One raw block parsed on its own (its text only when it nests too deep).
fn alone(html: &str, at: usize, problems: &mut Vec<Problem>) -> Vec<Block> {
    let scanned = scan::scan(html);
    if scanned.depth > MAX_HTML_DEPTH {
        problems.push(Problem::TooDeep(at));
        let text = text_only(&scanned.html);
        return if walk::is_blank(&text) {
            Vec::new()
        } else {
            vec![Block::Plain { content: text }]
        };
    }
    let arena = Arena::new();
    let root = parse(&arena, &scanned.html);
    let mut walk = Walk {
        marker: "",
        blocks: Vec::new(),
        inlines: Vec::new(),
        comments: Vec::new(),
        refused_images: Vec::new(),
    };
    let out = walk.flow(root, 0, None);
    report_images(walk.refused_images, &[(html.to_string(), at)], at, problems);
    out
}

/// The inlines of a list of siblings, its raw HTML resolved (see the module documentation).
/// `in_link`: the list is a link's text (a raw `<a>` in it is no link). The Markdown inlines
/// must be resolved already.
pub fn resolve_inlines(
    pieces: Vec<Piece<Inline>>,
    in_link: bool,
    problems: &mut Vec<Problem>,
) -> Vec<Inline> {
    if !pieces.iter().any(|p| matches!(p, Piece::Html(..))) {
        return pieces.into_iter().filter_map(Piece::md).collect();
    }
    // Comments vanish and tags that name no element are text before anything is parsed.
    let mut any_raw = false;
    let pieces: Vec<Piece<Inline>> = pieces
        .into_iter()
        .filter_map(|piece| match piece {
            Piece::Html(h, _) if scan::comment_only(&h).is_some() => None,
            Piece::Html(h, _) if scan::is_unknown_tag(&h) => {
                Some(Piece::Md(Inline::Text { text: h }))
            }
            Piece::Html(h, at) => {
                any_raw = true;
                Some(Piece::Html(h, at))
            }
            md => Some(md),
        })
        .collect();
    if !any_raw {
        return merge_text(pieces.into_iter().filter_map(Piece::md));
    }
    let marker = marker_for(&pieces);
    let mut html = String::new();
    // Every Markdown inline in order, and which of them have a placeholder (text and soft
    // breaks are written into the string as themselves).
    let mut md = Vec::new();
    let mut placeheld = Vec::new();
    let mut raw: Vec<(String, usize)> = Vec::new();
    let mut order = Vec::with_capacity(pieces.len());
    for piece in pieces {
        match piece {
            Piece::Html(h, at) => {
                html.push_str(&h);
                order.push(Slot::Raw(raw.len()));
                raw.push((h, at));
            }
            Piece::Md(inline) => {
                match &inline {
                    Inline::Text { text } => push_text(&mut html, text),
                    Inline::SoftBreak => html.push('\n'),
                    other => {
                        let i = placeheld.len();
                        match inline_placeholder(other) {
                            tag @ ("br" | "img") => {
                                html.push_str(&format!("<{tag} {marker}=\"{i}\">"))
                            }
                            tag => html.push_str(&format!("<{tag} {marker}=\"{i}\"></{tag}>")),
                        }
                        placeheld.push(md.len());
                    }
                }
                order.push(Slot::Md(md.len()));
                md.push(Some(inline));
            }
        }
    }
    let first = raw.first().map_or(0, |(_, at)| *at);
    if scan::scan(&html).depth > MAX_HTML_DEPTH {
        problems.push(Problem::TooDeep(first));
        // Tags alone carry no text: the Markdown is all there is to keep.
        return merge_text(md.into_iter().flatten());
    }
    let arena = Arena::new();
    let root = parse(&arena, &html);
    if every_placeholder_once(root, &marker, placeheld.len(), 0) {
        let inlines = placeheld.iter().map(|&j| md[j].take()).collect();
        let mut walk = Walk {
            marker: &marker,
            blocks: Vec::new(),
            inlines,
            comments: Vec::new(),
            refused_images: Vec::new(),
        };
        let mut out = Vec::new();
        walk.phrasing(root, 0, in_link, &mut out);
        report_images(walk.refused_images, &raw, first, problems);
        return trimmed(merge_text(out));
    }
    problems.push(Problem::Fallback(first));
    // Piece by piece: each raw tag alone keeps what it is by itself (an image, a break).
    let mut out = Vec::new();
    for slot in order {
        match slot {
            Slot::Md(i) => out.extend(md[i].take()),
            Slot::Raw(i) | Slot::Comment(i) => {
                let (h, at) = &raw[i];
                let arena = Arena::new();
                let root = parse(&arena, h);
                let mut walk = Walk {
                    marker: "",
                    blocks: Vec::new(),
                    inlines: Vec::new(),
                    comments: Vec::new(),
                    refused_images: Vec::new(),
                };
                walk.phrasing(root, 0, in_link, &mut out);
                report_images(walk.refused_images, &raw[i..=i], *at, problems);
            }
        }
    }
    trimmed(merge_text(out))
}

impl<T> Piece<T> {
    /// The Markdown node, if this is one.
    fn md(self) -> Option<T> {
        match self {
            Piece::Md(node) => Some(node),
            Piece::Html(..) => None,
        }
    }
}

/// Reports each refused image source at the raw piece that holds it (else at `first`).
fn report_images(srcs: Vec<String>, raw: &[(String, usize)], first: usize, out: &mut Vec<Problem>) {
    for src in srcs {
        let at = raw
            .iter()
            .find(|(h, _)| !src.is_empty() && h.contains(src.as_str()))
            .map_or(first, |(_, at)| *at);
        out.push(Problem::ImageScheme(at, src));
    }
}

/// `inlines` with adjacent text merged into one node.
fn merge_text(inlines: impl IntoIterator<Item = Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    for inline in inlines {
        if let (Inline::Text { text }, Some(Inline::Text { text: last })) =
            (&inline, out.last_mut())
        {
            last.push_str(text);
            continue;
        }
        out.push(inline);
    }
    out
}

/// `inlines` without line breaks at their end.
fn trimmed(mut inlines: Vec<Inline>) -> Vec<Inline> {
    while matches!(inlines.last(), Some(Inline::HardBreak)) {
        inlines.pop();
    }
    inlines
}

/// One HTML5 fragment parse (context `<body>`, no-quirks, scripting off, as deckbook's
/// outputs are read); returns the `<html>` element that holds the fragment's nodes.
fn parse<'a>(arena: &'a Arena<'a>, html: &str) -> Ref<'a> {
    let opts = ParseOpts {
        tree_builder: TreeBuilderOpts {
            scripting_enabled: false,
            drop_doctype: true,
            ..Default::default()
        },
        ..Default::default()
    };
    let context = QualName::new(None, ns!(html), local_name!("body"));
    let document = parse_fragment(Sink::new(arena), opts, context, Vec::new(), false).one(html);
    document.children().next().unwrap_or(document)
}

/// The text of raw HTML that is not parsed into a tree (it nests too deep): character
/// references decoded, tags dropped, and the content of elements dropped with their
/// content (`script`, `style`, …) left out. Linear: html5ever's tokenizer alone.
fn text_only(html: &str) -> Vec<Inline> {
    struct Text {
        out: RefCell<String>,
        hidden: RefCell<Vec<String>>,
    }
    impl TokenSink for Text {
        type Handle = ();
        fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
            match token {
                Token::CharacterTokens(text) if self.hidden.borrow().is_empty() => {
                    self.out.borrow_mut().push_str(&text)
                }
                Token::TagToken(TokenTag { kind, name, .. }) => {
                    let dropped = allow::treat(&name) == allow::Treat::Drop;
                    let mut hidden = self.hidden.borrow_mut();
                    match kind {
                        TokenTagKind::StartTag if dropped => hidden.push(name.to_string()),
                        TokenTagKind::EndTag if hidden.last().is_some_and(|h| **h == *name) => {
                            hidden.pop();
                        }
                        _ => {}
                    }
                }
                _ => {}
            }
            TokenSinkResult::Continue
        }
    }
    let sink = Text {
        out: RefCell::new(String::new()),
        hidden: RefCell::new(Vec::new()),
    };
    let input = BufferQueue::default();
    input.push_back(html.into());
    let tokenizer = Tokenizer::new(sink, Default::default());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let text = tokenizer.sink.out.take();
    if text.is_empty() {
        Vec::new()
    } else {
        vec![Inline::Text { text }]
    }
}
