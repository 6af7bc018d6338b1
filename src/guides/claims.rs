//! Within one build no guide may overwrite another's outputs: the first guide whose title
//! gives a slug claims the file names made from it (`<slug>.apkg`, …), and a later, different
//! guide with the same slug is refused with a `same-outputs` error naming both files.

use crate::diagnostic::{Diagnostic, DiagnosticCode};
use crate::emit::Output;
use crate::model::TitleSource;
use crate::parse::Parsed;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The slugs the guides of one build have claimed, and by which guide.
#[derive(Debug, Default)]
pub struct OutputClaims {
    /// Slug → the guide that claimed it: as named, and its canonical path (to tell the same
    /// guide named twice, `a.md` and `./a.md`, from another one).
    by_slug: BTreeMap<String, (String, Option<PathBuf>)>,
}

impl OutputClaims {
    /// Claims the outputs of the guide `parsed`, read from `path`, whose outputs would be
    /// `outputs` (all four when empty). Returns the `same-outputs` error, placed at the line
    /// its title comes from, when another guide of this build already claimed its slug.
    pub fn claim(
        &mut self,
        parsed: &Parsed,
        path: &Path,
        outputs: &[Output],
    ) -> Option<Diagnostic> {
        let guide = &parsed.guide;
        let canonical = path.canonicalize().ok();
        let shown = guide.source.path.clone();
        let (first, first_canonical) = self
            .by_slug
            .entry(guide.slug.clone())
            .or_insert_with(|| (shown.clone(), canonical.clone()));
        if *first == shown || (canonical.is_some() && *first_canonical == canonical) {
            return None;
        }
        let all = [Output::Apkg, Output::Epub, Output::Csv, Output::AnkiCsv];
        let outputs = if outputs.is_empty() {
            &all[..]
        } else {
            outputs
        };
        let names: Vec<String> = outputs
            .iter()
            .map(|o| format!("`{}{}`", guide.slug, o.extension()))
            .collect();
        let line = title_line(parsed);
        Some(
            Diagnostic::error(
                DiagnosticCode::SameOutputs,
                format!(
                    "`{shown}` would write the same outputs as `{first}` ({})",
                    names.join(", ")
                ),
            )
            .at(&shown, line, 1)
            .note(format!(
                "both guides are titled `{}`, which names the outputs, the deck and the notes; \
                 `{first}` is built and `{shown}` is not",
                guide.title
            ))
            .note("give one of them another title (its `# Title` or front matter `title`)"),
        )
    }
}

/// The line a guide's title comes from: its level-1 heading, the front matter's `title:`, or
/// the first line when the title is the file name.
fn title_line(parsed: &Parsed) -> u32 {
    let wanted = |line: &str| match parsed.guide.title_source {
        TitleSource::Heading => line.trim_start().starts_with("# ") || line.trim() == "#",
        TitleSource::FrontMatter => line.trim_start().starts_with("title:"),
        TitleSource::FileName => true,
    };
    parsed
        .source_text
        .lines()
        .position(wanted)
        .map_or(1, |i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{ParseOptions, parse};

    fn parsed(path: &str, text: &str) -> Parsed {
        parse(text.as_bytes(), path, 0, &ParseOptions::default()).expect("parses")
    }

    #[test]
    fn the_second_guide_with_a_slug_is_refused_at_its_title() {
        let mut claims = OutputClaims::default();
        let a = parsed("a.md", "# Same\n\n## One\n\nx\n");
        let b = parsed("b.md", "Intro.\n\n# Same!\n\n## One\n\nx\n");
        let c = parsed("c.md", "# Other\n\n## One\n\nx\n");
        assert_eq!(claims.claim(&a, Path::new("a.md"), &[]), None);
        assert_eq!(claims.claim(&c, Path::new("c.md"), &[]), None);
        let d = claims
            .claim(&b, Path::new("b.md"), &[Output::Csv, Output::AnkiCsv])
            .expect("refused");
        assert_eq!(
            d.message,
            "`b.md` would write the same outputs as `a.md` (`same.csv`, `same.anki.csv`)"
        );
        assert_eq!(d.location.as_ref().map(|l| l.line), Some(3));
        // The first guide named again is not another guide.
        assert_eq!(claims.claim(&a, Path::new("a.md"), &[]), None);
    }
}
