//! The TOML and JSON classifiers. TOML: keys of pairs as properties and of table headers as
//! types (of a key of three or more dotted parts only the last, as the query this replaces
//! had it), strings, numbers, booleans as constants, dates as special strings. JSON: tree-sitter-json's stock
//! query, under which a key is a string like any other.

use super::{Classify, Ctx, KindTable, field_id};
use crate::render::highlight::lang::{Class, Lang};
use std::sync::OnceLock;

/// What a classifier needs to know of a node kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum K {
    #[default]
    Other,
    /// Always this class.
    Fixed(Class),
    /// TOML: a bare or quoted key.
    Key,
    /// TOML: `[table]` or `[[table array]]`.
    Table,
    /// A key/value pair.
    Pair,
    /// TOML: `a.b`.
    DottedKey,
}

/// The TOML or JSON classifier.
pub(crate) struct Data {
    kinds: KindTable<K>,
    /// JSON: the `key` field of a pair (0 for TOML).
    key: u16,
}

/// The TOML classifier, built on first use.
pub(crate) fn toml() -> &'static Data {
    static GRAMMAR: OnceLock<Data> = OnceLock::new();
    GRAMMAR.get_or_init(|| Data {
        kinds: KindTable::new(&Lang::Toml.grammar(), toml_kind),
        key: 0,
    })
}

/// The JSON classifier, built on first use.
pub(crate) fn json() -> &'static Data {
    static GRAMMAR: OnceLock<Data> = OnceLock::new();
    GRAMMAR.get_or_init(|| {
        let language = Lang::Json.grammar();
        Data {
            kinds: KindTable::new(&language, json_kind),
            key: field_id(&language, "key"),
        }
    })
}

fn toml_kind(name: &str, named: bool) -> K {
    match (name, named) {
        ("=", false) => K::Fixed(Class::Operator),
        (_, false) => K::Other,
        ("comment", _) => K::Fixed(Class::Comment),
        ("string", _) => K::Fixed(Class::String),
        ("integer" | "float", _) => K::Fixed(Class::Number),
        ("boolean", _) => K::Fixed(Class::Constant),
        ("offset_date_time" | "local_date_time" | "local_date" | "local_time", _) => {
            K::Fixed(Class::StringSpecial)
        }
        ("bare_key" | "quoted_key", _) => K::Key,
        ("table" | "table_array_element", _) => K::Table,
        ("pair", _) => K::Pair,
        ("dotted_key", _) => K::DottedKey,
        _ => K::Other,
    }
}

fn json_kind(name: &str, named: bool) -> K {
    if !named {
        return K::Other;
    }
    match name {
        "string" => K::Fixed(Class::String),
        "number" => K::Fixed(Class::Number),
        "null" | "true" | "false" => K::Fixed(Class::Constant),
        "escape_sequence" => K::Fixed(Class::Escape),
        "comment" => K::Fixed(Class::Comment),
        "pair" => K::Pair,
        _ => K::Other,
    }
}

impl Classify for Data {
    fn classify(&self, cx: &Ctx<'_, '_>) -> Option<Class> {
        match self.kinds.of(cx.node) {
            K::Fixed(class) => Some(class),
            K::Key => {
                let key_class = |kind| match kind {
                    K::Table => Some(Class::Type),
                    K::Pair => Some(Class::Property),
                    _ => None,
                };
                match self.kinds.of_opt(cx.ancestor(0)) {
                    K::DottedKey => key_class(self.kinds.of_opt(cx.ancestor(1))),
                    parent => key_class(parent),
                }
            }
            // JSON: a key that is not a string (only after an error) is a property.
            _ if self.key != 0
                && cx.node.is_named()
                && self.kinds.of_opt(cx.ancestor(0)) == K::Pair
                && cx.field() == Some(self.key) =>
            {
                Some(Class::Property)
            }
            _ => None,
        }
    }
}
