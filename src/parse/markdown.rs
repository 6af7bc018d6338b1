//! Markdown → a flat list of top-level items (headings and blocks, each with its source
//! lines), built from pulldown-cmark's events with an explicit stack, so nesting depth never
//! threatens the call stack. Containers nested deeper than [`MAX_DEPTH`] are flattened into
//! their parent (their text is kept) with a warning.
//!
//! Raw HTML is collected as pieces among its Markdown siblings, and each list of siblings is
//! resolved by [`super::html`] when it is complete: a paragraph's inlines when the paragraph
//! closes, an item's blocks when the item closes, the top-level blocks between two headings
//! when the next heading (or the end) comes. A heading inside a raw HTML container that is
//! closed later (`<details>` … `##### Answer: 3` … `</details>`) stays in the container: it
//! joins the run instead of ending it. Links and images are checked there too.

use super::html::{self, Piece, Problem};
use super::spans;
use crate::model::{Align, Block, Inline, ListItem};
use pulldown_cmark::{Alignment, CodeBlockKind, Event, Options, Tag, TagEnd};

/// Deepest nesting of containers (lists, quotes, emphasis, links…) kept as structure.
pub const MAX_DEPTH: usize = 48;

/// A top-level item of the document.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A top-level heading.
    Heading {
        /// 1–6.
        level: u8,
        /// Its content.
        content: Vec<Inline>,
    },
    /// Any other top-level block.
    Block(Block),
}

/// An item and the byte range of the text it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Located {
    /// The item.
    pub item: Item,
    /// Byte offsets in the parsed text.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
}

/// Maps byte offsets of the parsed (repaired) text to 1-based lines of the source file.
pub struct LineIndex {
    starts: Vec<usize>,
    map: Vec<u32>,
}

impl LineIndex {
    /// Indexes `text`; `map[i]` is the source line of the text's line `i` (0-based).
    pub fn new(text: &str, map: Vec<u32>) -> Self {
        Self::from_starts(super::lines::starts(text), map)
    }

    /// The index of a text whose lines start at the byte offsets `starts` (see
    /// [`super::lines::starts`]); `map` as in [`LineIndex::new`].
    pub fn from_starts(starts: Vec<usize>, map: Vec<u32>) -> Self {
        LineIndex { starts, map }
    }

    /// The source line of byte `offset`.
    pub fn line_of(&self, offset: usize) -> u32 {
        let i = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        self.map
            .get(i)
            .copied()
            .unwrap_or_else(|| self.map.last().copied().unwrap_or(1))
    }
}

/// What the event walk found besides the items.
#[derive(Debug, Default)]
pub struct Walk {
    /// Top-level items in order.
    pub items: Vec<Located>,
    /// Byte offset of the first container flattened for depth, if any.
    pub flattened_at: Option<usize>,
    /// What was wrong with the guide's raw HTML, links and images, in the order found.
    pub problems: Vec<Problem>,
    /// The top-level blocks since the last heading, with their byte ranges, not resolved yet.
    run: Vec<(Piece<Block>, usize, usize)>,
    /// The raw HTML containers the run leaves open (`<details>`, `<div>`): a heading met
    /// while one is open is kept in the run, inside the container.
    open: Vec<html::Container>,
    /// The headings kept in the run whose container has not been closed yet: their index in
    /// the run and how many containers were open around them. If it never closes, they are
    /// headings of the document after all.
    tentative: Vec<(usize, usize)>,
}

enum Frame {
    /// A container of blocks; `pending` collects loose inlines (tight list items).
    Blocks {
        kind: Container,
        blocks: Vec<Piece<Block>>,
        pending: Vec<Piece<Inline>>,
    },
    Inlines {
        kind: InlineKind,
        content: Vec<Piece<Inline>>,
    },
    Code {
        lang: Option<String>,
        text: String,
        line: u32,
    },
    /// A raw HTML block and the offset it starts at.
    Html(String, usize),
    List {
        start: Option<u64>,
        items: Vec<ListItem>,
    },
    Table {
        align: Vec<Align>,
        head: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
    },
    Row(Vec<Vec<Inline>>),
    /// A container not kept because of depth; its content goes to the parent.
    Flat,
}

enum Container {
    Root,
    Quote,
    Item { checked: Option<bool>, line: u32 },
    Footnote(String),
}

enum InlineKind {
    Paragraph,
    Heading(u8),
    Emphasis,
    Strong,
    Strike,
    Link {
        url: String,
        title: String,
    },
    Image {
        url: String,
        title: String,
        at: usize,
    },
    Cell,
    Cloze {
        number: u32,
    },
}

/// The pulldown-cmark options deckbook parses with: tables, strikethrough, footnotes, task
/// lists, math (`$…$`, `$$…$$`; see `spans::math` for what else is math and what is not).
/// Heading attributes stay off, so `## Set {1, 2}` keeps its braces.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_MATH
}

/// Parses `text` into top-level items.
pub fn walk(text: &str, lines: &LineIndex) -> Walk {
    let mut walk = Walk::default();
    let mut stack: Vec<Frame> = vec![Frame::Blocks {
        kind: Container::Root,
        blocks: Vec::new(),
        pending: Vec::new(),
    }];
    let mut top_start = 0;
    for (piece, range) in spans::events(text, options()) {
        let event = match piece {
            spans::Piece::Event(event) => event,
            spans::Piece::ClozeStart { number } => {
                if stack.len() > MAX_DEPTH {
                    walk.flattened_at.get_or_insert(range.start);
                    stack.push(Frame::Flat);
                } else {
                    stack.push(Frame::Inlines {
                        kind: InlineKind::Cloze { number },
                        content: Vec::new(),
                    });
                }
                continue;
            }
            spans::Piece::ClozeEnd { hint } => {
                if let Some(Frame::Inlines {
                    kind: InlineKind::Cloze { number },
                    content,
                }) = stack.pop()
                {
                    let in_link = stack.iter().any(|frame| {
                        matches!(
                            frame,
                            Frame::Inlines {
                                kind: InlineKind::Link { .. },
                                ..
                            }
                        )
                    });
                    let content = html::resolve_inlines(content, in_link, &mut walk.problems);
                    push_inline(
                        &mut stack,
                        Inline::Cloze {
                            number,
                            content,
                            hint,
                        },
                    );
                }
                continue;
            }
        };
        if stack.len() == 1 && matches!(event, Event::Start(_) | Event::Rule | Event::Html(_)) {
            top_start = range.start;
        }
        match event {
            Event::Start(tag) => {
                if stack.len() == 1 && matches!(tag, Tag::Heading { .. }) && walk.open.is_empty() {
                    flush_root(&mut stack, &mut walk, top_start);
                }
                if stack.len() > MAX_DEPTH
                    && !matches!(
                        tag,
                        Tag::CodeBlock(_)
                            | Tag::HtmlBlock
                            | Tag::TableHead
                            | Tag::TableRow
                            | Tag::TableCell
                    )
                {
                    walk.flattened_at.get_or_insert(range.start);
                    stack.push(Frame::Flat);
                    continue;
                }
                stack.push(open(tag, range.start, lines));
            }
            Event::End(end) => {
                let Some(frame) = stack.pop() else { continue };
                if stack.is_empty() {
                    stack.push(frame);
                    continue;
                }
                close(frame, end, &mut stack, &mut walk, top_start, range.end);
            }
            Event::Text(t) => push_text(&mut stack, &t),
            Event::Code(c) => push_inline(
                &mut stack,
                Inline::Code {
                    code: c.to_string(),
                },
            ),
            Event::InlineMath(m) => push_inline(
                &mut stack,
                Inline::Math {
                    latex: m.to_string(),
                    display: false,
                    line: lines.line_of(range.start),
                },
            ),
            Event::DisplayMath(m) => push_inline(
                &mut stack,
                Inline::Math {
                    latex: m.to_string(),
                    display: true,
                    line: lines.line_of(range.start),
                },
            ),
            Event::Html(h) => match stack.last_mut() {
                Some(Frame::Html(s, _)) => s.push_str(&h),
                _ => push_piece(
                    &mut stack,
                    &mut walk,
                    Piece::Html(h.to_string(), range.start),
                    top_start,
                    range.end,
                ),
            },
            Event::InlineHtml(h) => {
                push_inline_piece(&mut stack, Piece::Html(h.to_string(), range.start));
            }
            Event::FootnoteReference(l) => push_inline(
                &mut stack,
                Inline::FootnoteRef {
                    label: l.to_string(),
                },
            ),
            Event::SoftBreak => push_inline(&mut stack, Inline::SoftBreak),
            Event::HardBreak => push_inline(&mut stack, Inline::HardBreak),
            Event::Rule => push_block(&mut stack, &mut walk, Block::Rule, top_start, range.end),
            Event::TaskListMarker(done) => {
                // In a loose item the marker comes inside the item's first paragraph.
                let item = stack.iter_mut().rev().take(2).find_map(|f| match f {
                    Frame::Blocks {
                        kind: Container::Item { checked, .. },
                        ..
                    } => Some(checked),
                    _ => None,
                });
                if let Some(checked) = item {
                    *checked = Some(done);
                }
            }
        }
    }
    // Anything still open (should not happen) is closed in order.
    while stack.len() > 1 {
        if let Some(frame) = stack.pop() {
            close(
                frame,
                TagEnd::Paragraph,
                &mut stack,
                &mut walk,
                top_start,
                text.len(),
            );
        }
    }
    flush_root(&mut stack, &mut walk, top_start);
    walk
}

fn open(tag: Tag<'_>, start: usize, lines: &LineIndex) -> Frame {
    let inl = |kind| Frame::Inlines {
        kind,
        content: Vec::new(),
    };
    let blocks = |kind| Frame::Blocks {
        kind,
        blocks: Vec::new(),
        pending: Vec::new(),
    };
    match tag {
        Tag::Paragraph => inl(InlineKind::Paragraph),
        Tag::Heading { level, .. } => inl(InlineKind::Heading(level as u8)),
        Tag::BlockQuote(_) => blocks(Container::Quote),
        Tag::CodeBlock(kind) => Frame::Code {
            lang: match kind {
                CodeBlockKind::Fenced(info) => info.split_whitespace().next().map(str::to_string),
                CodeBlockKind::Indented => None,
            },
            text: String::new(),
            line: lines.line_of(start),
        },
        Tag::HtmlBlock => Frame::Html(String::new(), start),
        Tag::List(start) => Frame::List {
            start,
            items: Vec::new(),
        },
        Tag::Item => blocks(Container::Item {
            checked: None,
            line: lines.line_of(start),
        }),
        Tag::FootnoteDefinition(label) => blocks(Container::Footnote(label.to_string())),
        Tag::Table(aligns) => Frame::Table {
            align: aligns
                .iter()
                .map(|a| match a {
                    Alignment::None => Align::None,
                    Alignment::Left => Align::Left,
                    Alignment::Center => Align::Center,
                    Alignment::Right => Align::Right,
                })
                .collect(),
            head: Vec::new(),
            rows: Vec::new(),
        },
        Tag::TableHead | Tag::TableRow => Frame::Row(Vec::new()),
        Tag::TableCell => inl(InlineKind::Cell),
        Tag::Emphasis => inl(InlineKind::Emphasis),
        Tag::Strong => inl(InlineKind::Strong),
        Tag::Strikethrough => inl(InlineKind::Strike),
        Tag::Link {
            dest_url, title, ..
        } => inl(InlineKind::Link {
            url: dest_url.to_string(),
            title: title.to_string(),
        }),
        Tag::Image {
            dest_url, title, ..
        } => inl(InlineKind::Image {
            url: dest_url.to_string(),
            title: title.to_string(),
            at: start,
        }),
        // Not enabled; kept transparent if they ever appear.
        _ => Frame::Flat,
    }
}

fn close(
    frame: Frame,
    end: TagEnd,
    stack: &mut [Frame],
    walk: &mut Walk,
    top_start: usize,
    top_end: usize,
) {
    // The blocks the closed frame hands to its parent container.
    let blocks: Vec<Block> = match frame {
        Frame::Flat => {
            // A flattened list item or quote: keep a line break between its pieces.
            let pending = stack.iter_mut().rev().find_map(|f| match f {
                Frame::Blocks { pending, .. } => Some(pending),
                _ => None,
            });
            if let Some(pending) = pending
                && matches!(end, TagEnd::Item | TagEnd::BlockQuote(_))
                && !matches!(pending.last(), None | Some(Piece::Md(Inline::HardBreak)))
            {
                pending.push(Piece::Md(Inline::HardBreak));
            }
            Vec::new()
        }
        Frame::Inlines { kind, content } => {
            let in_link = matches!(kind, InlineKind::Link { .. });
            let had_html = content.iter().any(|p| matches!(p, Piece::Html(..)));
            let content = html::resolve_inlines(content, in_link, &mut walk.problems);
            let inline = match kind {
                // A paragraph whose raw HTML left nothing to show is left out.
                InlineKind::Paragraph if had_html && html::is_blank(&content) => return,
                InlineKind::Paragraph => {
                    return push_block(
                        stack,
                        walk,
                        Block::Paragraph { content },
                        top_start,
                        top_end,
                    );
                }
                InlineKind::Heading(level) if stack.len() == 1 && !walk.open.is_empty() => {
                    // Inside a raw container: kept in the run, until the container closes.
                    let heading = Block::Heading { level, content };
                    push_block(stack, walk, heading, top_start, top_end);
                    walk.tentative.push((walk.run.len() - 1, walk.open.len()));
                    return;
                }
                InlineKind::Heading(level) if stack.len() == 1 => {
                    let item = Item::Heading { level, content };
                    walk.items.push(Located {
                        item,
                        start: top_start,
                        end: top_end,
                    });
                    return;
                }
                InlineKind::Heading(level) => {
                    return push_block(
                        stack,
                        walk,
                        Block::Heading { level, content },
                        top_start,
                        top_end,
                    );
                }
                InlineKind::Cell => {
                    if let Some(Frame::Row(cells)) = stack.last_mut() {
                        cells.push(content);
                    }
                    return;
                }
                InlineKind::Emphasis => Inline::Emphasis { content },
                InlineKind::Strong => Inline::Strong { content },
                InlineKind::Strike => Inline::Strike { content },
                InlineKind::Link { url, title } => match html::checked_link(&url) {
                    Some(url) => Inline::Link {
                        url,
                        title,
                        content,
                    },
                    // A link that must not be kept (`javascript:`…) keeps its text.
                    None => {
                        for inline in content {
                            push_inline(stack, inline);
                        }
                        return;
                    }
                },
                InlineKind::Image { url, title, at } => {
                    let alt = crate::model::plain_text(&content);
                    match html::checked_image(&url) {
                        Some(_) => Inline::Image { url, title, alt },
                        // An image whose scheme is refused shows its alt text.
                        None => {
                            walk.problems.push(Problem::ImageScheme(at, url));
                            if !alt.is_empty() {
                                push_inline(stack, Inline::Text { text: alt });
                            }
                            return;
                        }
                    }
                }
                // Closed by `spans::Piece::ClozeEnd`, never by an event's end.
                InlineKind::Cloze { number } => Inline::Cloze {
                    number,
                    content,
                    hint: None,
                },
            };
            return push_inline(stack, inline);
        }
        Frame::Code { lang, text, line } => vec![Block::Code { lang, text, line }],
        Frame::Html(html, at) => {
            return push_piece(stack, walk, Piece::Html(html, at), top_start, top_end);
        }
        Frame::List { start, items } => vec![Block::List { start, items }],
        Frame::Table { align, head, rows } => vec![Block::Table { align, head, rows }],
        Frame::Row(cells) => {
            if let Some(Frame::Table { head, rows, .. }) = stack.last_mut() {
                if matches!(end, TagEnd::TableHead) {
                    *head = cells;
                } else {
                    rows.push(cells);
                }
            }
            Vec::new()
        }
        Frame::Blocks {
            kind,
            mut blocks,
            pending,
        } => {
            if !pending.is_empty() {
                blocks.push(Piece::Md(loose_paragraph(pending, &mut walk.problems)));
            }
            let blocks = match kind {
                Container::Root => Vec::new(),
                _ => html::resolve_blocks(blocks, &mut walk.problems),
            };
            match kind {
                Container::Root => Vec::new(),
                Container::Quote => vec![Block::Quote { blocks }],
                Container::Footnote(label) => vec![Block::Footnote { label, blocks }],
                Container::Item { checked, line } => match stack.last_mut() {
                    Some(Frame::List { items, .. }) => {
                        items.push(ListItem {
                            checked,
                            line,
                            blocks,
                        });
                        Vec::new()
                    }
                    // The list itself was flattened: keep the item's blocks in the parent.
                    _ => blocks,
                },
            }
        }
    };
    for block in blocks {
        push_block(stack, walk, block, top_start, top_end);
    }
}

/// A paragraph of loose inlines (a tight list item's text, or flattened content), its raw
/// HTML resolved, without trailing breaks.
fn loose_paragraph(content: Vec<Piece<Inline>>, problems: &mut Vec<Problem>) -> Block {
    let mut content = html::resolve_inlines(content, false, problems);
    while matches!(content.last(), Some(Inline::HardBreak | Inline::SoftBreak)) {
        content.pop();
    }
    Block::Paragraph { content }
}

/// Resolves the top-level blocks since the last heading (and loose inlines of the root,
/// which only flattening leaves) into items.
fn flush_root(stack: &mut [Frame], walk: &mut Walk, top_start: usize) {
    if let Some(Frame::Blocks { pending, .. }) = stack.first_mut()
        && !pending.is_empty()
    {
        let content = std::mem::take(pending);
        let paragraph = loose_paragraph(content, &mut walk.problems);
        walk.run.push((Piece::Md(paragraph), top_start, top_start));
    }
    walk.open.clear();
    let tentative = std::mem::take(&mut walk.tentative);
    let run = std::mem::take(&mut walk.run);
    // Headings whose container was never closed end the run after all: each part is
    // resolved on its own, as if they had never joined it.
    let mut tentative = tentative.into_iter().map(|(at, _)| at).peekable();
    let mut part = Vec::new();
    for (i, entry) in run.into_iter().enumerate() {
        match entry {
            (Piece::Md(Block::Heading { level, content }), start, end)
                if tentative.next_if_eq(&i).is_some() =>
            {
                resolve_run(std::mem::take(&mut part), walk);
                let item = Item::Heading { level, content };
                walk.items.push(Located { item, start, end });
            }
            entry => part.push(entry),
        }
    }
    resolve_run(part, walk);
}

/// Resolves a run of top-level blocks into items.
fn resolve_run(run: Vec<(Piece<Block>, usize, usize)>, walk: &mut Walk) {
    if run.is_empty() {
        return;
    }
    if !run.iter().any(|(p, ..)| matches!(p, Piece::Html(..))) {
        walk.items.extend(
            run.into_iter()
                .filter_map(|(piece, start, end)| match piece {
                    Piece::Md(block) => Some(Located {
                        item: Item::Block(block),
                        start,
                        end,
                    }),
                    Piece::Html(..) => None,
                }),
        );
        return;
    }
    // Raw HTML joins the run into one parse. A Markdown block that comes out of it as it went
    // in keeps its own place; any other block takes the place of the first piece not yet
    // placed (a raw piece usually makes one block) — so the blocks of a run keep their lines,
    // which the questions found among them are cited by.
    let places: Vec<(usize, usize, Option<Block>)> = run
        .iter()
        .map(|(piece, s, e)| match piece {
            Piece::Md(block) => (*s, *e, Some(block.clone())),
            Piece::Html(..) => (*s, *e, None),
        })
        .collect();
    let pieces = run.into_iter().map(|(piece, ..)| piece).collect();
    let mut next = 0;
    for block in html::resolve_blocks(pieces, &mut walk.problems) {
        let same = places[next.min(places.len())..]
            .iter()
            .take(LOOKAHEAD)
            .position(|(.., md)| md.as_ref() == Some(&block));
        let at = match same {
            Some(k) => next + k,
            None => next.min(places.len() - 1),
        };
        let (start, mut end) = (places[at].0, places[at].1);
        if same.is_some() || places[at].2.is_none() {
            next = at + 1;
        }
        if same.is_none() {
            // A raw element reaches to the last Markdown block it holds.
            let after = absorbed(&block, &places, next);
            if after > next {
                end = end.max(places[after - 1].1);
                next = after;
            }
        }
        walk.items.push(Located {
            item: Item::Block(block),
            start,
            end,
        });
    }
}

/// How many pieces ahead a resolved block is looked for among the Markdown blocks of its run.
const LOOKAHEAD: usize = 4;

/// The index of `places` after the Markdown blocks, from `next` on, that `block` holds (each
/// looked for among the next [`LOOKAHEAD`] places, in document order), or `next` when it
/// holds none.
fn absorbed(block: &Block, places: &[(usize, usize, Option<Block>)], mut next: usize) -> usize {
    let mut stack: Vec<&Block> = vec![block];
    while let Some(b) = stack.pop() {
        let found = places[next.min(places.len())..]
            .iter()
            .take(LOOKAHEAD)
            .position(|(.., md)| md.as_ref() == Some(b));
        if let Some(k) = found {
            next += k + 1;
            continue;
        }
        match b {
            Block::Element { children, .. }
            | Block::Quote { blocks: children }
            | Block::Footnote {
                blocks: children, ..
            } => stack.extend(children.iter().rev()),
            Block::List { items, .. } => {
                for item in items.iter().rev() {
                    stack.extend(item.blocks.iter().rev());
                }
            }
            _ => {}
        }
    }
    next
}

fn push_block(
    stack: &mut [Frame],
    walk: &mut Walk,
    block: Block,
    top_start: usize,
    top_end: usize,
) {
    push_piece(stack, walk, Piece::Md(block), top_start, top_end);
}

fn push_piece(
    stack: &mut [Frame],
    walk: &mut Walk,
    piece: Piece<Block>,
    top_start: usize,
    top_end: usize,
) {
    // Find the nearest frame that holds blocks.
    for frame in stack.iter_mut().rev() {
        match frame {
            Frame::Blocks {
                kind,
                blocks,
                pending,
            } => {
                if let Container::Root = kind {
                    if !pending.is_empty() {
                        let content = std::mem::take(pending);
                        let paragraph = loose_paragraph(content, &mut walk.problems);
                        walk.run.push((Piece::Md(paragraph), top_start, top_end));
                    }
                    if let Piece::Html(raw, _) = &piece {
                        let fewest = html::open_containers(raw, &mut walk.open);
                        // The headings whose container closed stay inside it.
                        walk.tentative.retain(|&(_, depth)| depth <= fewest);
                    }
                    walk.run.push((piece, top_start, top_end));
                } else {
                    if !pending.is_empty() {
                        let content = std::mem::take(pending);
                        let paragraph = loose_paragraph(content, &mut walk.problems);
                        blocks.push(Piece::Md(paragraph));
                    }
                    blocks.push(piece);
                }
                return;
            }
            Frame::Flat => continue,
            // A block inside an inline frame cannot happen in CommonMark; keep its text.
            _ => continue,
        }
    }
}

fn push_text(stack: &mut [Frame], text: &str) {
    match stack.last_mut() {
        Some(Frame::Code { text: code, .. }) => code.push_str(text),
        Some(Frame::Html(html, _)) => html.push_str(text),
        _ => push_inline(
            stack,
            Inline::Text {
                text: text.to_string(),
            },
        ),
    }
}

fn push_inline(stack: &mut [Frame], inline: Inline) {
    push_inline_piece(stack, Piece::Md(inline));
}

fn push_inline_piece(stack: &mut [Frame], piece: Piece<Inline>) {
    for frame in stack.iter_mut().rev() {
        let target = match frame {
            Frame::Inlines { content, .. } => content,
            Frame::Blocks { pending, .. } => pending,
            Frame::Flat => continue,
            Frame::Code { text, .. } => {
                match &piece {
                    Piece::Md(inline) => {
                        text.push_str(&crate::model::plain_text(std::slice::from_ref(inline)));
                    }
                    Piece::Html(html, _) => text.push_str(html),
                }
                return;
            }
            _ => continue,
        };
        // Merge adjacent text so the model holds one text node per run.
        if let (Piece::Md(Inline::Text { text }), Some(Piece::Md(Inline::Text { text: last }))) =
            (&piece, target.last_mut())
        {
            last.push_str(text);
            return;
        }
        target.push(piece);
        return;
    }
}

#[cfg(test)]
#[path = "markdown_tests.rs"]
mod tests;
