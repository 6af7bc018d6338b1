//! Highlighting by walking the syntax tree: a block is parsed with its language's grammar
//! and its tree walked once, depth first, with a `TreeCursor`; each node is given a class
//! (or none) by its language's classifier from its kind, its parent's and grandparent's
//! kinds, its field and, for names, its text. No highlight query is compiled.
//!
//! The classifiers reproduce the highlight queries the grammars ship with (and the few
//! patterns deckbook added to them): where several patterns of a query would capture one
//! node, the last one wins, as in `tree-sitter-highlight`; nested tokens nest (an escape in a
//! string, an interpolation in an f-string).

use super::LineWriter;
use crate::render::highlight::lang::{Class, Lang};
use tree_sitter::{Language, Node, Parser, Tree, TreeCursor};

mod data;
mod js;
mod python;
mod shell;

/// A node on the path from the root to the node being classified.
pub(crate) struct Frame<'t> {
    node: Node<'t>,
    /// Whether a token span was opened for this node.
    opened: bool,
}

/// What a classifier sees of the node it classifies.
pub(crate) struct Ctx<'a, 't> {
    /// The node.
    pub node: Node<'t>,
    cursor: &'a TreeCursor<'t>,
    /// The node's ancestors, root first.
    ancestors: &'a [Frame<'t>],
    source: &'a [u8],
}

impl<'t> Ctx<'_, 't> {
    /// The `n`-th ancestor (0: the parent).
    pub fn ancestor(&self, n: usize) -> Option<Node<'t>> {
        let len = self.ancestors.len();
        len.checked_sub(n + 1)
            .and_then(|i| self.ancestors.get(i))
            .map(|f| f.node)
    }

    /// The field id under which the node sits in its parent.
    pub fn field(&self) -> Option<u16> {
        self.cursor.field_id().map(|f| f.get())
    }

    /// The node's source text (empty if its range is out of bounds).
    pub fn text(&self) -> &[u8] {
        self.source
            .get(self.node.start_byte()..self.node.end_byte())
            .unwrap_or_default()
    }
}

/// A language's classifier: the class of a node, or `None` for no span.
pub(crate) trait Classify {
    fn classify(&self, cx: &Ctx<'_, '_>) -> Option<Class>;
}

/// A table from node kind id to a language's own kind enum, built once from the grammar's
/// kind names (so every id a node can report, aliases included, is covered).
pub(crate) struct KindTable<K> {
    kinds: Vec<K>,
}

impl<K: Copy + Default> KindTable<K> {
    /// Maps every kind id of `language` through `kind(name, named)`.
    pub fn new(language: &Language, kind: impl Fn(&str, bool) -> K) -> Self {
        let kinds = (0..language.node_kind_count())
            .map(|id| {
                let id = u16::try_from(id).unwrap_or(u16::MAX);
                language
                    .node_kind_for_id(id)
                    .map_or_else(K::default, |name| {
                        kind(name, language.node_kind_is_named(id))
                    })
            })
            .collect();
        KindTable { kinds }
    }

    /// The kind of a node (the default for `ERROR` and unknown ids).
    pub fn of(&self, node: Node<'_>) -> K {
        self.kinds
            .get(usize::from(node.kind_id()))
            .copied()
            .unwrap_or_default()
    }

    /// The kind of an optional node (the default for `None`).
    pub fn of_opt(&self, node: Option<Node<'_>>) -> K {
        node.map_or_else(K::default, |n| self.of(n))
    }
}

/// The id of a field of `language`, 0 (never a real field) when it has none of that name.
pub(crate) fn field_id(language: &Language, name: &str) -> u16 {
    language.field_id_for_name(name).map_or(0, |f| f.get())
}

/// One thread's parser, reused across blocks and languages.
pub(crate) struct Walker {
    parser: Parser,
}

impl Walker {
    pub fn new() -> Self {
        Walker {
            parser: Parser::new(),
        }
    }

    /// Writes `text`, highlighted as `lang`, into `out`; `None` (with `out` in an unknown
    /// state) if it cannot be parsed or walked.
    pub fn highlight(&mut self, lang: Lang, text: &str, out: &mut LineWriter) -> Option<()> {
        self.parser.set_language(&lang.grammar()).ok()?;
        let tree = self.parser.parse(text, None)?;
        match lang {
            Lang::Python => walk(python::grammar(), &tree, text, out),
            Lang::Bash => walk(shell::grammar(), &tree, text, out),
            Lang::Toml => walk(data::toml(), &tree, text, out),
            Lang::Json => walk(data::json(), &tree, text, out),
            Lang::JavaScript => walk(js::grammar(), &tree, text, out),
        }
    }
}

/// Walks `tree` depth first, writing the text between node boundaries and opening a span
/// for every node the classifier gives a class.
fn walk<C: Classify>(classifier: &C, tree: &Tree, text: &str, out: &mut LineWriter) -> Option<()> {
    let source = text.as_bytes();
    let mut cursor = tree.walk();
    let mut stack: Vec<Frame<'_>> = Vec::with_capacity(32);
    let mut pos = 0usize;
    'nodes: loop {
        let node = cursor.node();
        let class = classifier.classify(&Ctx {
            node,
            cursor: &cursor,
            ancestors: &stack,
            source,
        });
        pos = write_to(out, text, pos, node.start_byte())?;
        if let Some(class) = class {
            out.open(class.css());
        }
        stack.push(Frame {
            node,
            opened: class.is_some(),
        });
        if cursor.goto_first_child() {
            continue;
        }
        while let Some(frame) = stack.pop() {
            pos = write_to(out, text, pos, frame.node.end_byte())?;
            if frame.opened {
                out.close();
            }
            if cursor.goto_next_sibling() {
                continue 'nodes;
            }
            if !cursor.goto_parent() {
                break;
            }
        }
        break;
    }
    // Whatever the root does not cover (it always starts at 0 but may end early).
    while let Some(frame) = stack.pop() {
        if frame.opened {
            out.close();
        }
    }
    write_to(out, text, pos, text.len())?;
    Some(())
}

/// Writes `text[pos..to]` (nothing when `to <= pos`) and returns the new position; `None`
/// if the range is not on character boundaries.
fn write_to(out: &mut LineWriter, text: &str, pos: usize, to: usize) -> Option<usize> {
    if to <= pos {
        return Some(pos);
    }
    out.text(text.get(pos..to)?);
    Some(to)
}

/// `true` for an ASCII identifier made of an upper-case letter then upper-case letters and
/// `_` (`^[A-Z][A-Z_]*$`).
pub(crate) fn is_all_caps(text: &[u8]) -> bool {
    text.first().is_some_and(u8::is_ascii_uppercase)
        && text.iter().all(|&b| b.is_ascii_uppercase() || b == b'_')
}

/// `true` for a name that starts with an ASCII upper-case letter (`^[A-Z]`).
pub(crate) fn is_capitalised(text: &[u8]) -> bool {
    text.first().is_some_and(u8::is_ascii_uppercase)
}

#[cfg(test)]
mod tests;
