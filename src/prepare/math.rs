//! The guide's math, converted once for the book: every formula's MathML, and a `math`
//! warning for each formula whose LaTeX cannot be converted (the book shows that LaTeX as
//! code; Anki's MathJax gets it as written).

use crate::diagnostic::{Diagnostic, DiagnosticCode};
use crate::model::{Guide, Section, for_each_inlines};
use crate::render::MathSet;
use crate::render::math::collect;

/// Converts every formula of `guide` (preface, titles, answers) and reports those that do
/// not convert, at their line.
pub fn check(guide: &Guide, diagnostics: &mut Vec<Diagnostic>) -> MathSet {
    let mut found = Vec::new();
    for_each_inlines(&guide.preface, &mut |inlines| collect(inlines, &mut found));
    for topic in &guide.topics {
        collect(&topic.title, &mut found);
        for_each_inlines(&topic.intro, &mut |inlines| collect(inlines, &mut found));
        for section in &topic.sections {
            section.walk(&mut |s: &Section| {
                collect(&s.title, &mut found);
                for_each_inlines(&s.blocks, &mut |inlines| collect(inlines, &mut found));
            });
        }
    }
    let set = MathSet::convert(
        found
            .iter()
            .map(|(display, latex, _)| (*display, latex.clone()))
            .collect(),
    );
    let mut reported = std::collections::BTreeSet::new();
    for (display, latex, line) in &found {
        let Some(Err(error)) = set.get(latex, *display) else {
            continue;
        };
        if !reported.insert((*line, latex.as_str())) {
            continue;
        }
        let near: String = latex[error.offset.min(latex.len())..]
            .chars()
            .take(20)
            .collect();
        let mut shown: String = latex.chars().take(120).collect();
        if shown.len() < latex.len() {
            shown.push('…');
        }
        diagnostics.push(
            Diagnostic::warning(
                DiagnosticCode::Math,
                format!("LaTeX the book cannot show as math: {}", error.message),
            )
            .at(&guide.source.path, *line, 1)
            .note(format!(
                "in `{}` (at byte {}{}); the book shows it as code, Anki's MathJax gets it as written",
                shown.replace('\n', " "),
                error.offset,
                if near.is_empty() {
                    String::new()
                } else {
                    format!(", before `{}`", near.replace('\n', " "))
                }
            )),
        );
    }
    set
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, Inline, Topic};

    fn math(latex: &str, line: u32) -> Inline {
        Inline::Math {
            latex: latex.into(),
            display: false,
            line,
        }
    }

    #[test]
    fn each_bad_formula_is_reported_at_its_line() {
        let guide = Guide {
            source: crate::model::Source {
                path: "g.md".into(),
                timestamp: 0,
            },
            topics: vec![Topic {
                title: vec![math("x^2", 3)],
                intro: vec![Block::Paragraph {
                    content: vec![
                        math("\\frac{a", 5),
                        Inline::Strong {
                            content: vec![math("\\nope", 6)],
                        },
                        math("\\frac{a", 5),
                    ],
                }],
                ..Topic::default()
            }],
            ..Guide::default()
        };
        let mut diagnostics = Vec::new();
        let set = check(&guide, &mut diagnostics);
        assert!(set.get("x^2", false).is_some_and(Result::is_ok));
        let lines: Vec<u32> = diagnostics
            .iter()
            .map(|d| d.location.as_ref().map_or(0, |l| l.line))
            .collect();
        assert_eq!(lines, [5, 6]);
        assert!(diagnostics.iter().all(|d| d.code == DiagnosticCode::Math));
        assert!(
            diagnostics[0].notes[0].contains("`\\frac{a`"),
            "{:?}",
            diagnostics[0]
        );
    }
}
