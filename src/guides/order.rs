//! The order of a folder guide's parts: the index's links in order (relative links to
//! Markdown files, followed through the parts they lead to, each file once), else the
//! parts' front-matter `sidebar_position` or `weight`, else the natural order of their paths.

use super::shape::FileFacts;
use super::walk::{is_markdown, natural_cmp};
use crate::prepare::percent_decoded;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

/// The file names that make a folder's index, most specific first (case ignored).
const INDEX_NAMES: [&str; 4] = ["summary", "index", "_index", "readme"];

/// The folder's index among its top-level files (relative paths, `text` reads one): the
/// first named like an index, else a top-level file whose links lead to at least half of the
/// folder's other Markdown files (and two or more), such as a Docusaurus `FAQ.md`.
pub(crate) fn find_index(files: &[PathBuf], text: impl Fn(&Path) -> String) -> Option<PathBuf> {
    find_index_by_name(files).or_else(|| {
        let known: std::collections::BTreeSet<&PathBuf> = files.iter().collect();
        let others = files.len().saturating_sub(1);
        files
            .iter()
            .filter(|f| f.components().count() == 1)
            .find(|f| {
                let linked: std::collections::BTreeSet<PathBuf> = part_links(&text(f), f)
                    .into_iter()
                    .map(|l| l.target)
                    .filter(|t| t != *f && known.contains(t))
                    .collect();
                linked.len() >= 2 && linked.len() * 2 >= others
            })
            .cloned()
    })
}

/// The folder's index by its name (`SUMMARY.md`, `index.md`, `_index.md`, `README.md`).
fn find_index_by_name(files: &[PathBuf]) -> Option<PathBuf> {
    INDEX_NAMES.iter().find_map(|name| {
        files
            .iter()
            .filter(|f| f.components().count() == 1)
            .find(|f| {
                f.file_stem()
                    .is_some_and(|s| s.to_string_lossy().eq_ignore_ascii_case(name))
            })
            .cloned()
    })
}

/// A link from a Markdown file to another Markdown file of the folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PartLink {
    /// The file linked to, relative to the folder (normalised: no `.` or `..`).
    pub target: PathBuf,
    /// The link's text, plain.
    pub text: String,
    /// The line of the link in the linking file.
    pub line: u32,
}

/// The links of `text` (the file `from`, relative to the folder) that lead to Markdown files
/// inside the folder, in order. Links to anything else (web pages, images, fragments of the
/// same file, paths leading out of the folder) are not parts and are left out.
pub(crate) fn part_links(text: &str, from: &Path) -> Vec<PartLink> {
    let base = from.parent().unwrap_or(Path::new(""));
    let starts = line_starts(text);
    let mut links = Vec::new();
    let mut open: Option<(PathBuf, String, u32)> = None;
    for (event, range) in Parser::new(text).into_offset_iter() {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                let line = starts.partition_point(|&s| s <= range.start) as u32;
                open = local_target(&dest_url, base).map(|t| (t, String::new(), line));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text, _)) = &mut open {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::Link) => {
                if let Some((target, text, line)) = open.take() {
                    links.push(PartLink {
                        target,
                        text: text.trim().to_string(),
                        line,
                    });
                }
            }
            _ => {}
        }
    }
    links
}

fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

/// The Markdown file a link destination names, relative to the folder, when it is a relative
/// path inside the folder to a Markdown file.
pub(crate) fn local_target(dest: &str, base: &Path) -> Option<PathBuf> {
    let path = dest.split(['#', '?']).next()?.trim();
    if path.is_empty() || path.starts_with('/') || path.contains("://") || path.contains(':') {
        return None;
    }
    let path = percent_decoded(path);
    let joined = normalise(&base.join(path))?;
    is_markdown(&joined).then_some(joined)
}

/// `path` without `.` and with `..` applied; `None` when it climbs out of the folder.
pub(crate) fn normalise(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::Normal(part) => out.push(part),
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

/// The numeric `sidebar_position` or `weight` of a file's front matter, if it has one.
pub(crate) fn front_matter_position(text: &str) -> Option<f64> {
    front_matter_value(text, &["sidebar_position", "weight"])?
        .parse()
        .ok()
}

/// The value of the first of `keys` in the simple `key: value` lines of `text`'s front
/// matter (quotes removed).
pub(crate) fn front_matter_value(text: &str, keys: &[&str]) -> Option<String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines();
    if lines.next()?.trim_end() != "---" {
        return None;
    }
    let mut found: BTreeMap<usize, String> = BTreeMap::new();
    for line in lines {
        if matches!(line.trim_end(), "---" | "...") {
            break;
        }
        if let Some((key, value)) = line.split_once(':')
            && let Some(rank) = keys.iter().position(|k| *k == key.trim())
        {
            let value = value.trim().trim_matches(['"', '\'']).trim().to_string();
            found.entry(rank).or_insert(value);
        }
    }
    found.into_values().next().filter(|v| !v.is_empty())
}

/// Orders `parts` (relative paths, each with its text) without an index: by front-matter
/// position when at least one has one (those without come after), then naturally by path.
pub(crate) fn order_without_index(parts: &mut [(PathBuf, FileFacts)]) {
    parts.sort_by(|(a, fa), (b, fb)| {
        let by_position = match (fa.position, fb.position) {
            (Some(x), Some(y)) => x.total_cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        };
        by_position.then_with(|| path_cmp(a, b))
    });
}

/// Natural order of two relative paths, folder by folder.
pub(crate) fn path_cmp(a: &Path, b: &Path) -> std::cmp::Ordering {
    let parts = |p: &Path| -> Vec<String> {
        p.components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect()
    };
    let (pa, pb) = (parts(a), parts(b));
    for (x, y) in pa.iter().zip(&pb) {
        let ord = natural_cmp(x, y);
        if ord.is_ne() {
            return ord;
        }
    }
    pa.len().cmp(&pb.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_to_markdown_files_in_the_folder_are_parts() {
        let text = "# Index\n\n1. [What is `x`?](answers/x.md#top)\n2. [Y](./answers/y%20z.md)\n\
                    [web](https://e.com/a.md) [img](a.png) [here](#frag) [out](../../o.md)\n\
                    [up](../b.md)\n";
        let links = part_links(text, Path::new("sub/index.md"));
        let got: Vec<(String, &str, u32)> = links
            .iter()
            .map(|l| (l.target.display().to_string(), l.text.as_str(), l.line))
            .collect();
        assert_eq!(
            got,
            [
                ("sub/answers/x.md".to_string(), "What is x?", 3),
                ("sub/answers/y z.md".to_string(), "Y", 4),
                ("b.md".to_string(), "up", 6),
            ]
        );
    }

    #[test]
    fn the_index_is_found_by_its_name() {
        let files = ["a.md", "README.md", "sub/index.md", "SUMMARY.md"].map(PathBuf::from);
        let no_links = |_: &Path| String::new();
        assert_eq!(
            find_index(&files, no_links),
            Some(PathBuf::from("SUMMARY.md"))
        );
        assert_eq!(
            find_index(&files[..2], no_links),
            Some(PathBuf::from("README.md"))
        );
        assert_eq!(find_index(&[PathBuf::from("sub/index.md")], no_links), None);
        // Else a file linking to most of the others.
        let files = ["FAQ.md", "faq/a.md", "faq/b.md", "faq/c.md", "other.md"].map(PathBuf::from);
        let faq = |p: &Path| {
            if p == Path::new("FAQ.md") {
                "- [A](faq/a.md#x)\n- [B](faq/b.md)\n- [A again](faq/a.md)\n".to_string()
            } else {
                "- [A](faq/a.md)\n".to_string()
            }
        };
        assert_eq!(find_index(&files, faq), Some(PathBuf::from("FAQ.md")));
        assert_eq!(find_index(&files[1..], faq), None);
    }

    #[test]
    fn front_matter_orders_then_names() {
        let mut parts = vec![
            (PathBuf::from("10-b.md"), FileFacts::of("")),
            (
                PathBuf::from("z.md"),
                FileFacts::of("---\nsidebar_position: 2\n---\n"),
            ),
            (PathBuf::from("2-a.md"), FileFacts::of("")),
            (
                PathBuf::from("y.md"),
                FileFacts::of("---\ntitle: Y\nweight: 1\n---\n"),
            ),
        ];
        order_without_index(&mut parts);
        let names: Vec<String> = parts.iter().map(|p| p.0.display().to_string()).collect();
        assert_eq!(names, ["y.md", "z.md", "2-a.md", "10-b.md"]);
    }
}
