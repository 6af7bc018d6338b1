//! Unit tests of `markdown.rs`: lists, tables, code, inlines, headings in containers, and
//! deep nesting flattened without losing text.

use super::*;

fn blocks(text: &str) -> Vec<Item> {
    let map = (1..=text.split('\n').count() as u32).collect();
    walk(text, &LineIndex::new(text, map))
        .items
        .into_iter()
        .map(|l| l.item)
        .collect()
}

fn t(s: &str) -> Inline {
    Inline::Text { text: s.into() }
}

#[test]
fn lists_keep_start_numbers_tasks_and_tight_text() {
    let items = blocks("3. a\n4. b\n\n- [x] done\n- [ ] open\n");
    let Item::Block(Block::List { start, items: list }) = &items[0] else {
        panic!("{items:?}")
    };
    assert_eq!(*start, Some(3));
    assert_eq!(
        list[1].blocks,
        [Block::Paragraph {
            content: vec![t("b")]
        }]
    );
    let Item::Block(Block::List {
        start: None,
        items: tasks,
    }) = &items[1]
    else {
        panic!()
    };
    assert_eq!(
        (tasks[0].checked, tasks[1].checked),
        (Some(true), Some(false))
    );
    assert_eq!(
        tasks[1].blocks,
        [Block::Paragraph {
            content: vec![t("open")]
        }]
    );
}

#[test]
fn tables_keep_alignment_and_cells() {
    let items = blocks("| a | `b` |\n|:--|--:|\n| 1 | 2 |\n");
    assert_eq!(
        items,
        [Item::Block(Block::Table {
            align: vec![Align::Left, Align::Right],
            head: vec![vec![t("a")], vec![Inline::Code { code: "b".into() }]],
            rows: vec![vec![vec![t("1")], vec![t("2")]]],
        })]
    );
}

#[test]
fn code_blocks_keep_language_text_and_line() {
    let items = blocks("para\n\n```python extra\nx = 1\n```\n\n    indented\n");
    assert_eq!(
        items[1],
        Item::Block(Block::Code {
            lang: Some("python".into()),
            text: "x = 1\n".into(),
            line: 3
        })
    );
    assert_eq!(
        items[2],
        Item::Block(Block::Code {
            lang: None,
            text: "indented\n".into(),
            line: 7
        })
    );
}

#[test]
fn inlines_links_images_footnotes_and_html() {
    let items = blocks(
        "A *b* **c** ~~d~~ [e](http://x \"T\") ![alt *x*](p.png) <kbd>k</kbd>[^1]\n\n[^1]: note\n",
    );
    let Item::Block(Block::Paragraph { content }) = &items[0] else {
        panic!()
    };
    assert!(content.contains(&Inline::Emphasis {
        content: vec![t("b")]
    }));
    assert!(content.contains(&Inline::Strike {
        content: vec![t("d")]
    }));
    assert!(content.contains(&Inline::Link {
        url: "http://x".into(),
        title: "T".into(),
        content: vec![t("e")]
    }));
    assert!(content.contains(&Inline::Image {
        url: "p.png".into(),
        title: String::new(),
        alt: "alt x".into()
    }));
    assert!(content.contains(&Inline::Element {
        tag: crate::model::Tag::Kbd,
        attrs: Vec::new(),
        content: vec![t("k")],
    }));
    assert!(content.contains(&Inline::FootnoteRef { label: "1".into() }));
    assert!(matches!(&items[1], Item::Block(Block::Footnote { label, .. }) if label == "1"));
}

#[test]
fn headings_in_containers_are_blocks_and_braces_stay() {
    let items = blocks("## Set {1, 2}\n\n> # quoted\n");
    assert_eq!(
        items[0],
        Item::Heading {
            level: 2,
            content: vec![t("Set {1, 2}")]
        }
    );
    assert_eq!(
        items[1],
        Item::Block(Block::Quote {
            blocks: vec![Block::Heading {
                level: 1,
                content: vec![t("quoted")]
            }]
        })
    );
}

#[test]
fn deep_nesting_is_flattened_without_losing_text() {
    let text = format!("{}deep\n", "> ".repeat(5000));
    let map = vec![1, 2];
    let w = walk(&text, &LineIndex::new(&text, map));
    assert!(w.flattened_at.is_some());
    let mut depth = 0;
    let mut block = match &w.items[0].item {
        Item::Block(b) => b.clone(),
        other => panic!("{other:?}"),
    };
    while let Block::Quote { blocks } = block {
        depth += 1;
        block = blocks[0].clone();
    }
    assert!(depth <= MAX_DEPTH, "{depth}");
    let Block::Paragraph { content } = block else {
        panic!("not a paragraph")
    };
    assert_eq!(content.len(), 1, "{:?}", &content[..content.len().min(4)]);
    assert_eq!(content[0], t("deep"));
}
