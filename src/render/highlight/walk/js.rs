//! The JavaScript classifier: tree-sitter-javascript's stock highlights query as a table from
//! node kind to class plus the rules that look around a name: functions where defined
//! (declarations, `name = function…`, methods, `key: () => …`) or called, capitalised names
//! as types, `ALL_CAPS` as constants, a few builtins (`console`, `require`, `this`).

use super::{Classify, Ctx, KindTable, field_id, is_capitalised};
use crate::render::highlight::lang::{Class, Lang};
use std::sync::OnceLock;
use tree_sitter::Node;

/// What the classifier needs to know of a node kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum K {
    #[default]
    Other,
    /// Always this class.
    Fixed(Class),
    Identifier,
    /// `shorthand_property_identifier` and its pattern twin.
    Shorthand,
    PropertyIdentifier,
    /// `${` or `}`: punctuation of a template substitution.
    SubstitutionBrace,
    TemplateSubstitution,
    /// A function value: `function_expression` or `arrow_function`.
    FunctionValue,
    FunctionDeclaration,
    MethodDefinition,
    Pair,
    AssignmentExpression,
    VariableDeclarator,
    CallExpression,
    MemberExpression,
}

/// The JavaScript classifier.
pub(crate) struct JavaScript {
    kinds: KindTable<K>,
    name: u16,
    function: u16,
    property: u16,
    key: u16,
    value: u16,
    left: u16,
    right: u16,
}

/// The classifier, built on first use.
pub(crate) fn grammar() -> &'static JavaScript {
    static GRAMMAR: OnceLock<JavaScript> = OnceLock::new();
    GRAMMAR.get_or_init(|| {
        let language = Lang::JavaScript.grammar();
        let field = |name| field_id(&language, name);
        JavaScript {
            kinds: KindTable::new(&language, kind),
            name: field("name"),
            function: field("function"),
            property: field("property"),
            key: field("key"),
            value: field("value"),
            left: field("left"),
            right: field("right"),
        }
    })
}

fn kind(name: &str, named: bool) -> K {
    if !named {
        return match name {
            "${" | "}" => K::SubstitutionBrace,
            _ if KEYWORDS.contains(&name) => K::Fixed(Class::Keyword),
            _ if OPERATORS.contains(&name) => K::Fixed(Class::Operator),
            _ => K::Other,
        };
    }
    match name {
        "identifier" => K::Identifier,
        "shorthand_property_identifier" | "shorthand_property_identifier_pattern" => K::Shorthand,
        "property_identifier" => K::PropertyIdentifier,
        "this" | "super" => K::Fixed(Class::Builtin),
        "true" | "false" | "null" | "undefined" => K::Fixed(Class::Constant),
        "comment" => K::Fixed(Class::Comment),
        "string" | "template_string" => K::Fixed(Class::String),
        "regex" => K::Fixed(Class::StringSpecial),
        "number" => K::Fixed(Class::Number),
        "template_substitution" => K::TemplateSubstitution,
        "function_expression" | "arrow_function" => K::FunctionValue,
        "function_declaration" => K::FunctionDeclaration,
        "method_definition" => K::MethodDefinition,
        "pair" => K::Pair,
        "assignment_expression" => K::AssignmentExpression,
        "variable_declarator" => K::VariableDeclarator,
        "call_expression" => K::CallExpression,
        "member_expression" => K::MemberExpression,
        _ => K::Other,
    }
}

impl Classify for JavaScript {
    fn classify(&self, cx: &Ctx<'_, '_>) -> Option<Class> {
        match self.kinds.of(cx.node) {
            K::Fixed(class) => Some(class),
            K::Identifier => self.identifier(cx),
            K::Shorthand => is_constant(cx.text()).then_some(Class::Constant),
            K::PropertyIdentifier => Some(self.property(cx)),
            K::TemplateSubstitution => Some(Class::Embedded),
            K::SubstitutionBrace => (self.kinds.of_opt(cx.ancestor(0)) == K::TemplateSubstitution)
                .then_some(Class::Punctuation),
            _ => None,
        }
    }
}

impl JavaScript {
    /// A name, by precedence: builtins, `ALL_CAPS`, capitalised, then a function where
    /// called or defined.
    fn identifier(&self, cx: &Ctx<'_, '_>) -> Option<Class> {
        let text = cx.text();
        if matches!(
            text,
            b"require" | b"arguments" | b"module" | b"console" | b"window" | b"document"
        ) {
            return Some(Class::Builtin);
        }
        if is_constant(text) {
            return Some(Class::Constant);
        }
        if is_capitalised(text) {
            return Some(Class::Type);
        }
        let parent = cx.ancestor(0)?;
        let field = cx.field();
        let is_function = match self.kinds.of(parent) {
            K::CallExpression => field == Some(self.function),
            K::AssignmentExpression => {
                field == Some(self.left) && self.holds_function(parent, self.right)
            }
            K::VariableDeclarator => {
                field == Some(self.name) && self.holds_function(parent, self.value)
            }
            K::FunctionValue | K::FunctionDeclaration => field == Some(self.name),
            _ => false,
        };
        is_function.then_some(Class::Function)
    }

    /// A property name: a function where a method is called, assigned, defined or given
    /// as a function-valued key; else a property.
    fn property(&self, cx: &Ctx<'_, '_>) -> Class {
        let field = cx.field();
        let is_function = match (cx.ancestor(0), cx.ancestor(1)) {
            (Some(parent), grandparent) if self.kinds.of(parent) == K::MemberExpression => {
                field == Some(self.property)
                    && grandparent.is_some_and(|gp| match self.kinds.of(gp) {
                        K::CallExpression => is_field(gp, self.function, parent),
                        K::AssignmentExpression => {
                            is_field(gp, self.left, parent) && self.holds_function(gp, self.right)
                        }
                        _ => false,
                    })
            }
            (Some(parent), _) => match self.kinds.of(parent) {
                K::Pair => field == Some(self.key) && self.holds_function(parent, self.value),
                K::MethodDefinition => field == Some(self.name),
                _ => false,
            },
            (None, _) => false,
        };
        if is_function {
            Class::Function
        } else {
            Class::Property
        }
    }

    /// Whether `node`'s `field` is a function expression or an arrow function.
    fn holds_function(&self, node: Node<'_>, field: u16) -> bool {
        self.kinds.of_opt(node.child_by_field_id(field)) == K::FunctionValue
    }
}

/// Whether `node`'s `field` is `child`.
fn is_field(node: Node<'_>, field: u16, child: Node<'_>) -> bool {
    node.child_by_field_id(field) == Some(child)
}

/// `^[A-Z_][A-Z\d_]+$`: two or more upper-case letters, digits and `_`, not starting with a
/// digit.
fn is_constant(text: &[u8]) -> bool {
    text.len() >= 2
        && text
            .first()
            .is_some_and(|b| b.is_ascii_uppercase() || *b == b'_')
        && text
            .iter()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || *b == b'_')
}

/// Keyword tokens.
const KEYWORDS: &[&str] = &[
    "as",
    "async",
    "await",
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "else",
    "export",
    "extends",
    "finally",
    "for",
    "from",
    "function",
    "get",
    "if",
    "import",
    "in",
    "instanceof",
    "let",
    "new",
    "of",
    "return",
    "set",
    "static",
    "switch",
    "target",
    "throw",
    "try",
    "typeof",
    "var",
    "void",
    "while",
    "with",
    "yield",
];

/// Operator tokens.
const OPERATORS: &[&str] = &[
    "-", "--", "-=", "+", "++", "+=", "*", "*=", "**", "**=", "/", "/=", "%", "%=", "<", "<=",
    "<<", "<<=", "=", "==", "===", "!", "!=", "!==", "=>", ">", ">=", ">>", ">>=", ">>>", ">>>=",
    "~", "^", "&", "|", "^=", "&=", "|=", "&&", "||", "??", "&&=", "||=", "??=",
];
