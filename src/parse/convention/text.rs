//! Inline helpers the conventions share: outline numbers (`7.4.1.`), labels at the start of
//! a paragraph (`Q:`, `**Doctype:**`), trimming, and what a run of blocks consists of (only
//! links? nothing?).

use crate::model::{Block, Inline, Tag, plain_text};

/// An outline number at the start of `text`: `7.`, `7.4.`, `7.4.1`, `2.1` (a single number
/// needs its `.`, `)` or `:`, as in `topic_number`; a dotted one may go without). Returns the
/// number without its trailing punctuation, its depth and the rest of the text, trimmed.
pub fn outline_number(text: &str) -> Option<(&str, usize, &str)> {
    let text = text.trim_start();
    let mut end = 0;
    let mut depth = 0;
    let bytes = text.as_bytes();
    loop {
        let digits = bytes[end..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if digits == 0 || digits > 4 {
            return None;
        }
        end += digits;
        depth += 1;
        if bytes.get(end) == Some(&b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) {
            end += 1;
            continue;
        }
        break;
    }
    let number = &text[..end];
    let mut rest = &text[end..];
    let punct = rest.starts_with(['.', ')', ':']);
    if punct {
        rest = &rest[1..];
    }
    if depth == 1 && !punct {
        return None;
    }
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    let rest = rest.trim();
    (!rest.is_empty()).then_some((number, depth, rest))
}

/// Removes the first `n` bytes of text from the start of `content` (they are in its first
/// text node), and any white space after them; returns what was removed.
pub fn cut_text_prefix(content: &mut Vec<Inline>, n: usize) -> String {
    let Some(Inline::Text { text }) = content.first_mut() else {
        return String::new();
    };
    let n = n.min(text.len());
    let kept = text.split_off(n);
    let mut cut = std::mem::replace(text, kept.trim_start().to_string());
    cut.push_str(&kept[..kept.len() - kept.trim_start().len()]);
    if text.is_empty() {
        content.remove(0);
    }
    cut
}

/// `content` without leading and trailing white space, soft or hard breaks, or `<br>`s.
pub fn trim(mut content: Vec<Inline>) -> Vec<Inline> {
    while content.first().is_some_and(is_space) {
        content.remove(0);
    }
    while content.last().is_some_and(is_space) {
        content.pop();
    }
    if let Some(Inline::Text { text }) = content.first_mut() {
        let t = text.trim_start().to_string();
        *text = t;
    }
    if let Some(Inline::Text { text }) = content.last_mut() {
        let t = text.trim_end().to_string();
        *text = t;
    }
    content.retain(|i| !matches!(i, Inline::Text { text } if text.is_empty()));
    content
}

/// White space, a break or a `<br>`.
pub fn is_space(inline: &Inline) -> bool {
    match inline {
        Inline::Text { text } => text.trim().is_empty(),
        Inline::SoftBreak | Inline::HardBreak => true,
        Inline::Element { .. } => is_br(inline),
        _ => false,
    }
}

/// A raw `<br>` (`<br/>`, `<br />`, any case).
pub fn is_br(inline: &Inline) -> bool {
    matches!(inline, Inline::Element { tag: Tag::Br, .. })
}

/// Whether `inline` is raw HTML without text (`<br>`, an empty `<span>`, an `<img>`).
fn is_textless_element(inline: &Inline) -> bool {
    match inline {
        Inline::Element {
            tag: Tag::Img | Tag::Br,
            ..
        } => true,
        Inline::Element { content, .. } => content
            .iter()
            .all(|i| is_space(i) || is_textless_element(i)),
        _ => false,
    }
}

/// Whether `block` is raw HTML holding `<br>`s and nothing else but white space (a
/// separator; an anchor, which has attributes, or an empty element is not one).
pub fn is_break_only(block: &Block) -> bool {
    fn only_breaks(block: &Block, brs: &mut usize) -> bool {
        match block {
            Block::Plain { content } => content.iter().all(|i| {
                *brs += usize::from(is_br(i));
                is_space(i)
            }),
            Block::Element {
                attrs, children, ..
            } => attrs.is_empty() && children.iter().all(|b| only_breaks(b, brs)),
            _ => false,
        }
    }
    let mut brs = 0;
    only_breaks(block, &mut brs) && brs > 0
}

/// Whether `block` is raw HTML without text (an anchor, a `<br>`, a comment, an element
/// holding only those).
pub fn is_textless_html(block: &Block) -> bool {
    match block {
        Block::Comment { .. } => true,
        Block::Plain { content } => content
            .iter()
            .all(|i| is_space(i) || is_textless_element(i)),
        Block::Element { children, .. } => children.iter().all(is_textless_html),
        _ => false,
    }
}

/// Whether `blocks` carry no text a reader could learn from: nothing, white space, rules,
/// `<br>`s, or raw HTML without text.
pub fn is_empty<'b>(blocks: impl IntoIterator<Item = &'b Block>) -> bool {
    blocks.into_iter().all(|b| match b {
        Block::Paragraph { content } => content
            .iter()
            .all(|i| is_space(i) || is_textless_element(i)),
        Block::Rule => true,
        Block::Element { .. } | Block::Plain { .. } | Block::Comment { .. } => is_textless_html(b),
        _ => false,
    })
}

/// Whether `blocks` are only links (paragraphs and lists whose text is all link text), with
/// at least one link: a reading list, a table of contents.
pub fn is_link_only<'b>(blocks: impl IntoIterator<Item = &'b Block>) -> bool {
    let mut links = 0;
    let only = blocks.into_iter().all(|b| link_only_block(b, &mut links));
    only && links > 0
}

fn link_only_block(block: &Block, links: &mut usize) -> bool {
    match block {
        Block::Paragraph { content }
        | Block::Heading { content, .. }
        | Block::Plain { content } => link_only_inlines(content, links),
        Block::Element { children, .. } => children.iter().all(|b| link_only_block(b, links)),
        Block::Comment { .. } => true,
        Block::List { items, .. } => items
            .iter()
            .all(|item| item.blocks.iter().all(|b| link_only_block(b, links))),
        Block::Rule => true,
        _ => false,
    }
}

fn link_only_inlines(content: &[Inline], links: &mut usize) -> bool {
    content.iter().all(|i| match i {
        Inline::Link { .. } => {
            *links += 1;
            true
        }
        Inline::Strong { content }
        | Inline::Emphasis { content }
        | Inline::Element { content, .. } => link_only_inlines(content, links),
        Inline::Text { text } => text
            .chars()
            .all(|c| !c.is_alphanumeric() || c.is_ascii_digit()),
        Inline::SoftBreak | Inline::HardBreak | Inline::Image { .. } => true,
        _ => false,
    })
}

/// The plain text of `content`, trimmed.
pub fn plain(content: &[Inline]) -> String {
    plain_text(content).trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Inline {
        Inline::Text { text: s.into() }
    }

    #[test]
    fn outline_numbers() {
        assert_eq!(outline_number("7.4.1. POST"), Some(("7.4.1", 3, "POST")));
        assert_eq!(outline_number("2.1 Lint"), Some(("2.1", 2, "Lint")));
        assert_eq!(outline_number("12. Title"), Some(("12", 1, "Title")));
        assert_eq!(outline_number("2024 plans"), None);
        assert_eq!(outline_number("3.5x faster"), None);
        assert_eq!(outline_number("1.2."), None);
    }

    #[test]
    fn prefixes_are_cut_with_their_space() {
        let mut c = vec![t("Q:  What?"), Inline::Code { code: "x".into() }];
        assert_eq!(cut_text_prefix(&mut c, 2), "Q:  ");
        assert_eq!(c[0], t("What?"));
        let mut whole = vec![t("Q:"), Inline::Code { code: "x".into() }];
        cut_text_prefix(&mut whole, 2);
        assert_eq!(whole, [Inline::Code { code: "x".into() }]);
    }

    #[test]
    fn link_only_and_empty_blocks() {
        let link = Inline::Link {
            url: "https://x".into(),
            title: String::new(),
            content: vec![t("x")],
        };
        let para = |c: Vec<Inline>| Block::Paragraph { content: c };
        assert!(is_link_only(&[para(vec![link.clone()])]));
        assert!(is_link_only(&[para(vec![t("- "), link.clone(), t(" (")])]));
        assert!(!is_link_only(&[para(vec![link, t(" explains it")])]));
        assert!(!is_link_only(&[]));
        assert!(is_empty(&[Block::Rule, para(vec![Inline::HardBreak])]));
        assert!(!is_empty(&[para(vec![t("x")])]));
        assert_eq!(trim(vec![t("  a "), Inline::SoftBreak]), vec![t("a")]);
    }
}
