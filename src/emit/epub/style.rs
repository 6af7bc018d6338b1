//! The book's stylesheet: the shared EPUB stylesheet (text, code, tables, highlighting) followed
//! by the rules of the pages only the book has: cover, title page, Questions page and the
//! link back from each chapter.
//!
//! Reading systems let readers choose fonts and sizes, so these rules set no font sizes in
//! pixels, no fixed widths and no colours that carry meaning.

use crate::render::EPUB_CSS;

/// The rules for the book's own pages.
const BOOK_CSS: &str = r#"
/* Book pages */
section.cover { margin: 0; padding: 0; text-align: center; page-break-after: always; }
section.cover img { max-width: 100%; max-height: 100%; height: auto; }

section.titlepage { text-align: center; margin-top: 20%; page-break-after: always; }
section.titlepage h1.title { font-size: 2em; margin-bottom: 0.6em; }
section.titlepage p.author { font-size: 1.3em; font-style: italic; margin: 0.4em 0; }
section.titlepage p.count { margin: 1.5em 0; }
section.titlepage dl.colophon { margin: 2em auto 0 auto; font-size: 0.9em; }
section.titlepage dl.colophon dt { font-weight: bold; margin-top: 0.6em; }
section.titlepage dl.colophon dd { margin: 0; }

ol.questions { list-style: none; padding-left: 0; margin-left: 0; }
ol.questions li { margin: 0.35em 0; padding-left: 2.2em; text-indent: -2.2em; }
ol.questions a { text-decoration: none; }
span.topic-number { font-weight: bold; }

section.topic > h1 { page-break-before: always; break-before: page; }
p.back {
  margin-top: 2em;
  padding-top: 0.5em;
  border-top: 1px solid #888;
  font-size: 0.9em;
  page-break-inside: avoid;
}
"#;

/// The complete stylesheet of a book.
pub fn stylesheet() -> String {
    let mut css = String::with_capacity(EPUB_CSS.len() + BOOK_CSS.len());
    css.push_str(EPUB_CSS);
    css.push_str(BOOK_CSS);
    css
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_wraps_with_a_hanging_indent() {
        let css = stylesheet();
        assert!(css.contains("pre-wrap"));
        assert!(css.contains("ol.questions"));
        // No web fonts and no remote resources.
        assert!(!css.contains("@font-face") && !css.contains("url("));
    }

    #[test]
    fn braces_balance() {
        let css = stylesheet();
        assert_eq!(css.matches('{').count(), css.matches('}').count());
    }
}
