//! Headings at one level are the questions: the level of the numbered headings
//! (`## 12. Title`, `## Q12: Title`), else the most common heading level, or `--topic-level`.
//! This is how deckbook always read guides, and the seed guide's convention.
//!
//! Headings above that level group the questions when the first question follows one of them
//! (`## Strings` over `### …` questions); in a guide whose first question stands outside any
//! group they stay sections of the question before them, with a `stray-heading` warning, as
//! does an unnumbered heading at the questions' level in a numbered guide.

use super::text::plain;
use super::{Detail, ItemStart, Node, Piece, Plan, Unit, groups, plain_piece};
use crate::model::{Convention, Inline};
use crate::parse::lines::topic_number;
use std::collections::BTreeMap;

/// The questions and groups of headings at one level.
pub fn plan(units: &[Unit], ctx: &super::Context<'_>) -> Plan {
    // Each heading's level, whether it is numbered, and whether it is boilerplate: its plain
    // text is made once.
    let texts: Vec<Option<(u8, String, String)>> = units
        .iter()
        .map(|unit| {
            unit.heading().map(|(level, content)| {
                let text = plain(content);
                // The text as labels are compared.
                let key = text.trim().to_lowercase();
                (level, text, key)
            })
        })
        .collect();
    // A label repeated under the questions (`#### Further information` three times or
    // more) is a sub-heading, however often it occurs: it does not choose the level.
    let mut repeats: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, _, key) in texts.iter().flatten() {
        *repeats.entry(key).or_default() += 1;
    }
    let headings: Vec<Option<(u8, bool, bool)>> = texts
        .iter()
        .map(|heading| {
            heading.as_ref().map(|(level, text, key)| {
                let numbered = topic_number(text).is_some();
                let label = repeats[key.as_str()] >= 3;
                let boilerplate = super::boilerplate::kind_of(text).is_some();
                (*level, numbered, boilerplate || (label && !numbered))
            })
        })
        .collect();
    let mut numbered: BTreeMap<u8, usize> = BTreeMap::new();
    let mut all: BTreeMap<u8, usize> = BTreeMap::new();
    for &(level, is_numbered, set_aside) in headings.iter().flatten() {
        // Boilerplate (a table of contents, a licence) and repeated labels do not shape
        // the guide.
        if !set_aside {
            *all.entry(level).or_default() += 1;
        }
        if is_numbered {
            *numbered.entry(level).or_default() += 1;
        }
    }
    let numbered_level = most_common(&numbered);
    let level = ctx
        .forced_level
        .or(numbered_level)
        .unwrap_or_else(|| most_common(&all).unwrap_or(2));
    let by_number = ctx.forced_level.is_none() && numbered_level.is_some();
    let is_item = |i: usize| {
        headings[i].is_some_and(|(l, is_numbered, _)| l == level && (!by_number || is_numbered))
    };
    let items: Vec<usize> = (0..units.len()).filter(|&i| is_item(i)).collect();
    let answered = items
        .iter()
        .filter(|&&i| {
            (i + 1..units.len())
                .take_while(|&j| !is_item(j) && headings[j].is_none_or(|(l, ..)| l > level))
                .next()
                .is_some()
        })
        .count();
    let groups = group_headings(units, &items, level);
    Plan {
        convention: Convention::Headings,
        answered,
        groups,
        level: Some(level),
        acceptable: !items.is_empty(),
        detail: Detail::ByNumber(by_number),
        items,
    }
}

/// Headings above the questions' level, when the first question follows one: those with a
/// question in their region, and every one after the first question.
fn group_headings(units: &[Unit], items: &[usize], level: u8) -> Vec<usize> {
    let Some(&first) = items.first() else {
        return Vec::new();
    };
    let above = |u: &Unit| u.heading().is_some_and(|(l, _)| l < level);
    if !units[..first].iter().any(above) {
        return Vec::new();
    }
    (0..units.len())
        .filter(|&i| above(&units[i]))
        .filter(|&i| {
            let Some((l, _)) = units[i].heading() else {
                return false;
            };
            let end = groups::region_end(units, i, l);
            i > first || items.iter().any(|&q| q > i && q < end)
        })
        .collect()
}

/// The most common key (the deeper level on a tie).
pub fn most_common(m: &BTreeMap<u8, usize>) -> Option<u8> {
    m.iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(l, _)| *l)
}

/// The pieces of `units` (from index `offset`): questions, groups, other headings, blocks.
pub fn apply(units: Vec<Unit>, offset: usize, plan: &Plan) -> Vec<Piece> {
    let mut pieces = Vec::with_capacity(units.len());
    for (k, unit) in units.into_iter().enumerate() {
        let i = offset + k;
        let Unit {
            node,
            line,
            end_line,
        } = unit;
        match node {
            Node::Heading { level, content } if plan.is_item(i) => {
                pieces.push(Piece::Item(heading_item(
                    Convention::Headings,
                    level,
                    content,
                    line,
                    end_line,
                )));
            }
            node => pieces.push(plain_piece(node, plan.is_group(i), line, end_line)),
        }
    }
    pieces
}

/// A question that is a heading: its number (`12`, `Q12`) split off its title.
pub fn heading_item(
    kind: Convention,
    level: u8,
    content: Vec<Inline>,
    line: u32,
    end_line: u32,
) -> ItemStart {
    let number = topic_number(&plain(&content)).map(|(n, _)| n.to_string());
    let (prefix, title) = if number.is_some() {
        strip_number(content)
    } else {
        (String::new(), content)
    };
    ItemStart {
        kind,
        number,
        prefix,
        title,
        answer: Vec::new(),
        level: Some(level),
        line,
        end_line,
    }
}

/// Splits the leading `12. ` / `Q12: ` off a numbered heading's content: the prefix as
/// written, and the title after it (the content unchanged, with an empty prefix, when the
/// number is not in its first text).
fn strip_number(mut content: Vec<Inline>) -> (String, Vec<Inline>) {
    let Some(Inline::Text { text }) = content.first_mut() else {
        return (String::new(), content);
    };
    let Some((_, rest)) = topic_number(text) else {
        return (String::new(), content);
    };
    // `rest` is a trimmed sub-slice of `text`: keep from its start, trailing space included
    // (it separates the text from following inline markup).
    let at = if rest.is_empty() {
        text.len()
    } else {
        rest.as_ptr() as usize - text.as_ptr() as usize
    };
    let kept = text.split_off(at);
    let prefix = std::mem::replace(text, kept);
    if text.is_empty() {
        content.remove(0);
    }
    (prefix, content)
}
