//! The NCX (`toc.ncx`): the table of contents for EPUB 2 reading systems and for conversions
//! that still read it (Kindle's, Calibre's). It holds the same tree as the nav document, the
//! book's identifier (`dtb:uid`, which must equal the package's) and the tree's real depth.

use super::nav::{TOC_NAME, TocEntry, depth};
use super::xml::{attr, indent, text};

/// The NCX of `toc` for the book `identifier` (`urn:uuid:…`) in `lang`.
pub fn document(toc: &[TocEntry], identifier: &str, lang: &str) -> String {
    let mut order = 0;
    let points: Vec<String> = toc.iter().map(|e| nav_point(e, &mut order)).collect();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <ncx version=\"2005-1\" xmlns=\"http://www.daisy.org/z3986/2005/ncx/\" xml:lang=\"{lang}\">\n  \
         <head>\n    <meta name=\"dtb:uid\" content=\"{uid}\" />\n    \
         <meta name=\"dtb:depth\" content=\"{depth}\" />\n    \
         <meta name=\"dtb:totalPageCount\" content=\"0\" />\n    \
         <meta name=\"dtb:maxPageNumber\" content=\"0\" />\n  </head>\n  \
         <docTitle>\n    <text>{TOC_NAME}</text>\n  </docTitle>\n  <navMap>\n{points}\n  </navMap>\n\
         </ncx>\n",
        lang = attr(lang),
        uid = attr(identifier),
        depth = depth(toc).max(1),
        points = indent(&points.join("\n"), 2),
    )
}

/// The `navPoint` of `entry` and its children; `order` is the play order of the last point
/// written (points are numbered in document order from 1).
fn nav_point(entry: &TocEntry, order: &mut usize) -> String {
    *order += 1;
    let n = *order;
    let children: Vec<String> = entry.children.iter().map(|c| nav_point(c, order)).collect();
    let children = if children.is_empty() {
        String::new()
    } else {
        format!("\n{}", indent(&children.join("\n"), 1))
    };
    format!(
        "<navPoint playOrder=\"{n}\" id=\"navPoint-{n}\">\n  <navLabel>\n   <text>{}</text>\n  \
         </navLabel>\n  <content src=\"{}\"/>{children}\n</navPoint>",
        text(&entry.label).trim(),
        attr(&entry.href),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(href: &str, label: &str, children: Vec<TocEntry>) -> TocEntry {
        TocEntry {
            href: href.into(),
            label: label.into(),
            children,
        }
    }

    #[test]
    fn the_ncx_holds_the_tree_its_depth_and_the_identifier() {
        let toc = vec![
            entry("questions.xhtml", "Questions", vec![]),
            entry(
                "chapter-001.xhtml",
                "1. A & <B>",
                vec![entry(
                    "chapter-001.xhtml#a.x",
                    "X \"quoted\"",
                    vec![entry("chapter-001.xhtml#a.x.y", "Y", vec![])],
                )],
            ),
        ];
        let ncx = document(&toc, "urn:uuid:1234", "de-CH");
        let doc = roxmltree::Document::parse(&ncx).expect("well-formed");
        let meta = |name: &str| {
            doc.descendants()
                .find(|n| n.attribute("name") == Some(name))
                .and_then(|n| n.attribute("content"))
        };
        assert_eq!(meta("dtb:uid"), Some("urn:uuid:1234"));
        assert_eq!(meta("dtb:depth"), Some("3"));
        let root = doc.root_element();
        let xml_lang = root.attribute(("http://www.w3.org/XML/1998/namespace", "lang"));
        assert_eq!(xml_lang, Some("de-CH"));
        let points: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("navPoint"))
            .collect();
        let orders: Vec<&str> = points
            .iter()
            .filter_map(|p| p.attribute("playOrder"))
            .collect();
        assert_eq!(orders, ["1", "2", "3", "4"]);
        let mut ids: Vec<&str> = points.iter().filter_map(|p| p.attribute("id")).collect();
        ids.dedup();
        assert_eq!(ids.len(), 4, "ids unique");
        let label = |p: &roxmltree::Node<'_, '_>| {
            p.descendants()
                .find(|n| n.has_tag_name("text"))
                .and_then(|n| n.text())
                .map(str::to_string)
        };
        assert_eq!(label(&points[1]).as_deref(), Some("1. A & <B>"));
        // The third point is nested in the second, the fourth in the third.
        assert_eq!(points[2].parent(), Some(points[1]));
        assert_eq!(points[3].parent(), Some(points[2]));
        assert_eq!(
            points[3]
                .children()
                .find(|n| n.has_tag_name("content"))
                .and_then(|n| n.attribute("src")),
            Some("chapter-001.xhtml#a.x.y")
        );
    }

    #[test]
    fn a_flat_table_of_contents_has_depth_one() {
        let ncx = document(&[entry("questions.xhtml", "Questions", vec![])], "u", "en");
        assert!(ncx.contains("<meta name=\"dtb:depth\" content=\"1\" />"));
        roxmltree::Document::parse(&ncx).expect("well-formed");
    }
}
