//! Cloze deletions in Anki fields: Anki's `{{cN::…::hint}}` written so that nothing the
//! guide wrote can end, split or open one.
//!
//! Anki reads a cloze field's raw HTML: `{{c` + digits + `::` opens a deletion anywhere,
//! `}}` closes the innermost one, and the first `::` inside one starts its hint. The renderer
//! writes each deletion with private markers (control characters, which never survive into
//! rendered text) and [`finish`] turns the markers into Anki's syntax while it writes, as the
//! character references HTML decodes back, every `{` that would open a deletion
//! (`&#123;`) and, inside a deletion, every `}` before `}` or before the deletion's end
//! (`&#125;`) and every `:` before `:` or before its hint (`&#58;`). So `}}` inside math
//! (`\frac{a}{b^{2}}`), code (`{{x}}`) or text never ends a deletion, `std::vector` never
//! starts a hint, and a guide quoting `{{c1::…}}` in code shows it as written. MathJax reads
//! the decoded text, so math inside a deletion is unchanged.

/// Starts a deletion's opening marker; its number and [`NUMBER_END`] follow.
pub const OPEN: char = '\u{1}';
/// Ends the number of an opening marker.
pub const NUMBER_END: char = '\u{2}';
/// Starts a deletion's hint.
pub const HINT: char = '\u{3}';
/// Ends a deletion.
pub const CLOSE: char = '\u{4}';

/// Appends the opening marker of deletion `number`.
pub fn push_open(number: u32, out: &mut String) {
    out.push(OPEN);
    out.push_str(&number.to_string());
    out.push(NUMBER_END);
}

/// `html` (a field rendered with cloze markers) in Anki's syntax (see the module
/// documentation).
pub fn finish(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 16);
    let mut depth = 0usize;
    let mut chars = html.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        match c {
            OPEN => {
                out.push_str("{{c");
                for (_, digit) in chars.by_ref() {
                    if digit == NUMBER_END {
                        break;
                    }
                    out.push(digit);
                }
                out.push_str("::");
                depth += 1;
            }
            HINT => out.push_str("::"),
            CLOSE => {
                out.push_str("}}");
                depth = depth.saturating_sub(1);
            }
            '{' if opens_deletion(&html[at..]) => out.push_str("&#123;"),
            '}' if depth > 0 && matches!(next, Some('}' | CLOSE)) => out.push_str("&#125;"),
            ':' if depth > 0 && matches!(next, Some(':' | HINT)) => out.push_str("&#58;"),
            c => out.push(c),
        }
    }
    out
}

/// `true` when `text` starts with `{{c` and a digit: Anki would open a deletion there.
fn opens_deletion(text: &str) -> bool {
    text.strip_prefix("{{c")
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cloze(number: u32, content: &str, hint: Option<&str>) -> String {
        let mut out = String::new();
        push_open(number, &mut out);
        out.push_str(content);
        if let Some(hint) = hint {
            out.push(HINT);
            out.push_str(hint);
        }
        out.push(CLOSE);
        out
    }

    #[test]
    fn markers_become_anki_syntax() {
        assert_eq!(finish(&cloze(1, "GIL", None)), "{{c1::GIL}}");
        assert_eq!(finish(&cloze(12, "x", Some("hint"))), "{{c12::x::hint}}");
        let nested = format!("a {} c", cloze(2, "b", None));
        assert_eq!(finish(&cloze(1, &nested, None)), "{{c1::a {{c2::b}} c}}");
    }

    #[test]
    fn nothing_inside_ends_splits_or_opens_a_deletion() {
        assert_eq!(
            finish(&cloze(1, "\\(\\frac{a}{b^{2}}\\)", None)),
            "{{c1::\\(\\frac{a}{b^{2&#125;}\\)}}"
        );
        assert_eq!(
            finish(&cloze(1, "\\(x^{2}\\)}", None)),
            "{{c1::\\(x^{2}\\)&#125;}}"
        );
        assert_eq!(
            finish(&cloze(1, "std::vector", None)),
            "{{c1::std&#58;:vector}}"
        );
        assert_eq!(finish(&cloze(1, "a:", Some("b"))), "{{c1::a&#58;::b}}");
        assert_eq!(
            finish(&cloze(1, "<code>{{c2::x}}</code>", None)),
            "{{c1::<code>&#123;{c2&#58;:x&#125;}</code>}}"
        );
        // Outside a deletion only an opening is broken.
        assert_eq!(
            finish("a }} b :: c {{c1::d}}"),
            "a }} b :: c &#123;{c1::d}}"
        );
        assert_eq!(finish("{{x}} {{c}} {{ca::"), "{{x}} {{c}} {{ca::");
    }
}
