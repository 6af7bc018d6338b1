//! HTML's content model made true for the elements the walk keeps, where the tree builder
//! leaves it false: a list holds only items, a table only its parts in the order HTML allows,
//! a row only cells, a `details` starts with its `summary`. What does not fit is wrapped in
//! the element that makes it fit (text in a list becomes an item), or put after the table.

use crate::model::{Attr, Block, Inline, Tag};

/// The text shown for a `details` that has no `summary` (as a browser shows it).
const DEFAULT_SUMMARY: &str = "Details";

/// A [`Block::Element`].
pub fn element(tag: Tag, attrs: Vec<Attr>, children: Vec<Block>) -> Block {
    Block::Element {
        tag,
        attrs,
        children,
    }
}

/// A kept flow element with its children made to fit its content model (see the module
/// documentation); a table may give back what does not fit in it after it.
pub fn fit(tag: Tag, attrs: Vec<Attr>, children: Vec<Block>) -> Vec<Block> {
    match tag {
        Tag::Ul | Tag::Ol => vec![element(tag, attrs, wrap(children, Tag::Li, is_item))],
        Tag::Details => vec![element(tag, attrs, summary_first(children))],
        Tag::Tr => vec![element(tag, attrs, wrap(children, Tag::Td, is_cell))],
        Tag::Thead | Tag::Tbody | Tag::Tfoot => {
            let rows = wrap(children, Tag::Td, |b| is_row(b) || is_cell(b));
            vec![element(tag, attrs, wrap(rows, Tag::Tr, is_row))]
        }
        Tag::Table => table(attrs, children),
        _ => vec![element(tag, attrs, children)],
    }
}

fn is_tag(block: &Block, wanted: &[Tag]) -> bool {
    matches!(block, Block::Element { tag, .. } if wanted.contains(tag))
        || matches!(block, Block::Comment { .. })
}

fn is_item(block: &Block) -> bool {
    is_tag(block, &[Tag::Li])
}

fn is_cell(block: &Block) -> bool {
    is_tag(block, &[Tag::Td, Tag::Th])
}

fn is_row(block: &Block) -> bool {
    is_tag(block, &[Tag::Tr])
}

/// `children` with every run of blocks that `fits` refuses put into a new `wrapper` element.
fn wrap(children: Vec<Block>, wrapper: Tag, fits: fn(&Block) -> bool) -> Vec<Block> {
    let mut out = Vec::with_capacity(children.len());
    let mut pending = Vec::new();
    for child in children {
        if fits(&child) {
            if !pending.is_empty() {
                out.push(element(wrapper, Vec::new(), std::mem::take(&mut pending)));
            }
            out.push(child);
        } else {
            pending.push(child);
        }
    }
    if !pending.is_empty() {
        out.push(element(wrapper, Vec::new(), pending));
    }
    out
}

/// A `details`' children with its first `summary` first (a browser shows the first one as
/// its legend wherever it stands), any other `summary` made a `p`, and a summary of its own
/// when it has none.
fn summary_first(children: Vec<Block>) -> Vec<Block> {
    let mut summary = None;
    let mut rest = Vec::with_capacity(children.len());
    for child in children {
        match child {
            Block::Element {
                tag: Tag::Summary,
                attrs,
                children,
            } => {
                if summary.is_none() {
                    summary = Some(element(Tag::Summary, attrs, children));
                } else {
                    rest.push(element(Tag::P, attrs, children));
                }
            }
            other => rest.push(other),
        }
    }
    let summary = match summary {
        Some(Block::Element {
            attrs, children, ..
        }) if !children.is_empty() => element(Tag::Summary, attrs, children),
        Some(Block::Element { attrs, .. }) => element(Tag::Summary, attrs, default_summary()),
        _ => element(Tag::Summary, Vec::new(), default_summary()),
    };
    rest.insert(0, summary);
    rest
}

fn default_summary() -> Vec<Block> {
    vec![Block::Plain {
        content: vec![Inline::Text {
            text: DEFAULT_SUMMARY.into(),
        }],
    }]
}

/// A table's children in the order HTML allows — its first `caption`, its first `thead`,
/// the bodies (rows outside a body put in one), its first `tfoot` — and, after the table,
/// what cannot stand in it (a second caption, say).
fn table(attrs: Vec<Attr>, children: Vec<Block>) -> Vec<Block> {
    let mut caption = None;
    let mut head = None;
    let mut foot = None;
    let mut bodies = Vec::new();
    let mut after = Vec::new();
    for child in children {
        match child {
            Block::Element {
                tag: Tag::Caption,
                attrs,
                children,
            } if caption.is_none() => caption = Some(element(Tag::Caption, attrs, children)),
            Block::Element {
                tag: Tag::Thead,
                attrs,
                children,
            } if head.is_none() => head = Some(element(Tag::Thead, attrs, children)),
            Block::Element {
                tag: Tag::Tfoot,
                attrs,
                children,
            } if foot.is_none() => foot = Some(element(Tag::Tfoot, attrs, children)),
            Block::Element {
                tag: Tag::Thead | Tag::Tbody | Tag::Tfoot,
                attrs,
                children,
            } => bodies.push(element(Tag::Tbody, attrs, children)),
            Block::Element {
                tag: Tag::Caption,
                attrs,
                children,
            } => after.push(element(Tag::Div, attrs, children)),
            block @ (Block::Element { tag: Tag::Tr, .. } | Block::Comment { .. }) => {
                bodies.push(block)
            }
            other => after.push(other),
        }
    }
    let bodies = wrap(bodies, Tag::Tbody, |b| is_tag(b, &[Tag::Tbody]));
    let mut table = Vec::with_capacity(bodies.len() + 3);
    table.extend(caption);
    table.extend(head);
    table.extend(bodies);
    table.extend(foot);
    let mut out = vec![element(Tag::Table, attrs, table)];
    out.extend(after);
    out
}
