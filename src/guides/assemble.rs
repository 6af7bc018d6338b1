//! A folder guide assembled from its parts: the index (if any) gives the title, the metadata
//! and the preface; each part is parsed on its own (so every diagnostic names the part's file
//! and line) and its topics follow in part order. A part that is one question becomes one
//! topic: its top heading (else its front-matter title, else the index's link text) is the
//! question, and its "Answer"-like headings are labels inside the answer, not cards.

use super::rewrite::{Rewrite, unique_id};
use super::shape::{self, is_answer_label, is_one_question, looks_like_question};
use super::shared;
use super::{FolderGuide, GuideSource};
use crate::diagnostic::{Diagnostic, DiagnosticCode, Severity};
use crate::model::{
    Block, Convention, Detection, Guide, Inline, Meta, Source, TitleSource, Topic, plain_text,
    slugify,
};
use crate::parse::{CardOptions, ParseOptions, Parsed, Repairs};
use crate::pipeline::{self, BuildError};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A guide loaded and parsed, with the texts its diagnostics point into.
#[derive(Debug)]
pub struct Loaded {
    /// The guide as one parse: the model, every diagnostic, the repairs; for a folder guide
    /// `source_text` is its index's text (empty without one).
    pub parsed: Parsed,
    /// Each file read (path as shown in diagnostics) and its text as decoded.
    pub sources: Vec<(String, String)>,
    /// The folder images are looked for in: the guide file's own, or the folder guide.
    pub base: PathBuf,
    /// The total size of the texts read, in bytes.
    pub bytes: usize,
}

/// Reads and parses the guide `source`.
pub fn load(
    source: &GuideSource,
    options: &ParseOptions,
    cards: &CardOptions,
) -> Result<Loaded, BuildError> {
    match source {
        GuideSource::File(path) => {
            let parsed = pipeline::load_with(path, options, cards)?;
            let base = match path.parent() {
                Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
                _ => PathBuf::from("."),
            };
            let sources = vec![(parsed.guide.source.path.clone(), parsed.source_text.clone())];
            let bytes = parsed.source_text.len();
            Ok(Loaded {
                parsed,
                sources,
                base,
                bytes,
            })
        }
        GuideSource::Folder(folder) => load_folder(folder, options, cards),
    }
}

/// One part, parsed.
struct Part {
    relative: PathBuf,
    parsed: Parsed,
    /// Read as one question (not as a guide of its own).
    one: bool,
}

fn read(
    root: &Path,
    relative: &Path,
    options: &ParseOptions,
    cards: &CardOptions,
    timestamp: i64,
) -> Result<Parsed, BuildError> {
    let path = root.join(relative);
    let shown = path.display().to_string();
    let bytes = std::fs::read(&path).map_err(|source| BuildError::Read {
        path: shown.clone(),
        source,
    })?;
    Ok(crate::parse::parse_with(
        &bytes, &shown, timestamp, options, cards,
    )?)
}

fn load_folder(
    folder: &FolderGuide,
    options: &ParseOptions,
    cards: &CardOptions,
) -> Result<Loaded, BuildError> {
    let root = &folder.root;
    let all: Vec<&PathBuf> = folder.index.iter().chain(&folder.parts).collect();
    let timestamp = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            all.iter()
                .map(|p| pipeline::timestamp_for(&root.join(p)))
                .max()
                .unwrap_or(0)
        });
    let mut diagnostics = folder.diagnostics.clone();
    let mut sources = Vec::new();
    let mut repairs = Repairs::default();
    let mut add_repairs = |r: &Repairs| {
        repairs.encoding += r.encoding;
        repairs.fences += r.fences;
        repairs.comments += r.comments;
        repairs.control_chars += r.control_chars;
    };
    let index = match &folder.index {
        Some(index) => Some(read(root, index, options, cards, timestamp)?),
        None => None,
    };
    let mut parts = Vec::new();
    for relative in &folder.parts {
        let text = std::fs::read(root.join(relative))
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default();
        // A part the index links to that has no heading is the answer to the link's text.
        let linked_answer =
            folder.link_texts.contains_key(relative) && shape::headings(&text).is_empty();
        let one = is_one_question(&text) || linked_answer;
        let parsed = if one {
            let one = ParseOptions {
                topic_level: Some(1),
                ..options.clone()
            };
            let mut parsed = read(root, relative, &one, cards, timestamp)?;
            one_question(&mut parsed, folder.link_texts.get(relative));
            parsed
        } else {
            read(root, relative, options, cards, timestamp)?
        };
        parts.push(Part {
            relative: relative.clone(),
            parsed,
            one,
        });
    }
    // Parts that found no question are read again with the convention the others share.
    if cards.convention.is_none()
        && options.topic_level.is_none()
        && let Some(convention) =
            shared::folder_convention(parts.iter().filter(|p| !p.one).map(|p| &p.parsed))
    {
        let forced = CardOptions {
            convention: Some(convention),
            ..cards.clone()
        };
        for part in &mut parts {
            if !part.one && !shared::fell_back(&part.parsed) {
                continue;
            }
            // A part titled like a question may still hold several questions of its own.
            let least = if part.one { 2 } else { 1 };
            let reread = read(root, &part.relative, options, &forced, timestamp)?;
            if let Some(better) = shared::better(reread, least) {
                part.parsed = better;
            }
        }
    }

    // The guide's own: title, metadata, preface, from the index or the folder's name.
    let shown_root = root.display().to_string();
    let (title, title_source, meta, mut preface, index_topics) = match &index {
        Some(ix) => {
            let g = &ix.guide;
            let (mut preface, mut topics) = (g.preface.clone(), Vec::new());
            for topic in &g.topics {
                if only_links(topic) {
                    preface.push(Block::Heading {
                        level: 2,
                        content: topic.title.clone(),
                    });
                    preface.extend(topic.intro.iter().cloned());
                } else {
                    topics.push(topic.clone());
                }
            }
            // A no-topics index is one topic of its own text: it is the preface.
            let no_topics = ix
                .diagnostics
                .iter()
                .any(|d| d.code == DiagnosticCode::NoTopics);
            if no_topics {
                preface = topics.drain(..).flat_map(|t| t.intro).collect();
            }
            let title = if g.title_source == TitleSource::FileName {
                folder_name(root)
            } else {
                g.title.clone()
            };
            (title, g.title_source, g.meta.clone(), preface, topics)
        }
        None => (
            folder_name(root),
            TitleSource::FileName,
            Meta {
                language: "en".into(),
                ..Meta::default()
            },
            Vec::new(),
            Vec::new(),
        ),
    };
    if let Some(ix) = &index {
        add_repairs(&ix.repairs);
        sources.push((ix.guide.source.path.clone(), ix.source_text.clone()));
        diagnostics.extend(
            ix.diagnostics
                .iter()
                .filter(|d| {
                    d.code != DiagnosticCode::NoTopics && d.code != DiagnosticCode::EmptyGuide
                })
                .cloned(),
        );
    }

    // The topics, part by part, with ids unique across the guide.
    let mut used = BTreeSet::new();
    let mut topics: Vec<(PathBuf, Topic)> = Vec::new();
    let index_relative = folder.index.clone().unwrap_or_default();
    // A part's groups are its own (their lines are its file's): the folder guide's topics
    // are filed under none.
    for mut topic in index_topics {
        topic.group = None;
        topic.file = index.as_ref().map(|ix| ix.guide.source.path.clone());
        unique_id(&mut topic, &mut used);
        topics.push((index_relative.clone(), topic));
    }
    let mut first_topic: BTreeMap<PathBuf, String> = BTreeMap::new();
    for part in parts {
        let Part {
            relative, parsed, ..
        } = part;
        add_repairs(&parsed.repairs);
        diagnostics.extend(
            parsed
                .diagnostics
                .iter()
                .filter(|d| d.code != DiagnosticCode::EmptyGuide)
                .cloned(),
        );
        let g = parsed.guide;
        if !g.preface.is_empty() {
            preface.push(Block::Heading {
                level: 2,
                content: vec![Inline::Text {
                    text: g.title.clone(),
                }],
            });
            preface.extend(g.preface);
        }
        for mut topic in g.topics {
            topic.group = None;
            topic.file = Some(g.source.path.clone());
            unique_id(&mut topic, &mut used);
            first_topic
                .entry(relative.clone())
                .or_insert_with(|| topic.id.clone());
            topics.push((relative.clone(), topic));
        }
        sources.push((g.source.path, parsed.source_text));
    }
    for (relative, topic) in &mut topics {
        let dir = relative.parent().unwrap_or(Path::new("")).to_path_buf();
        Rewrite {
            dir: &dir,
            first_topic: &first_topic,
        }
        .topic(topic);
    }
    let index_dir = index_relative
        .parent()
        .unwrap_or(Path::new(""))
        .to_path_buf();
    Rewrite {
        dir: &index_dir,
        first_topic: &first_topic,
    }
    .blocks(&mut preface);

    let topics: Vec<Topic> = topics.into_iter().map(|(_, t)| t).collect();
    if topics.is_empty() {
        diagnostics.push(
            Diagnostic::error(
                DiagnosticCode::EmptyGuide,
                format!("the folder guide `{shown_root}` has no questions to build from"),
            )
            .note(format!("its parts: {}", folder.parts.len())),
        );
    }
    diagnostics.sort_by_key(|d| d.severity == Severity::Warning);
    let slug = Some(slugify(&title))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "guide".to_string());
    let bytes = sources.iter().map(|(_, t)| t.len()).sum();
    let mut counts: Vec<(Convention, usize)> = Vec::new();
    for topic in &topics {
        match counts.iter_mut().find(|(c, _)| *c == topic.kind) {
            Some((_, n)) => *n += 1,
            None => counts.push((topic.kind, 1)),
        }
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    let detection = Detection {
        convention: counts.first().map_or_else(Convention::default, |c| c.0),
        counts,
        ..Detection::default()
    };
    let back_matter = index
        .as_ref()
        .map(|ix| ix.guide.back_matter.clone())
        .unwrap_or_default();
    let guide = Guide {
        title,
        title_source,
        slug,
        source: Source {
            path: shown_root,
            timestamp,
        },
        meta,
        preface,
        groups: Vec::new(),
        topics,
        back_matter,
        detection,
    };
    let source_text = index.map(|ix| ix.source_text).unwrap_or_default();
    Ok(Loaded {
        parsed: Parsed {
            guide,
            diagnostics,
            source_text,
            repaired_text: String::new(),
            repairs,
        },
        sources,
        base: root.clone(),
        bytes,
    })
}

/// The folder's own name, as a title.
fn folder_name(root: &Path) -> String {
    root.canonicalize()
        .ok()
        .as_deref()
        .unwrap_or(root)
        .file_name()
        .map_or_else(|| "guide".into(), |n| n.to_string_lossy().into_owned())
}

/// `true` when a topic holds nothing but links (a table of contents in an index).
fn only_links(topic: &Topic) -> bool {
    fn inlines_only_links(inlines: &[Inline]) -> bool {
        inlines.iter().all(|i| match i {
            Inline::Link { .. } | Inline::SoftBreak | Inline::HardBreak => true,
            Inline::Text { text } => text.trim().chars().all(|c| !c.is_alphanumeric()),
            Inline::Strong { content } | Inline::Emphasis { content } => {
                inlines_only_links(content) || plain_text(content).len() < 60
            }
            _ => false,
        })
    }
    fn blocks_only_links(blocks: &[Block]) -> bool {
        blocks.iter().all(|b| match b {
            Block::Paragraph { content } => inlines_only_links(content),
            Block::List { items, .. } => items.iter().all(|i| blocks_only_links(&i.blocks)),
            Block::Rule => true,
            _ => false,
        })
    }
    let mut any = !topic.intro.is_empty();
    let mut all = blocks_only_links(&topic.intro);
    for s in &topic.sections {
        s.walk(&mut |s| {
            any |= !s.blocks.is_empty();
            all &= blocks_only_links(&s.blocks);
        });
    }
    any && all
}

/// A part parsed with topic level 1 made into its one question: the topic the parser made
/// (its title heading, or a single level-1 topic), titled with the top heading, else the
/// front-matter title, else the index's link text; the first answer label dropped.
fn one_question(parsed: &mut Parsed, link_text: Option<&String>) {
    let fallback = parsed
        .diagnostics
        .iter()
        .any(|d| d.code == DiagnosticCode::NoTopics);
    parsed
        .diagnostics
        .retain(|d| d.code != DiagnosticCode::NoTopics);
    if !fallback || parsed.guide.topics.len() != 1 {
        return;
    }
    let guide = &mut parsed.guide;
    let title_source = guide.title_source;
    let topic = &mut guide.topics[0];
    // The question heading sits in the answer as a heading when it is deeper than level 1;
    // a front-matter title that asks is the question all the same.
    let asks =
        title_source == TitleSource::FrontMatter && looks_like_question(&plain_text(&topic.title));
    if title_source != TitleSource::Heading
        && !asks
        && let Some(Block::Heading { content, .. }) = topic.intro.first()
    {
        topic.title = content.clone();
        topic.intro.remove(0);
    } else if title_source == TitleSource::FileName
        && let Some(text) = link_text.filter(|t| !t.is_empty())
    {
        topic.title = vec![Inline::Text { text: text.clone() }];
    }
    let question = plain_text(&topic.title);
    let slug = slugify(strip_number(&question));
    if !slug.is_empty() {
        topic.id = slug;
    }
    if let Some(Block::Heading { content, .. }) = topic.intro.first()
        && is_answer_label(&plain_text(content))
    {
        topic.intro.remove(0);
    }
}

/// A question without its leading number (`12. `, `Q12: `), for its id.
fn strip_number(question: &str) -> &str {
    let t = question.trim_start();
    let t = t.strip_prefix(['Q', 'q']).unwrap_or(t);
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 {
        return question;
    }
    t[digits..].trim_start_matches(['.', ')', ':']).trim_start()
}
