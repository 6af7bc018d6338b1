//! The parsed tree → the model: the allow-list applied to every element, the Markdown taken
//! back from its placeholders, and HTML's content model made true where the tree builder
//! leaves it false (it builds what a browser builds, and a browser keeps `<span><p>`, `<ul>`
//! holding a paragraph, or a `<details>` without its `<summary>`).
//!
//! In a flow context (among blocks) every kept element becomes a [`Block::Element`] and text a
//! [`Block::Plain`]; a phrasing element that holds blocks is unwrapped (its blocks stay
//! blocks). In a phrasing context (inside `p`, `pre`, `summary`, `hN`, a phrasing element, or
//! a Markdown paragraph) a block element is reduced to its content set off by line breaks. A
//! list holds only items, a table only its parts in their order, a `details` starts with its
//! `summary`. The walk recurses at most [`MAX_DEPTH`] elements deep; deeper content is
//! flattened to its text, without recursion.

use super::allow::{Treat, number, treat};
use super::content::{element, fit};
use super::sink::{NodeData, Ref};
use super::url;
use crate::model::{Attr, AttrName, Block, Inline, Tag, TagKind};
use html5ever::ns;

/// Elements nested deeper than this are flattened to their text.
pub const MAX_DEPTH: usize = crate::parse::MAX_DEPTH;

/// One walk of one parsed tree.
pub struct Walk<'m> {
    /// The placeholders' attribute name (empty when the tree has none).
    pub marker: &'m str,
    /// The Markdown blocks, by placeholder index (taken as they are met).
    pub blocks: Vec<Option<Block>>,
    /// The Markdown inlines, by placeholder index.
    pub inlines: Vec<Option<Inline>>,
    /// The comments that are blocks of their own, by placeholder index.
    pub comments: Vec<Option<String>>,
    /// Image sources refused for their scheme (`data:`, `javascript:`), in order.
    pub refused_images: Vec<String>,
}

/// The HTML local name of an element node (`None` for other nodes and other namespaces).
fn html_name<'n>(n: Ref<'n>) -> Option<&'n str> {
    match &n.data {
        NodeData::Element { name, .. } if name.ns == ns!(html) => Some(&name.local),
        _ => None,
    }
}

/// The first value of attribute `key` of an element.
fn get(n: Ref<'_>, key: &str) -> Option<String> {
    let NodeData::Element { attrs, .. } = &n.data else {
        return None;
    };
    attrs
        .borrow()
        .iter()
        .find(|a| a.name.ns == ns!() && &*a.name.local == key)
        .map(|a| a.value.to_string())
}

/// Whether inline content shows nothing: only ASCII white space and soft breaks.
pub fn is_blank(content: &[Inline]) -> bool {
    content.iter().all(|i| match i {
        Inline::Text { text } => text.bytes().all(|b| b.is_ascii_whitespace()),
        Inline::SoftBreak => true,
        _ => false,
    })
}

/// A line break before what follows, unless `out` is empty or ends with one.
fn separate(out: &mut Vec<Inline>) {
    if !out.is_empty() && !matches!(out.last(), Some(Inline::HardBreak)) {
        out.push(Inline::HardBreak);
    }
}

/// Inline content met among blocks becomes one [`Block::Plain`] (white space alone vanishes).
fn flush(out: &mut Vec<Block>, run: &mut Vec<Inline>) {
    if !is_blank(run) {
        while matches!(run.last(), Some(Inline::HardBreak)) {
            run.pop();
        }
        out.push(Block::Plain {
            content: std::mem::take(run),
        });
    }
    run.clear();
}

impl Walk<'_> {
    /// The placeholder index of an element, if it is one.
    fn placeholder(&self, n: Ref<'_>) -> Option<usize> {
        if self.marker.is_empty() {
            return None;
        }
        html_name(n)?;
        get(n, self.marker)?.parse().ok()
    }

    /// The index of a comment placeholder (`<!--marker i-->`), if `n` is one.
    fn comment_placeholder(&self, n: Ref<'_>) -> Option<usize> {
        match &n.data {
            NodeData::Comment(text) if !self.marker.is_empty() => text
                .strip_prefix(self.marker)?
                .strip_prefix(' ')?
                .parse()
                .ok(),
            _ => None,
        }
    }

    /// The allowed attributes of element `n` kept as `tag` (see `allow`), in a fixed order.
    fn attrs(&mut self, n: Ref<'_>, tag: Tag, anchor_name: bool) -> Vec<Attr> {
        let mut out = Vec::new();
        let mut push = |name, value: String| out.push(Attr { name, value });
        let id = get(n, "id")
            .or_else(|| anchor_name.then(|| get(n, "name")).flatten())
            .map(|v| {
                v.trim_matches(|c: char| c.is_ascii_whitespace())
                    .to_string()
            })
            .filter(|v| !v.is_empty());
        if let Some(id) = id {
            push(AttrName::Id, id.clone());
            push(AttrName::Fragment, id);
        }
        match tag {
            Tag::Img => {
                // The caller checked the source.
                push(AttrName::Src, get(n, "src").unwrap_or_default());
                push(AttrName::Alt, get(n, "alt").unwrap_or_default());
                for (key, name) in [("width", AttrName::Width), ("height", AttrName::Height)] {
                    if let Some(v) = get(n, key).and_then(|v| number(&v, 0, 100_000)) {
                        push(name, v);
                    }
                }
            }
            Tag::Ol => {
                if let Some(v) = get(n, "start").and_then(|v| number(&v, 0, 999_999)) {
                    push(AttrName::Start, v);
                }
            }
            Tag::Td | Tag::Th => {
                if let Some(v) = get(n, "colspan").and_then(|v| number(&v, 1, 1000)) {
                    push(AttrName::Colspan, v);
                }
                if let Some(v) = get(n, "rowspan").and_then(|v| number(&v, 0, 65_534)) {
                    push(AttrName::Rowspan, v);
                }
            }
            Tag::Details if get(n, "open").is_some() => push(AttrName::Open, "open".into()),
            _ => {}
        }
        if let Some(title) = get(n, "title") {
            push(AttrName::Title, title);
        }
        out
    }

    /// The children of `parent` in a flow context; `within` is the kept element they are in.
    pub fn flow(&mut self, parent: Ref<'_>, depth: usize, within: Option<Tag>) -> Vec<Block> {
        let mut out = Vec::new();
        let mut run = Vec::new();
        for n in parent.children() {
            self.flow_node(n, depth, within, &mut out, &mut run);
        }
        flush(&mut out, &mut run);
        out
    }

    fn flow_children(
        &mut self,
        n: Ref<'_>,
        depth: usize,
        within: Option<Tag>,
        out: &mut Vec<Block>,
        run: &mut Vec<Inline>,
    ) {
        for c in n.children() {
            self.flow_node(c, depth + 1, within, out, run);
        }
    }

    fn flow_node(
        &mut self,
        n: Ref<'_>,
        depth: usize,
        within: Option<Tag>,
        out: &mut Vec<Block>,
        run: &mut Vec<Inline>,
    ) {
        if let Some(i) = self.comment_placeholder(n) {
            if let Some(text) = self.comments.get_mut(i).and_then(Option::take) {
                flush(out, run);
                out.push(Block::Comment { text });
            }
            return;
        }
        if let Some(i) = self.placeholder(n) {
            if let Some(block) = self.blocks.get_mut(i).and_then(Option::take) {
                flush(out, run);
                out.push(block);
            } else if let Some(inline) = self.inlines.get_mut(i).and_then(Option::take) {
                run.push(inline);
            }
            return;
        }
        let Some(name) = html_name(n) else {
            if let NodeData::Text(text) = &n.data {
                run.push(Inline::Text {
                    text: text.borrow().to_string(),
                });
            }
            return;
        };
        if depth >= MAX_DEPTH {
            return self.flatten(n, run);
        }
        let tag = match treat(name) {
            Treat::Drop => return,
            Treat::Unwrap => return self.flow_children(n, depth, within, out, run),
            Treat::Anchor => return self.flow_phrasing(n, depth, within, out, run),
            Treat::Keep(tag) => tag,
        };
        let misplaced = match tag {
            Tag::Li => !matches!(within, Some(Tag::Ul | Tag::Ol)),
            Tag::Td | Tag::Th => within != Some(Tag::Tr),
            Tag::Tr => !matches!(within, Some(Tag::Thead | Tag::Tbody | Tag::Tfoot)),
            Tag::Thead | Tag::Tbody | Tag::Tfoot | Tag::Caption => within != Some(Tag::Table),
            Tag::Summary => within != Some(Tag::Details),
            _ => false,
        };
        if misplaced {
            flush(out, run);
            self.flow_children(n, depth, within, out, run);
            flush(out, run);
            return;
        }
        match tag.kind() {
            TagKind::Phrasing | TagKind::Void => self.flow_phrasing(n, depth, within, out, run),
            TagKind::Text => {
                flush(out, run);
                let mut content = Vec::new();
                self.phrasing(n, depth + 1, false, &mut content);
                while matches!(content.last(), Some(Inline::HardBreak)) {
                    content.pop();
                }
                let attrs = self.attrs(n, tag, false);
                let blank = is_blank(&content);
                // An element that shows nothing is left out (a `summary` is given text by
                // its `details`).
                if blank && attrs.is_empty() && tag != Tag::Summary {
                    return;
                }
                let children = if blank {
                    Vec::new()
                } else {
                    vec![Block::Plain { content }]
                };
                out.push(element(tag, attrs, children));
            }
            TagKind::Flow | TagKind::List | TagKind::Table | TagKind::Rule => {
                flush(out, run);
                let children = if tag.kind() == TagKind::Rule {
                    Vec::new()
                } else {
                    self.flow(n, depth + 1, Some(tag))
                };
                let attrs = self.attrs(n, tag, false);
                out.extend(fit(tag, attrs, children));
            }
        }
    }

    /// A phrasing element (or `a`) met among blocks: written as phrasing content unless it
    /// holds blocks, in which case it is unwrapped (an anchor it carries is kept first).
    fn flow_phrasing(
        &mut self,
        n: Ref<'_>,
        depth: usize,
        within: Option<Tag>,
        out: &mut Vec<Block>,
        run: &mut Vec<Inline>,
    ) {
        if !self.has_flow(n) {
            return self.phrasing_node(n, depth, false, run);
        }
        let anchor = self.attrs(n, Tag::Span, html_name(n) == Some("a"));
        if anchor.iter().any(|a| a.name == AttrName::Id) {
            run.push(Inline::Element {
                tag: Tag::Span,
                attrs: anchor
                    .into_iter()
                    .filter(|a| matches!(a.name, AttrName::Id | AttrName::Fragment))
                    .collect(),
                content: Vec::new(),
            });
        }
        self.flow_children(n, depth, within, out, run);
    }

    /// Whether `n`'s subtree holds a block element or a block placeholder (which phrasing
    /// content cannot hold). Iterative.
    fn has_flow(&self, n: Ref<'_>) -> bool {
        let mut stack: Vec<Ref<'_>> = n.children().collect();
        while let Some(c) = stack.pop() {
            let Some(name) = html_name(c) else { continue };
            if self.placeholder(c).is_some() {
                if self.inlines.is_empty() {
                    return true;
                }
                continue;
            }
            match treat(name) {
                Treat::Drop => continue,
                Treat::Keep(tag) if !matches!(tag.kind(), TagKind::Phrasing | TagKind::Void) => {
                    return true;
                }
                _ => stack.extend(c.children()),
            }
        }
        false
    }

    /// The children of `parent` in a phrasing context.
    pub fn phrasing(
        &mut self,
        parent: Ref<'_>,
        depth: usize,
        in_link: bool,
        out: &mut Vec<Inline>,
    ) {
        for c in parent.children() {
            self.phrasing_node(c, depth, in_link, out);
        }
    }

    fn phrasing_node(&mut self, n: Ref<'_>, depth: usize, in_link: bool, out: &mut Vec<Inline>) {
        if self.comment_placeholder(n).is_some() {
            return;
        }
        if let Some(i) = self.placeholder(n) {
            if let Some(inline) = self.inlines.get_mut(i).and_then(Option::take) {
                out.push(inline);
            } else if let Some(block) = self.blocks.get_mut(i).and_then(Option::take) {
                block.into_inlines(out);
            }
            return;
        }
        let Some(name) = html_name(n) else {
            if let NodeData::Text(text) = &n.data {
                out.push(Inline::Text {
                    text: text.borrow().to_string(),
                });
            }
            return;
        };
        if depth >= MAX_DEPTH {
            return self.flatten(n, out);
        }
        let tag = match treat(name) {
            Treat::Drop => return,
            Treat::Unwrap => return self.phrasing(n, depth + 1, in_link, out),
            Treat::Anchor => return self.anchor(n, depth, in_link, out),
            Treat::Keep(tag) => tag,
        };
        match tag.kind() {
            TagKind::Phrasing => {
                let mut content = Vec::new();
                self.phrasing(n, depth + 1, in_link, &mut content);
                let attrs = self.attrs(n, tag, false);
                out.push(Inline::Element {
                    tag,
                    attrs,
                    content,
                });
            }
            TagKind::Void if tag == Tag::Img => self.image(n, out),
            TagKind::Void => {
                let attrs = self.attrs(n, tag, false);
                out.push(Inline::Element {
                    tag,
                    attrs,
                    content: Vec::new(),
                });
            }
            TagKind::Rule => separate(out),
            TagKind::Text | TagKind::Flow | TagKind::List | TagKind::Table => {
                // Its content on lines of its own (nothing when it has none).
                let before = out.len();
                separate(out);
                let start = out.len();
                self.phrasing(n, depth + 1, in_link, out);
                if out.len() == start {
                    out.truncate(before);
                } else {
                    separate(out);
                }
            }
        }
    }

    /// A raw `<a>`: a link when its `href` is kept (and it is not inside a link), else its
    /// content, in a `span` when it carries an anchor or a title.
    fn anchor(&mut self, n: Ref<'_>, depth: usize, in_link: bool, out: &mut Vec<Inline>) {
        let href = get(n, "href").and_then(|h| url::link(&h));
        let attrs = self.attrs(n, Tag::Span, true);
        match href.filter(|_| !in_link) {
            Some(url) => {
                let mut content = Vec::new();
                self.phrasing(n, depth + 1, true, &mut content);
                let (anchor, title): (Vec<Attr>, Vec<Attr>) =
                    attrs.into_iter().partition(|a| a.name != AttrName::Title);
                if !anchor.is_empty() {
                    out.push(Inline::Element {
                        tag: Tag::Span,
                        attrs: anchor,
                        content: Vec::new(),
                    });
                }
                out.push(Inline::Link {
                    url,
                    title: title
                        .into_iter()
                        .next()
                        .map(|a| a.value)
                        .unwrap_or_default(),
                    content,
                });
            }
            None => {
                let mut content = Vec::new();
                self.phrasing(n, depth + 1, in_link, &mut content);
                if attrs.is_empty() {
                    out.extend(content);
                } else {
                    out.push(Inline::Element {
                        tag: Tag::Span,
                        attrs,
                        content,
                    });
                }
            }
        }
    }

    /// A raw `<img>`: kept when its source is (see `url::image`), else its alt text.
    fn image(&mut self, n: Ref<'_>, out: &mut Vec<Inline>) {
        let src = get(n, "src").unwrap_or_default();
        match url::image(&src) {
            Some(kept) if !kept.is_empty() => {
                let mut attrs = self.attrs(n, Tag::Img, false);
                for a in &mut attrs {
                    if a.name == AttrName::Src {
                        a.value = kept.clone();
                    }
                }
                out.push(Inline::Element {
                    tag: Tag::Img,
                    attrs,
                    content: Vec::new(),
                });
            }
            kept => {
                if kept.is_none() {
                    self.refused_images.push(src);
                }
                let alt = get(n, "alt").unwrap_or_default();
                if !alt.is_empty() {
                    out.push(Inline::Text { text: alt });
                }
            }
        }
    }

    /// Past [`MAX_DEPTH`]: the text and placeholders of `n`'s subtree, in order, without
    /// recursion.
    fn flatten(&mut self, n: Ref<'_>, out: &mut Vec<Inline>) {
        let mut stack = vec![n];
        while let Some(n) = stack.pop() {
            if let NodeData::Text(text) = &n.data {
                out.push(Inline::Text {
                    text: text.borrow().to_string(),
                });
                continue;
            }
            if let Some(i) = self.placeholder(n) {
                if let Some(inline) = self.inlines.get_mut(i).and_then(Option::take) {
                    out.push(inline);
                } else if let Some(block) = self.blocks.get_mut(i).and_then(Option::take) {
                    block.into_inlines(out);
                }
                continue;
            }
            match html_name(n).map(treat) {
                Some(Treat::Drop) | None => continue,
                _ => {}
            }
            let mut children: Vec<Ref<'_>> = n.children().collect();
            children.reverse();
            stack.extend(children);
        }
    }
}
