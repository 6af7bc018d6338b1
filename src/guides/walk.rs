//! The Markdown files of a folder, found recursively: hidden folders and files, `node_modules`
//! and `.git` skipped; a symlink whose target is outside the folder is never followed or read
//! (it is reported); a folder reached twice through symlinks is walked once; of a question's
//! translations kept side by side (`en-US.mdx`, `pt-BR.mdx`), the English one.

use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};

/// How deep a walk goes below its folder.
const MAX_DEPTH: usize = 32;

/// What a walk found.
#[derive(Debug, Default)]
pub(crate) struct Walked {
    /// The Markdown files, relative to the folder walked, sorted naturally per folder.
    pub files: Vec<PathBuf>,
    /// Symlinks (relative to the folder) whose targets lead outside it: not read.
    pub outside: Vec<PathBuf>,
    /// The sub-folders directly below the folder walked (relative), in natural order.
    pub folders: Vec<PathBuf>,
}

/// `true` for the file names deckbook reads as Markdown: `.md`, `.mdx`, `.markdown`.
pub(crate) fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "md" | "mdx" | "markdown"))
}

/// `true` for the entries a walk skips: hidden ones, `node_modules`.
fn skipped(name: &str) -> bool {
    name.starts_with('.') || name == "node_modules"
}

/// Walks `root` (which must be a folder).
pub(crate) fn walk(root: &Path) -> io::Result<Walked> {
    let canonical_root = root.canonicalize()?;
    let mut walked = Walked::default();
    let mut seen = BTreeSet::new();
    seen.insert(canonical_root.clone());
    visit(
        root,
        Path::new(""),
        &canonical_root,
        0,
        &mut seen,
        &mut walked,
    )?;
    Ok(walked)
}

fn visit(
    root: &Path,
    relative: &Path,
    canonical_root: &Path,
    depth: usize,
    seen: &mut BTreeSet<PathBuf>,
    walked: &mut Walked,
) -> io::Result<()> {
    let folder = root.join(relative);
    let mut entries: Vec<(String, PathBuf)> = std::fs::read_dir(&folder)?
        .filter_map(Result::ok)
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .filter(|(name, _)| !skipped(name))
        .collect();
    entries.sort_by(|a, b| natural_cmp(&a.0, &b.0));
    let mut files = Vec::new();
    let mut folders = Vec::new();
    for (name, path) in entries {
        let rel = relative.join(&name);
        let Ok(real) = path.canonicalize() else {
            continue; // a broken symlink
        };
        if !real.starts_with(canonical_root) {
            walked.outside.push(rel);
            continue;
        }
        if real.is_dir() {
            if depth < MAX_DEPTH && seen.insert(real) {
                folders.push(rel);
            }
        } else if real.is_file() && is_markdown(&path) {
            files.push(rel);
        }
    }
    walked.files.extend(english_only(files));
    if depth == 0 {
        walked.folders = folders.clone();
    }
    for sub in folders {
        visit(root, &sub, canonical_root, depth + 1, seen, walked)?;
    }
    Ok(())
}

/// A file stem that is a locale tag with a region or script: `en-US`, `pt-BR`, `zh-Hans` (a
/// bare `go` or `js` is a name, not a language); its language.
fn locale(stem: &str) -> Option<&str> {
    let (language, region) = stem.split_once(['-', '_'])?;
    let language_ok =
        (2..=3).contains(&language.len()) && language.bytes().all(|b| b.is_ascii_lowercase());
    let region_ok = (region.len() == 2 && region.bytes().all(|b| b.is_ascii_uppercase()))
        || (region.len() == 4 && region.bytes().all(|b| b.is_ascii_alphabetic()));
    (language_ok && region_ok).then_some(language)
}

/// Of a folder's files, when two or more are translations named by their locale (`en-US.mdx`,
/// `pt-BR.mdx`), only the English one (else the first): they are the same questions.
fn english_only(files: Vec<PathBuf>) -> Vec<PathBuf> {
    let stem = |p: &PathBuf| {
        p.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let translations: Vec<&PathBuf> = files
        .iter()
        .filter(|p| locale(&stem(p)).is_some())
        .collect();
    if translations.len() < 2 {
        return files;
    }
    let keep = translations
        .iter()
        .find(|p| locale(&stem(p)) == Some("en"))
        .unwrap_or(&translations[0]);
    let keep = (*keep).clone();
    files
        .into_iter()
        .filter(|p| locale(&stem(p)).is_none() || *p == keep)
        .collect()
}

/// Natural order of names: runs of digits compare as numbers (`2-x.md` before `10-x.md`),
/// the rest by character, case ignored first; the names themselves break ties.
pub(crate) fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    fn chunks(s: &str) -> Vec<(bool, String)> {
        let mut out: Vec<(bool, String)> = Vec::new();
        for c in s.chars() {
            let digit = c.is_ascii_digit();
            match out.last_mut() {
                Some((d, text)) if *d == digit => text.push(c),
                _ => out.push((digit, c.to_string())),
            }
        }
        out
    }
    let (ca, cb) = (chunks(a), chunks(b));
    for (x, y) in ca.iter().zip(&cb) {
        let ord = match (x.0, y.0) {
            (true, true) => {
                let (tx, ty) = (x.1.trim_start_matches('0'), y.1.trim_start_matches('0'));
                tx.len().cmp(&ty.len()).then_with(|| tx.cmp(ty))
            }
            _ => x.1.to_lowercase().cmp(&y.1.to_lowercase()),
        };
        if ord.is_ne() {
            return ord;
        }
    }
    ca.len().cmp(&cb.len()).then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_sort_naturally() {
        let mut names = vec!["10-x.md", "2-x.md", "b.md", "A.md", "1-y.md", "01-a.md"];
        names.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(
            names,
            ["01-a.md", "1-y.md", "2-x.md", "10-x.md", "A.md", "b.md"]
        );
    }

    #[test]
    fn the_walk_skips_hidden_folders_node_modules_and_links_leading_out() {
        let outer = tempfile::tempdir().expect("temp dir");
        let root = outer.path().join("guide");
        for dir in ["a", ".hidden", "node_modules", ".git", "b/c"] {
            std::fs::create_dir_all(root.join(dir)).expect("mkdir");
        }
        for file in [
            "10-z.md",
            "2-y.md",
            "notes.txt",
            "a/q.mdx",
            ".hidden/x.md",
            "node_modules/m.md",
            ".git/g.md",
            "b/c/deep.md",
            ".draft.md",
        ] {
            std::fs::write(root.join(file), "# T\n").expect("write");
        }
        std::fs::write(outer.path().join("secret.md"), "# Secret\n").expect("write");
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(outer.path().join("secret.md"), root.join("s.md"))
                .expect("symlink");
            std::os::unix::fs::symlink(outer.path(), root.join("up")).expect("symlink");
            std::os::unix::fs::symlink(root.join("a"), root.join("a-again")).expect("symlink");
        }
        let walked = walk(&root).expect("walks");
        let files: Vec<String> = walked
            .files
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        assert_eq!(files, ["2-y.md", "10-z.md", "a/q.mdx", "b/c/deep.md"]);
        #[cfg(unix)]
        assert_eq!(walked.outside, [PathBuf::from("s.md"), PathBuf::from("up")]);
    }

    #[test]
    fn of_translations_side_by_side_the_english_one_is_kept() {
        let files = ["pt-BR.mdx", "en-US.mdx", "zh-CN.mdx", "metadata.md"]
            .map(PathBuf::from)
            .to_vec();
        assert_eq!(
            english_only(files),
            [PathBuf::from("en-US.mdx"), PathBuf::from("metadata.md")]
        );
        let one = vec![PathBuf::from("en-US.md"), PathBuf::from("go.md")];
        assert_eq!(english_only(one.clone()), one);
    }
}
