//! Math in a run of inline events: what pulldown-cmark's math extension gives, corrected,
//! and the LaTeX delimiters it does not know.
//!
//! - `$…$` (pulldown-cmark's rules: no space just inside the dollars, no empty math, braces
//!   balanced) stays math unless its closing `$` is followed by a digit: then it is text, as
//!   pandoc decides, so prices read as prices (`$5-$10`, `$5/$10`, `US$5 and US$10`).
//!   `$$…$$` is display math, as pulldown-cmark gives it.
//! - `\(…\)` is inline math when the `\(` does not follow a letter or digit (`f\(x\)` is an
//!   escaped parenthesis, as CommonMark reads it) and the `\)` is in the same inline element
//!   (same emphasis, link, or the paragraph itself).
//! - `\[…\]` is display math when the `\[` starts a line and the `\]` ends one, both outside
//!   any emphasis or link, so `array\[0\]` and `\[1\] Knuth` stay text.
//!
//! The LaTeX is taken from the source between the delimiters (CommonMark would drop its
//! backslashes and read `_` and `*` as emphasis), without the quote or list indentation of
//! its continuation lines. A backslash that is itself escaped (`\\(`) starts nothing.

use super::{escaped, places};
use pulldown_cmark::{CowStr, Event};
use std::ops::Range;

type Run<'a> = Vec<(Event<'a>, Range<usize>)>;

/// Which LaTeX delimiter pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pair {
    /// `\(…\)`: inline.
    Paren,
    /// `\[…\]`: display.
    Bracket,
}

/// `run` with its math corrected and completed (see the module documentation).
pub fn rewrite<'a>(text: &'a str, mut run: Run<'a>) -> Run<'a> {
    for (event, range) in &mut run {
        if matches!(event, Event::InlineMath(_))
            && text[range.end..].starts_with(|c: char| c.is_ascii_digit())
        {
            *event = Event::Text(CowStr::Borrowed(&text[range.clone()]));
        }
    }
    if !run
        .iter()
        .any(|(event, range)| escaped_delimiter(text, event, range).is_some())
    {
        return run;
    }
    latex_delimiters(text, run)
}

/// The escaped character a text event starts with, when it is one of `(`, `)`, `[`, `]`
/// written with a backslash in the source.
fn escaped_delimiter(text: &str, event: &Event<'_>, range: &Range<usize>) -> Option<u8> {
    let Event::Text(t) = event else { return None };
    let first = *t.as_bytes().first()?;
    (matches!(first, b'(' | b')' | b'[' | b']')
        && range.start > 0
        && text.as_bytes().get(range.start) == Some(&first)
        && escaped(text, range.start))
    .then_some(first)
}

/// Replaces each `\(…\)` and `\[…\]` pair of `run` by one math event.
fn latex_delimiters<'a>(text: &'a str, run: Run<'a>) -> Run<'a> {
    let place = places(&run);
    let element: Vec<Option<usize>> = place.iter().map(|p| p.element).collect();
    let is_break = |k: usize| matches!(run[k].0, Event::SoftBreak | Event::HardBreak);
    let mut pairs: Vec<(usize, usize, Pair)> = Vec::new();
    let mut open: Option<(usize, Pair)> = None;
    for (i, (event, range)) in run.iter().enumerate() {
        if let Some((at, _)) = open
            && element[at].is_some()
            && place[i].ends == element[at]
        {
            open = None; // the element holding the opener ended without a closer
            continue;
        }
        let Some(delimiter) = escaped_delimiter(text, event, range) else {
            continue;
        };
        match (delimiter, open) {
            (b'(', None) => {
                let before = text[..range.start - 1].chars().next_back();
                if !before.is_some_and(char::is_alphanumeric) {
                    open = Some((i, Pair::Paren));
                }
            }
            (b'[', None) if element[i].is_none() && (i == 0 || is_break(i - 1)) => {
                open = Some((i, Pair::Bracket));
            }
            (b')', Some((at, Pair::Paren))) if element[i] == element[at] => {
                pairs.push((at, i, Pair::Paren));
                open = None;
            }
            (b']', Some((at, Pair::Bracket))) if element[i].is_none() => {
                let Event::Text(t) = event else { continue };
                if t[1..].trim().is_empty() && (i + 1 == run.len() || is_break(i + 1)) {
                    pairs.push((at, i, Pair::Bracket));
                    open = None;
                }
            }
            _ => {}
        }
    }
    if pairs.is_empty() {
        return run;
    }
    let mut out = Vec::with_capacity(run.len());
    let mut pairs = pairs.into_iter().peekable();
    let mut skip_to = 0;
    for (i, (event, range)) in run.iter().enumerate() {
        if i < skip_to {
            continue;
        }
        let Some(&(start, end, pair)) = pairs.peek().filter(|(start, ..)| *start == i) else {
            out.push((event.clone(), range.clone()));
            continue;
        };
        pairs.next();
        let open = &run[start].1;
        let close = &run[end].1;
        let latex = latex_between(text, &run[start + 1..=end], open.start + 1, close.start - 1);
        if latex.trim().is_empty() {
            out.push((event.clone(), range.clone()));
            continue;
        }
        let math = match pair {
            Pair::Paren => Event::InlineMath(CowStr::from(latex)),
            Pair::Bracket => Event::DisplayMath(CowStr::from(latex)),
        };
        out.push((math, open.start - 1..close.start + 1));
        if let Event::Text(t) = &run[end].0
            && t.len() > 1
        {
            let rest = match t {
                CowStr::Borrowed(s) => CowStr::Borrowed(&s[1..]),
                other => CowStr::from(other[1..].to_string()),
            };
            out.push((Event::Text(rest), close.start + 1..close.end));
        }
        skip_to = end + 1;
    }
    out
}

/// The source from `from` to `to`, without the container prefix (quote markers, list
/// indentation) of each line after a line break among `events`.
fn latex_between(
    text: &str,
    events: &[(Event<'_>, Range<usize>)],
    from: usize,
    to: usize,
) -> String {
    let mut latex = String::with_capacity(to.saturating_sub(from));
    let mut at = from;
    for pair in events.windows(2) {
        let [(previous, _), (_, range)] = pair else {
            continue;
        };
        if !matches!(previous, Event::SoftBreak | Event::HardBreak) {
            continue;
        }
        let content = range.start.min(to);
        let Some(newline) = text[at..content].rfind('\n').map(|n| at + n) else {
            continue;
        };
        latex.push_str(&text[at..=newline]);
        at = content;
    }
    if at < to {
        latex.push_str(&text[at..to]);
    }
    latex
}

#[cfg(test)]
mod tests {
    use super::super::{Piece, events};
    use crate::parse::markdown::options;
    use pulldown_cmark::Event;

    /// The math of `markdown` as `⟦…⟧` (inline) and `⟦⟦…⟧⟧` (display), other text as is,
    /// code as `` `…` ``, markup dropped.
    fn shown(markdown: &str) -> String {
        let mut out = String::new();
        for (piece, _) in events(markdown, options()) {
            match piece {
                Piece::Event(Event::Text(t)) => out.push_str(&t),
                Piece::Event(Event::Code(c)) => out.push_str(&format!("`{c}`")),
                Piece::Event(Event::InlineMath(m)) => out.push_str(&format!("⟦{m}⟧")),
                Piece::Event(Event::DisplayMath(m)) => out.push_str(&format!("⟦⟦{m}⟧⟧")),
                Piece::Event(Event::SoftBreak) => out.push('\n'),
                _ => {}
            }
        }
        out
    }

    #[test]
    fn dollars_that_are_math() {
        assert_eq!(shown("Math $x$ here"), "Math ⟦x⟧ here");
        assert_eq!(shown("$x^2 + y^2$."), "⟦x^2 + y^2⟧.");
        assert_eq!(shown("Pay $20$ now"), "Pay ⟦20⟧ now");
        assert_eq!(shown("$a$$b$"), "⟦a⟧⟦b⟧");
        assert_eq!(shown("Display $$x^2$$ inline"), "Display ⟦⟦x^2⟧⟧ inline");
        assert_eq!(shown("$$\n\\sum_i i\n$$"), "⟦⟦\n\\sum_i i\n⟧⟧");
        assert_eq!(
            shown("$\\frac{a}{b}$ and $x_1 * y_2$"),
            "⟦\\frac{a}{b}⟧ and ⟦x_1 * y_2⟧"
        );
    }

    #[test]
    fn dollars_that_are_not_math() {
        for text in [
            "It costs $5 and $10.",
            "It costs $5, or $10 with tax.",
            "$5 is the price and so is $6",
            "Between $5-$10.",
            "Prices: $5/$10",
            "US$5 and US$10",
            "$ echo hello",
            "$ echo $HOME",
            "Use $PATH and $HOME.",
            "Regex ^a.*$ and ^b$",
            "$(pwd) and ${HOME}",
            "jQuery $('#id')",
            "Perl my $x = $y;",
            "Spaced $ x $",
        ] {
            assert_eq!(shown(text), text, "{text}");
        }
        assert_eq!(shown("a $x$5 b"), "a $x$5 b");
        assert_eq!(shown("Escaped \\$5 and \\$10"), "Escaped $5 and $10");
        assert_eq!(shown("`$ echo $HOME`"), "`$ echo $HOME`");
        assert_eq!(shown("| $5 | $10 |\n|---|---|\n"), "$5$10");
    }

    #[test]
    fn backslash_delimiters() {
        assert_eq!(shown("Paren \\(x^2 + y\\) LaTeX"), "Paren ⟦x^2 + y⟧ LaTeX");
        assert_eq!(shown("\\(a_1 *b* c_2\\)"), "⟦a_1 *b* c_2⟧");
        assert_eq!(shown("where \\(\\{x\\}\\) holds"), "where ⟦\\{x\\}⟧ holds");
        assert_eq!(shown("the \\(n\\)th item"), "the ⟦n⟧th item");
        assert_eq!(shown("*\\(a\\)*"), "⟦a⟧");
        assert_eq!(shown("\\[\n\\sum_i i\n\\]"), "⟦⟦\n\\sum_i i\n⟧⟧");
        assert_eq!(shown("\\[x^2\\]"), "⟦⟦x^2⟧⟧");
        assert_eq!(shown("Text\n\\[ a \\]\nmore"), "Text\n⟦⟦ a ⟧⟧\nmore");
    }

    #[test]
    fn backslash_delimiters_in_quotes_and_lists_lose_their_prefixes() {
        assert_eq!(shown("> \\[\n> a &= b\n> \\]\n"), "⟦⟦\na &= b\n⟧⟧");
        assert_eq!(shown("- \\(a +\n  b\\)\n"), "⟦a +\nb⟧");
    }

    #[test]
    fn backslash_delimiters_that_are_not_math() {
        assert_eq!(shown("array\\[0\\] and f\\(x\\)"), "array[0] and f(x)");
        assert_eq!(shown("\\[1\\] Knuth"), "[1] Knuth");
        assert_eq!(shown("Type \\( to open a group"), "Type ( to open a group");
        assert_eq!(shown("smile :-\\) ok"), "smile :-) ok");
        assert_eq!(shown("\\\\(x\\\\)"), "\\(x\\)");
        assert_eq!(shown("*\\(a* b\\)"), "(a b)");
        assert_eq!(shown("\\( \\)"), "( )");
        assert_eq!(shown("`\\(code\\)`"), "`\\(code\\)`");
        assert_eq!(shown("[\\(link](u) text\\)"), "(link text)");
    }
}
