//! Model → Markdown: the readable answer text of the spreadsheet CSV.
//!
//! The writer rebuilds CommonMark/GFM from the model, aiming at text a person reads in a
//! spreadsheet cell and that a Markdown tool would render back to the same structure:
//!
//! - paragraphs and blocks are separated by one blank line; soft breaks stay line breaks;
//! - code blocks are fenced (three backticks, or one more than the longest backtick run at
//!   the start of a code line) with their language;
//! - lists use `- ` or `N. ` markers, task items `[ ]`/`[x]`, nested blocks indented under
//!   the marker; tables become pipe tables with their alignment row; quotes get `> `;
//! - emphasis, strong, strikethrough, links, images and inline code are written as Markdown;
//!   the guide's raw HTML, which the model holds as allow-listed elements, is written as safe
//!   HTML ([`super::html`]); comments are left out; math as LaTeX between `$…$` or `$$…$$`; a
//!   cloze deletion in Anki's syntax, `{{cN::…}}` (`{{cN::…::hint}}`), its number written out
//!   even when the guide used the shorthand `==…==`, so the cell says which card hides it —
//!   and reads back, into deckbook or Anki's own Cloze note type, as the same deletion;
//! - text is written so that it stays text: a `<` that would open a tag or an autolink and an
//!   `&` that would start a character reference are written as references (`&lt;`, `&amp;`,
//!   which read right in Markdown and in HTML alike), a `\` before punctuation is doubled, and
//!   a `]` before `(`, `[` or `:` (which could close a link) gets a backslash; nothing else is
//!   escaped inside lines (so `__init__` stays readable), and a line start that would turn a
//!   paragraph into a heading, quote, list or fence gets a backslash;
//! - no line of Markdown text starts an HTML block that would swallow the lines after it: a
//!   paragraph whose first line is a tag alone is joined to its second line, and a block that
//!   starts with a tag is followed by a blank line.
//!
//! Everything is appended to a `String`; nothing here can fail.

use super::html;
use crate::model::{Align, Block, Inline, ListItem, Section};

/// Appends the Markdown of `blocks` to `out`, blocks separated by a blank line. `out` is
/// expected to be empty or to end where a new block may start.
pub fn blocks(blocks: &[Block], out: &mut String) {
    for block in blocks {
        if matches!(block, Block::Comment { .. }) {
            continue;
        }
        separate(out);
        self::block(block, out);
    }
}

/// Appends `sections` as `###` headings (one `#` more per nesting level, at most six)
/// each followed by its blocks, the way an answer shows its sections.
pub fn sections(sections: &[Section], depth: usize, out: &mut String) {
    let level = (3 + depth).min(6);
    for section in sections {
        separate(out);
        out.push_str(&"#".repeat(level));
        out.push(' ');
        out.push_str(&one_line(&inline_text(&section.title)));
        blocks(&section.blocks, out);
        self::sections(&section.sections, depth + 1, out);
    }
}

/// The Markdown of inline content (a question, a title), soft breaks kept as newlines.
pub fn inline_text(content: &[Inline]) -> String {
    let mut out = String::new();
    inlines(content, &mut out);
    out
}

/// Starts a new block: a blank line after any text already in `out`.
fn separate(out: &mut String) {
    if out.is_empty() {
        return;
    }
    while out.ends_with(' ') {
        out.pop();
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    if !out.ends_with("\n\n") {
        out.push('\n');
    }
}

fn block(block: &Block, out: &mut String) {
    match block {
        Block::Paragraph { content } | Block::Plain { content } => {
            out.push_str(&paragraph(content));
        }
        Block::Heading { level, content } => {
            out.push_str(&"#".repeat(usize::from((*level).clamp(1, 6))));
            out.push(' ');
            out.push_str(&one_line(&inline_text(content)));
        }
        Block::List { start, items } => list(*start, items, out),
        Block::Code { lang, text, .. } => code_block(lang.as_deref(), text, out),
        Block::Table { align, head, rows } => table(align, head, rows, out),
        Block::Quote { blocks: inner } => {
            let mut text = String::new();
            blocks(inner, &mut text);
            out.push_str(&prefix_lines(text.trim_end_matches('\n'), "> ", ">"));
        }
        Block::Rule => out.push_str("---"),
        Block::Element {
            tag,
            attrs,
            children,
        } => {
            if html::is_compact(block) {
                let mut written = String::new();
                html::block(block, &mut written);
                out.push_str(written.trim_end_matches('\n'));
            } else {
                html::open(*tag, attrs, out);
                let mut inner = String::new();
                blocks(children, &mut inner);
                out.push_str("\n\n");
                out.push_str(inner.trim_end_matches('\n'));
                out.push_str("\n\n");
                html::close(*tag, out);
            }
        }
        Block::Comment { .. } => {}
        Block::Footnote {
            label,
            blocks: inner,
        } => {
            let mut text = String::new();
            blocks(inner, &mut text);
            out.push_str(&format!("[^{label}]: "));
            out.push_str(&indent_rest(text.trim_end_matches('\n'), "    "));
        }
    }
}

fn list(start: Option<u64>, items: &[ListItem], out: &mut String) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let marker = match start {
            Some(n) => format!("{}. ", n.saturating_add(i as u64)),
            None => "- ".to_string(),
        };
        let mut text = String::new();
        match item.checked {
            Some(true) => text.push_str("[x] "),
            Some(false) => text.push_str("[ ] "),
            None => {}
        }
        text.push_str(&item_blocks(&item.blocks));
        out.push_str(&marker);
        out.push_str(&indent_rest(&text, &" ".repeat(marker.len())));
    }
}

/// The blocks of a list item: a nested list or code block follows a paragraph directly (a
/// tight item, as guides write them) unless the paragraph starts with a tag (it could be an
/// HTML block, which would swallow them); other blocks are separated by a blank line.
fn item_blocks(item: &[Block]) -> String {
    let mut out = String::new();
    let mut tight_after = false;
    for b in item.iter().filter(|b| !matches!(b, Block::Comment { .. })) {
        if !out.is_empty() {
            if tight_after && matches!(b, Block::List { .. } | Block::Code { .. }) {
                out.push('\n');
            } else {
                separate(&mut out);
            }
        }
        let start = out.len();
        block(b, &mut out);
        tight_after = matches!(b, Block::Paragraph { .. }) && !out[start..].starts_with('<');
    }
    out.trim_end_matches('\n').to_string()
}

fn code_block(lang: Option<&str>, text: &str, out: &mut String) {
    let longest = text
        .lines()
        .map(|line| line.trim_start().chars().take_while(|&c| c == '`').count())
        .max()
        .unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    out.push_str(&fence);
    if let Some(lang) = lang {
        out.push_str(lang);
    }
    out.push('\n');
    out.push_str(text);
    if !text.is_empty() && !text.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&fence);
}

fn table(align: &[Align], head: &[Vec<Inline>], rows: &[Vec<Vec<Inline>>], out: &mut String) {
    let columns = head
        .len()
        .max(rows.iter().map(Vec::len).max().unwrap_or(0))
        .max(1);
    let row = |cells: &[Vec<Inline>]| -> String {
        let mut line = String::from("|");
        for i in 0..columns {
            let cell = cells.get(i).map(|c| table_cell(c)).unwrap_or_default();
            line.push(' ');
            line.push_str(&cell);
            line.push_str(" |");
        }
        line
    };
    out.push_str(&row(head));
    out.push_str("\n|");
    for i in 0..columns {
        out.push_str(match align.get(i).copied().unwrap_or(Align::None) {
            Align::None => " --- |",
            Align::Left => " :-- |",
            Align::Center => " :-: |",
            Align::Right => " --: |",
        });
    }
    for cells in rows {
        out.push('\n');
        out.push_str(&row(cells));
    }
}

/// A table cell on one line, with its pipes escaped.
fn table_cell(content: &[Inline]) -> String {
    one_line(&inline_text(content)).replace('|', "\\|")
}

/// `text` with line breaks folded into spaces (headings and table cells are one line).
fn one_line(text: &str) -> String {
    text.replace("\\\n", " ").replace('\n', " ")
}

/// A paragraph's Markdown: its line starts guarded, and a tag alone on its first line joined
/// to the next line (alone, it would start an HTML block holding the whole paragraph).
fn paragraph(content: &[Inline]) -> String {
    let mut text = guard_line_starts(&inline_text(content));
    if let Some(end) = text.find('\n')
        && is_lone_tag(&text[..end])
    {
        text.replace_range(end..end + 1, " ");
    }
    text
}

/// Whether `line` is one tag and nothing else (CommonMark's HTML block start 7).
fn is_lone_tag(line: &str) -> bool {
    let line = line.trim();
    line.starts_with('<') && line.ends_with('>') && line.matches('<').count() == 1
}

fn inlines(content: &[Inline], out: &mut String) {
    inlines_in(content, false, out);
}

/// [`inlines`], inside a link's text when `in_link` (where a bracket would end the text).
fn inlines_in(content: &[Inline], in_link: bool, out: &mut String) {
    for inline in content {
        match inline {
            Inline::Text { text } => push_text(text, in_link, out),
            Inline::Code { code } => code_span(code, out),
            Inline::Emphasis { content } => wrap("*", content, in_link, out),
            Inline::Strong { content } => wrap("**", content, in_link, out),
            Inline::Strike { content } => wrap("~~", content, in_link, out),
            Inline::Link {
                url,
                title,
                content,
            } => {
                out.push('[');
                inlines_in(content, true, out);
                out.push_str("](");
                destination(url, title, out);
                out.push(')');
            }
            Inline::Image { url, title, alt } => {
                out.push_str("![");
                out.push_str(&alt.replace(['[', ']'], ""));
                out.push_str("](");
                destination(url, title, out);
                out.push(')');
            }
            Inline::SoftBreak => out.push('\n'),
            Inline::HardBreak => out.push_str("\\\n"),
            Inline::Element {
                tag,
                attrs,
                content,
            } => {
                html::open(*tag, attrs, out);
                if tag.kind() != crate::model::TagKind::Void {
                    inlines_in(content, in_link, out);
                    html::close(*tag, out);
                }
            }
            Inline::FootnoteRef { label } => {
                out.push_str("[^");
                out.push_str(label);
                out.push(']');
            }
            Inline::Math { latex, display, .. } => math(latex, *display, out),
            Inline::Cloze {
                number,
                content,
                hint,
            } => {
                out.push_str(&format!("{{{{c{number}::"));
                inlines_in(content, in_link, out);
                if let Some(hint) = hint {
                    out.push_str("::");
                    out.push_str(hint);
                }
                out.push_str("}}");
            }
        }
    }
}

/// A formula with the delimiters a spreadsheet user knows: `$…$`, `$$…$$`; LaTeX that would
/// not read back between dollars (it holds a `$`, or inline math starts or ends with a
/// space) keeps `\(…\)` or `\[…\]`.
fn math(latex: &str, display: bool, out: &mut String) {
    let dollars = !latex.contains('$') && (display || latex.trim() == latex);
    let (open, close) = match (dollars, display) {
        (true, false) => ("$", "$"),
        (true, true) => ("$$", "$$"),
        (false, false) => ("\\(", "\\)"),
        (false, true) => ("\\[", "\\]"),
    };
    out.push_str(open);
    out.push_str(latex);
    out.push_str(close);
}

/// Appends text so that it stays text (see the module documentation); in a link's text
/// (`in_link`) every bracket gets a backslash.
fn push_text(text: &str, in_link: bool, out: &mut String) {
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        let next = bytes.get(i + 1).copied();
        match c {
            '<' if next
                .is_some_and(|b| b.is_ascii_alphabetic() || matches!(b, b'/' | b'!' | b'?')) =>
            {
                out.push_str("&lt;");
            }
            '&' if starts_reference(&text[i + 1..]) => out.push_str("&amp;"),
            '\\' if next.is_some_and(|b| b.is_ascii_punctuation()) => out.push_str("\\\\"),
            '[' if in_link => out.push_str("\\["),
            ']' if in_link || matches!(next, Some(b'(' | b'[' | b':')) => out.push_str("\\]"),
            c => out.push(c),
        }
    }
}

/// Whether text after an `&` would make it a character reference (`amp;`, `#38;`, `#x26;`).
fn starts_reference(after: &str) -> bool {
    let Some(end) = after.find(';') else {
        return false;
    };
    let name = &after[..end];
    let numeric = name.strip_prefix('#').map(|n| {
        n.strip_prefix(['x', 'X']).map_or_else(
            || !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()),
            |h| !h.is_empty() && h.bytes().all(|b| b.is_ascii_hexdigit()),
        )
    });
    match numeric {
        Some(valid) => valid,
        None => {
            name.len() <= 40
                && name.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
                && name.bytes().all(|b| b.is_ascii_alphanumeric())
        }
    }
}

fn wrap(delimiter: &str, content: &[Inline], in_link: bool, out: &mut String) {
    out.push_str(delimiter);
    inlines_in(content, in_link, out);
    out.push_str(delimiter);
}

/// An inline code span: delimited by one backtick more than the longest run inside, padded
/// with a space when the code starts or ends with a backtick.
fn code_span(code: &str, out: &mut String) {
    let mut longest = 0;
    let mut run = 0;
    for ch in code.chars() {
        run = if ch == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let ticks = "`".repeat(longest + 1);
    let pad = if code.starts_with('`') || code.ends_with('`') {
        " "
    } else {
        ""
    };
    out.push_str(&ticks);
    out.push_str(pad);
    out.push_str(code);
    out.push_str(pad);
    out.push_str(&ticks);
}

/// A link destination (in `<…>` when it has spaces or parentheses) and its title.
fn destination(url: &str, title: &str, out: &mut String) {
    if url.contains([' ', '(', ')']) {
        out.push('<');
        out.push_str(&url.replace('<', "%3C").replace('>', "%3E"));
        out.push('>');
    } else {
        out.push_str(url);
    }
    if !title.is_empty() {
        out.push_str(" \"");
        out.push_str(&title.replace('"', "\\\""));
        out.push('"');
    }
}

/// Backslash-escapes the start of every paragraph line that Markdown would otherwise read
/// as a heading, quote, list item, fence, thematic break or table row.
fn guard_line_starts(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if starts_block(line) {
            out.push('\\');
        }
        out.push_str(line);
    }
    out
}

fn starts_block(line: &str) -> bool {
    let mut chars = line.chars();
    let first = chars.next();
    let second = chars.next();
    match first {
        Some('#' | '>' | '|') => true,
        Some('`' | '~') => line.starts_with("```") || line.starts_with("~~~"),
        Some('-' | '+' | '*' | '=') => matches!(second, None | Some(' ' | '\t' | '-' | '=')),
        Some(c) if c.is_ascii_digit() => {
            let rest = line.trim_start_matches(|c: char| c.is_ascii_digit());
            rest.starts_with(". ") || rest.starts_with(") ")
        }
        _ => false,
    }
}

/// Every line of `text` but the first indented by `indent` (blank lines stay empty).
fn indent_rest(text: &str, indent: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
            if !line.is_empty() {
                out.push_str(indent);
            }
        }
        out.push_str(line);
    }
    out
}

/// Every line of `text` prefixed with `prefix`, or with `blank` when the line is empty.
fn prefix_lines(text: &str, prefix: &str, blank: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if line.is_empty() {
            out.push_str(blank);
        } else {
            out.push_str(prefix);
            out.push_str(line);
        }
    }
    out
}

#[cfg(test)]
#[path = "markdown_tests.rs"]
mod tests;
