//! The tree html5ever builds: a minimal `TreeSink` over an arena of nodes (typed-arena) linked
//! to their parent and siblings, as in html5ever's own `examples/arena.rs`.
//!
//! The arena is freed flat (no recursive `Drop`), so a 100,000-deep tree cannot overflow the
//! stack when it is dropped. Adjacent text is merged as the parser appends it. html5ever's
//! `markup5ever_rcdom` is not used: upstream does not publish it and says it is for tests only.

use html5ever::interface::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::StrTendril;
use html5ever::{Attribute, LocalName, QualName, ns};
use std::borrow::Cow;
use std::cell::{Cell, RefCell};

/// The arena that owns every node of one parse.
pub type Arena<'a> = typed_arena::Arena<Node<'a>>;
/// A node handle.
pub type Ref<'a> = &'a Node<'a>;
type Link<'a> = Cell<Option<Ref<'a>>>;

/// A node of the parsed tree.
pub struct Node<'a> {
    parent: Link<'a>,
    next_sibling: Link<'a>,
    previous_sibling: Link<'a>,
    first_child: Link<'a>,
    last_child: Link<'a>,
    /// What the node is.
    pub data: NodeData<'a>,
}

/// What a node is.
pub enum NodeData<'a> {
    /// The document (and a `<template>`'s content).
    Document,
    /// Text, references decoded.
    Text(RefCell<StrTendril>),
    /// A comment and its text.
    Comment(StrTendril),
    /// An element.
    Element {
        /// Its name and namespace.
        name: QualName,
        /// Its attributes, in source order (a repeated name keeps its first value).
        attrs: RefCell<Vec<Attribute>>,
        /// A `<template>`'s content lives here, not among its children.
        template: Option<Ref<'a>>,
        /// Whether it is a MathML `annotation-xml` integration point.
        integration_point: bool,
    },
    /// A processing instruction (HTML has none; kept for the trait).
    Other,
}

impl<'a> Node<'a> {
    fn new(data: NodeData<'a>) -> Self {
        Node {
            parent: Cell::new(None),
            next_sibling: Cell::new(None),
            previous_sibling: Cell::new(None),
            first_child: Cell::new(None),
            last_child: Cell::new(None),
            data,
        }
    }

    /// The children, first to last.
    pub fn children(&'a self) -> impl Iterator<Item = Ref<'a>> {
        std::iter::successors(self.first_child.get(), |n| n.next_sibling.get())
    }

    fn detach(&self) {
        let parent = self.parent.take();
        let prev = self.previous_sibling.take();
        let next = self.next_sibling.take();
        match next {
            Some(n) => n.previous_sibling.set(prev),
            None => {
                if let Some(p) = parent {
                    p.last_child.set(prev)
                }
            }
        }
        match prev {
            Some(p) => p.next_sibling.set(next),
            None => {
                if let Some(p) = parent {
                    p.first_child.set(next)
                }
            }
        }
    }

    fn append(&'a self, child: Ref<'a>) {
        child.detach();
        child.parent.set(Some(self));
        match self.last_child.take() {
            Some(last) => {
                child.previous_sibling.set(Some(last));
                last.next_sibling.set(Some(child));
            }
            None => self.first_child.set(Some(child)),
        }
        self.last_child.set(Some(child));
    }

    fn insert_before(&'a self, sibling: Ref<'a>) {
        sibling.detach();
        sibling.parent.set(self.parent.get());
        sibling.next_sibling.set(Some(self));
        match self.previous_sibling.take() {
            Some(prev) => {
                sibling.previous_sibling.set(Some(prev));
                prev.next_sibling.set(Some(sibling));
            }
            None => {
                if let Some(p) = self.parent.get() {
                    p.first_child.set(Some(sibling))
                }
            }
        }
        self.previous_sibling.set(Some(sibling));
    }
}

/// The sink: allocates into `arena`; `document` is the root.
pub struct Sink<'a> {
    arena: &'a Arena<'a>,
    document: Ref<'a>,
    nameless: QualName,
}

impl<'a> Sink<'a> {
    /// A sink whose nodes live in `arena`.
    pub fn new(arena: &'a Arena<'a>) -> Self {
        Sink {
            arena,
            document: arena.alloc(Node::new(NodeData::Document)),
            nameless: QualName::new(None, ns!(), LocalName::from("")),
        }
    }

    fn new_node(&self, data: NodeData<'a>) -> Ref<'a> {
        self.arena.alloc(Node::new(data))
    }

    fn append_common(
        &self,
        child: NodeOrText<Ref<'a>>,
        previous: impl FnOnce() -> Option<Ref<'a>>,
        append: impl FnOnce(Ref<'a>),
    ) {
        let node = match child {
            NodeOrText::AppendText(text) => {
                if let Some(Node {
                    data: NodeData::Text(t),
                    ..
                }) = previous()
                {
                    t.borrow_mut().push_tendril(&text);
                    return;
                }
                self.new_node(NodeData::Text(RefCell::new(text)))
            }
            NodeOrText::AppendNode(node) => node,
        };
        append(node)
    }
}

impl<'a> TreeSink for Sink<'a> {
    type Handle = Ref<'a>;
    type Output = Ref<'a>;
    type ElemName<'b>
        = &'b QualName
    where
        Self: 'b;

    fn finish(self) -> Ref<'a> {
        self.document
    }
    fn parse_error(&self, _msg: Cow<'static, str>) {}
    fn get_document(&self) -> Ref<'a> {
        self.document
    }
    fn elem_name<'b>(&'b self, target: &'b Ref<'a>) -> &'b QualName {
        match &target.data {
            NodeData::Element { name, .. } => name,
            // html5ever only asks for the names of elements it created; anything else is
            // nameless rather than a panic.
            _ => &self.nameless,
        }
    }
    fn create_element(
        &self,
        name: QualName,
        attrs: Vec<Attribute>,
        flags: ElementFlags,
    ) -> Ref<'a> {
        let template = flags.template.then(|| self.new_node(NodeData::Document));
        self.new_node(NodeData::Element {
            name,
            attrs: RefCell::new(attrs),
            template,
            integration_point: flags.mathml_annotation_xml_integration_point,
        })
    }
    fn create_comment(&self, text: StrTendril) -> Ref<'a> {
        self.new_node(NodeData::Comment(text))
    }
    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> Ref<'a> {
        self.new_node(NodeData::Other)
    }
    fn append(&self, parent: &Ref<'a>, child: NodeOrText<Ref<'a>>) {
        self.append_common(child, || parent.last_child.get(), |n| parent.append(n))
    }
    fn append_before_sibling(&self, sibling: &Ref<'a>, child: NodeOrText<Ref<'a>>) {
        self.append_common(
            child,
            || sibling.previous_sibling.get(),
            |n| sibling.insert_before(n),
        )
    }
    fn append_based_on_parent_node(
        &self,
        element: &Ref<'a>,
        prev: &Ref<'a>,
        child: NodeOrText<Ref<'a>>,
    ) {
        if element.parent.get().is_some() {
            self.append_before_sibling(element, child)
        } else {
            self.append(prev, child)
        }
    }
    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}
    fn get_template_contents(&self, target: &Ref<'a>) -> Ref<'a> {
        match &target.data {
            NodeData::Element {
                template: Some(t), ..
            } => t,
            // html5ever only asks for a template's content; anything else is its own.
            _ => target,
        }
    }
    fn same_node(&self, x: &Ref<'a>, y: &Ref<'a>) -> bool {
        std::ptr::eq(*x, *y)
    }
    fn set_quirks_mode(&self, _mode: QuirksMode) {}
    fn add_attrs_if_missing(&self, target: &Ref<'a>, attrs: Vec<Attribute>) {
        if let NodeData::Element {
            attrs: existing, ..
        } = &target.data
        {
            let mut existing = existing.borrow_mut();
            for a in attrs {
                if !existing.iter().any(|e| e.name == a.name) {
                    existing.push(a);
                }
            }
        }
    }
    fn remove_from_parent(&self, target: &Ref<'a>) {
        target.detach()
    }
    fn reparent_children(&self, node: &Ref<'a>, new_parent: &Ref<'a>) {
        let mut next = node.first_child.get();
        while let Some(child) = next {
            next = child.next_sibling.get();
            new_parent.append(child)
        }
    }
    fn is_mathml_annotation_xml_integration_point(&self, target: &Ref<'a>) -> bool {
        matches!(
            target.data,
            NodeData::Element {
                integration_point: true,
                ..
            }
        )
    }
}
