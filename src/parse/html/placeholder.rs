//! The placeholders that stand for Markdown in the HTML string handed to the tree builder:
//! which element each Markdown node is, the marker attribute no raw piece can forge, and the
//! check that every placeholder came back exactly once.

use super::sink::{NodeData, Ref};
use super::{Piece, allow};
use crate::model::{Block, Inline};
use html5ever::ns;
use std::collections::BTreeSet;

/// An attribute name that no raw piece contains in any case, so a guide cannot forge a
/// placeholder: `data-db0`, else the first `data-db<n>` whose number follows `data-db` in no
/// raw piece. One pass over the pieces.
pub fn marker_for<T>(pieces: &[Piece<T>]) -> String {
    const PREFIX: &[u8] = b"data-db";
    let mut taken = BTreeSet::new();
    for piece in pieces {
        let Piece::Html(h, _) = piece else { continue };
        let bytes = h.as_bytes();
        let mut i = 0;
        while let Some(at) = bytes[i..]
            .windows(PREFIX.len())
            .position(|w| w.eq_ignore_ascii_case(PREFIX))
        {
            let digits = i + at + PREFIX.len();
            let end = bytes[digits..]
                .iter()
                .position(|b| !b.is_ascii_digit())
                .map_or(bytes.len(), |j| digits + j);
            // A run of digits too long for a number takes no number we would use.
            if let Ok(n) = h[digits..end].parse::<u64>() {
                taken.insert(n);
            }
            i = digits;
        }
    }
    let free = (0u64..).find(|n| !taken.contains(n)).unwrap_or_default();
    format!("data-db{free}")
}

/// The HTML element a Markdown block is, so the tree builder treats it as a browser would.
pub fn block_placeholder(block: &Block) -> &'static str {
    match block {
        Block::Paragraph { .. } => "p",
        Block::Heading { level, .. } => {
            ["h1", "h2", "h3", "h4", "h5", "h6"][usize::from((*level).clamp(1, 6)) - 1]
        }
        Block::List { start: None, .. } => "ul",
        Block::List { .. } => "ol",
        Block::Code { .. } => "pre",
        Block::Table { .. } => "table",
        Block::Quote { .. } => "blockquote",
        Block::Rule => "hr",
        Block::Element { tag, .. } => tag.name(),
        Block::Plain { .. } => "span",
        Block::Footnote { .. } | Block::Comment { .. } => "div",
    }
}

/// The HTML element a Markdown inline is: formatting elements take part in the adoption
/// agency and `<a>` in the rule that links do not nest, as they would in a browser.
pub fn inline_placeholder(inline: &Inline) -> &'static str {
    match inline {
        Inline::Code { .. } => "code",
        Inline::Emphasis { .. } => "em",
        Inline::Strong { .. } => "strong",
        Inline::Strike { .. } => "s",
        Inline::Link { .. } => "a",
        Inline::Image { .. } => "img",
        Inline::HardBreak => "br",
        Inline::FootnoteRef { .. } => "sup",
        Inline::Element { tag, .. } => tag.name(),
        Inline::Text { .. } | Inline::SoftBreak | Inline::Math { .. } | Inline::Cloze { .. } => {
            "span"
        }
    }
}

/// Appends Markdown text to the HTML string as text.
pub fn push_text(html: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => html.push_str("&amp;"),
            '<' => html.push_str("&lt;"),
            _ => html.push(c),
        }
    }
}

/// Whether the walk will meet each of the `blocks` placeholders and `comments` placeholders
/// exactly once: found as an HTML element (a comment), not inside a subtree the walk drops.
pub fn every_placeholder_once(
    root: Ref<'_>,
    marker: &str,
    elements: usize,
    comments: usize,
) -> bool {
    let mut seen = vec![false; elements];
    let mut seen_comments = vec![false; comments];
    let mut stack: Vec<Ref<'_>> = root.children().collect();
    let mark = |seen: &mut [bool], i: Option<usize>| match i.and_then(|i| seen.get_mut(i)) {
        Some(s) if !*s => {
            *s = true;
            true
        }
        _ => false,
    };
    while let Some(node) = stack.pop() {
        match &node.data {
            NodeData::Element { name, attrs, .. } => {
                if name.ns != ns!(html) || allow::treat(&name.local) == allow::Treat::Drop {
                    continue;
                }
                let index = attrs
                    .borrow()
                    .iter()
                    .find(|a| &*a.name.local == marker)
                    .map(|a| a.value.parse::<usize>().ok());
                if let Some(i) = index
                    && !mark(&mut seen, i)
                {
                    return false;
                }
            }
            NodeData::Comment(text) => {
                if let Some(rest) = text.strip_prefix(marker).and_then(|r| r.strip_prefix(' '))
                    && !mark(&mut seen_comments, rest.parse().ok())
                {
                    return false;
                }
            }
            _ => {}
        }
        stack.extend(node.children());
    }
    seen.into_iter().chain(seen_comments).all(|s| s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_marker_is_one_no_raw_piece_holds() {
        let pieces = |raw: &[&str]| -> Vec<Piece<Block>> {
            raw.iter().map(|h| Piece::Html(h.to_string(), 0)).collect()
        };
        assert_eq!(marker_for(&pieces(&["<div>"])), "data-db0");
        assert_eq!(
            marker_for(&pieces(&["<p DATA-DB0=x data-db1>", "data-db3"])),
            "data-db2"
        );
        assert_eq!(marker_for(&pieces(&["data-db0x data-db"])), "data-db1");
        let many: String = (0..20_000).map(|n| format!("<i data-db{n}>")).collect();
        assert_eq!(marker_for(&pieces(&[&many])), "data-db20000");
    }
}
