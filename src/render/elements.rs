//! The guide's raw HTML elements and images, written by [`HtmlRenderer`]: the model holds them
//! allow-listed with safe attributes, so they are written as they are, in either flavour
//! (voids self-closed in XHTML), an image through the media set.

use super::html::{Flavor, HtmlRenderer, push_escaped};
use crate::model::{Attr, AttrName, Block, Tag, TagKind, written_anchor};

impl HtmlRenderer<'_> {
    /// An element of the guide's raw HTML among blocks.
    pub(super) fn element(&self, tag: Tag, attrs: &[Attr], children: &[Block], out: &mut String) {
        if tag.kind() == TagKind::Rule {
            out.push_str("<hr");
            self.attrs(attrs, out);
            out.push_str(self.void_end());
            out.push('\n');
            return;
        }
        out.push('<');
        out.push_str(tag.name());
        self.attrs(attrs, out);
        out.push('>');
        match tag.kind() {
            TagKind::Text => {
                let mut content = String::new();
                for child in children {
                    match child {
                        Block::Plain { content: inlines } => self.inlines(inlines, &mut content),
                        other => self.block(other, &mut content),
                    }
                }
                // An HTML parser drops a newline right after `<pre>`: write one more.
                if tag == Tag::Pre && self.flavor == Flavor::Anki && content.starts_with('\n') {
                    out.push('\n');
                }
                out.push_str(&content);
            }
            _ => {
                if !matches!(children.first(), Some(Block::Plain { .. })) {
                    out.push('\n');
                }
                self.blocks(children, out);
            }
        }
        out.push_str("</");
        out.push_str(tag.name());
        out.push_str(">\n");
    }

    /// Appends an element's attributes (an `img`'s `src` is written by [`Self::image`]). An
    /// anchor's `id` is the model's unique XML name in the book; in an Anki field, whose
    /// in-guide links are kept as written, it is the name as the guide wrote it.
    pub(super) fn attrs(&self, attrs: &[Attr], out: &mut String) {
        for attr in attrs {
            let value = match (attr.name, self.flavor) {
                (AttrName::Src | AttrName::Fragment, _) => continue,
                (AttrName::Id, Flavor::Anki) => written_anchor(attrs).unwrap_or(&attr.value),
                _ => &attr.value,
            };
            out.push(' ');
            out.push_str(attr.name.as_str());
            out.push_str("=\"");
            push_escaped(out, value);
            out.push('"');
        }
    }

    pub(super) fn void_end(&self) -> &'static str {
        match self.flavor {
            Flavor::Xhtml => "/>",
            Flavor::Anki => ">",
        }
    }

    /// An image: its embedded file when the media set holds it, else its alt text.
    pub(super) fn image(&self, src: &str, alt: &str, attrs: &[Attr], out: &mut String) {
        match self.media.name_for(src.trim()) {
            Some(name) => {
                out.push_str("<img src=\"");
                push_escaped(out, name);
                out.push_str("\" alt=\"");
                push_escaped(out, alt);
                out.push('"');
                self.attrs(attrs, out);
                out.push_str(self.void_end());
            }
            None if alt.trim().is_empty() => {}
            None => {
                out.push_str("<span class=\"image-alt\">");
                push_escaped(out, alt);
                out.push_str("</span>");
            }
        }
    }
}
