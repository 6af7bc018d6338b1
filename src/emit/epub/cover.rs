//! The generated cover: an SVG image of the title and author (device fonts only, no font files),
//! dark text on a light page so it stays legible on e-ink, and the XHTML page that shows it.

use crate::render::html::escape_text;

/// Width of the cover in SVG user units (and pixels).
const WIDTH: u32 = 600;
/// Height of the cover.
const HEIGHT: u32 = 800;
/// Width the title may take.
const TEXT_WIDTH: f32 = 480.0;
/// Most title lines shown; the rest is cut with an ellipsis.
const MAX_LINES: usize = 7;

/// The SVG cover of a book called `title` by `author` (which may be empty), with a `footer` line.
pub fn svg(title: &str, author: &str, footer: &str) -> String {
    let size = title_size(title);
    let lines = wrap(title, chars_per_line(size), MAX_LINES);
    let line_height = size as f32 * 1.2;
    let block = line_height * lines.len() as f32;
    let first = (HEIGHT as f32 * 0.42 - block / 2.0 + size as f32).max(140.0);

    let mut out = String::with_capacity(2048);
    out.push_str(r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    out.push('\n');
    out.push_str(&format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{label}">"#,
        label = escape_text(title)
    ));
    out.push_str(&format!("\n<title>{}</title>\n", escape_text(title)));
    out.push_str(&format!(
        "<rect width=\"{WIDTH}\" height=\"{HEIGHT}\" fill=\"#fbfaf6\"/>\n\
         <rect x=\"0\" y=\"0\" width=\"{WIDTH}\" height=\"96\" fill=\"#1f2a44\"/>\n\
         <rect x=\"0\" y=\"{}\" width=\"{WIDTH}\" height=\"96\" fill=\"#1f2a44\"/>\n\
         <rect x=\"48\" y=\"136\" width=\"504\" height=\"528\" fill=\"none\" stroke=\"#1f2a44\" stroke-width=\"3\"/>\n",
        HEIGHT - 96
    ));
    out.push_str(&format!(
        "<text x=\"300\" y=\"{first:.0}\" font-family=\"Georgia, 'DejaVu Serif', serif\" \
         font-size=\"{size}\" font-weight=\"bold\" fill=\"#111111\" text-anchor=\"middle\">"
    ));
    for (i, line) in lines.iter().enumerate() {
        let y = first + line_height * i as f32;
        out.push_str(&format!(
            "<tspan x=\"300\" y=\"{y:.0}\">{}</tspan>",
            escape_text(line)
        ));
    }
    out.push_str("</text>\n");
    let author_lines = wrap(author, chars_per_line(28), 2);
    for (i, line) in author_lines.iter().enumerate() {
        out.push_str(&format!(
            "<text x=\"300\" y=\"{}\" font-family=\"Georgia, 'DejaVu Serif', serif\" \
             font-size=\"28\" fill=\"#333333\" text-anchor=\"middle\">{}</text>\n",
            604 + 34 * i,
            escape_text(line)
        ));
    }
    out.push_str(&format!(
        "<text x=\"300\" y=\"{}\" font-family=\"Helvetica, Arial, 'DejaVu Sans', sans-serif\" \
         font-size=\"24\" fill=\"#ffffff\" text-anchor=\"middle\">{}</text>\n</svg>\n",
        HEIGHT - 38,
        escape_text(footer)
    ));
    out
}

/// The XHTML body of the cover page (the image, with the title as its alternative text).
pub fn page_body(title: &str, image: &str) -> String {
    format!(
        "<section epub:type=\"cover\" class=\"cover\">\n\
         <img role=\"doc-cover\" src=\"{}\" alt=\"Cover: {}\"/>\n</section>\n",
        escape_text(image),
        escape_text(title)
    )
}

/// Font size of the title: smaller for longer titles.
fn title_size(title: &str) -> u32 {
    match title.chars().count() {
        0..=24 => 56,
        25..=60 => 48,
        61..=120 => 38,
        _ => 30,
    }
}

/// About how many characters of a serif face at `size` fit in the text width.
fn chars_per_line(size: u32) -> usize {
    ((TEXT_WIDTH / (size as f32 * 0.56)) as usize).max(8)
}

/// `text` cut into lines of at most `width` characters at spaces (longer words are broken),
/// at most `max` lines, the last ending in `…` when text is left over.
fn wrap(text: &str, width: usize, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut cut = false;
    'words: for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        loop {
            let used = line.chars().count();
            let sep = usize::from(used > 0);
            if used + sep + word.len() <= width {
                if sep == 1 {
                    line.push(' ');
                }
                line.extend(word.iter());
                break;
            }
            if used > 0 {
                lines.push(std::mem::take(&mut line));
            } else {
                // A word longer than a line: break it.
                let rest = word.split_off(width.max(1));
                lines.push(word.into_iter().collect());
                word = rest;
            }
            if lines.len() == max {
                cut = true;
                break 'words;
            }
        }
    }
    if !line.is_empty() {
        if lines.len() == max {
            cut = true;
        } else {
            lines.push(line);
        }
    }
    if cut && let Some(last) = lines.last_mut() {
        let mut kept: Vec<char> = last.chars().collect();
        kept.truncate(width.saturating_sub(1));
        *last = kept.into_iter().collect::<String>() + "…";
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces_and_breaks_long_words() {
        assert_eq!(wrap("aa bb cc", 5, 5), ["aa bb", "cc"]);
        assert_eq!(wrap("abcdefghij", 4, 5), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 4, 5), Vec::<String>::new());
        let cut = wrap("one two three four five six", 5, 2);
        assert_eq!(cut, ["one", "two…"]);
    }

    #[test]
    fn the_cover_is_well_formed_svg_with_the_title() {
        let svg = svg("A <Guide> & \u{1}more", "Ann O'Nym", "74 questions");
        let doc = roxmltree::Document::parse(&svg).expect("well-formed");
        let text: String = doc
            .descendants()
            .filter(|n| n.has_tag_name("tspan"))
            .filter_map(|n| n.text())
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(text, "A <Guide> & more");
        assert!(!svg.contains("@font-face") && !svg.contains("url("));
    }

    #[test]
    fn a_huge_title_stays_on_the_cover() {
        let title = "word ".repeat(500);
        let svg = svg(&title, "", "");
        let doc = roxmltree::Document::parse(&svg).expect("well-formed");
        let lines = doc
            .descendants()
            .filter(|n| n.has_tag_name("tspan"))
            .count();
        assert!(lines <= MAX_LINES);
        assert!(svg.contains('…'));
    }
}
