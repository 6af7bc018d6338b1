//! Code highlighting: tree-sitter grammars (Python, Bash, TOML, JSON, JavaScript) turned into
//! class-based `<span>`s, done once per build for every code block of a guide. Each block is
//! parsed and its syntax tree walked once (`walk`, with a classifier per language); no
//! highlight query is compiled, so the first block of a language costs no more than the
//! others. `lang` names the languages, their grammars and the token classes.
//!
//! The output of a block is a run of `<span class="line">…\n</span>`, one per source line,
//! each holding escaped text and `<span class="hl-…">` tokens that never cross a line: a token
//! spanning lines (a docstring) is closed at the end of each line and reopened on the next.
//! Unknown languages get the same line spans around plain escaped text.

use crate::model::{Block, Guide};
use crate::render::highlight::lang::{Lang, Syntax};
use crate::render::html::push_escaped;
use rayon::prelude::*;
use std::collections::HashMap;
use walk::Walker;

pub(crate) mod lang;
mod walk;

/// Highlighted HTML of every code block of a guide, looked up by (language tag, text).
///
/// Built once per build; lookups are pure, so every emitter sees the same HTML.
#[derive(Debug, Default)]
pub struct CodeHtml {
    /// Code text → the HTML of each syntax it was found with (few per text, usually one).
    map: HashMap<String, Vec<(Option<Syntax>, String)>>,
}

impl CodeHtml {
    /// Highlights every code block of `guide` once (identical blocks share the work), in
    /// parallel. The result does not depend on the thread schedule.
    pub fn for_guide(guide: &Guide) -> Self {
        let mut jobs: Vec<(Option<Syntax>, &str)> = Vec::new();
        for block in guide.code_blocks() {
            if let Block::Code { lang, text, .. } = block {
                jobs.push((Syntax::from_tag(lang.as_deref()), text.as_str()));
            }
        }
        jobs.sort_unstable();
        jobs.dedup();
        let htmls = run_parallel(&jobs);
        let mut map: HashMap<String, Vec<(Option<Syntax>, String)>> = HashMap::new();
        for ((syntax, text), html) in jobs.into_iter().zip(htmls) {
            map.entry(text.to_string())
                .or_default()
                .push((syntax, html));
        }
        CodeHtml { map }
    }

    /// The highlighted (escaped, XHTML-safe) HTML of a code block's text, without the
    /// surrounding `<pre><code>`: one `<span class="line">` per source line. `None` when the
    /// block was not part of the guide this map was built for.
    pub fn get(&self, lang: Option<&str>, text: &str) -> Option<&str> {
        let syntax = Syntax::from_tag(lang);
        self.map
            .get(text)?
            .iter()
            .find(|(s, _)| *s == syntax)
            .map(|(_, html)| html.as_str())
    }

    /// Like [`CodeHtml::get`], but highlights code that is not in the map on the spot.
    pub fn get_or_highlight(&self, lang: Option<&str>, text: &str) -> std::borrow::Cow<'_, str> {
        match self.get(lang, text) {
            Some(html) => std::borrow::Cow::Borrowed(html),
            None => std::borrow::Cow::Owned(highlight(lang, text)),
        }
    }

    /// How many distinct (language, text) blocks are stored.
    pub fn len(&self) -> usize {
        self.map.values().map(Vec::len).sum()
    }

    /// `true` when no block is stored.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// The canonical language name of a fence tag for `class="language-…"`: the grammar's name
/// for known tags, else the tag reduced to `[a-z0-9+#_-]` (empty when nothing is left).
pub(crate) fn language_name(lang: Option<&str>) -> String {
    match Syntax::from_tag(lang) {
        Some(syntax) => syntax.lang.name().to_string(),
        None => lang
            .unwrap_or("")
            .chars()
            .filter_map(|c| {
                let c = c.to_ascii_lowercase();
                (c.is_ascii_alphanumeric() || "+#_-".contains(c)).then_some(c)
            })
            .take(32)
            .collect(),
    }
}

/// Highlights one block: the same HTML [`CodeHtml::get`] returns for it.
pub fn highlight(lang: Option<&str>, text: &str) -> String {
    let mut walker = Walker::new();
    render_block(&mut walker, Syntax::from_tag(lang), text)
}

/// Highlights `jobs` in parallel on rayon's pool (each worker reuses one parser); results
/// are in job order. A panic while highlighting is a bug: it propagates.
fn run_parallel(jobs: &[(Option<Syntax>, &str)]) -> Vec<String> {
    jobs.par_iter()
        .map_init(Walker::new, |walker, (syntax, text)| {
            render_block(walker, *syntax, text)
        })
        .collect()
}

/// The line-wrapped HTML of one block.
fn render_block(walker: &mut Walker, syntax: Option<Syntax>, text: &str) -> String {
    let mut lines: Vec<String> = match syntax {
        Some(s) if s.session || looks_like_session(s.lang, text) => {
            session_lines(walker, s.lang, text)
        }
        Some(s) => code_lines(walker, s.lang, text),
        None => plain_lines(text),
    };
    let ends_with_newline = text.ends_with('\n');
    if ends_with_newline && lines.len() > 1 {
        lines.pop();
    }
    let mut out = String::with_capacity(text.len() * 2 + lines.len() * 28);
    let last = lines.len().saturating_sub(1);
    for (i, line) in lines.iter().enumerate() {
        out.push_str("<span class=\"line\">");
        out.push_str(line);
        if i < last || ends_with_newline {
            out.push('\n');
        }
        out.push_str("</span>");
    }
    out
}

/// A Python block whose first non-blank line starts with `>>>` is a console session.
fn looks_like_session(lang: Lang, text: &str) -> bool {
    lang == Lang::Python
        && text
            .lines()
            .find(|line| !line.trim().is_empty())
            .is_some_and(|line| line.trim_start().starts_with(">>>"))
}

/// Escaped text, one entry per line (split at `\n`).
fn plain_lines(text: &str) -> Vec<String> {
    text.split('\n')
        .map(|line| {
            let mut out = String::with_capacity(line.len());
            push_escaped(&mut out, line);
            out
        })
        .collect()
}

/// Highlighted lines of `text` (one entry per `\n`-separated line); plain on any failure.
fn code_lines(walker: &mut Walker, lang: Lang, text: &str) -> Vec<String> {
    let mut lines = LineWriter::default();
    if walker.highlight(lang, text, &mut lines).is_none() {
        return plain_lines(text);
    }
    let lines = lines.finish();
    if lines.len() == text.split('\n').count() {
        lines
    } else {
        plain_lines(text)
    }
}

/// A console session: prompts become `hl-prompt`, the prompted code is highlighted as one
/// program (so a string continued on a `...` line stays a string), other lines are output.
fn session_lines(walker: &mut Walker, lang: Lang, text: &str) -> Vec<String> {
    let mut code = String::new();
    let mut shape: Vec<Result<&str, &str>> = Vec::new(); // Ok(prompt) or Err(output line)
    let mut prompted = 0usize;
    for line in text.split('\n') {
        match lang.prompts().iter().find(|p| line.starts_with(**p)) {
            Some(prompt) => {
                if prompted > 0 {
                    code.push('\n');
                }
                prompted += 1;
                code.push_str(&line[prompt.len()..]);
                shape.push(Ok(prompt));
            }
            None => shape.push(Err(line)),
        }
    }
    let mut code_html = code_lines(walker, lang, &code).into_iter();
    shape
        .into_iter()
        .map(|part| match part {
            Ok(prompt) => {
                let mut out = String::from("<span class=\"hl-prompt\">");
                push_escaped(&mut out, prompt);
                out.push_str("</span>");
                out.push_str(&code_html.next().unwrap_or_default());
                out
            }
            Err("") => String::new(),
            Err(line) => {
                let mut out = String::from("<span class=\"hl-output\">");
                push_escaped(&mut out, line);
                out.push_str("</span>");
                out
            }
        })
        .collect()
}

/// Collects tokens into per-line HTML, opening a token's span lazily (only when
/// text follows), closing every open span at each line end, and skipping a span whose class
/// is already in effect (a string inside a string).
#[derive(Default)]
pub(crate) struct LineWriter {
    lines: Vec<String>,
    current: String,
    /// The open tokens, outermost first: class, and whether it is written (not redundant).
    stack: Vec<(&'static str, bool)>,
    /// How many of `stack` are open in `current`.
    written: usize,
}

impl LineWriter {
    fn open(&mut self, class: &'static str) {
        let in_effect = self.stack.iter().rev().find(|(_, emit)| *emit);
        let emit = in_effect.is_none_or(|(c, _)| *c != class);
        self.stack.push((class, emit));
    }

    fn close(&mut self) {
        if let Some((_, emit)) = self.stack.pop()
            && self.written > self.stack.len()
        {
            if emit {
                self.current.push_str("</span>");
            }
            self.written = self.stack.len();
        }
    }

    fn text(&mut self, source: &str) {
        for (i, piece) in source.split('\n').enumerate() {
            if i > 0 {
                self.end_line();
            }
            if !piece.is_empty() {
                for (class, emit) in &self.stack[self.written..] {
                    if *emit {
                        self.current.push_str("<span class=\"");
                        self.current.push_str(class);
                        self.current.push_str("\">");
                    }
                }
                self.written = self.stack.len();
                push_escaped(&mut self.current, piece);
            }
        }
    }

    fn end_line(&mut self) {
        for (_, emit) in &self.stack[..self.written] {
            if *emit {
                self.current.push_str("</span>");
            }
        }
        self.written = 0;
        self.lines.push(std::mem::take(&mut self.current));
    }

    fn finish(mut self) -> Vec<String> {
        self.end_line();
        self.lines
    }
}

#[cfg(test)]
mod tests;
