//! Markdown → a flat list of top-level items (headings and blocks, each with its source
//! lines), built from pulldown-cmark's events with an explicit stack, so nesting depth never
//! threatens the call stack. Containers nested deeper than [`MAX_DEPTH`] are flattened into
//! their parent (their text is kept) with a warning.

use crate::model::{Align, Block, Inline, ListItem};
use pulldown_cmark::{Alignment, CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

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
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
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
}

enum Frame {
    /// A container of blocks; `pending` collects loose inlines (tight list items).
    Blocks {
        kind: Container,
        blocks: Vec<Block>,
        pending: Vec<Inline>,
    },
    Inlines {
        kind: InlineKind,
        content: Vec<Inline>,
    },
    Code {
        lang: Option<String>,
        text: String,
        line: u32,
    },
    Html(String),
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
    Link { url: String, title: String },
    Image { url: String, title: String },
    Cell,
}

/// The pulldown-cmark options deckbook parses with: tables, strikethrough, footnotes, task
/// lists. Heading attributes stay off, so `## Set {1, 2}` keeps its braces.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS
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
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        if stack.len() == 1 && matches!(event, Event::Start(_) | Event::Rule | Event::Html(_)) {
            top_start = range.start;
        }
        match event {
            Event::Start(tag) => {
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
            Event::InlineMath(m) | Event::DisplayMath(m) => push_inline(
                &mut stack,
                Inline::Code {
                    code: m.to_string(),
                },
            ),
            Event::Html(h) => match stack.last_mut() {
                Some(Frame::Html(s)) => s.push_str(&h),
                _ => push_block(
                    &mut stack,
                    &mut walk,
                    Block::Html {
                        html: h.to_string(),
                    },
                    top_start,
                    range.end,
                ),
            },
            Event::InlineHtml(h) => push_inline(
                &mut stack,
                Inline::Html {
                    html: h.to_string(),
                },
            ),
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
        Tag::HtmlBlock => Frame::Html(String::new()),
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
                && !matches!(pending.last(), None | Some(Inline::HardBreak))
            {
                pending.push(Inline::HardBreak);
            }
            Vec::new()
        }
        Frame::Inlines { kind, content } => {
            let inline = match kind {
                InlineKind::Paragraph => {
                    return push_block(
                        stack,
                        walk,
                        Block::Paragraph { content },
                        top_start,
                        top_end,
                    );
                }
                InlineKind::Heading(level) if stack.len() == 1 => {
                    flush_root(stack, walk, top_start);
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
                InlineKind::Link { url, title } => Inline::Link {
                    url,
                    title,
                    content,
                },
                InlineKind::Image { url, title } => {
                    let alt = crate::model::plain_text(&content);
                    Inline::Image { url, title, alt }
                }
            };
            return push_inline(stack, inline);
        }
        Frame::Code { lang, text, line } => vec![Block::Code { lang, text, line }],
        Frame::Html(html) => vec![Block::Html { html }],
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
                blocks.push(loose_paragraph(pending));
            }
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

/// A paragraph of loose inlines (a tight list item's text, or flattened content), without
/// trailing breaks.
fn loose_paragraph(mut content: Vec<Inline>) -> Block {
    while matches!(content.last(), Some(Inline::HardBreak | Inline::SoftBreak)) {
        content.pop();
    }
    Block::Paragraph { content }
}

/// Moves loose inlines of the root into a paragraph item (only happens after flattening).
fn flush_root(stack: &mut [Frame], walk: &mut Walk, top_start: usize) {
    if let Some(Frame::Blocks { pending, .. }) = stack.first_mut()
        && !pending.is_empty()
    {
        let content = std::mem::take(pending);
        walk.items.push(Located {
            item: Item::Block(loose_paragraph(content)),
            start: top_start,
            end: top_start,
        });
    }
}

fn push_block(
    stack: &mut [Frame],
    walk: &mut Walk,
    block: Block,
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
                        walk.items.push(Located {
                            item: Item::Block(loose_paragraph(content)),
                            start: top_start,
                            end: top_end,
                        });
                    }
                    walk.items.push(Located {
                        item: Item::Block(block),
                        start: top_start,
                        end: top_end,
                    });
                } else {
                    if !pending.is_empty() {
                        blocks.push(loose_paragraph(std::mem::take(pending)));
                    }
                    blocks.push(block);
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
        Some(Frame::Html(html)) => html.push_str(text),
        _ => push_inline(
            stack,
            Inline::Text {
                text: text.to_string(),
            },
        ),
    }
}

fn push_inline(stack: &mut [Frame], inline: Inline) {
    for frame in stack.iter_mut().rev() {
        let target = match frame {
            Frame::Inlines { content, .. } => content,
            Frame::Blocks { pending, .. } => pending,
            Frame::Flat => continue,
            Frame::Code { text, .. } => {
                text.push_str(&crate::model::plain_text(std::slice::from_ref(&inline)));
                return;
            }
            _ => continue,
        };
        // Merge adjacent text so the model holds one text node per run.
        if let (Inline::Text { text }, Some(Inline::Text { text: last })) =
            (&inline, target.last_mut())
        {
            last.push_str(text);
            return;
        }
        target.push(inline);
        return;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str) -> Vec<Item> {
        let map = (1..=text.split('\n').count() as u32).collect();
        walk(text, &LineIndex::new(text, map))
            .items
            .into_iter()
            .map(|l| l.item)
            .collect()
    }

    fn t(s: &str) -> Inline {
        Inline::Text { text: s.into() }
    }

    #[test]
    fn lists_keep_start_numbers_tasks_and_tight_text() {
        let items = blocks("3. a\n4. b\n\n- [x] done\n- [ ] open\n");
        let Item::Block(Block::List { start, items: list }) = &items[0] else {
            panic!("{items:?}")
        };
        assert_eq!(*start, Some(3));
        assert_eq!(
            list[1].blocks,
            [Block::Paragraph {
                content: vec![t("b")]
            }]
        );
        let Item::Block(Block::List {
            start: None,
            items: tasks,
        }) = &items[1]
        else {
            panic!()
        };
        assert_eq!(
            (tasks[0].checked, tasks[1].checked),
            (Some(true), Some(false))
        );
        assert_eq!(
            tasks[1].blocks,
            [Block::Paragraph {
                content: vec![t("open")]
            }]
        );
    }

    #[test]
    fn a_loose_task_item_keeps_its_box() {
        let items = blocks("- [ ] **Term:** text\n  more\n\n- [x] two\n");
        let Item::Block(Block::List { items: list, .. }) = &items[0] else {
            panic!("{items:?}")
        };
        assert_eq!(
            (list[0].checked, list[1].checked),
            (Some(false), Some(true))
        );
    }

    #[test]
    fn tables_keep_alignment_and_cells() {
        let items = blocks("| a | `b` |\n|:--|--:|\n| 1 | 2 |\n");
        assert_eq!(
            items,
            [Item::Block(Block::Table {
                align: vec![Align::Left, Align::Right],
                head: vec![vec![t("a")], vec![Inline::Code { code: "b".into() }]],
                rows: vec![vec![vec![t("1")], vec![t("2")]]],
            })]
        );
    }

    #[test]
    fn code_blocks_keep_language_text_and_line() {
        let items = blocks("para\n\n```python extra\nx = 1\n```\n\n    indented\n");
        assert_eq!(
            items[1],
            Item::Block(Block::Code {
                lang: Some("python".into()),
                text: "x = 1\n".into(),
                line: 3
            })
        );
        assert_eq!(
            items[2],
            Item::Block(Block::Code {
                lang: None,
                text: "indented\n".into(),
                line: 7
            })
        );
    }

    #[test]
    fn inlines_links_images_footnotes_and_html() {
        let items = blocks(
            "A *b* **c** ~~d~~ [e](http://x \"T\") ![alt *x*](p.png) <kbd>k</kbd>[^1]\n\n[^1]: note\n",
        );
        let Item::Block(Block::Paragraph { content }) = &items[0] else {
            panic!()
        };
        assert!(content.contains(&Inline::Emphasis {
            content: vec![t("b")]
        }));
        assert!(content.contains(&Inline::Strike {
            content: vec![t("d")]
        }));
        assert!(content.contains(&Inline::Link {
            url: "http://x".into(),
            title: "T".into(),
            content: vec![t("e")]
        }));
        assert!(content.contains(&Inline::Image {
            url: "p.png".into(),
            title: String::new(),
            alt: "alt x".into()
        }));
        assert!(content.contains(&Inline::Html {
            html: "<kbd>".into()
        }));
        assert!(content.contains(&Inline::FootnoteRef { label: "1".into() }));
        assert!(matches!(&items[1], Item::Block(Block::Footnote { label, .. }) if label == "1"));
    }

    #[test]
    fn headings_in_containers_are_blocks_and_braces_stay() {
        let items = blocks("## Set {1, 2}\n\n> # quoted\n");
        assert_eq!(
            items[0],
            Item::Heading {
                level: 2,
                content: vec![t("Set {1, 2}")]
            }
        );
        assert_eq!(
            items[1],
            Item::Block(Block::Quote {
                blocks: vec![Block::Heading {
                    level: 1,
                    content: vec![t("quoted")]
                }]
            })
        );
    }

    #[test]
    fn deep_nesting_is_flattened_without_losing_text() {
        let text = format!("{}deep\n", "> ".repeat(5000));
        let map = vec![1, 2];
        let w = walk(&text, &LineIndex::new(&text, map));
        assert!(w.flattened_at.is_some());
        let mut depth = 0;
        let mut block = match &w.items[0].item {
            Item::Block(b) => b.clone(),
            other => panic!("{other:?}"),
        };
        while let Block::Quote { blocks } = block {
            depth += 1;
            block = blocks[0].clone();
        }
        assert!(depth <= MAX_DEPTH, "{depth}");
        let Block::Paragraph { content } = block else {
            panic!("not a paragraph")
        };
        assert_eq!(content.len(), 1, "{:?}", &content[..content.len().min(4)]);
        assert_eq!(content[0], t("deep"));
    }
}
