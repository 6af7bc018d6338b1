//! The shape of a folder: one guide (it has an index, or its files look like the parts of one
//! guide: one question per file, numbered files, Docusaurus pages) or a library of guides; and
//! whether one file is one question (its top heading, or front-matter title, is the question
//! and its sub-headings are labels of the answer, such as "Answer" or "Good to hear").

use super::order::{front_matter_position, front_matter_value};
use std::path::{Path, PathBuf};

/// How much of a folder's files must share a shape for the folder to be one guide.
const MAJORITY: f64 = 0.8;

/// The headings of a Markdown text outside code fences: (level, text, line).
pub(crate) fn headings(text: &str) -> Vec<(u8, String, u32)> {
    let mut out = Vec::new();
    let mut fence: Option<(char, usize)> = None;
    let mut in_front_matter = text.starts_with("---");
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if in_front_matter {
            if i > 0 && matches!(line.trim_end(), "---" | "...") {
                in_front_matter = false;
            }
            continue;
        }
        let indent = line.len() - trimmed.len();
        let marker = trimmed.chars().next();
        if let Some(c @ ('`' | '~')) = marker {
            let run = trimmed.chars().take_while(|&x| x == c).count();
            if run >= 3 && indent < 4 {
                match fence {
                    None => fence = Some((c, run)),
                    Some((open, len)) if open == c && run >= len => fence = None,
                    Some(_) => {}
                }
                continue;
            }
        }
        if fence.is_some() || indent >= 4 || marker != Some('#') {
            continue;
        }
        let level = trimmed.chars().take_while(|&c| c == '#').count();
        let rest = &trimmed[level..];
        if (1..=6).contains(&level) && (rest.is_empty() || rest.starts_with([' ', '\t'])) {
            let title = rest.trim().trim_end_matches('#').trim().to_string();
            out.push((level as u8, title, i as u32 + 1));
        }
    }
    out
}

/// `true` when a heading labels a part of an answer rather than asking a question: "Answer",
/// "Solution", "Explanation", "Good to hear", "Example", … (a trailing `:` ignored).
pub(crate) fn is_answer_label(title: &str) -> bool {
    let t = title
        .trim()
        .trim_end_matches(':')
        .trim()
        .to_lowercase()
        .replace(['*', '_', '`'], "");
    const LABELS: [&str; 24] = [
        "answer",
        "answers",
        "the answer",
        "short answer",
        "long answer",
        "solution",
        "explanation",
        "good to hear",
        "example",
        "examples",
        "code",
        "notes",
        "note",
        "details",
        "hint",
        "hints",
        "follow-up",
        "follow up",
        "follow-up questions",
        "see also",
        "references",
        "resources",
        "further reading",
        "additional resources",
    ];
    LABELS.contains(&t.as_str())
}

/// `true` when a title asks something: it ends with `?`, or starts with a word that opens a
/// question or a task ("What", "Why", "Explain", "Describe", …).
pub(crate) fn looks_like_question(title: &str) -> bool {
    const OPENERS: [&str; 22] = [
        "what", "why", "how", "when", "where", "which", "who", "whom", "whose", "is", "are", "can",
        "could", "do", "does", "did", "should", "would", "will", "explain", "describe", "name",
    ];
    let title = title.trim();
    let first = title
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .next()
        .unwrap_or("")
        .to_lowercase();
    title.ends_with('?') || OPENERS.contains(&first.as_str())
}

/// `true` when the Markdown `text` is one question: a front-matter `title` that asks, and no
/// level-1 heading; no headings and a front-matter `title`; or exactly one heading at its top
/// level, which asks or is followed only by answer labels, with at least one of them.
pub(crate) fn is_one_question(text: &str) -> bool {
    let hs = headings(text);
    let title = front_matter_value(text, &["title"]);
    if title.as_deref().is_some_and(looks_like_question) && hs.iter().all(|h| h.0 > 1) {
        return true;
    }
    let Some(top) = hs.iter().map(|h| h.0).min() else {
        return title.is_some();
    };
    let tops: Vec<&(u8, String, u32)> = hs.iter().filter(|h| h.0 == top).collect();
    if tops.len() != 1 {
        return false;
    }
    let below: Vec<&(u8, String, u32)> = hs.iter().filter(|h| h.0 > top).collect();
    if below.iter().any(|h| !is_answer_label(&h.1)) {
        return false;
    }
    looks_like_question(&tops[0].1) || !below.is_empty()
}

/// Why a folder without an index is one guide, when it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PartsShape {
    /// Most files are one question each.
    OneQuestionPerFile,
    /// Most file names start with a number (`01-basics.md`).
    NumberedFiles,
    /// Most files place themselves with front-matter `sidebar_position`, `sidebar_label` or
    /// `weight` (Docusaurus, Hugo), or the folder has a Docusaurus `_category_.json`.
    Pages,
}

/// What telling a folder's shape and ordering its files needs of one file's text: read file
/// by file and kept instead of the texts, so a library of a thousand guides is never in
/// memory at once.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct FileFacts {
    /// The file is one question ([`is_one_question`]).
    pub one_question: bool,
    /// Its front matter places it: `sidebar_position`, `sidebar_label` or `weight`.
    pub placed: bool,
    /// Its front matter's numeric position ([`front_matter_position`]).
    pub position: Option<f64>,
}

impl FileFacts {
    /// The facts of the file whose text is `text`.
    pub(crate) fn of(text: &str) -> Self {
        FileFacts {
            one_question: is_one_question(text),
            placed: front_matter_value(text, &["sidebar_position", "sidebar_label", "weight"])
                .is_some(),
            position: front_matter_position(text),
        }
    }
}

/// The shape that makes the files (relative paths with their facts) of a folder without an
/// index one guide, or `None`: a library of guides. One file alone is never a folder guide.
pub(crate) fn parts_shape(files: &[(PathBuf, FileFacts)], root: &Path) -> Option<PartsShape> {
    if files.len() < 2 {
        return None;
    }
    let share = |f: &dyn Fn(&(PathBuf, FileFacts)) -> bool| {
        files.iter().filter(|x| f(x)).count() as f64 / files.len() as f64 >= MAJORITY
    };
    if share(&|(_, facts)| facts.one_question) {
        return Some(PartsShape::OneQuestionPerFile);
    }
    let numbered = |(path, _): &(PathBuf, FileFacts)| {
        path.file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.chars().next())
            .is_some_and(|c| c.is_ascii_digit())
    };
    if share(&numbered) {
        return Some(PartsShape::NumberedFiles);
    }
    if share(&|(_, facts)| facts.placed) || root.join("_category_.json").is_file() {
        return Some(PartsShape::Pages);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_question_files_are_told_from_chapters() {
        assert!(is_one_question(
            "### What is a closure?\n\n#### Answer\n\nA.\n\n#### Good to hear\n\n- x\n"
        ));
        assert!(is_one_question("# Closures\n\n## Answer\n\nA.\n"));
        assert!(is_one_question("# What is a closure?\n\nA function.\n"));
        assert!(is_one_question(
            "---\ntitle: What is BFC?\n---\n\nA context.\n"
        ));
        assert!(!is_one_question("# Nullable\n\n**Q: What?**\n\nA.\n"));
        assert!(!is_one_question(
            "# General\n\n## When?\n\nA.\n\n## Why?\n\nB.\n"
        ));
        assert!(!is_one_question("# A?\n\n# B?\n"));
        assert!(!is_one_question("No heading at all.\n"));
        assert!(is_one_question("```md\n# not a heading\n```\n# Real?\n"));
        assert!(is_one_question(
            "---\ntitle: Describe BFC.\n---\n\n## Why it matters\n\nA.\n"
        ));
        assert!(!is_one_question(
            "---\ntitle: General\n---\n\n# FAQ\n\n## Why?\n\n## How?\n"
        ));
    }

    #[test]
    fn a_folder_is_one_guide_when_its_files_look_like_parts() {
        let dir = tempfile::tempdir().expect("temp dir");
        let q = |name: &str| (PathBuf::from(name), FileFacts::of("# Why?\n\nBecause.\n"));
        let g = |name: &str| {
            (
                PathBuf::from(name),
                FileFacts::of("# Guide\n\n## One\n\n## Two\n"),
            )
        };
        assert_eq!(
            parts_shape(&[q("a.md"), q("b.md")], dir.path()),
            Some(PartsShape::OneQuestionPerFile)
        );
        assert_eq!(
            parts_shape(&[g("1-a.md"), g("2-b.md")], dir.path()),
            Some(PartsShape::NumberedFiles)
        );
        assert_eq!(parts_shape(&[g("a.md"), g("b.md")], dir.path()), None);
        assert_eq!(parts_shape(&[q("a.md")], dir.path()), None);
        std::fs::write(dir.path().join("_category_.json"), "{}").expect("write");
        assert_eq!(
            parts_shape(&[g("a.md"), g("b.md")], dir.path()),
            Some(PartsShape::Pages)
        );
    }
}
