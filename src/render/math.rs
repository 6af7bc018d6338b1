//! Math: LaTeX → MathML for the book (with math-core), and the MathJax delimiters of Anki.
//!
//! The book gets MathML: `<math alttext="<the LaTeX>">`, `display="block"` for display math,
//! converted by math-core 0.5 (MathML Core), then made valid MathML 3, the schema EPUBCheck
//! validates against: `displaystyle`/`scriptlevel` are allowed only on `<mstyle>` there (and
//! `displaystyle` on `<mtable>`), so an `<mrow>` carrying them becomes an `<mstyle>`, and a
//! `scriptlevel` on an `<mtable>` moves to an `<mstyle>` around it. Chromium renders both the
//! same.
//!
//! Before converting: control characters are replaced by spaces (math-core would copy them
//! into the XML), and LaTeX with more than [`MAX_TOKENS`] commands, braces, `^` and `_` is
//! refused, since math-core recurses once per nesting level and a stack overflow would abort
//! the whole program; [`MathSet::convert`] runs the conversions on a thread with a
//! [`STACK`]-byte stack, where that many levels fit many times over. LaTeX math-core refuses is
//! a [`MathError`]: the prepare stage reports it, and the book shows the LaTeX as code.
//!
//! Anki gets the LaTeX between MathJax's delimiters, `\(…\)` or `\[…\]`, HTML-escaped (MathJax
//! reads the decoded text), which every Anki client renders.

use crate::model::Inline;
use crate::render::html::push_escaped;
use math_core::{LatexToMathML, MathCoreConfig, MathDisplay};
use std::collections::BTreeMap;

/// The most commands, braces, `^` and `_` one formula may hold.
pub const MAX_TOKENS: usize = 1000;

/// The stack of the thread the conversions run on, in bytes.
pub const STACK: usize = 32 << 20;

/// LaTeX math-core cannot convert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MathError {
    /// What is wrong, in one sentence.
    pub message: String,
    /// The byte offset in the LaTeX where the problem is.
    pub offset: usize,
}

/// Every formula of a guide, converted once: the MathML of each, or why it has none.
#[derive(Debug, Clone, Default)]
pub struct MathSet {
    converted: BTreeMap<(bool, String), Result<String, MathError>>,
}

impl MathSet {
    /// Converts every `(display, latex)` of `formulas` on one thread with a [`STACK`]-byte
    /// stack (see the module documentation).
    pub fn convert(formulas: Vec<(bool, String)>) -> MathSet {
        if formulas.is_empty() {
            return MathSet::default();
        }
        let keys: Vec<(bool, String)> = formulas.clone();
        let work = move || {
            let converter = converter();
            let mut converted = BTreeMap::new();
            for (display, latex) in formulas {
                if !converted.contains_key(&(display, latex.clone())) {
                    let result = mathml(&converter, &latex, display);
                    converted.insert((display, latex), result);
                }
            }
            converted
        };
        let thread = std::thread::Builder::new()
            .name("math".into())
            .stack_size(STACK)
            .spawn(work);
        match thread.map(|handle| handle.join()) {
            Ok(Ok(converted)) => MathSet { converted },
            // A panic in math-core is a bug there; propagate it like any other.
            Ok(Err(panic)) => std::panic::resume_unwind(panic),
            // No thread, no conversion: every formula is shown as code, and reported.
            Err(e) => MathSet {
                converted: keys
                    .into_iter()
                    .map(|key| {
                        let error = MathError {
                            message: format!("could not start the math converter: {e}"),
                            offset: 0,
                        };
                        (key, Err(error))
                    })
                    .collect(),
            },
        }
    }

    /// The conversion of `latex`, if it was converted.
    pub fn get(&self, latex: &str, display: bool) -> Option<&Result<String, MathError>> {
        self.converted.get(&(display, latex.to_string()))
    }

    /// `true` when the set holds no formula.
    pub fn is_empty(&self) -> bool {
        self.converted.is_empty()
    }
}

/// The converter deckbook uses: MathML with its namespace, no pretty-printing, no macros.
fn converter() -> LatexToMathML {
    let config = MathCoreConfig {
        xml_namespace: true,
        ..MathCoreConfig::default()
    };
    // Without macros there is nothing that can fail to parse.
    LatexToMathML::new(config).unwrap_or_default()
}

/// The MathML of `latex` for the book (see the module documentation).
pub fn mathml(converter: &LatexToMathML, latex: &str, display: bool) -> Result<String, MathError> {
    let cleaned: String = latex
        .chars()
        .map(|c| {
            if c.is_control() && c != '\n' && c != '\t' {
                ' '
            } else {
                c
            }
        })
        .collect();
    if let Some(offset) = too_big(&cleaned) {
        return Err(MathError {
            message: format!(
                "the formula has more than {MAX_TOKENS} commands, braces, `^` and `_`"
            ),
            offset,
        });
    }
    let mode = if display {
        MathDisplay::Block
    } else {
        MathDisplay::Inline
    };
    let converted = converter
        .convert_with_local_counter(&cleaned, mode)
        .map_err(|e| MathError {
            message: e.error_message(),
            offset: e.0.start,
        })?;
    Ok(for_epub(&with_alttext(&converted, &cleaned)))
}

/// The byte offset of the token past [`MAX_TOKENS`], if `latex` has that many.
fn too_big(latex: &str) -> Option<usize> {
    let bytes = latex.as_bytes();
    let mut count = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let counted = match b {
            b'{' | b'^' | b'_' => true,
            b'\\' => bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic),
            _ => false,
        };
        if counted {
            count += 1;
            if count > MAX_TOKENS {
                return Some(i);
            }
        }
    }
    None
}

/// `mathml` with `alttext="<latex>"` on its `<math>` start tag (escaped; line breaks as
/// spaces).
fn with_alttext(mathml: &str, latex: &str) -> String {
    let Some(rest) = mathml.strip_prefix("<math") else {
        return mathml.to_string();
    };
    let mut out = String::with_capacity(mathml.len() + latex.len() + 16);
    out.push_str("<math alttext=\"");
    push_escaped(&mut out, &latex.trim().replace(['\n', '\t'], " "));
    out.push('"');
    out.push_str(rest);
    out
}

/// math-core's MathML Core made valid MathML 3 (see the module documentation). It reads
/// math-core's own output: well-formed, attributes in double quotes, `>` escaped in values.
fn for_epub(mathml: &str) -> String {
    let mut out = String::with_capacity(mathml.len() + 32);
    // What to write for each open element's end tag: its own, or more.
    let mut stack: Vec<&'static str> = Vec::new();
    let mut rest = mathml;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let Some(gt) = rest[lt..].find('>').map(|g| lt + g) else {
            break;
        };
        let tag = &rest[lt..=gt];
        rest = &rest[gt + 1..];
        if let Some(name) = tag.strip_prefix("</") {
            match stack.pop() {
                Some("mstyle") => out.push_str("</mstyle>"),
                Some("mtable+mstyle") => out.push_str("</mtable></mstyle>"),
                _ => {
                    out.push_str("</");
                    out.push_str(name);
                }
            }
            continue;
        }
        let self_closing = tag.ends_with("/>");
        let name_end = tag[1..]
            .find([' ', '>', '/'])
            .map_or(tag.len() - 1, |i| i + 1);
        let name = &tag[1..name_end];
        let attribute = |a: &str| -> Option<(usize, usize)> {
            let start = tag.find(&format!(" {a}=\""))?;
            let value = start + a.len() + 3;
            Some((start, value + tag[value..].find('"')? + 1))
        };
        let styled = attribute("displaystyle").is_some() || attribute("scriptlevel").is_some();
        if name == "mrow" && !self_closing && styled {
            out.push_str("<mstyle");
            out.push_str(&tag[name_end..]);
            stack.push("mstyle");
        } else if let (Some((i, j)), "mtable", false) =
            (attribute("scriptlevel"), name, self_closing)
        {
            out.push_str("<mstyle");
            out.push_str(&tag[i..j]);
            out.push('>');
            out.push_str(&tag[..i]);
            out.push_str(&tag[j..]);
            stack.push("mtable+mstyle");
        } else {
            out.push_str(tag);
            if !self_closing {
                stack.push("");
            }
        }
    }
    out.push_str(rest);
    out
}

/// Appends the MathJax form of a formula for an Anki field: `\(…\)` or `\[…\]` around the
/// escaped LaTeX.
pub fn push_mathjax(latex: &str, display: bool, out: &mut String) {
    out.push_str(if display { "\\[" } else { "\\(" });
    push_escaped(out, latex);
    out.push_str(if display { "\\]" } else { "\\)" });
}

/// Appends the MathML of a formula for the book, from `set`; LaTeX that has none (it did not
/// convert, or no set was given) is shown as code.
pub fn push_mathml(set: Option<&MathSet>, latex: &str, display: bool, out: &mut String) {
    match set.and_then(|set| set.get(latex, display)) {
        Some(Ok(mathml)) => out.push_str(mathml),
        Some(Err(_)) | None => {
            out.push_str("<code class=\"math-error\">");
            push_escaped(out, latex);
            out.push_str("</code>");
        }
    }
}

/// Appends text for an Anki field: escaped, with each backslash before `(`, `)`, `[` or `]`
/// followed by an empty `<span>`, so that MathJax, which looks for its delimiters within one
/// run of text, never takes text the guide wrote (`\\(` in Markdown) for math.
pub fn push_anki_text(text: &str, out: &mut String) {
    let mut rest = text;
    while let Some(at) = rest.find("\\") {
        let delimiter = rest[at + 1..].starts_with(['(', ')', '[', ']']);
        push_escaped(out, &rest[..=at]);
        if delimiter {
            out.push_str("<span></span>");
        }
        rest = &rest[at + 1..];
    }
    push_escaped(out, rest);
}

/// Every formula of `inlines`, nested ones included, as `(display, latex, line)`.
pub fn collect(inlines: &[Inline], out: &mut Vec<(bool, String, u32)>) {
    for inline in inlines {
        match inline {
            Inline::Math {
                latex,
                display,
                line,
            } => out.push((*display, latex.clone(), *line)),
            Inline::Emphasis { content }
            | Inline::Strong { content }
            | Inline::Strike { content }
            | Inline::Link { content, .. }
            | Inline::Cloze { content, .. } => collect(content, out),
            _ => {}
        }
    }
}

#[cfg(test)]
#[path = "math_tests.rs"]
mod tests;
