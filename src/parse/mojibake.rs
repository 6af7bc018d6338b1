//! Mis-encoded text repair: runs of UTF-8 that were once decoded as Windows-1252 (`â€™` for
//! `’`, `ðŸ”¹` for `🔹`, `Â²` for `²`) are restored wherever the bytes round-trip to valid
//! UTF-8. Genuine non-ASCII text (`café`, `naïve`, `日本語`, emoji) never round-trips to a
//! multi-byte sequence, so it is left alone. Also drops control characters.

use crate::diagnostic::{Diagnostic, DiagnosticCode};
use std::collections::BTreeMap;

/// The Windows-1252 byte a character came from, if it has one and is not ASCII.
/// Bytes 0xA0–0xFF are Latin-1; 0x80–0x9F are the Windows-1252 specials, and the five
/// undefined ones decode (per the WHATWG encoding standard) to the C1 control of that value.
fn cp1252_byte(ch: char) -> Option<u8> {
    let c = ch as u32;
    if (0xA0..=0xFF).contains(&c) {
        return Some(c as u8);
    }
    Some(match ch {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        '\u{81}' | '\u{8D}' | '\u{8F}' | '\u{90}' | '\u{9D}' => c as u8,
        _ => return None,
    })
}

/// Length of the UTF-8 sequence a lead byte starts (0 if it is not a multi-byte lead).
fn sequence_len(lead: u8) -> usize {
    match lead {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => 0,
    }
}

/// Where one kind of mis-encoding was seen: count, first line and column, every line.
type Seen = (usize, u32, u32, Vec<u32>);

/// What one repair pass found: (mis-encoded, restored) → where.
#[derive(Debug, Default)]
struct Found {
    pairs: BTreeMap<(String, String), Seen>,
    total: usize,
}

/// Restores mis-encoded runs in `text`; returns the repaired text (`None` when nothing
/// changed) and the number of runs restored, and pushes one warning per distinct
/// mis-encoding (with where else it occurs).
pub fn repair(text: &str, path: &str, diags: &mut Vec<Diagnostic>) -> (Option<String>, usize) {
    // Fast path: mojibake needs a character of U+00C2–U+00F4 (a lead byte) to exist, which
    // UTF-8 encodes as 0xC3 0x82–0xB4.
    let bytes = text.as_bytes();
    let lead = |i: usize| bytes.get(i + 1).is_some_and(|b| (0x82..=0xB4).contains(b));
    if !memchr::memchr_iter(0xC3, bytes).any(lead) {
        return (None, 0);
    }
    let mut out = String::with_capacity(text.len());
    let mut found = Found::default();
    // Only the lines holding a lead byte are repaired; the text between them is copied
    // whole, its lines counted.
    let (mut copied, mut line_no) = (0, 1);
    for at in memchr::memchr_iter(0xC3, bytes).filter(|&i| lead(i)) {
        if at < copied {
            continue;
        }
        let start = memchr::memrchr(b'\n', &bytes[copied..at]).map_or(copied, |i| copied + i + 1);
        let end = memchr::memchr(b'\n', &bytes[at..]).map_or(text.len(), |i| at + i + 1);
        let between = &text[copied..start];
        line_no += between.bytes().filter(|&b| b == b'\n').count() as u32;
        out.push_str(between);
        repair_line(&text[start..end], line_no, &mut out, &mut found);
        line_no += 1;
        copied = end;
    }
    out.push_str(&text[copied..]);
    if found.total == 0 {
        return (None, 0);
    }
    let mut firsts: Vec<_> = found.pairs.into_iter().collect();
    firsts.sort_by_key(|(_, (_, line, column, _))| (*line, *column));
    for ((from, to), (count, line, column, lines)) in firsts {
        let mut d = Diagnostic::warning(
            DiagnosticCode::MisEncoded,
            format!("mis-encoded text `{from}` restored as `{to}`"),
        )
        .at(path, line, column);
        if count > 1 {
            let shown: Vec<String> = lines.iter().take(8).map(u32::to_string).collect();
            let more = if lines.len() > 8 { ", …" } else { "" };
            let on = if lines.len() == 1 { "line" } else { "lines" };
            d = d.note(format!(
                "{count} times in all, on {on} {}{more}",
                shown.join(", ")
            ));
        }
        diags.push(
            d.note("the text was UTF-8 decoded as Windows-1252; `--no-repair` keeps it as is"),
        );
    }
    (Some(out), found.total)
}

fn repair_line(line: &str, line_no: u32, out: &mut String, found: &mut Found) {
    // Every lead byte (U+00C2–U+00F4) is encoded in UTF-8 as 0xC3 and one more byte.
    if !line.as_bytes().contains(&0xC3) {
        out.push_str(line);
        return;
    }
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let Some(lead) = cp1252_byte(chars[i]) else {
            out.push(chars[i]);
            i += 1;
            continue;
        };
        let len = sequence_len(lead);
        let restored = (len > 0 && i + len <= chars.len())
            .then(|| {
                let mut bytes = [lead, 0, 0, 0];
                for k in 1..len {
                    bytes[k] = cp1252_byte(chars[i + k])?;
                }
                let s = std::str::from_utf8(&bytes[..len]).ok()?;
                let c = s.chars().next()?;
                (!c.is_control()).then_some(c)
            })
            .flatten();
        match restored {
            Some(c) => {
                // Extend over the whole run of adjacent repairs for the report.
                let from: String = chars[i..i + len].iter().collect();
                out.push(c);
                found.total += 1;
                let entry = found.pairs.entry((from, c.to_string())).or_insert((
                    0,
                    line_no,
                    i as u32 + 1,
                    Vec::new(),
                ));
                entry.0 += 1;
                if entry.3.last() != Some(&line_no) {
                    entry.3.push(line_no);
                }
                i += len;
            }
            None => {
                out.push(chars[i]);
                i += 1;
            }
        }
    }
}

/// Drops control characters other than tab and newline (`None` when there are none); one
/// warning says how many and where.
pub fn drop_controls(
    text: &str,
    path: &str,
    diags: &mut Vec<Diagnostic>,
) -> (Option<String>, usize) {
    let is_bad = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !has_control(text) {
        return (None, 0);
    }
    let mut out = String::with_capacity(text.len());
    let mut count = 0;
    let mut first = None;
    let mut lines = Vec::new();
    for (index, line) in super::lines::split_inclusive(text).enumerate() {
        for (col, c) in line.chars().enumerate() {
            if is_bad(c) {
                count += 1;
                first.get_or_insert((index as u32 + 1, col as u32 + 1, c));
                if lines.last() != Some(&(index as u32 + 1)) {
                    lines.push(index as u32 + 1);
                }
            } else {
                out.push(c);
            }
        }
    }
    if let Some((line, column, c)) = first {
        let shown: Vec<String> = lines.iter().take(8).map(u32::to_string).collect();
        diags.push(
            Diagnostic::warning(
                DiagnosticCode::ControlCharacter,
                format!("control character U+{:04X} dropped", c as u32),
            )
            .at(path, line, column)
            .note(format!(
                "{count} control character(s) dropped in all, on lines {}{}",
                shown.join(", "),
                if lines.len() > 8 { ", …" } else { "" }
            )),
        );
    }
    (Some(out), count)
}

/// Does `text` hold a control character other than tab and newline? A byte scan: C0
/// controls and DEL are single bytes, C1 controls (U+0080–U+009F) are 0xC2 0x80–0x9F.
fn has_control(text: &str) -> bool {
    let bytes = text.as_bytes();
    let c0 = |b: u8| (b < 0x20 && b != b'\n' && b != b'\t') | (b == 0x7F);
    // Folded per chunk, without an early exit inside it, so the scan is vectorised.
    bytes
        .chunks(64)
        .any(|chunk| chunk.iter().fold(false, |found, &b| found | c0(b)))
        || memchr::memchr_iter(0xC2, bytes)
            .any(|i| bytes.get(i + 1).is_some_and(|b| (0x80..=0x9F).contains(b)))
}

#[cfg(test)]
mod tests {
    #[test]
    fn repairs_name_the_lines_they_are_on() {
        let text = "ok\nfine\ncafÃ© one\nplain\nâ€™ and cafÃ©\nend";
        let mut diags = Vec::new();
        let (out, n) = super::repair(text, "t.md", &mut diags);
        assert_eq!(
            out.as_deref(),
            Some("ok\nfine\ncafé one\nplain\n’ and café\nend")
        );
        assert_eq!(n, 3);
        let at = |d: &crate::diagnostic::Diagnostic| d.location.as_ref().map(|l| l.line);
        assert_eq!(diags.iter().map(at).collect::<Vec<_>>(), [Some(3), Some(5)]);
        assert!(
            diags[0].notes[0].contains("on lines 3, 5"),
            "{:?}",
            diags[0].notes
        );
    }

    #[test]
    fn has_control_agrees_with_char_is_control() {
        let is_bad = |c: char| c.is_control() && c != '\n' && c != '\t';
        for c in ('\0'..='\u{2FF}').chain(['€', '𝄞', '\u{2028}']) {
            for text in [
                format!("{c}"),
                format!("abc{c}def\n"),
                format!("{}{c}", "x".repeat(70)),
            ] {
                assert_eq!(super::has_control(&text), text.chars().any(is_bad), "{c:?}");
            }
        }
    }

    use super::*;

    fn fix(s: &str) -> (String, usize) {
        let (text, n) = repair(s, "t.md", &mut Vec::new());
        (text.unwrap_or_else(|| s.to_string()), n)
    }

    #[test]
    fn restores_the_seeds_mis_encodings() {
        assert_eq!(fix("itâ€™s").0, "it’s");
        assert_eq!(fix("ðŸ”¹ Note").0, "🔹 Note");
        assert_eq!(fix("â”œâ”€â”€ src").0, "├── src");
        assert_eq!(fix("xÂ² and a â†’ b").0, "x² and a → b");
        assert_eq!(fix("â€œquotedâ€\u{9d}").0, "“quoted”");
        assert_eq!(fix("âœ… done").0, "✅ done");
        assert_eq!(fix("â”œâ”€â”€").1, 3);
    }

    #[test]
    fn genuine_non_ascii_is_untouched() {
        for s in [
            "café naïve résumé",
            "日本語のテキスト",
            "emoji 🔹✅🎉",
            "Größe £5 ½ ±1 © ® ¿qué? «ok»",
            "’ “ ” — – … • ™",
            "Ã alone, Â alone",
        ] {
            assert_eq!(fix(s), (s.to_string(), 0), "{s}");
        }
    }

    #[test]
    fn one_warning_per_distinct_mis_encoding() {
        let mut d = Vec::new();
        let (text, n) = repair("aâ€™b\ncâ€™d â†’\n", "t.md", &mut d);
        assert_eq!(text.unwrap(), "a’b\nc’d →\n");
        assert_eq!(n, 3);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].message, "mis-encoded text `â€™` restored as `’`");
        assert_eq!(d[0].location.as_ref().unwrap().column, 2);
        assert!(d[0].notes[0].contains("2 times in all, on lines 1, 2"));
    }

    #[test]
    fn control_characters_are_dropped_and_reported() {
        let mut d = Vec::new();
        let (text, n) = drop_controls("a\u{7}b\tc\n\u{1b}[0m\n", "t.md", &mut d);
        assert_eq!(text.unwrap(), "ab\tc\n[0m\n");
        assert_eq!(n, 2);
        assert_eq!(d[0].code.as_str(), "control-character");
        assert_eq!(d[0].location.as_ref().unwrap().column, 2);
    }
}
