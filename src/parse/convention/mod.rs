//! The convention detector: which convention a guide writes its questions in, chosen by the
//! evidence in the guide (how many questions each convention finds, whether each has an
//! answer, how regular they are), never by the file's name; then the guide cut into groups,
//! questions and answers by it.
//!
//! Each convention is a variant of the closed [`Convention`] enum with its own module here:
//! [`headings`] (today's topics: headings at one level), [`numbered`] (numbered headings at
//! several levels), [`bold`] (whole-line bold questions), [`qa`] (`Q:`/`A:` pairs),
//! [`list_headings`] (`1. ### Question` in list items) and [`list_items`] (numbered rules and
//! checklist terms in list items). Each module has two functions: `plan` looks at the
//! guide's top-level [`Unit`]s and reports its [`Plan`] (the questions and group headings it
//! would make, and how many have an answer); `apply` turns the units into [`Piece`]s
//! (questions, group headings, other headings, blocks) for the [`assemble`] step, which nests
//! them into groups, topics and sections exactly as the seed's topics always were.
//!
//! The choice ([`choose`]): the heading conventions are the baseline (numbered headings when
//! numbers run at several levels, else headings at one level); a convention whose questions
//! live in paragraphs or lists wins when it finds at least three answered questions and at
//! least twice as many as the headings do, so headings that hold many such questions become
//! their groups. A group in which the chosen convention finds no question is looked at again
//! on its own, so a guide whose parts differ is read part by part. `--cards NAME` or the
//! front matter forces a convention. Then [`group_cards`] makes a card of a group intro that
//! reads like an answer, [`prompt`] moves a generic question's snippet onto its front, and
//! [`boilerplate`] and [`leave_out`] leave out what is not a card.

mod assemble;
mod boilerplate;
mod bold;
mod group_cards;
mod groups;
mod headings;
mod leave_out;
mod list_headings;
mod list_items;
mod numbered;
mod prompt;
mod qa;
mod text;

pub(crate) use boilerplate::is_introduction;
pub(crate) use headings::most_common;

use super::lines::LazyLines;
use crate::diagnostic::Diagnostic;
use crate::model::{Block, Convention, Group, Inline, Section, Topic};

/// A top-level node of the guide with its source lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// The node.
    pub node: Node,
    /// Its first source line.
    pub line: u32,
    /// Its last source line.
    pub end_line: u32,
}

/// A top-level heading or block.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// A top-level heading.
    Heading {
        /// 1–6.
        level: u8,
        /// Its content.
        content: Vec<Inline>,
    },
    /// Any other block.
    Block(Block),
}

/// The piece a node is when its convention claims it for nothing else: a heading is a
/// group's (`group`) or a plain heading, any other block stays as it is.
pub fn plain_piece(node: Node, group: bool, line: u32, end_line: u32) -> Piece {
    match node {
        Node::Heading { level, content } if group => Piece::Group {
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

impl Unit {
    /// The heading's level and content, if this is a heading.
    pub fn heading(&self) -> Option<(u8, &[Inline])> {
        match &self.node {
            Node::Heading { level, content } => Some((*level, content)),
            Node::Block(_) => None,
        }
    }

    /// The block, if this is not a heading.
    pub fn block(&self) -> Option<&Block> {
        match &self.node {
            Node::Block(b) => Some(b),
            Node::Heading { .. } => None,
        }
    }
}

/// What the detector needs beside the units.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The guide's path, for diagnostics.
    pub path: &'a str,
    /// The source's lines (index 0 = line 1), to read list markers as written.
    pub source: &'a LazyLines<'a>,
    /// `--topic-level`.
    pub forced_level: Option<u8>,
    /// Keep boilerplate and empty answers as cards (`--keep-all`).
    pub keep_all: bool,
}

/// What one convention would make of a run of units.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    /// The convention.
    pub convention: Convention,
    /// Unit index (absolute) of each question, in order; a list unit appears once per
    /// question it holds.
    pub items: Vec<usize>,
    /// How many questions have an answer.
    pub answered: usize,
    /// Unit indices (absolute, ascending) of the headings that group questions.
    pub groups: Vec<usize>,
    /// The heading level of the questions, for conventions that have one.
    pub level: Option<u8>,
    /// Whether the evidence is good enough for this convention to be chosen.
    pub acceptable: bool,
    /// Convention-specific settings found while planning.
    pub detail: Detail,
}

/// Settings a convention's `plan` found and its `apply` uses.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Detail {
    /// Nothing more.
    #[default]
    None,
    /// Headings: questions must be numbered (`## 12. Title`).
    ByNumber(bool),
    /// Numbered headings: the unit indices that are questions (the others with a number
    /// are groups or sections).
    Numbered(Vec<usize>),
    /// Bold lines: the plain texts repeated too often to be questions.
    Repeated(Vec<String>),
    /// List items: bold-term items count without a task box (forced).
    AnyTerm(bool),
}

impl Plan {
    /// Whether unit `i` holds a question.
    pub fn is_item(&self, i: usize) -> bool {
        self.items.binary_search(&i).is_ok()
    }

    /// Whether unit `i` is a group heading.
    pub fn is_group(&self, i: usize) -> bool {
        self.groups.binary_search(&i).is_ok()
    }
}

/// A piece of the guide as a convention cut it.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    /// A question starts.
    Item(ItemStart),
    /// A heading that groups the questions after it.
    Group {
        /// Its level.
        level: u8,
        /// Its number as written (`7`, `7.4`), if numbered.
        number: Option<String>,
        /// Its content, number removed.
        content: Vec<Inline>,
        /// Its line.
        line: u32,
    },
    /// Any other heading: a section of the current question (a stray one, with a warning,
    /// when it is at or above the question's own heading level), or part of the preface or
    /// a group's intro.
    Heading {
        /// Its level.
        level: u8,
        /// Its content.
        content: Vec<Inline>,
        /// Its line.
        line: u32,
    },
    /// A block.
    Block {
        /// The block.
        block: Block,
        /// Its first line.
        line: u32,
        /// Its last line.
        end_line: u32,
    },
}

/// The start of a question.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemStart {
    /// The convention that found it.
    pub kind: Convention,
    /// Its number as written, if it has one.
    pub number: Option<String>,
    /// The text before its title as written (`12. `, `Q: `).
    pub prefix: String,
    /// The question.
    pub title: Vec<Inline>,
    /// The blocks its own unit gives to the answer.
    pub answer: Vec<Block>,
    /// Its heading level, for questions that are headings.
    pub level: Option<u8>,
    /// Its first line.
    pub line: u32,
    /// Its last line.
    pub end_line: u32,
}

impl Convention {
    /// What this convention would make of `units` (indices are `offset` + position).
    pub fn plan(self, units: &[Unit], offset: usize, ctx: &Context<'_>) -> Plan {
        let mut plan = match self {
            Convention::Headings => headings::plan(units, ctx),
            Convention::Numbered => numbered::plan(units),
            Convention::Bold => bold::plan(units),
            Convention::Qa => qa::plan(units),
            Convention::ListHeadings => list_headings::plan(units),
            Convention::ListItems => list_items::plan(units, false),
        };
        plan.convention = self;
        if offset > 0 {
            plan.items.iter_mut().for_each(|i| *i += offset);
            plan.groups.iter_mut().for_each(|i| *i += offset);
            if let Detail::Numbered(q) = &mut plan.detail {
                q.iter_mut().for_each(|i| *i += offset);
            }
        }
        plan
    }

    /// The pieces of `units` (the units from index `offset` on) as `plan` cuts them.
    pub fn apply(
        self,
        units: Vec<Unit>,
        offset: usize,
        plan: &Plan,
        ctx: &Context<'_>,
    ) -> Vec<Piece> {
        match self {
            Convention::Headings => headings::apply(units, offset, plan),
            Convention::Numbered => numbered::apply(units, offset, plan),
            Convention::Bold => bold::apply(units, offset, plan),
            Convention::Qa => qa::apply(units, offset, plan),
            Convention::ListHeadings => list_headings::apply(units, offset, plan, ctx),
            Convention::ListItems => list_items::apply(units, offset, plan, ctx),
        }
    }
}

/// The plan a forced convention makes (bold-term list items count without a task box).
fn forced_plan(convention: Convention, units: &[Unit], ctx: &Context<'_>) -> Plan {
    match convention {
        Convention::ListItems => {
            let mut plan = list_items::plan(units, true);
            plan.convention = convention;
            plan
        }
        other => other.plan(units, 0, ctx),
    }
}

/// The convention with the best evidence in `units`: the heading baseline unless another
/// finds at least `least` answered questions (three for a whole guide, two for a group; two
/// always for labelled `Q:`/`A:` pairs and headings in list items, which nothing else
/// looks like) and twice as many as the headings.
pub fn choose(units: &[Unit], offset: usize, least: usize, ctx: &Context<'_>) -> Plan {
    let numbered = Convention::Numbered.plan(units, offset, ctx);
    let mut best = if numbered.acceptable && ctx.forced_level.is_none() {
        numbered
    } else {
        Convention::Headings.plan(units, offset, ctx)
    };
    if ctx.forced_level.is_some() {
        return best;
    }
    let baseline = best.answered;
    for convention in [
        Convention::ListHeadings,
        Convention::Qa,
        Convention::Bold,
        Convention::ListItems,
    ] {
        let plan = convention.plan(units, offset, ctx);
        let least = match convention {
            Convention::Qa | Convention::ListHeadings => least.min(2),
            _ => least,
        };
        if plan.acceptable
            && plan.answered >= least
            && plan.answered >= 2 * baseline
            && plan.answered > best.answered
        {
            best = plan;
        }
    }
    best
}

/// What the detector made of a guide.
#[derive(Debug, Default)]
pub struct Outline {
    /// Blocks before the first question.
    pub preface: Vec<Block>,
    /// The groups.
    pub groups: Vec<Group>,
    /// The questions.
    pub topics: Vec<Topic>,
    /// Sections kept for the book only.
    pub back_matter: Vec<Section>,
    /// The main plan's convention and level.
    pub convention: Convention,
    /// See [`Plan::level`].
    pub level: Option<u8>,
}

/// Cuts `units` into groups and questions: `forced` is the convention of `--cards` or the
/// front matter, else the detector chooses (whole guide first, then each group in which
/// the choice finds no question).
pub fn detect(
    units: Vec<Unit>,
    forced: Option<Convention>,
    ctx: &Context<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Outline {
    let main = match forced {
        Some(c) => forced_plan(c, &units, ctx),
        None => choose(&units, 0, 3, ctx),
    };
    // Groups of the main plan without a question are read again on their own.
    let mut segments: Vec<(usize, usize, Plan)> = Vec::new();
    if forced.is_none() && ctx.forced_level.is_none() {
        for (start, end) in groups::empty_regions(&units, &main) {
            let plan = choose(&units[start..end], start, 2, ctx);
            if plan.convention != main.convention && plan.answered >= 2 {
                segments.push((start, end, plan));
            }
        }
    }
    let mut pieces = Vec::with_capacity(units.len());
    let mut rest = units.into_iter();
    let mut at = 0;
    for (start, end, plan) in &segments {
        let before: Vec<Unit> = rest.by_ref().take(start - at).collect();
        pieces.extend(main.convention.apply(before, at, &main, ctx));
        let inside: Vec<Unit> = rest.by_ref().take(end - start).collect();
        pieces.extend(plan.convention.apply(inside, *start, plan, ctx));
        at = *end;
    }
    pieces.extend(main.convention.apply(rest.collect(), at, &main, ctx));
    let pieces = boilerplate::front_matter(pieces, ctx, diags);
    let mut outline = assemble::assemble(pieces, ctx.path, diags);
    outline.convention = main.convention;
    outline.level = main.level;
    group_cards::make_cards(&mut outline);
    prompt::move_snippets(&mut outline.topics);
    leave_out::leave_out(&mut outline, ctx, diags);
    outline
}

#[cfg(test)]
mod tests;
