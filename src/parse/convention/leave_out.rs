//! After assembly: leaves out of the cards what [`super::boilerplate`] recognises —
//! back-to-top links, sections about the guide (kept for the book's back matter) or listing
//! translations, groups so named, questions answered only by links or not at all — each with
//! a note, unless `--keep-all`; and trims the separators (`---`, `<br/>`) that end answers.

use super::boilerplate::{Kind, is_back_to_top, is_toc, kind_of};
use super::text::{is_empty, is_link_only, plain};
use super::{Context, Outline};
use crate::diagnostic::{Diagnostic, DiagnosticCode};
use crate::model::{Block, Convention, Group, Inline, Section, Topic};

/// Leaves out of `outline` what is not a card (see the module documentation), with a note
/// for each, unless `ctx.keep_all`; trims separators (`---`, `<br/>`) that end an answer.
pub fn leave_out(outline: &mut Outline, ctx: &Context<'_>, diags: &mut Vec<Diagnostic>) {
    for topic in &mut outline.topics {
        trim_separators(&mut topic.intro);
        if let Some(last) = topic.sections.last_mut() {
            trim_section(last);
        }
    }
    if ctx.keep_all {
        return;
    }
    let path = ctx.path;
    let mut back_to_top: Vec<u32> = Vec::new();
    let mut drop_links = |blocks: &mut Vec<Block>, line: u32| {
        let before = count_back_to_top(blocks);
        remove_back_to_top(blocks);
        back_to_top.extend(std::iter::repeat_n(line, before));
    };
    drop_links(&mut outline.preface, 1);
    for group in &mut outline.groups {
        drop_links(&mut group.intro, group.span.line);
    }
    for topic in &mut outline.topics {
        drop_links(&mut topic.intro, topic.span.line);
        for section in &mut topic.sections {
            walk_sections(section, &mut |s| drop_links(&mut s.blocks, s.span.line));
        }
        trim_separators(&mut topic.intro);
        if let Some(last) = topic.sections.last_mut() {
            trim_section(last);
        }
    }
    if let Some(&first) = back_to_top.iter().min() {
        let n = back_to_top.len();
        diags.push(
            Diagnostic::remark(
                DiagnosticCode::Boilerplate,
                format!(
                    "{n} \"back to top\" link{} left out of the cards",
                    if n == 1 { " is" } else { "s are" }
                ),
            )
            .at(path, first, 1),
        );
    }
    leave_out_groups(outline, path, diags);
    let topics = std::mem::take(&mut outline.topics);
    for mut topic in topics {
        split_statement(&mut topic);
        match verdict(&topic) {
            None => outline.topics.push(topic),
            Some(Verdict::Back) => {
                let what = plain(&topic.title);
                diags.push(
                    Diagnostic::remark(
                        DiagnosticCode::Boilerplate,
                        format!("`{what}` is about the guide, not its subject: kept for the book's back matter, not made a card"),
                    )
                    .at(path, topic.span.line, 1),
                );
                outline.back_matter.push(topic_section(topic));
            }
            Some(v) => {
                let what = plain(&topic.title);
                let (code, why) = match v {
                    Verdict::Empty => (DiagnosticCode::EmptyAnswer, "has no answer"),
                    Verdict::Links => (DiagnosticCode::Boilerplate, "is answered only by links"),
                    Verdict::Contents => (DiagnosticCode::Boilerplate, "is a table of contents"),
                    _ => (DiagnosticCode::Boilerplate, "is a list of translations"),
                };
                diags.push(
                    Diagnostic::remark(code, format!("`{what}` {why}: left out of the cards")).at(
                        path,
                        topic.span.line,
                        1,
                    ),
                );
            }
        }
    }
}

/// Why a question is not a card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Empty,
    Links,
    Contents,
    Translations,
    Back,
}

/// A numbered rule with nothing after it (`- [6.4](#…) Never use eval(); it opens too many
/// vulnerabilities.`) is its own content: its first sentence is the question and the rest,
/// if any, the answer; with a single sentence it stays a card with the rule as its front.
fn split_statement(topic: &mut Topic) {
    let bare = topic.intro.is_empty() && topic.sections.is_empty() && topic.prompt.is_empty();
    if !bare || topic.kind != Convention::ListItems || topic.number.is_none() {
        return;
    }
    let Some((k, at)) = topic.title.iter().enumerate().find_map(|(k, i)| match i {
        Inline::Text { text } => sentence_end(text).map(|at| (k, at)),
        _ => None,
    }) else {
        return;
    };
    let mut rest = topic.title.split_off(k + 1);
    if let Some(Inline::Text { text }) = topic.title.last_mut() {
        let tail = text.split_off(at);
        if !tail.trim().is_empty() {
            rest.insert(
                0,
                Inline::Text {
                    text: tail.trim_start().to_string(),
                },
            );
        }
    }
    let words = plain(&rest).split_whitespace().count();
    if words < 2 {
        topic.title.extend(rest);
        return;
    }
    // The front ends where its sentence does: "…on a string;" loses its semicolon.
    if let Some(Inline::Text { text }) = topic.title.last_mut()
        && text.ends_with(';')
    {
        text.pop();
    }
    topic.intro.push(Block::Paragraph { content: rest });
}

/// The byte offset just after the first sentence end (`. ` or `; ` before more text) in
/// `text`.
fn sentence_end(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    (1..bytes.len().saturating_sub(1)).find_map(|i| {
        (matches!(bytes[i], b'.' | b';')
            && bytes[i + 1] == b' '
            && bytes[i - 1].is_ascii_alphanumeric()
            && text[i + 1..]
                .trim_start()
                .starts_with(|c: char| c.is_alphanumeric() || c == '`'))
        .then_some(i + 1)
    })
}

fn verdict(topic: &Topic) -> Option<Verdict> {
    match kind_of(&plain(&topic.title)) {
        Some(Kind::Contents) => return Some(Verdict::Contents),
        Some(Kind::Translations) => return Some(Verdict::Translations),
        Some(Kind::About) => return Some(Verdict::Back),
        None => {}
    }
    let mut all: Vec<&Block> = topic.prompt.iter().chain(&topic.intro).collect();
    for section in &topic.sections {
        walk_sections_ref(section, &mut |s| all.extend(&s.blocks));
    }
    // A checklist entry or a numbered rule is a card whatever follows it: its label and
    // statement are what is learnt.
    if topic.kind == Convention::ListItems {
        return None;
    }
    if topic.sections.is_empty() && is_empty(all.iter().copied()) {
        return Some(Verdict::Empty);
    }
    if is_link_only(all.iter().copied()) {
        let contents = all.iter().any(|b| is_toc(b));
        return Some(if contents {
            Verdict::Contents
        } else {
            Verdict::Links
        });
    }
    None
}

/// Groups whose title names boilerplate: their intro and questions go to the back matter
/// (licence, credits…) or are left out (contents, translations).
fn leave_out_groups(outline: &mut Outline, path: &str, diags: &mut Vec<Diagnostic>) {
    let n = outline.groups.len();
    let mut gone = vec![false; n];
    for g in 0..n {
        let inherited = outline.groups[g].parent.is_some_and(|p| gone[p]);
        let kind = kind_of(&outline.groups[g].name);
        if kind.is_none() && !inherited {
            continue;
        }
        gone[g] = true;
        if inherited {
            continue;
        }
        let group = &outline.groups[g];
        let keep = kind == Some(Kind::About);
        let message = if keep {
            format!(
                "`{}` is about the guide, not its subject: kept for the book's back matter, not made a card",
                group.name
            )
        } else {
            format!(
                "`{}` is a {}: left out of the cards",
                group.name,
                if kind == Some(Kind::Contents) {
                    "table of contents"
                } else {
                    "list of translations"
                }
            )
        };
        diags.push(Diagnostic::remark(DiagnosticCode::Boilerplate, message).at(
            path,
            group.span.line,
            1,
        ));
    }
    if !gone.contains(&true) {
        return;
    }
    // The removed groups' questions go with them.
    let groups = std::mem::take(&mut outline.groups);
    let topics = std::mem::take(&mut outline.topics);
    let mut back: Vec<Option<Section>> = groups
        .iter()
        .enumerate()
        .map(|(g, group)| {
            let outermost = gone[g] && group.parent.is_none_or(|p| !gone[p]);
            (outermost && kind_of(&group.name) == Some(Kind::About)).then(|| Section {
                id: String::new(),
                title: group.title.clone(),
                level: group.level,
                span: group.span,
                blocks: group.intro.clone(),
                sections: Vec::new(),
            })
        })
        .collect();
    let root = |mut g: usize| {
        while let Some(p) = groups[g].parent.filter(|&p| gone[p]) {
            g = p;
        }
        g
    };
    for topic in topics {
        match topic.group {
            Some(g) if gone[g] => {
                if let Some(section) = back[root(g)].as_mut() {
                    section.sections.push(topic_section(topic));
                }
            }
            _ => outline.topics.push(topic),
        }
    }
    outline.back_matter.extend(back.into_iter().flatten());
    // Renumber the groups that stay.
    let mut new_index = vec![None; n];
    for (g, group) in groups.into_iter().enumerate() {
        if gone[g] {
            continue;
        }
        new_index[g] = Some(outline.groups.len());
        outline.groups.push(Group {
            parent: group.parent.and_then(|p| new_index[p]),
            ..group
        });
    }
    for topic in &mut outline.topics {
        topic.group = topic.group.and_then(|g| new_index[g]);
    }
}

/// A question as a back-matter section.
fn topic_section(topic: Topic) -> Section {
    let mut title = topic.title;
    if !topic.prefix.is_empty() {
        title.insert(0, Inline::Text { text: topic.prefix });
    }
    let mut blocks = topic.prompt;
    blocks.extend(topic.intro);
    Section {
        id: String::new(),
        title,
        level: 2,
        span: topic.span,
        blocks,
        sections: topic.sections,
    }
}

fn count_back_to_top(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph { content } if is_back_to_top(content) => 1,
            Block::List { items, .. } => items.iter().map(|i| count_back_to_top(&i.blocks)).sum(),
            Block::Quote { blocks } => count_back_to_top(blocks),
            _ => 0,
        })
        .sum()
}

fn remove_back_to_top(blocks: &mut Vec<Block>) {
    blocks.retain(|b| !matches!(b, Block::Paragraph { content } if is_back_to_top(content)));
    for b in blocks.iter_mut() {
        match b {
            Block::List { items, .. } => {
                for item in items {
                    remove_back_to_top(&mut item.blocks);
                    trim_separators(&mut item.blocks);
                }
            }
            Block::Quote { blocks } => remove_back_to_top(blocks),
            _ => {}
        }
    }
}

/// Drops separators (`---`, `<br/>`, empty paragraphs) that end `blocks`.
fn trim_separators(blocks: &mut Vec<Block>) {
    while blocks.last().is_some_and(|b| match b {
        Block::Rule => true,
        Block::Paragraph { content } => content.iter().all(super::text::is_space),
        Block::Element { .. } | Block::Plain { .. } => super::text::is_break_only(b),
        _ => false,
    }) {
        blocks.pop();
    }
}

fn trim_section(section: &mut Section) {
    match section.sections.last_mut() {
        Some(last) => trim_section(last),
        None => trim_separators(&mut section.blocks),
    }
}

fn walk_sections(section: &mut Section, f: &mut impl FnMut(&mut Section)) {
    f(section);
    for child in &mut section.sections {
        walk_sections(child, f);
    }
}

fn walk_sections_ref<'s>(section: &'s Section, f: &mut impl FnMut(&'s Section)) {
    f(section);
    for child in &section.sections {
        walk_sections_ref(child, f);
    }
}
