//! Fence recovery: a code fence that swallows what follows it (it runs to the end of the
//! file, or it holds what is plainly the opening fence of the next code block) is closed just
//! before the first line inside it that is a topic heading of the guide's pattern. A fence
//! that closes normally is never altered, so `## 2. step` as a comment in code stays code.

use super::lines::{atx_heading, closes, fence, in_code, item_fence, topic_number};
use crate::diagnostic::{Diagnostic, DiagnosticCode};
use std::collections::BTreeMap;

/// How the guide marks its topics, as seen by a line scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TopicPattern {
    /// Heading level of topics.
    pub level: u8,
    /// Whether topics are numbered headings (`## 12. Title`).
    pub numbered: bool,
}

impl TopicPattern {
    /// Detects the pattern from the headings outside code: the most common level among
    /// numbered headings if there are any, else the most common level below the first `#`.
    pub fn detect(lines: &[&str], forced_level: Option<u8>) -> TopicPattern {
        let code = in_code(lines);
        let mut numbered: BTreeMap<u8, usize> = BTreeMap::new();
        let mut all: BTreeMap<u8, usize> = BTreeMap::new();
        let mut seen_h1 = false;
        for (line, _) in lines.iter().zip(&code).filter(|(_, c)| !**c) {
            if let Some((level, text)) = atx_heading(line) {
                if topic_number(text).is_some() {
                    *numbered.entry(level).or_default() += 1;
                }
                if level == 1 && !seen_h1 {
                    seen_h1 = true;
                } else {
                    *all.entry(level).or_default() += 1;
                }
            }
        }
        let most_common = |m: &BTreeMap<u8, usize>| {
            m.iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(l, _)| *l)
        };
        let detected = most_common(&numbered);
        let level = forced_level
            .or(detected)
            .or_else(|| most_common(&all))
            .unwrap_or(2);
        let numbered = numbered.get(&level).copied().unwrap_or(0) > 0;
        TopicPattern { level, numbered }
    }

    /// Is `line` a topic heading of this pattern?
    pub fn matches(&self, line: &str) -> bool {
        atx_heading(line).is_some_and(|(level, text)| {
            level == self.level && (!self.numbered || topic_number(text).is_some())
        })
    }
}

/// The text with recovered fences and, for each of its lines, the source line it came from.
pub struct Recovered {
    /// The repaired text.
    pub text: String,
    /// `line_map[i]` = 1-based source line of repaired line `i` (0-based).
    pub line_map: Vec<u32>,
    /// Fences closed.
    pub closed: usize,
}

/// Closes fences that swallow the rest of the guide (`lines`: the text's lines, as
/// [`super::lines::split`] cuts them); see the module docs.
pub fn recover(
    lines: &[&str],
    pattern: TopicPattern,
    path: &str,
    diags: &mut Vec<Diagnostic>,
) -> Recovered {
    let mut out: Vec<&str> = Vec::with_capacity(lines.len() + 1);
    let mut line_map: Vec<u32> = Vec::with_capacity(lines.len() + 1);
    let mut closed = 0;
    let mut i = 0;
    while i < lines.len() {
        if let Some(n) = item_fence(lines, i) {
            // A fence opened in a list item ends with the item: it never swallows a topic.
            for (j, line) in lines.iter().enumerate().skip(i).take(n) {
                out.push(line);
                line_map.push(j as u32 + 1);
            }
            i += n;
            continue;
        }
        let Some(open) = fence(lines[i]) else {
            out.push(lines[i]);
            line_map.push(i as u32 + 1);
            i += 1;
            continue;
        };
        // Where CommonMark closes it (None: at the end of the file).
        let close = (i + 1..lines.len()).find(|&j| closes(&open, lines[j]));
        let end = close.unwrap_or(lines.len());
        let inner_opener = (i + 1..end).find(|&j| {
            fence(lines[j])
                .is_some_and(|f| f.ch == open.ch && f.len >= open.len && !f.info.is_empty())
        });
        let suspect = close.is_none() || inner_opener.is_some();
        let heading = if suspect {
            (i + 1..end).find(|&j| pattern.matches(lines[j]))
        } else {
            None
        };
        let fence_str = &lines[i].trim_start()[..open.len];
        match heading {
            Some(k) => {
                for (j, line) in lines.iter().enumerate().take(k).skip(i) {
                    out.push(line);
                    line_map.push(j as u32 + 1);
                }
                out.push(fence_str);
                // The inserted line belongs to the code block: map it to the line before.
                line_map.push((k as u32).max(1));
                closed += 1;
                let why = match inner_opener {
                    Some(j) if close.is_some() => format!(
                        "it holds the opening fence `{}` of another block at line {}",
                        lines[j].trim(),
                        j + 1
                    ),
                    _ => "it would run to the end of the file".to_string(),
                };
                diags.push(
                    Diagnostic::warning(
                        DiagnosticCode::UnclosedFence,
                        format!("code fence opened at line {} is never closed", i + 1),
                    )
                    .at(path, i as u32 + 1, 1)
                    .note(format!(
                        "closed it before line {}, the topic heading `{}` ({why})",
                        k + 1,
                        lines[k].trim()
                    )),
                );
                i = k;
            }
            None => {
                if close.is_none() {
                    diags.push(
                        Diagnostic::warning(
                            DiagnosticCode::UnclosedFence,
                            format!(
                                "code fence opened at line {} is never closed; it runs to the end of the file",
                                i + 1
                            ),
                        )
                        .at(path, i as u32 + 1, 1),
                    );
                }
                let last = close.unwrap_or(lines.len() - 1);
                for (j, line) in lines.iter().enumerate().take(last + 1).skip(i) {
                    out.push(line);
                    line_map.push(j as u32 + 1);
                }
                i = last + 1;
            }
        }
    }
    Recovered {
        text: out.join("\n"),
        line_map,
        closed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> (Recovered, Vec<Diagnostic>) {
        let lines: Vec<&str> = crate::parse::lines::split(text);
        let pattern = TopicPattern::detect(&lines, None);
        let mut d = Vec::new();
        (recover(&lines, pattern, "g.md", &mut d), d)
    }

    #[test]
    fn closes_a_fence_that_swallows_the_next_topic() {
        let src = "# G\n## 1. A\n```python\nx = 1\n\n## 2. B\ntext\n```python\ny\n```\n";
        let (r, d) = run(src);
        assert_eq!(
            r.text,
            "# G\n## 1. A\n```python\nx = 1\n\n```\n## 2. B\ntext\n```python\ny\n```\n"
        );
        assert_eq!(r.line_map, [1, 2, 3, 4, 5, 5, 6, 7, 8, 9, 10, 11]);
        assert_eq!(r.closed, 1);
        assert_eq!(d[0].code.as_str(), "unclosed-fence");
        assert_eq!(d[0].location.as_ref().unwrap().line, 3);
        assert!(d[0].notes[0].contains("before line 6"), "{:?}", d[0].notes);
    }

    #[test]
    fn closes_a_fence_running_to_the_end() {
        let (r, d) = run("## 1. A\n~~~\ncode\n## 2. B\nmore\n");
        assert_eq!(r.text, "## 1. A\n~~~\ncode\n~~~\n## 2. B\nmore\n");
        assert!(d[0].notes[0].contains("end of the file"));
    }

    #[test]
    fn a_closed_fence_is_never_altered() {
        let src = "## 1. A\n```bash\n## 2. step\necho hi\n```\n## 2. B\n";
        let (r, d) = run(src);
        assert_eq!(r.text, src);
        assert_eq!(r.closed, 0);
        assert!(d.is_empty());
    }

    #[test]
    fn an_unclosed_fence_without_a_heading_is_reported_and_kept() {
        let src = "## 1. A\n```\ncode\nmore code";
        let (r, d) = run(src);
        assert_eq!(r.text, src);
        assert!(d[0].message.contains("runs to the end of the file"));
    }

    #[test]
    fn a_fence_opened_on_a_list_item_line_is_closed_by_its_indented_fence() {
        // The closing fence of `- ```` is indented under the item: it is no opener.
        let src = "# G\n## 1. One\n- ```\n  a\n  ```\n## 2. Two\ntext\n";
        let (r, d) = run(src);
        assert_eq!(r.text, src);
        assert_eq!(r.closed, 0);
        assert!(d.is_empty(), "{d:?}");
        // Nested items and ordered markers too; a fence the item ends early is left alone.
        let src = "## 1. One\n1. - ~~~~\n     x\n     ~~~~\n2) ```\n   y\nz\n## 2. Two\n";
        let (r, d) = run(src);
        assert_eq!(r.text, src);
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn a_list_item_fence_leaves_the_next_topic_alone() {
        let src = "# G\n\n## 1. One\n\n- ```\n  a\n  ```\n\n## 2. Two\n\ntext\n";
        let parsed =
            crate::parse::parse(src.as_bytes(), "g.md", 0, &Default::default()).expect("parses");
        assert_eq!(parsed.guide.topics.len(), 2);
        assert_eq!(parsed.guide.code_blocks().len(), 1);
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    }

    #[test]
    fn detects_levels() {
        let p = TopicPattern::detect(&["# T", "## 1. a", "### x", "## 2. b"], None);
        assert_eq!(
            p,
            TopicPattern {
                level: 2,
                numbered: true
            }
        );
        let p = TopicPattern::detect(&["# T", "## a", "### x", "### y", "## b", "## c"], None);
        assert_eq!(
            p,
            TopicPattern {
                level: 2,
                numbered: false
            }
        );
        let p = TopicPattern::detect(&["# T", "## 1. a"], Some(3));
        assert_eq!(
            p,
            TopicPattern {
                level: 3,
                numbered: false
            }
        );
    }
}
