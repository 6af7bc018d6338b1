//! The detector's choices on small guides, through the whole parser.

use crate::model::{Convention, ConventionSource, Guide, plain_text};
use crate::parse::{CardOptions, ParseOptions, parse_with};

fn guide(text: &str) -> Guide {
    guide_with(text, &CardOptions::default())
}

fn guide_with(text: &str, cards: &CardOptions) -> Guide {
    parse_with(text.as_bytes(), "g.md", 0, &ParseOptions::default(), cards)
        .expect("parses")
        .guide
}

fn titles(g: &Guide) -> Vec<String> {
    g.topics.iter().map(|t| plain_text(&t.title)).collect()
}

#[test]
fn bold_labels_inside_heading_answers_do_not_win() {
    let g = guide(
        "# G\n\n## 1. One\n\n**Features:**\n\n- a\n\n**Why?**\n\nBecause.\n\n\
         ## 2. Two\n\n**Features:**\n\n- b\n\n## 3. Three\n\nText.\n",
    );
    assert_eq!(g.detection.convention, Convention::Headings);
    assert_eq!(titles(&g), ["One", "Two", "Three"]);
}

#[test]
fn many_bold_questions_make_their_headings_groups() {
    let mut text = String::from("# G\n\n");
    for group in ["Strings", "Lists"] {
        text.push_str(&format!("## {group}\n\n"));
        for i in 0..3 {
            text.push_str(&format!(
                "**What is {group} {i}?**\n\nAn answer.\n\n---\n\n"
            ));
        }
    }
    let g = guide(&text);
    assert_eq!(g.detection.convention, Convention::Bold);
    assert_eq!(g.topics.len(), 6);
    assert_eq!(g.groups.len(), 2);
    assert_eq!(g.topics[3].group, Some(1));
    // The separator is not part of the answer.
    assert_eq!(g.topics[0].intro.len(), 1);
    assert_eq!(
        g.detection.describe(),
        "6 questions as bold paragraphs in 2 groups"
    );
}

#[test]
fn a_group_written_differently_is_read_on_its_own() {
    let g = guide(
        "# G\n\n## A\n\n### Why one?\n\nOne.\n\n### Why two?\n\nTwo.\n\n### Why three?\n\nThree.\n\n\
         ## B\n\n**Is it bold?**\n\nYes.\n\n**Is it two?**\n\nYes.\n",
    );
    assert_eq!(
        titles(&g),
        [
            "Why one?",
            "Why two?",
            "Why three?",
            "Is it bold?",
            "Is it two?"
        ]
    );
    assert_eq!(g.topics[4].kind, Convention::Bold);
    assert_eq!(g.topics[4].group, Some(1));
    assert_eq!(
        g.detection.counts,
        [(Convention::Headings, 3), (Convention::Bold, 2)]
    );
}

#[test]
fn a_forced_convention_wins_and_says_so() {
    let text = "# G\n\n## A\n\nQ: One?\n\nA: Yes.\n\nQ: Two?\n\nA: No.\n";
    let g = guide_with(
        text,
        &CardOptions {
            convention: Some(Convention::Headings),
            keep_all: false,
        },
    );
    assert_eq!(titles(&g), ["A"]);
    assert_eq!(g.detection.source, ConventionSource::Option);
    let detected = guide(text);
    assert_eq!(titles(&detected), ["One?", "Two?"]);
    let front = guide(&format!("---\ncards: headings\n---\n{text}"));
    assert_eq!(titles(&front), ["A"]);
    assert_eq!(front.detection.source, ConventionSource::FrontMatter);
}

#[test]
fn keep_all_keeps_boilerplate_as_cards() {
    let text = "# G\n\n## One\n\nText.\n\n## Empty\n\n## License\n\nMIT.\n";
    assert_eq!(titles(&guide(text)), ["One"]);
    assert_eq!(guide(text).back_matter.len(), 1);
    let kept = guide_with(
        text,
        &CardOptions {
            convention: None,
            keep_all: true,
        },
    );
    assert_eq!(titles(&kept), ["One", "Empty", "License"]);
}

#[test]
fn headings_inside_a_list_item_answer_are_its_sections() {
    let g = guide(
        "# G\n\n1.  ### What is JSX?\n\n    Markup in JavaScript.\n\n    #### Example\n\n    \
         It compiles to calls.\n\n2.  ### What is React?\n\n    A library.\n",
    );
    assert_eq!(g.detection.convention, Convention::ListHeadings);
    assert_eq!(titles(&g), ["What is JSX?", "What is React?"]);
    assert_eq!(g.topics[0].intro.len(), 1);
    let sections: Vec<String> = g.topics[0]
        .sections
        .iter()
        .map(|s| plain_text(&s.title))
        .collect();
    assert_eq!(sections, ["Example"]);
    assert_eq!(g.topics[0].sections[0].blocks.len(), 1);
    assert!(g.topics[1].sections.is_empty());
}

#[test]
fn a_raw_html_h1_that_opens_the_guide_is_its_title() {
    let text = "<div align=\"center\">\n<img src=\"logo.png\" alt=\"\">\n<h1 align=\"center\">Web \
                Quiz</h1>\n</div>\n\n## Table of Contents\n\n- [One](#what-is-one)\n\n\
                ## What is one?\n\nOne.\n\n## What is two?\n\nTwo.\n";
    let g = guide(text);
    assert_eq!(g.title, "Web Quiz");
    assert_eq!(titles(&g), ["What is one?", "What is two?"]);
    // Taken out of the preface, where the logo stays.
    let preface = format!("{:?}", g.preface);
    assert!(!preface.contains("Web Quiz"), "{preface}");
    assert!(preface.contains("logo.png"), "{preface}");
    // A Markdown level-1 heading is still the title.
    assert_eq!(guide(&format!("# Markdown\n\n{text}")).title, "Markdown");
}

#[test]
fn a_sub_heading_repeated_under_every_question_does_not_make_the_questions() {
    // Two `#### Further information` under each of three `##` questions: level 4 has more
    // headings than level 2, but they are one repeated label, not six questions.
    let mut text = String::from("# FAQ\n\n");
    for q in ["Why immutability?", "How do I copy?", "Is it slow?"] {
        text.push_str(&format!(
            "## {q}\n\nAn answer.\n\n#### Further information\n\n- [a](https://a.example)\n\n\
             More answer.\n\n#### Further information\n\n- [b](https://b.example)\n\n"
        ));
    }
    let g = guide(&text);
    assert_eq!(g.detection.convention, Convention::Headings);
    assert_eq!(
        titles(&g),
        ["Why immutability?", "How do I copy?", "Is it slow?"]
    );
}
