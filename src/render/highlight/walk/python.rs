//! The Python classifier: tree-sitter-python's stock highlights query, plus deckbook's soft
//! keywords (`match`, `case`, `type`, the `_` wildcard), `self`/`cls` and class names,
//! written as a table from node kind to class and a few rules that look at the parent.
//!
//! `match`, `case` and `type` are tokens of their own only inside a match statement, a case
//! clause or a type alias; used as names they are identifiers, so `match = 1` stays plain.

use super::{Classify, Ctx, KindTable, field_id, is_all_caps, is_capitalised};
use crate::render::highlight::lang::{Class, Lang};
use std::sync::OnceLock;

/// What the classifier needs to know of a node kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum K {
    #[default]
    Other,
    /// Always this class.
    Fixed(Class),
    Identifier,
    /// `{` or `}`: punctuation inside an f-string interpolation.
    Brace,
    /// `_`: a keyword as a case pattern.
    Wildcard,
    /// The `type` token: a keyword in a type alias.
    TypeToken,
    Interpolation,
    Decorator,
    Call,
    Attribute,
    FunctionDefinition,
    ClassDefinition,
    TypeAnnotation,
    CasePattern,
    TypeAlias,
}

/// The Python classifier.
pub(crate) struct Python {
    kinds: KindTable<K>,
    name: u16,
    function: u16,
    attribute: u16,
}

/// The classifier, built on first use (a table of a few hundred kinds: microseconds).
pub(crate) fn grammar() -> &'static Python {
    static GRAMMAR: OnceLock<Python> = OnceLock::new();
    GRAMMAR.get_or_init(|| {
        let language = Lang::Python.grammar();
        Python {
            kinds: KindTable::new(&language, kind),
            name: field_id(&language, "name"),
            function: field_id(&language, "function"),
            attribute: field_id(&language, "attribute"),
        }
    })
}

fn kind(name: &str, named: bool) -> K {
    if !named {
        return match name {
            "{" | "}" => K::Brace,
            "_" => K::Wildcard,
            "type" => K::TypeToken,
            _ if KEYWORDS.contains(&name) => K::Fixed(Class::Keyword),
            _ if OPERATORS.contains(&name) => K::Fixed(Class::Operator),
            _ => K::Other,
        };
    }
    match name {
        "identifier" => K::Identifier,
        "none" | "true" | "false" => K::Fixed(Class::Constant),
        "integer" | "float" => K::Fixed(Class::Number),
        "comment" => K::Fixed(Class::Comment),
        "string" => K::Fixed(Class::String),
        "escape_sequence" => K::Fixed(Class::Escape),
        "interpolation" => K::Interpolation,
        "decorator" => K::Decorator,
        "call" => K::Call,
        "attribute" => K::Attribute,
        "function_definition" => K::FunctionDefinition,
        "class_definition" => K::ClassDefinition,
        "type" => K::TypeAnnotation,
        "case_pattern" => K::CasePattern,
        "type_alias_statement" => K::TypeAlias,
        _ => K::Other,
    }
}

impl Classify for Python {
    fn classify(&self, cx: &Ctx<'_, '_>) -> Option<Class> {
        let parent = || self.kinds.of_opt(cx.ancestor(0));
        match self.kinds.of(cx.node) {
            K::Fixed(class) => Some(class),
            K::Identifier => self.identifier(cx, parent()),
            K::Interpolation => Some(Class::Embedded),
            K::Decorator => Some(Class::Function),
            K::Brace => (parent() == K::Interpolation).then_some(Class::Punctuation),
            K::Wildcard => (parent() == K::CasePattern).then_some(Class::Keyword),
            K::TypeToken => (parent() == K::TypeAlias).then_some(Class::Keyword),
            _ => None,
        }
    }
}

impl Python {
    /// A name, by precedence: a class being defined, `self`/`cls`, a type annotation, an
    /// attribute, a function being defined or called, a decorator, then by spelling.
    fn identifier(&self, cx: &Ctx<'_, '_>, parent: K) -> Option<Class> {
        let text = cx.text();
        let in_field = |field: u16| cx.field() == Some(field);
        if parent == K::ClassDefinition && in_field(self.name) {
            return Some(Class::Type);
        }
        if text == b"self" || text == b"cls" {
            return Some(Class::Builtin);
        }
        match parent {
            K::TypeAnnotation => return Some(Class::Type),
            K::Attribute if in_field(self.attribute) => return Some(Class::Property),
            K::FunctionDefinition if in_field(self.name) => return Some(Class::Function),
            K::Call if in_field(self.function) => {
                let builtin = std::str::from_utf8(text).is_ok_and(|t| BUILTINS.contains(&t));
                return Some(if builtin {
                    Class::Builtin
                } else {
                    Class::Function
                });
            }
            K::Decorator => return Some(Class::Function),
            _ => {}
        }
        if is_all_caps(text) {
            Some(Class::Constant)
        } else if is_capitalised(text) {
            Some(Class::Type)
        } else {
            None
        }
    }
}

/// Keyword tokens (`match` and `case` exist as tokens only in match statements).
const KEYWORDS: &[&str] = &[
    "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else",
    "except", "exec", "finally", "for", "from", "global", "if", "import", "lambda", "nonlocal",
    "pass", "print", "raise", "return", "try", "while", "with", "yield", "match", "case",
];

/// Operator tokens, Python's word operators included.
const OPERATORS: &[&str] = &[
    "-", "-=", "!=", "*", "**", "**=", "*=", "/", "//", "//=", "/=", "&", "&=", "%", "%=", "^",
    "^=", "+", "->", "+=", "<", "<<", "<<=", "<=", "<>", "=", ":=", "==", ">", ">=", ">>", ">>=",
    "|", "|=", "~", "@=", "and", "in", "is", "not", "or", "is not", "not in",
];

/// Builtin functions, highlighted as such where called.
const BUILTINS: &[&str] = &[
    "abs",
    "all",
    "any",
    "ascii",
    "bin",
    "bool",
    "breakpoint",
    "bytearray",
    "bytes",
    "callable",
    "chr",
    "classmethod",
    "compile",
    "complex",
    "delattr",
    "dict",
    "dir",
    "divmod",
    "enumerate",
    "eval",
    "exec",
    "filter",
    "float",
    "format",
    "frozenset",
    "getattr",
    "globals",
    "hasattr",
    "hash",
    "help",
    "hex",
    "id",
    "input",
    "int",
    "isinstance",
    "issubclass",
    "iter",
    "len",
    "list",
    "locals",
    "map",
    "max",
    "memoryview",
    "min",
    "next",
    "object",
    "oct",
    "open",
    "ord",
    "pow",
    "print",
    "property",
    "range",
    "repr",
    "reversed",
    "round",
    "set",
    "setattr",
    "slice",
    "sorted",
    "staticmethod",
    "str",
    "sum",
    "super",
    "tuple",
    "type",
    "vars",
    "zip",
    "__import__",
];
