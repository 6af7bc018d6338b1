//! Escaping for the package files written here (`content.opf`, `nav.xhtml`, `toc.ncx`), and
//! the indentation they are laid out with.
//!
//! Text escapes `&`, `<` and `>`; an attribute value (always written in double quotes) also
//! escapes `"`. Characters XML 1.0 does not allow (controls other than tab and newline,
//! U+FFFE, U+FFFF) are dropped, so every file written is well-formed whatever the guide holds.

/// `value` escaped for XML text content.
pub fn text(value: &str) -> String {
    escape(value, false)
}

/// `value` escaped for a double-quoted XML attribute.
pub fn attr(value: &str) -> String {
    escape(value, true)
}

fn escape(value: &str, quote: bool) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if quote => out.push_str("&quot;"),
            '\t' | '\n' => out.push(c),
            '\u{fffe}' | '\u{ffff}' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// `block` with every non-empty line indented by `level` × 2 spaces; lines are split as
/// [`str::lines`] splits them (a final line break is dropped, `\r\n` counts as one).
pub fn indent(block: &str, level: usize) -> String {
    let pad = " ".repeat(level * 2);
    let mut out = String::with_capacity(block.len() + 16 * level);
    for (i, line) in block.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if !line.is_empty() {
            out.push_str(&pad);
        }
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_what_xml_forbids() {
        assert_eq!(text("a < b & \"c\" > d"), "a &lt; b &amp; \"c\" &gt; d");
        assert_eq!(attr("a \"b\" & c"), "a &quot;b&quot; &amp; c");
        assert_eq!(text("x\u{0}\u{7}\u{fffe}y\tz\n"), "xy\tz\n");
    }

    #[test]
    fn indents_non_empty_lines() {
        assert_eq!(indent("a\n\n b\r\nc\n", 2), "    a\n\n     b\n    c");
        assert_eq!(indent("", 1), "");
    }
}
