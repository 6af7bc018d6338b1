//! The convention a folder guide's parts share. Each part is parsed on its own, and a short
//! part may hold too few questions for the detector to trust a convention (a file with one
//! or two `**Q: …?**` paragraphs under its title): it then falls back to one topic of the
//! whole file. When at least two other parts of the folder found their questions in the
//! same convention (other than headings, the baseline every part is read with anyway),
//! such a part is read again with that convention, as `--cards NAME` would read it; the
//! second reading is kept only when it finds questions. A part whose title asks (`# What
//! happens when you type a URL`) is taken for one question; read with the shared
//! convention, it is several when that finds at least two.

use crate::diagnostic::DiagnosticCode;
use crate::model::Convention;
use crate::parse::Parsed;

/// How many parts must share a convention for it to be the folder's.
const LEAST_PARTS: usize = 2;

/// `true` when the parser found no question in the part and made it one topic of the whole
/// file.
pub(crate) fn fell_back(parsed: &Parsed) -> bool {
    parsed
        .diagnostics
        .iter()
        .any(|d| d.code == DiagnosticCode::NoTopics)
}

/// The convention most of the parts that found their questions (`parsed`, the parts read
/// as guides of their own, not one question per file) use, when at least two do and it is
/// not the heading baseline.
pub(crate) fn folder_convention<'a>(
    parsed: impl Iterator<Item = &'a Parsed>,
) -> Option<Convention> {
    let mut counts: Vec<(Convention, usize)> = Vec::new();
    for p in parsed.filter(|p| !fell_back(p) && !p.guide.topics.is_empty()) {
        let c = p.guide.detection.convention;
        match counts.iter_mut().find(|(k, _)| *k == c) {
            Some((_, n)) => *n += 1,
            None => counts.push((c, 1)),
        }
    }
    // Most parts first; ties go to the convention met first, so the choice is stable.
    let (convention, n) = counts.iter().copied().fold(
        None,
        |best: Option<(Convention, usize)>, (c, n)| match best {
            Some((_, m)) if m >= n => best,
            _ => Some((c, n)),
        },
    )?;
    (n >= LEAST_PARTS && !matches!(convention, Convention::Headings | Convention::Numbered))
        .then_some(convention)
}

/// The second reading of a part, when it found at least `least` questions (one for a part
/// that fell back, two for a part whose title asks and was taken for its one question).
pub(crate) fn better(reread: Parsed, least: usize) -> Option<Parsed> {
    (!fell_back(&reread) && reread.guide.topics.len() >= least.max(1)).then_some(reread)
}

#[cfg(test)]
mod tests {
    use super::super::{GuideSource, load};
    use crate::model::plain_text;
    use crate::parse::{CardOptions, ParseOptions};

    fn questions(files: &[(&str, &str)], cards: &CardOptions) -> Vec<String> {
        let dir = tempfile::tempdir().expect("temp dir");
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).expect("write");
        }
        let found = super::super::find(&[dir.path().to_path_buf()]).expect("find");
        let [GuideSource::Folder(folder)] = found.as_slice() else {
            panic!("one folder guide expected, got {found:?}");
        };
        let loaded = load(
            &GuideSource::Folder(folder.clone()),
            &ParseOptions::default(),
            cards,
        )
        .expect("load");
        loaded
            .parsed
            .guide
            .topics
            .iter()
            .map(|t| plain_text(&t.title))
            .collect()
    }

    const THREE: &str = "# Async\n\n**Q: What is a task?**\n\nA promise.\n\n**Q: What is await?**\n\nA wait.\n\n**Q: What is a thread?**\n\nA runner.\n";
    const THREE_MORE: &str = "# Heap\n\n**Q: Where do objects live?**\n\nOn the heap.\n\n**Q: Where do locals live?**\n\nOn the stack.\n\n**Q: Who frees the heap?**\n\nThe collector.\n";
    const ONE: &str =
        "# Indexes\n\n___\n\n**Q: What types of indexes are there?**\n\nClustered and not.\n";

    #[test]
    fn a_part_with_too_few_questions_is_read_with_the_folder_s_convention() {
        let files = [
            ("README.md", "# Questions\n\nA collection.\n"),
            ("01-async.md", THREE),
            ("02-heap.md", THREE_MORE),
            ("03-indexes.md", ONE),
        ];
        let got = questions(&files, &CardOptions::default());
        assert_eq!(got.len(), 7, "{got:?}");
        assert_eq!(got[6], "What types of indexes are there?");
        assert!(!got.contains(&"Indexes".to_string()), "{got:?}");
    }

    #[test]
    fn a_part_titled_like_a_question_keeps_the_questions_it_holds() {
        let asks = "# What happens when you type a URL\n\n**Q: What happens first?**\n\nA lookup.\n\n**Q: What happens next?**\n\nA request.\n";
        let single = "# What is a heap\n\nA tree.\n";
        let files = [
            ("01-async.md", THREE),
            ("02-heap.md", THREE_MORE),
            ("03-url.md", asks),
            ("04-heap.md", single),
        ];
        let got = questions(&files, &CardOptions::default());
        assert_eq!(got.len(), 9, "{got:?}");
        assert_eq!(
            got[6..],
            [
                "What happens first?",
                "What happens next?",
                "What is a heap"
            ]
        );
    }

    #[test]
    fn one_part_is_not_enough_evidence() {
        let files = [
            ("README.md", "# Questions\n\nA collection.\n"),
            ("01-async.md", THREE),
            ("03-indexes.md", ONE),
        ];
        let got = questions(&files, &CardOptions::default());
        assert_eq!(got.last().map(String::as_str), Some("Indexes"), "{got:?}");
    }
}
