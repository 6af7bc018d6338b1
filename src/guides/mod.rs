//! Which guides a build works on, and how a folder guide is read.
//!
//! A path names a guide file, or a folder. A folder is one guide when it has an index
//! (`SUMMARY.md`, `index.md`, `_index.md`, `README.md`, or a top-level file linking to most of
//! the others) or when its files look like the parts
//! of one guide (one question per file, numbered files, Docusaurus or Hugo pages, see
//! `shape`); otherwise it is a library: each Markdown file in it is a guide of its own, and
//! each sub-folder is looked at the same way. A folder guide's parts are found recursively
//! (`walk`), ordered (`order`), parsed one by one and assembled into one guide
//! (`assemble`); no guide of a build may overwrite another's outputs ([`OutputClaims`]).

mod assemble;
mod claims;
mod order;
mod rewrite;
mod shape;
mod shared;
mod walk;

pub use assemble::{Loaded, load};
pub use claims::OutputClaims;

use crate::diagnostic::{Diagnostic, DiagnosticCode};
use shape::FileFacts;
use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::{Path, PathBuf};

/// One guide to build.
#[derive(Debug, Clone)]
pub enum GuideSource {
    /// A guide file.
    File(PathBuf),
    /// A folder that is one guide.
    Folder(FolderGuide),
}

impl GuideSource {
    /// The path the guide was found at: its file, or its folder.
    pub fn path(&self) -> &Path {
        match self {
            GuideSource::File(path) => path,
            GuideSource::Folder(folder) => &folder.root,
        }
    }
}

/// A folder that is one guide: its index and its parts, in order.
#[derive(Debug, Clone)]
pub struct FolderGuide {
    /// The folder.
    pub root: PathBuf,
    /// Its index, relative to the folder, if it has one.
    pub index: Option<PathBuf>,
    /// The parts (the index aside), relative to the folder, in order.
    pub parts: Vec<PathBuf>,
    /// The text of the index's first link to each part (a question, when the part has no
    /// heading of its own).
    pub link_texts: BTreeMap<PathBuf, String>,
    /// What finding the parts reported: links from the index to missing files, symlinks
    /// leading out of the folder, files the index leaves out.
    pub diagnostics: Vec<Diagnostic>,
}

/// The guides at `paths` (every guide of `source/` when there are none), in order: each file
/// as given, each folder as one guide or as the guides of a library.
pub fn find(paths: &[PathBuf]) -> io::Result<Vec<GuideSource>> {
    let roots = if paths.is_empty() {
        vec![PathBuf::from("source")]
    } else {
        paths.to_vec()
    };
    let mut out = Vec::new();
    for root in roots {
        if root.is_dir() {
            classify(&root, &mut out)?;
        } else {
            out.push(GuideSource::File(root));
        }
    }
    Ok(out)
}

/// Text of a file for telling shapes apart (lossy: the parser reports encodings later).
fn read_text(path: &Path) -> String {
    std::fs::read(path)
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default()
}

fn classify(dir: &Path, out: &mut Vec<GuideSource>) -> io::Result<()> {
    let walked = walk::walk(dir)?;
    let shown = dir.display().to_string();
    let mut diagnostics: Vec<Diagnostic> = walked
        .outside
        .iter()
        .map(|p| {
            Diagnostic::warning(
                DiagnosticCode::PartOutside,
                format!(
                    "`{}` leads outside the guide's folder `{shown}` (a symlink): it is not read",
                    dir.join(p).display()
                ),
            )
        })
        .collect();
    if let Some(index) = order::find_index(&walked.files, |f| read_text(&dir.join(f))) {
        let folder = with_index(dir, index, &walked.files, diagnostics);
        out.push(GuideSource::Folder(folder));
        return Ok(());
    }
    // Each file's facts, not its text: a library's texts are never all in memory at once.
    let mut files: Vec<(PathBuf, FileFacts)> = walked
        .files
        .iter()
        .map(|f| (f.clone(), FileFacts::of(&read_text(&dir.join(f)))))
        .collect();
    if shape::parts_shape(&files, dir).is_some() {
        order::order_without_index(&mut files);
        out.push(GuideSource::Folder(FolderGuide {
            root: dir.to_path_buf(),
            index: None,
            parts: files.into_iter().map(|(p, _)| p).collect(),
            link_texts: BTreeMap::new(),
            diagnostics,
        }));
        return Ok(());
    }
    // A library: its own files are guides, its sub-folders are looked at in turn.
    diagnostics.clear();
    for (file, _) in files.iter().filter(|(f, _)| f.components().count() == 1) {
        out.push(GuideSource::File(dir.join(file)));
    }
    for sub in &walked.folders {
        classify(&dir.join(sub), out)?;
    }
    Ok(())
}

/// The folder guide of `dir` with the index `index`: the parts its links lead to, in order,
/// then followed through those parts' own links (each file once); when it links to none, every
/// file, ordered as without an index.
fn with_index(
    dir: &Path,
    index: PathBuf,
    files: &[PathBuf],
    mut diagnostics: Vec<Diagnostic>,
) -> FolderGuide {
    let known: BTreeSet<&PathBuf> = files.iter().collect();
    let index_text = read_text(&dir.join(&index));
    let index_shown = dir.join(&index).display().to_string();
    let mut parts: Vec<PathBuf> = Vec::new();
    let mut seen: BTreeSet<PathBuf> = BTreeSet::from([index.clone()]);
    let mut link_texts = BTreeMap::new();
    for link in order::part_links(&index_text, &index) {
        if !known.contains(&link.target) {
            if !seen.contains(&link.target) {
                diagnostics.push(
                    Diagnostic::warning(
                        DiagnosticCode::PartMissing,
                        format!(
                            "the index links to `{}`, which is not a Markdown file in the guide's folder",
                            link.target.display()
                        ),
                    )
                    .at(&index_shown, link.line, 1)
                    .note("the link is kept as it is; no part is read for it"),
                );
            }
            continue;
        }
        link_texts.entry(link.target.clone()).or_insert(link.text);
        if seen.insert(link.target.clone()) {
            parts.push(link.target);
        }
    }
    let mut next = 0;
    while next < parts.len() {
        let from = parts[next].clone();
        next += 1;
        for link in order::part_links(&read_text(&dir.join(&from)), &from) {
            if known.contains(&link.target) && seen.insert(link.target.clone()) {
                parts.push(link.target);
            }
        }
    }
    if parts.is_empty() {
        let mut all: Vec<(PathBuf, FileFacts)> = files
            .iter()
            .filter(|f| **f != index)
            .map(|f| (f.clone(), FileFacts::of(&read_text(&dir.join(f)))))
            .collect();
        order::order_without_index(&mut all);
        parts = all.into_iter().map(|(p, _)| p).collect();
    } else {
        let left_out: Vec<&PathBuf> = files.iter().filter(|f| !seen.contains(*f)).collect();
        if !left_out.is_empty() {
            let names: Vec<String> = left_out
                .iter()
                .take(5)
                .map(|p| format!("`{}`", p.display()))
                .collect();
            let more = left_out.len().saturating_sub(5);
            diagnostics.push(
                Diagnostic::warning(
                    DiagnosticCode::PartLeftOut,
                    format!(
                        "{} Markdown file{} of the folder {} not linked from the index and {} not part of the guide: {}{}",
                        left_out.len(),
                        if left_out.len() == 1 { "" } else { "s" },
                        if left_out.len() == 1 { "is" } else { "are" },
                        if left_out.len() == 1 { "is" } else { "are" },
                        names.join(", "),
                        if more > 0 { format!(" and {more} more") } else { String::new() }
                    ),
                )
                .at(&index_shown, 1, 1)
                .note("link them from the index to make them parts"),
            );
        }
    }
    FolderGuide {
        root: dir.to_path_buf(),
        index: Some(index),
        parts,
        link_texts,
        diagnostics,
    }
}
