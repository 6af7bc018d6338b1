//! The Bash classifier: tree-sitter-bash's stock highlights query plus deckbook's additions
//! (`declare`/`local`/`readonly` as keywords, numbers), as a table from node kind to class:
//! strings, command names as functions, variables as properties, `$(…)`/`${…}` embedded,
//! a command's arguments that start with `-` as constants.

use super::{Classify, Ctx, KindTable, field_id};
use crate::render::highlight::lang::{Class, Lang};
use std::sync::OnceLock;

/// What the classifier needs to know of a node kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum K {
    #[default]
    Other,
    /// Always this class (unless it is a `-flag` argument of a command).
    Fixed(Class),
    Word,
    Number,
    Command,
    FunctionDefinition,
}

/// The Bash classifier.
pub(crate) struct Bash {
    kinds: KindTable<K>,
    name: u16,
}

/// The classifier, built on first use.
pub(crate) fn grammar() -> &'static Bash {
    static GRAMMAR: OnceLock<Bash> = OnceLock::new();
    GRAMMAR.get_or_init(|| {
        let language = Lang::Bash.grammar();
        Bash {
            kinds: KindTable::new(&language, kind),
            name: field_id(&language, "name"),
        }
    })
}

fn kind(name: &str, named: bool) -> K {
    if !named {
        return match name {
            "case" | "do" | "done" | "elif" | "else" | "esac" | "export" | "fi" | "for"
            | "function" | "if" | "in" | "select" | "then" | "unset" | "until" | "while"
            | "declare" | "local" | "readonly" => K::Fixed(Class::Keyword),
            "$" | "&&" | ">" | ">>" | "<" | "|" => K::Fixed(Class::Operator),
            _ => K::Other,
        };
    }
    match name {
        "string" | "raw_string" | "heredoc_body" | "heredoc_start" => K::Fixed(Class::String),
        "command_name" => K::Fixed(Class::Function),
        "variable_name" => K::Fixed(Class::Property),
        "comment" => K::Fixed(Class::Comment),
        "file_descriptor" => K::Fixed(Class::Number),
        "command_substitution" | "process_substitution" | "expansion" => K::Fixed(Class::Embedded),
        "word" => K::Word,
        "number" => K::Number,
        "command" => K::Command,
        "function_definition" => K::FunctionDefinition,
        _ => K::Other,
    }
}

impl Classify for Bash {
    fn classify(&self, cx: &Ctx<'_, '_>) -> Option<Class> {
        let kind = self.kinds.of(cx.node);
        if kind == K::Number {
            return Some(Class::Number);
        }
        let parent = self.kinds.of_opt(cx.ancestor(0));
        if parent == K::Command && cx.node.is_named() && cx.text().first() == Some(&b'-') {
            return Some(Class::Constant);
        }
        match kind {
            K::Fixed(class) => Some(class),
            K::Word if parent == K::FunctionDefinition && cx.field() == Some(self.name) => {
                Some(Class::Function)
            }
            _ => None,
        }
    }
}
