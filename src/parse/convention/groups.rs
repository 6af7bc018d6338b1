//! Which headings group the questions, for the conventions whose questions are not headings
//! (bold lines, Q/A pairs, list items), and the groups the chosen convention leaves without a
//! question (read again on their own by the detector).
//!
//! A heading groups the questions in its region (up to the next heading at its level or
//! above) when the region holds two or more of them, or one that follows the heading with
//! nothing but paragraphs between. Groups are recognised only when the guide's first question
//! is in one of them (a guide whose first questions stand outside any group keeps its
//! headings as sections of the question before them); then every later heading at or above
//! the groups' level is a group too, even without questions (a trailing `## License`).

use super::{Node, Plan, Unit};
use crate::model::Block;

/// The end (exclusive, relative) of the region of the heading at `i` of level `level`.
pub fn region_end(units: &[Unit], i: usize, level: u8) -> usize {
    units[i + 1..]
        .iter()
        .position(|u| u.heading().is_some_and(|(l, _)| l <= level))
        .map_or(units.len(), |p| i + 1 + p)
}

/// The group headings (absolute indices) among `units` for questions at `items` (absolute,
/// ascending), where `units` starts at index `offset`.
pub fn mark(units: &[Unit], offset: usize, items: &[usize]) -> Vec<usize> {
    let Some(&first) = items.first() else {
        return Vec::new();
    };
    let count = |a: usize, b: usize| {
        let lo = items.partition_point(|&x| x < a + offset);
        let hi = items.partition_point(|&x| x < b + offset);
        (lo, hi)
    };
    let mut groups = Vec::new();
    let mut shallowest = u8::MAX;
    let mut first_grouped = false;
    for (i, unit) in units.iter().enumerate() {
        let Some((level, _)) = unit.heading() else {
            continue;
        };
        let end = region_end(units, i, level);
        let (lo, hi) = count(i + 1, end);
        let qualifies = match hi - lo {
            0 => false,
            1 => {
                let at = items[lo] - offset;
                units[i + 1..at]
                    .iter()
                    .all(|u| matches!(u.node, Node::Block(Block::Paragraph { .. })))
            }
            _ => true,
        };
        if qualifies {
            groups.push(i + offset);
            shallowest = shallowest.min(level);
            if (i + offset) < first && first < end + offset {
                first_grouped = true;
            }
        }
    }
    if !first_grouped {
        return Vec::new();
    }
    // Later headings at or above the groups' level group too, with or without questions.
    for (i, unit) in units.iter().enumerate() {
        if i + offset > first
            && unit.heading().is_some_and(|(l, _)| l <= shallowest)
            && !groups.contains(&(i + offset))
        {
            groups.push(i + offset);
        }
    }
    groups.sort_unstable();
    groups
}

/// The regions (absolute `start..end` of the units after a group heading) of the groups in
/// which `plan` finds no question, outermost only.
pub fn empty_regions(units: &[Unit], plan: &Plan) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for &g in &plan.groups {
        if out.last().is_some_and(|&(_, end)| g < end) {
            continue;
        }
        let Some((level, _)) = units.get(g).and_then(Unit::heading) else {
            continue;
        };
        let end = region_end(units, g, level);
        let has_item = plan.items.iter().any(|&i| i > g && i < end);
        if !has_item && end > g + 1 {
            out.push((g + 1, end));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Inline;

    fn h(level: u8) -> Unit {
        Unit {
            node: Node::Heading {
                level,
                content: vec![Inline::Text { text: "h".into() }],
            },
            line: 1,
            end_line: 1,
        }
    }

    fn p() -> Unit {
        Unit {
            node: Node::Block(Block::Paragraph { content: vec![] }),
            line: 1,
            end_line: 1,
        }
    }

    fn code() -> Unit {
        Unit {
            node: Node::Block(Block::Rule),
            line: 1,
            end_line: 1,
        }
    }

    #[test]
    fn headings_over_questions_group_them() {
        // 0 ## A, 1 q, 2 q, 3 ## B, 4 q, 5 ## License, 6 p
        let units = vec![h(2), p(), p(), h(2), p(), h(2), p()];
        assert_eq!(mark(&units, 0, &[1, 2, 4]), [0, 3, 5]);
    }

    #[test]
    fn a_heading_inside_an_answer_is_not_a_group() {
        // 0 q, 1 ### Example, 2 rule, 3 q
        let units = vec![p(), h(3), code(), p()];
        assert!(mark(&units, 0, &[0, 3]).is_empty());
        // First question outside any group: no groups at all.
        let units = vec![p(), h(2), p(), p()];
        assert!(mark(&units, 0, &[0, 2, 3]).is_empty());
    }

    #[test]
    fn empty_groups_are_found() {
        let units = vec![h(2), p(), h(2), p(), p()];
        let plan = Plan {
            items: vec![1],
            groups: vec![0, 2],
            ..Plan::default()
        };
        assert_eq!(empty_regions(&units, &plan), [(3, 5)]);
    }
}
