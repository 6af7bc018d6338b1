//! The stylesheets: the Anki note type's CSS and the EPUB's CSS, with the highlighting themes.
//!
//! Both style the markup `html.rs` and `highlight/` write (`pre.code`, `.line`, `.hl-*`,
//! `.table-wrap`, `.align-*`, `.task-box`, `.image-alt`, `.footnote*`), and both use only
//! class selectors and system fonts: no external fonts, no images, no scripts.

/// CSS of the Anki note type: a readable card on phones and desktops, a `.breadcrumb` line
/// (topic path above the question), code blocks that scroll sideways instead of overflowing
/// (`white-space: pre; overflow-x: auto`), tables in a scrolling `.table-wrap`, distinct
/// inline code, and a highlight theme for light mode and for night mode (Anki marks night
/// mode with `.nightMode` on desktop and iOS and `.night_mode` on Android; both are styled).
pub const ANKI_CSS: &str = r#".card {
  font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 18px;
  line-height: 1.5;
  color: #1f2328;
  background-color: #ffffff;
  text-align: left;
  max-width: 46em;
  margin: 0 auto;
  padding: 0.5em 0.75em;
  overflow-wrap: break-word;
}
.breadcrumb { font-size: 0.8em; color: #57606a; margin-bottom: 0.5em; }
.question { font-size: 1.15em; font-weight: 600; }
h1, h2, h3, h4, h5, h6 { line-height: 1.25; margin: 1em 0 0.5em; }
h1 { font-size: 1.4em; } h2 { font-size: 1.3em; } h3 { font-size: 1.2em; }
h4 { font-size: 1.1em; } h5, h6 { font-size: 1em; }
p, ul, ol, blockquote, details { margin: 0.6em 0; }
ul, ol { padding-left: 1.6em; }
li.task { list-style: none; }
.task-box { margin-left: -1.2em; }
blockquote { border-left: 4px solid #d0d7de; padding: 0 0.8em; color: #424a53; }
a { color: #0550ae; }
img { max-width: 100%; height: auto; }
hr { border: 0; border-top: 1px solid #d0d7de; }
code, kbd, pre { font-family: ui-monospace, "SF Mono", SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; }
code { font-size: 0.88em; background-color: #eff1f3; color: #7d2a1a; border-radius: 4px; padding: 0.1em 0.3em; }
kbd { font-size: 0.85em; border: 1px solid #afb8c1; border-bottom-width: 2px; border-radius: 4px; padding: 0 0.3em; }
pre.code {
  font-size: 0.82em;
  line-height: 1.45;
  background-color: #f6f8fa;
  border: 1px solid #d0d7de;
  border-radius: 6px;
  padding: 0.6em 0.8em;
  margin: 0.7em 0;
  max-width: 100%;
  box-sizing: border-box;
  overflow-x: auto;
  -webkit-overflow-scrolling: touch;
  white-space: pre;
  word-wrap: normal;
  overflow-wrap: normal;
  tab-size: 4;
}
pre.code code { font-size: 1em; background: none; color: #1f2328; padding: 0; border-radius: 0; white-space: pre; }
.table-wrap { max-width: 100%; overflow-x: auto; -webkit-overflow-scrolling: touch; margin: 0.7em 0; }
.table-wrap table { border-collapse: collapse; font-size: 0.92em; }
.table-wrap th, .table-wrap td { border: 1px solid #d0d7de; padding: 0.3em 0.6em; vertical-align: top; }
.table-wrap th { background-color: #f6f8fa; }
.align-left { text-align: left; } .align-center { text-align: center; } .align-right { text-align: right; }
.image-alt { font-style: italic; color: #57606a; }
.footnote { font-size: 0.9em; border-top: 1px solid #d0d7de; margin-top: 1em; }
.footnote-label, .footnote-ref { font-size: 0.75em; vertical-align: super; }
.hl-keyword { color: #cf222e; }
.hl-operator { color: #cf222e; }
.hl-string, .hl-string-special { color: #0a3069; }
.hl-escape { color: #0a3069; font-weight: bold; }
.hl-comment { color: #57606a; font-style: italic; }
.hl-number, .hl-constant, .hl-property { color: #0550ae; }
.hl-function { color: #6639ba; }
.hl-builtin { color: #953800; }
.hl-type { color: #116329; }
.hl-embedded { color: #1f2328; }
.hl-punctuation { color: #cf222e; }
.hl-prompt { color: #57606a; -webkit-user-select: none; user-select: none; }
.hl-output { color: #424a53; }
.card.nightMode, .card.night_mode, .nightMode .card, .night_mode .card { color: #e6edf3; background-color: #0d1117; }
.nightMode .breadcrumb, .night_mode .breadcrumb, .nightMode .image-alt, .night_mode .image-alt { color: #9198a1; }
.nightMode a, .night_mode a { color: #4493f8; }
.nightMode blockquote, .night_mode blockquote { color: #c9d1d9; border-left-color: #3d444d; }
.nightMode code, .night_mode code { background-color: #262c36; color: #ffa198; }
.nightMode pre.code, .night_mode pre.code { background-color: #161b22; border-color: #3d444d; }
.nightMode pre.code code, .night_mode pre.code code { background: none; color: #e6edf3; }
.nightMode .table-wrap th, .night_mode .table-wrap th { background-color: #161b22; }
.nightMode .table-wrap th, .nightMode .table-wrap td, .night_mode .table-wrap th, .night_mode .table-wrap td { border-color: #3d444d; }
.nightMode hr, .night_mode hr, .nightMode .footnote, .night_mode .footnote { border-top-color: #3d444d; }
.nightMode .hl-keyword, .night_mode .hl-keyword, .nightMode .hl-operator, .night_mode .hl-operator, .nightMode .hl-punctuation, .night_mode .hl-punctuation { color: #ff7b72; }
.nightMode .hl-string, .night_mode .hl-string, .nightMode .hl-string-special, .night_mode .hl-string-special, .nightMode .hl-escape, .night_mode .hl-escape { color: #a5d6ff; }
.nightMode .hl-comment, .night_mode .hl-comment, .nightMode .hl-prompt, .night_mode .hl-prompt { color: #9198a1; }
.nightMode .hl-number, .night_mode .hl-number, .nightMode .hl-constant, .night_mode .hl-constant, .nightMode .hl-property, .night_mode .hl-property { color: #79c0ff; }
.nightMode .hl-function, .night_mode .hl-function { color: #d2a8ff; }
.nightMode .hl-builtin, .night_mode .hl-builtin { color: #ffa657; }
.nightMode .hl-type, .night_mode .hl-type { color: #7ee787; }
.nightMode .hl-embedded, .night_mode .hl-embedded, .nightMode .hl-output, .night_mode .hl-output { color: #e6edf3; }
"#;

/// CSS of the EPUB, for e-readers: system fonts only, grayscale-friendly highlighting
/// (keywords bold; comments italic in mid grey; strings italic in a near-black green, with
/// f-string interpolations upright and escapes bold; every colour at least 4.5:1 against
/// white), code that wraps
/// (`white-space: pre-wrap`) with a hanging indent per `.line` so a wrapped line never looks
/// like a new one, long code blocks allowed to break across pages, and bordered tables
/// that fit narrow screens.
pub const EPUB_CSS: &str = r#"body { line-height: 1.45; margin: 0 0.3em; orphans: 2; widows: 2; }
h1, h2, h3, h4, h5, h6 { line-height: 1.25; page-break-after: avoid; break-after: avoid; margin: 1.2em 0 0.5em; }
h1 { font-size: 1.5em; } h2 { font-size: 1.3em; } h3 { font-size: 1.15em; } h4, h5, h6 { font-size: 1em; }
p { margin: 0.5em 0; }
ul, ol { margin: 0.5em 0; padding-left: 1.5em; }
li.task { list-style-type: none; }
.task-box { margin-left: -1.2em; }
blockquote { margin: 0.6em 0 0.6em 0.4em; padding-left: 0.8em; border-left: 3px solid #808080; }
img { max-width: 100%; height: auto; }
hr { border: 0; border-top: 1px solid #808080; margin: 1em 0; }
code, kbd, pre { font-family: monospace; }
code { font-size: 0.9em; }
kbd { font-size: 0.85em; border: 1px solid #808080; padding: 0 0.25em; }
pre.code {
  font-size: 0.8em;
  line-height: 1.35;
  margin: 0.8em 0;
  padding: 0.4em 0.5em;
  border: 1px solid #808080;
  border-left-width: 3px;
  white-space: pre-wrap;
  word-wrap: break-word;
  overflow-wrap: break-word;
  page-break-inside: auto;
  break-inside: auto;
}
pre.code code { font-size: 1em; white-space: pre-wrap; }
pre.code .line { display: block; padding-left: 2em; text-indent: -2em; }
.table-wrap { max-width: 100%; overflow-x: auto; margin: 0.8em 0; }
.table-wrap table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
.table-wrap th, .table-wrap td { border: 1px solid #808080; padding: 0.2em 0.4em; vertical-align: top; overflow-wrap: break-word; word-wrap: break-word; }
.table-wrap th { font-weight: bold; }
.align-left { text-align: left; } .align-center { text-align: center; } .align-right { text-align: right; }
.image-alt { font-style: italic; }
.footnote { font-size: 0.9em; border-top: 1px solid #808080; margin-top: 1em; }
.footnote-label, .footnote-ref { font-size: 0.75em; vertical-align: super; }
.hl-keyword { font-weight: bold; color: #7a1f1f; }
.hl-operator { color: #7a1f1f; }
.hl-punctuation { font-weight: bold; }
.hl-comment { font-style: italic; color: #6b6b6b; }
.hl-string, .hl-string-special { font-style: italic; color: #0f4d1f; }
.hl-escape { font-weight: bold; color: #0f4d1f; }
.hl-embedded { font-style: normal; color: #000000; }
.hl-number, .hl-constant { color: #0b4a86; }
.hl-property { color: #0b4a86; }
.hl-function { color: #5b2a86; }
.hl-builtin { color: #6b3a00; }
.hl-type { color: #6b3a00; }
.hl-prompt { color: #595959; font-weight: bold; }
.hl-output { color: #3b3b3b; }
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::highlight::lang::all_classes;

    fn luminance(hex: &str) -> f64 {
        let v = u32::from_str_radix(hex, 16).unwrap_or(0);
        let channel = |shift: u32| {
            let c = f64::from((v >> shift) & 0xff) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
    }

    fn contrast(a: &str, b: &str) -> f64 {
        let (x, y) = (luminance(a), luminance(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    /// `(selector, colour)` for every `color:` declaration (not `background-color` or
    /// `border-…-color`).
    fn text_colours(css: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for rule in css.split('}') {
            let Some((selector, body)) = rule.split_once('{') else {
                continue;
            };
            for decl in body.split(';') {
                if let Some((prop, value)) = decl.split_once(':')
                    && prop.trim() == "color"
                {
                    let hex = value.trim().trim_start_matches('#');
                    assert_eq!(hex.len(), 6, "use #rrggbb: {value}");
                    out.push((selector.trim().to_string(), hex.to_string()));
                }
            }
        }
        out
    }

    #[test]
    fn epub_colours_have_contrast_on_white() {
        let colours = text_colours(EPUB_CSS);
        assert!(colours.len() > 10);
        for (selector, hex) in colours {
            let c = contrast(&hex, "ffffff");
            assert!(c >= 4.5, "{selector}: #{hex} has contrast {c:.2}");
        }
    }

    #[test]
    fn anki_colours_have_contrast_in_both_modes() {
        for (selector, hex) in text_colours(ANKI_CSS) {
            let night = selector.contains("nightMode");
            assert_eq!(night, selector.contains("night_mode"), "{selector}");
            // The code background is the darkest light background, the code block's the
            // lightest dark one.
            let bg = if night { "262c36" } else { "eff1f3" };
            let c = contrast(&hex, bg);
            assert!(c >= 4.5, "{selector}: #{hex} has contrast {c:.2} on #{bg}");
        }
    }

    #[test]
    fn every_highlight_class_is_styled_in_both_sheets() {
        for class in all_classes() {
            let selector = format!(".{class}");
            assert!(
                ANKI_CSS.contains(&format!("{selector} "))
                    || ANKI_CSS.contains(&format!("{selector},")),
                "{class} missing in ANKI_CSS"
            );
            assert!(
                ANKI_CSS.contains(&format!(".nightMode {selector}")),
                "{class} has no night colour"
            );
            assert!(EPUB_CSS.contains(&selector), "{class} missing in EPUB_CSS");
        }
    }

    #[test]
    fn sheets_keep_the_layout_promises() {
        for needle in [
            "overflow-x: auto",
            "white-space: pre;",
            ".breadcrumb",
            ".table-wrap",
        ] {
            assert!(ANKI_CSS.contains(needle), "ANKI_CSS lacks {needle}");
        }
        for needle in [
            "white-space: pre-wrap",
            "text-indent: -2em",
            "padding-left: 2em",
            "page-break-inside: auto",
            ".hl-keyword { font-weight: bold",
            ".hl-comment { font-style: italic",
        ] {
            assert!(EPUB_CSS.contains(needle), "EPUB_CSS lacks {needle}");
        }
        for css in [ANKI_CSS, EPUB_CSS] {
            assert!(
                !css.contains("@import") && !css.contains("@font-face") && !css.contains("url(")
            );
            assert_eq!(css.matches('{').count(), css.matches('}').count());
        }
    }
}
