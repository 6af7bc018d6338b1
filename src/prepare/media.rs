//! Local images referenced by a guide: found, checked, read once, given flat content-hashed
//! names.
//!
//! Every `Inline::Image` and every `<img src>` of the guide's raw HTML (an `img` element of the
//! model) is looked at. A local relative path
//! that stays inside the guide's folder (after resolving symlinks) and names a png, jpg/jpeg,
//! gif, svg or webp file is read and named `img-<first 16 hex of sha256>.<ext>`: flat (a `/`
//! in an Anki media name breaks the whole import) and identical for identical content.
//! Anything else is a warning and is never read: missing or unreadable files
//! (`image-missing`), absolute or escaping paths (`image-outside`), remote URLs
//! (`image-remote`), other schemes or file types (`image-unsupported`). Those images render
//! as their alt text.

use super::links::percent_decoded;
use crate::diagnostic::{Diagnostic, DiagnosticCode};
use crate::model::{AttrName, Block, Content, Guide, Inline, Tag, attr};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

/// One image to embed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaFile {
    /// Flat embedded name, `img-<16 hex>.<ext>`.
    pub name: String,
    /// MIME type (`image/png`, `image/jpeg`, `image/gif`, `image/svg+xml`, `image/webp`).
    pub mime: &'static str,
    /// The file's bytes.
    pub data: Vec<u8>,
}

/// The local images of a guide, in deterministic order.
#[derive(Debug, Default)]
pub struct MediaSet {
    /// Reference as written in the guide → embedded name (only for images that were read).
    by_reference: BTreeMap<String, String>,
    /// Embedded name → file.
    files: BTreeMap<String, MediaFile>,
    /// Whether some image the outputs show (one that was read) has no text alternative.
    undescribed: bool,
}

/// An image the guide references: as written, the line of its section, and its alt text.
type Reference = (String, u32, String);

impl MediaSet {
    /// Reads the local images `guide` references, relative to `base_dir` (the guide's folder).
    /// Returns the set and one warning per distinct reference that could not be used.
    pub fn collect(guide: &Guide, base_dir: &Path) -> (Self, Vec<Diagnostic>) {
        let mut refs: Vec<Reference> = Vec::new();
        // The file each reference is in: the guide's, or a part's (a folder guide).
        let mut files: Vec<&str> = Vec::new();
        guide.walk_content_in_files(&mut |content, line, file| {
            match content {
                Content::Title(title) => find_inlines(title, line, &mut refs),
                Content::Blocks(blocks) => find_blocks(blocks, line, &mut refs),
            }
            files.resize(refs.len(), file);
        });
        let mut set = MediaSet::default();
        let mut diagnostics = Vec::new();
        let mut seen: BTreeMap<String, ()> = BTreeMap::new();
        // A bare file name's parent is the empty path: its folder is the current one.
        let base_dir = if base_dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            base_dir
        };
        let base = base_dir.canonicalize().ok();
        for ((reference, line, alt), file) in refs.into_iter().zip(files) {
            if seen.insert(reference.clone(), ()).is_some() {
                if set.by_reference.contains_key(&reference) && alt.trim().is_empty() {
                    set.undescribed = true;
                }
                continue;
            }
            match load(&reference, base_dir, base.as_deref()) {
                Ok(file) => {
                    set.undescribed |= alt.trim().is_empty();
                    set.by_reference.insert(reference, file.name.clone());
                    set.files.entry(file.name.clone()).or_insert(file);
                }
                Err((code, why)) => diagnostics.push(
                    Diagnostic::warning(code, format!("image `{reference}` {why}"))
                        .at(file, line.max(1), 1)
                        .note("the image is referenced in the section that starts here")
                        .note("its alt text is shown instead"),
                ),
            }
        }
        (set, diagnostics)
    }

    /// The embedded name of the image a guide references as `reference` (as written in the
    /// Markdown or in `<img src>`), or `None` when it was not read.
    pub fn name_for(&self, reference: &str) -> Option<&str> {
        self.by_reference.get(reference).map(String::as_str)
    }

    /// The same references with each image's name behind `prefix` (`../`), for pages in a
    /// folder below the images (a bundle's book); it holds no files.
    pub fn relocated(&self, prefix: &str) -> MediaSet {
        MediaSet {
            by_reference: self
                .by_reference
                .iter()
                .map(|(reference, name)| (reference.clone(), format!("{prefix}{name}")))
                .collect(),
            files: BTreeMap::new(),
            undescribed: self.undescribed,
        }
    }

    /// Whether every image the outputs show has a text alternative (its alt text is not
    /// empty): `true` when there is no image.
    pub fn all_described(&self) -> bool {
        !self.undescribed
    }

    /// The images, ordered by embedded name (each content once).
    pub fn files(&self) -> impl Iterator<Item = &MediaFile> {
        self.files.values()
    }

    /// The image with embedded name `name`.
    pub fn get(&self, name: &str) -> Option<&MediaFile> {
        self.files.get(name)
    }

    /// How many distinct images there are.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// `true` when there is no image.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// A set holding one image (for tests of the renderers).
    #[cfg(test)]
    pub(crate) fn with_image(reference: &str, data: &[u8], ext: &str) -> Self {
        let mut set = MediaSet::default();
        let (ext, mime) = image_type(ext).unwrap_or(("png", "image/png"));
        let name = hashed_name(data, ext);
        set.by_reference.insert(reference.to_string(), name.clone());
        set.files.insert(
            name.clone(),
            MediaFile {
                name,
                mime,
                data: data.to_vec(),
            },
        );
        set
    }
}

/// Canonical extension and MIME type for a file extension (case-insensitive).
fn image_type(ext: &str) -> Option<(&'static str, &'static str)> {
    Some(match ext.to_ascii_lowercase().as_str() {
        "png" => ("png", "image/png"),
        "jpg" | "jpeg" => ("jpg", "image/jpeg"),
        "gif" => ("gif", "image/gif"),
        "svg" => ("svg", "image/svg+xml"),
        "webp" => ("webp", "image/webp"),
        _ => return None,
    })
}

fn hashed_name(data: &[u8], ext: &str) -> String {
    let digest = Sha256::digest(data);
    let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    format!("img-{hex}.{ext}")
}

type Refusal = (DiagnosticCode, String);

/// Checks and reads one reference.
fn load(reference: &str, base_dir: &Path, base: Option<&Path>) -> Result<MediaFile, Refusal> {
    let relative = local_path(reference)?;
    let ext = relative
        .extension()
        .and_then(|e| e.to_str())
        .and_then(image_type)
        .ok_or((
            DiagnosticCode::ImageUnsupported,
            "is not a png, jpg, gif, svg or webp file".into(),
        ))?;
    let base = base.ok_or((
        DiagnosticCode::ImageMissing,
        "cannot be found (no guide folder)".into(),
    ))?;
    let full = base_dir.join(&relative);
    let real = full
        .canonicalize()
        .map_err(|_| (DiagnosticCode::ImageMissing, "does not exist".to_string()))?;
    if !real.starts_with(base) {
        return Err((
            DiagnosticCode::ImageOutside,
            "leads outside the guide's folder (through a symlink); it is not read".into(),
        ));
    }
    if !real.is_file() {
        return Err((DiagnosticCode::ImageMissing, "is not a file".into()));
    }
    let data = std::fs::read(&real)
        .map_err(|e| (DiagnosticCode::ImageMissing, format!("cannot be read: {e}")))?;
    Ok(MediaFile {
        name: hashed_name(&data, ext.0),
        mime: ext.1,
        data,
    })
}

/// The relative path a reference names, with `.` removed and `..` resolved, or why it is
/// refused.
fn local_path(reference: &str) -> Result<PathBuf, Refusal> {
    let lower = reference.to_ascii_lowercase();
    if reference.is_empty() {
        return Err((DiagnosticCode::ImageMissing, "has an empty path".into()));
    }
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("//") {
        return Err((
            DiagnosticCode::ImageRemote,
            "is remote and is not downloaded".into(),
        ));
    }
    let scheme = reference
        .find(':')
        .filter(|&i| !reference[..i].contains(['/', '\\', '?', '#']));
    if let Some(i) = scheme {
        // `C:\…` or `C:/…`: a Windows absolute path.
        if i == 1 {
            return Err((
                DiagnosticCode::ImageOutside,
                "is an absolute path; it is not read".into(),
            ));
        }
        return Err((
            DiagnosticCode::ImageUnsupported,
            "uses an unsupported URL scheme".into(),
        ));
    }
    // Drop a query or fragment, then undo percent-encoding.
    let path = reference.split(['?', '#']).next().unwrap_or(reference);
    let path = percent_decoded(path);
    if path.starts_with('/') || path.starts_with('\\') {
        return Err((
            DiagnosticCode::ImageOutside,
            "is an absolute path; it is not read".into(),
        ));
    }
    let mut parts: Vec<&str> = Vec::new();
    for component in Path::new(&path).components() {
        match component {
            Component::Normal(part) => match part.to_str() {
                Some(p) => parts.push(p),
                None => {
                    return Err((
                        DiagnosticCode::ImageMissing,
                        "has a path that is not UTF-8".into(),
                    ));
                }
            },
            Component::CurDir => {}
            Component::ParentDir => {
                if parts.pop().is_none() {
                    return Err((
                        DiagnosticCode::ImageOutside,
                        "leads outside the guide's folder; it is not read".into(),
                    ));
                }
            }
            Component::RootDir | Component::Prefix(_) => {
                return Err((
                    DiagnosticCode::ImageOutside,
                    "is an absolute path; it is not read".into(),
                ));
            }
        }
    }
    if parts.is_empty() {
        return Err((DiagnosticCode::ImageMissing, "names no file".into()));
    }
    Ok(parts.iter().collect())
}

fn find_blocks(blocks: &[Block], line: u32, refs: &mut Vec<Reference>) {
    for block in blocks {
        match block {
            Block::Paragraph { content }
            | Block::Heading { content, .. }
            | Block::Plain { content } => {
                find_inlines(content, line, refs);
            }
            Block::List { items, .. } => {
                for item in items {
                    find_blocks(&item.blocks, line, refs);
                }
            }
            Block::Table { head, rows, .. } => {
                for cell in head.iter().chain(rows.iter().flatten()) {
                    find_inlines(cell, line, refs);
                }
            }
            Block::Quote { blocks }
            | Block::Footnote { blocks, .. }
            | Block::Element {
                children: blocks, ..
            } => {
                find_blocks(blocks, line, refs);
            }
            Block::Code { .. } | Block::Rule | Block::Comment { .. } => {}
        }
    }
}

fn find_inlines(inlines: &[Inline], line: u32, refs: &mut Vec<Reference>) {
    for inline in inlines {
        match inline {
            Inline::Image { url, alt, .. } => {
                refs.push((url.trim().to_string(), line, alt.clone()))
            }
            Inline::Element {
                tag: Tag::Img,
                attrs,
                ..
            } => refs.push((
                attr(attrs, AttrName::Src).unwrap_or("").trim().to_string(),
                line,
                attr(attrs, AttrName::Alt).unwrap_or("").to_string(),
            )),
            Inline::Emphasis { content }
            | Inline::Strong { content }
            | Inline::Strike { content }
            | Inline::Link { content, .. }
            | Inline::Element { content, .. } => find_inlines(content, line, refs),
            _ => {}
        }
    }
}

#[cfg(test)]
#[path = "media_tests.rs"]
mod tests;
