//! The spreadsheet CSV (`<slug>.csv`): one row per card under the header
//! `id,number,topic,section,question,answer,tags,source`.
//!
//! RFC 4180: comma-separated, fields quoted only when they hold a comma, a quote, CR or LF
//! (quotes doubled), every record ended by CRLF, UTF-8 (with a byte-order mark when asked,
//! which Excel needs to read UTF-8). Line breaks inside a cell stay LF, as the Markdown has
//! them.
//!
//! Cells hold Markdown: titles and questions as inline Markdown, the answer as the card's
//! blocks and its sections (`###` headings) rebuilt by [`super::markdown`].
//!
//! The formula guard (on unless `options.no_formula_guard`) prefixes every cell that starts
//! with `=`, `+`, `-`, `@`, a tab or a CR with `'`, so a spreadsheet shows it as text and
//! never evaluates it (OWASP's CSV-injection rule; many answers start with `- `).

use super::markdown;
use crate::emit::{EmitError, Options};
use crate::model::{Card, Guide};
use crate::prepare::{Prepared, PreparedCard};
use std::io::Write;

/// The header row.
pub const HEADER: [&str; 8] = [
    "id", "number", "topic", "section", "question", "answer", "tags", "source",
];

/// The UTF-8 byte-order mark written first with `options.csv_bom`.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Writes the header and one row per prepared card to `out`.
pub fn write(
    prepared: &Prepared<'_>,
    options: &Options,
    out: &mut dyn Write,
) -> Result<(), EmitError> {
    let rows = prepared.cards.iter().map(|card| row(prepared.guide, card));
    write_table(&HEADER, rows, options, out)
}

/// The header of a bundle's spreadsheet: [`HEADER`] after a `guide` column, which holds
/// each row's guide's slug (the ids are unique only within a guide).
pub const BUNDLE_HEADER: [&str; 9] = [
    "guide", "id", "number", "topic", "section", "question", "answer", "tags", "source",
];

/// Writes `header` and `rows` (cells before the formula guard) to `out`, with the
/// byte-order mark and the formula guard as `options` say.
pub fn write_table<R: AsRef<[String]>>(
    header: &[&str],
    rows: impl IntoIterator<Item = R>,
    options: &Options,
    out: &mut dyn Write,
) -> Result<(), EmitError> {
    if options.csv_bom {
        out.write_all(BOM)?;
    }
    let mut writer = super::record_writer(out, None);
    writer.write_record(header)?;
    let guard = !options.no_formula_guard;
    for row in rows {
        for cell in row.as_ref() {
            if guard {
                writer.write_field(guard_formula(cell).as_bytes())?;
            } else {
                writer.write_field(cell)?;
            }
        }
        writer.write_record(None::<&[u8]>)?;
    }
    writer.flush()?;
    Ok(())
}

/// The cells of `prepared`, in [`HEADER`] order, before the formula guard. A question without
/// visible text shows the card's id, as every output does.
pub fn row(guide: &Guide, prepared: &PreparedCard<'_>) -> [String; 8] {
    let card = &prepared.card;
    let number = card
        .topic
        .number
        .as_ref()
        .map(|n| n.0.clone())
        .unwrap_or_default();
    let topic = markdown::inline_text(&card.topic.title);
    let section = card
        .section
        .map(|s| markdown::inline_text(&s.title))
        .unwrap_or_default();
    let mut question = if prepared.untitled {
        card.id.to_string()
    } else {
        markdown::inline_text(card.question)
    };
    if card.qualified && !prepared.untitled {
        let prefix = card.topic.prefix.trim();
        let number = if prefix.is_empty() {
            String::new()
        } else {
            format!("{prefix} ")
        };
        question = format!(
            "{number}{} \u{203a} {question}",
            markdown::inline_text(&card.topic.title)
        );
    }
    if !card.prompt.is_empty() {
        question.push_str("\n\n");
        markdown::blocks(card.prompt, &mut question);
        question.truncate(question.trim_end().len());
    }
    [
        card.id.to_string(),
        number,
        topic,
        section,
        question,
        answer(card),
        prepared.tags.join(" "),
        format!("{}:{}", guide.file_of(card.topic), card.line),
    ]
}

/// The answer of `card` as Markdown: its blocks, then its sections under `###` headings.
pub fn answer(card: &Card<'_>) -> String {
    let mut out = String::new();
    markdown::blocks(card.blocks, &mut out);
    markdown::sections(card.sections, 0, &mut out);
    out.truncate(out.trim_end().len());
    out
}

/// `cell` with `'` in front when it starts with `=`, `+`, `-`, `@`, tab or CR.
pub fn guard_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}
