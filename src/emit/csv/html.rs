//! The guide's raw HTML in the spreadsheet's Markdown: the model's allow-listed elements
//! written back as HTML, which Markdown passes through, so a cell reads as the guide wrote it
//! and renders alike in a Markdown tool.
//!
//! An anchor's `id` is written as the guide wrote it (`model::written_anchor`), so the cell's
//! in-guide links (kept as written) still reach it.
//!
//! Everything written here is safe by construction: the elements and attributes are the
//! model's allow-list (the parser dropped scripts, handlers and `javascript:` links), attribute
//! values and text are HTML-escaped, and nothing written opens a comment or a raw-text element.
//!
//! - An element that holds text (`p`, `pre`, `summary`, `h1`–`h6`) is written as HTML on its
//!   own, its content too (Markdown emphasis inside becomes `<em>`): inside an HTML block,
//!   Markdown is not read.
//! - Another block element (`div`, `details`, `ul`, `table`, …) is written as compact HTML
//!   when all it holds is HTML; when it holds Markdown blocks (a paragraph, a list, code), its
//!   tags stand on lines of their own with blank lines around its children, which are written
//!   as Markdown (CommonMark reads Markdown inside HTML only after a blank line).
//! - A blank line inside HTML would end the HTML block: runs of line breaks in text are written
//!   as one line break and `&#10;` for each further one (the same text to an HTML reader).

use crate::model::{Attr, AttrName, Block, Inline, Tag, TagKind, written_anchor};
use crate::render::escape_text;

/// Whether `block` is written as HTML alone (see the module documentation).
pub fn is_compact(block: &Block) -> bool {
    match block {
        Block::Element { tag, children, .. } => {
            tag.kind() == TagKind::Text || children.iter().all(is_compact)
        }
        Block::Plain { .. } | Block::Comment { .. } => true,
        _ => false,
    }
}

/// Appends `block`, which [`is_compact`], as HTML.
pub fn block(block: &Block, out: &mut String) {
    match block {
        Block::Element {
            tag,
            attrs,
            children,
        } => {
            open(*tag, attrs, out);
            if tag.kind() == TagKind::Rule {
                return;
            }
            let mut inner = String::new();
            for child in children {
                self::block(child, &mut inner);
            }
            // An HTML parser drops a newline right after `<pre>`: write one more (and the
            // pre's own as a reference, so no blank line ends the HTML block).
            match inner.strip_prefix('\n') {
                Some(rest) if *tag == Tag::Pre => {
                    out.push_str("\n&#10;");
                    out.push_str(rest);
                }
                _ => out.push_str(&inner),
            }
            close(*tag, out);
            if tag.kind() != TagKind::Text {
                out.push('\n');
            }
        }
        Block::Plain { content } => inlines(content, out),
        _ => {}
    }
}

/// Appends the opening tag of `tag` with `attrs` (`<br>`, `<hr>` and `<img>` are complete).
pub fn open(tag: Tag, attrs: &[Attr], out: &mut String) {
    out.push('<');
    out.push_str(tag.name());
    for attr in attrs {
        // An anchor keeps the name the guide's links use.
        let value = match attr.name {
            AttrName::Fragment => continue,
            AttrName::Id => written_anchor(attrs).unwrap_or(&attr.value),
            _ => &attr.value,
        };
        out.push(' ');
        out.push_str(attr.name.as_str());
        out.push_str("=\"");
        text(value, out);
        out.push('"');
    }
    out.push('>');
}

/// Appends the end tag of `tag`.
pub fn close(tag: Tag, out: &mut String) {
    out.push_str("</");
    out.push_str(tag.name());
    out.push('>');
}

/// Appends inline content as HTML: Markdown's inlines as the elements they render to.
pub fn inlines(content: &[Inline], out: &mut String) {
    for inline in content {
        match inline {
            Inline::Text { text: t } => text(t, out),
            Inline::Code { code } => wrap("code", |out| text(code, out), out),
            Inline::Emphasis { content } => wrap("em", |out| inlines(content, out), out),
            Inline::Strong { content } => wrap("strong", |out| inlines(content, out), out),
            Inline::Strike { content } => wrap("s", |out| inlines(content, out), out),
            Inline::Link {
                url,
                title,
                content,
            } => {
                out.push_str("<a href=\"");
                text(url, out);
                out.push('"');
                if !title.is_empty() {
                    out.push_str(" title=\"");
                    text(title, out);
                    out.push('"');
                }
                out.push('>');
                inlines(content, out);
                out.push_str("</a>");
            }
            Inline::Image { url, title, alt } => {
                out.push_str("<img src=\"");
                text(url, out);
                out.push_str("\" alt=\"");
                text(alt, out);
                out.push('"');
                if !title.is_empty() {
                    out.push_str(" title=\"");
                    text(title, out);
                    out.push('"');
                }
                out.push('>');
            }
            Inline::SoftBreak => text("\n", out),
            Inline::HardBreak => out.push_str("<br>"),
            Inline::Element {
                tag,
                attrs,
                content,
            } => {
                open(*tag, attrs, out);
                if tag.kind() != TagKind::Void {
                    inlines(content, out);
                    close(*tag, out);
                }
            }
            Inline::FootnoteRef { label } => {
                out.push_str("[^");
                text(label, out);
                out.push(']');
            }
            // Among HTML, where dollars are not math, LaTeX keeps its own delimiters.
            Inline::Math { latex, display, .. } => {
                text(if *display { "\\[" } else { "\\(" }, out);
                text(latex, out);
                text(if *display { "\\]" } else { "\\)" }, out);
            }
            Inline::Cloze {
                number,
                content,
                hint,
            } => {
                text(&format!("{{{{c{number}::"), out);
                inlines(content, out);
                if let Some(hint) = hint {
                    text("::", out);
                    text(hint, out);
                }
                text("}}", out);
            }
        }
    }
}

fn wrap(tag: &str, inner: impl FnOnce(&mut String), out: &mut String) {
    out.push('<');
    out.push_str(tag);
    out.push('>');
    inner(out);
    out.push_str("</");
    out.push_str(tag);
    out.push('>');
}

/// Appends `t` HTML-escaped, a run of line breaks written without a blank line (see the
/// module documentation).
fn text(t: &str, out: &mut String) {
    let escaped = escape_text(t);
    let mut newlines = 0;
    for c in escaped.chars() {
        if c == '\n' {
            out.push_str(if newlines == 0 { "\n" } else { "&#10;" });
            newlines += 1;
        } else {
            newlines = 0;
            out.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Inline {
        Inline::Text { text: s.into() }
    }

    #[test]
    fn text_elements_are_html_with_their_markdown_as_html() {
        let summary = Block::Element {
            tag: Tag::Summary,
            attrs: vec![Attr {
                name: AttrName::Title,
                value: "a \"b\"".into(),
            }],
            children: vec![Block::Plain {
                content: vec![
                    t("x<y & "),
                    Inline::Emphasis {
                        content: vec![t("z")],
                    },
                    Inline::Code {
                        code: "</summary>".into(),
                    },
                ],
            }],
        };
        assert!(is_compact(&summary));
        let mut out = String::new();
        block(&summary, &mut out);
        assert_eq!(
            out,
            "<summary title=\"a &quot;b&quot;\">x&lt;y &amp; <em>z</em>\
             <code>&lt;/summary&gt;</code></summary>"
        );
    }

    #[test]
    fn blank_lines_never_end_the_html() {
        let pre = Block::Element {
            tag: Tag::Pre,
            attrs: Vec::new(),
            children: vec![Block::Plain {
                content: vec![t("\na\n\n\nb")],
            }],
        };
        let mut out = String::new();
        block(&pre, &mut out);
        assert_eq!(out, "<pre>\n&#10;a\n&#10;&#10;b</pre>");
    }
}
