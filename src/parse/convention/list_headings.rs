//! Headings inside list items are the questions (`1.  ### What is React?`): pulldown-cmark
//! gives a heading block at the start of the item, and the answer is the item's
//! continuation, then whatever follows the list up to the next question. The number is the
//! list marker as written (`290.`), read from the source line.
//!
//! Also the list splitting both list conventions share: a list is cut at its question items,
//! the items between two questions stay a list in the first one's answer.

use super::{ItemStart, Node, Piece, Plan, Unit, text};
use crate::model::{Block, Convention, ListItem};

/// The questions (one per heading item) and their groups.
pub fn plan(units: &[Unit]) -> Plan {
    let mut items = Vec::new();
    let mut answered = 0;
    for (i, unit) in units.iter().enumerate() {
        let Some(Block::List { items: list, .. }) = unit.block() else {
            continue;
        };
        for item in list.iter().filter(|item| is_question(item)) {
            items.push(i);
            if item.blocks.len() > 1 || units.get(i + 1).is_some_and(|u| u.block().is_some()) {
                answered += 1;
            }
        }
    }
    let mut unique = items.clone();
    unique.dedup();
    let groups = super::groups::mark(units, 0, &unique);
    Plan {
        convention: Convention::ListHeadings,
        acceptable: items.len() >= 2,
        answered,
        groups,
        level: None,
        detail: super::Detail::None,
        items,
    }
}

fn is_question(item: &ListItem) -> bool {
    matches!(item.blocks.first(), Some(Block::Heading { content, .. }) if !text::plain(content).is_empty())
}

/// The pieces: lists cut at their heading items, group headings, the rest as it is.
pub fn apply(units: Vec<Unit>, offset: usize, plan: &Plan, ctx: &super::Context<'_>) -> Vec<Piece> {
    let mut pieces = Vec::with_capacity(units.len());
    for (k, unit) in units.into_iter().enumerate() {
        let i = offset + k;
        let Unit {
            node,
            line,
            end_line,
        } = unit;
        match node {
            Node::Block(Block::List { start, items }) if plan.is_item(i) => split_list(
                start,
                items,
                (line, end_line),
                ctx,
                &mut pieces,
                &mut |item, number, line, end_line| {
                    let mut blocks = item.blocks;
                    let Block::Heading { content, .. } = blocks.remove(0) else {
                        return None;
                    };
                    // Headings inside the item are its answer's parts whatever their level.
                    Some(ItemStart {
                        kind: Convention::ListHeadings,
                        number,
                        prefix: String::new(),
                        title: content,
                        answer: blocks,
                        level: None,
                        line,
                        end_line,
                    })
                },
                &is_question,
            ),
            other => pieces.push(other_piece(other, i, plan, line, end_line)),
        }
    }
    pieces
}

/// A heading (a group when `plan` says so) or a block, as a piece.
pub fn other_piece(node: Node, i: usize, plan: &Plan, line: u32, end_line: u32) -> Piece {
    match node {
        Node::Heading { level, content } if plan.is_group(i) => Piece::Group {
            level,
            number: None,
            content,
            line,
        },
        Node::Heading { level, content } => Piece::Heading {
            level,
            content,
            line,
        },
        Node::Block(block) => Piece::Block {
            block,
            line,
            end_line,
        },
    }
}

/// Makes the question of a list item (its number as written, its lines), or `None`.
pub type MakeItem<'a> = dyn FnMut(ListItem, Option<String>, u32, u32) -> Option<ItemStart> + 'a;

/// Cuts a list at the items `is_question` accepts: each becomes a question made by `make`,
/// the items before the first one stay a list, and the items after each one stay a list
/// in its answer (numbered on from where they were).
pub fn split_list(
    start: Option<u64>,
    items: Vec<ListItem>,
    (line, end_line): (u32, u32),
    ctx: &super::Context<'_>,
    pieces: &mut Vec<Piece>,
    make: &mut MakeItem<'_>,
    is_question: &dyn Fn(&ListItem) -> bool,
) {
    let lines: Vec<u32> = items.iter().map(|item| item.line.max(line)).collect();
    let item_end = |k: usize| {
        lines
            .get(k + 1)
            .map_or(end_line, |l| l.saturating_sub(1).max(lines[k]))
    };
    let mut run: Vec<ListItem> = Vec::new();
    let mut run_start = 0;
    let flush = |run: &mut Vec<ListItem>, at: usize, upto: usize, pieces: &mut Vec<Piece>| {
        if run.is_empty() {
            return;
        }
        pieces.push(Piece::Block {
            block: Block::List {
                start: start.map(|s| s + at as u64),
                items: std::mem::take(run),
            },
            line: lines[at],
            end_line: item_end(upto),
        });
    };
    for (k, item) in items.into_iter().enumerate() {
        if is_question(&item) {
            flush(&mut run, run_start, k.saturating_sub(1), pieces);
            let number = written_number(ctx, lines[k]);
            let fallback = item.clone();
            match make(item, number, lines[k], item_end(k)) {
                Some(q) => item_pieces(q, pieces),
                None => {
                    run.push(fallback);
                    run_start = k;
                    continue;
                }
            }
            run_start = k + 1;
        } else {
            if run.is_empty() {
                run_start = k;
            }
            run.push(item);
        }
    }
    let last = lines.len().saturating_sub(1);
    flush(&mut run, run_start, last, pieces);
}

/// A list item's question and its answer as pieces: the headings among the answer's
/// blocks (`#### Example` inside the item) open sections of it, as they would after a
/// heading question.
fn item_pieces(mut q: ItemStart, pieces: &mut Vec<Piece>) {
    let Some(first) = q
        .answer
        .iter()
        .position(|b| matches!(b, Block::Heading { .. }))
    else {
        pieces.push(Piece::Item(q));
        return;
    };
    let rest = q.answer.split_off(first);
    let (line, end_line) = (q.line, q.end_line);
    pieces.push(Piece::Item(q));
    for block in rest {
        pieces.push(match block {
            Block::Heading { level, content } => Piece::Heading {
                level,
                content,
                line,
            },
            block => Piece::Block {
                block,
                line,
                end_line,
            },
        });
    }
}

/// The number of an ordered list item as written on its line (`290` in `290.  ### …`).
fn written_number(ctx: &super::Context<'_>, line: u32) -> Option<String> {
    let text = ctx.source.get(line.checked_sub(1)? as usize)?;
    let t = text.trim_start();
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    (digits > 0 && digits <= 9 && t[digits..].starts_with(['.', ')']))
        .then(|| t[..digits].to_string())
}
