"""The Markdown spec corpus: every example of the spec files in `third_party/` (and of
deckbook's own `vectors/`, in the same format) turned into study guides, one topic per
example.

    python tests/spec/corpus.py OUT_DIR      # writes the guides and OUT_DIR/index.json

A spec file holds examples between a line of 32 backticks followed by ` example` (with an
optional suffix: `example_deflists`, `example autolink`, …) and a line of 32 backticks; the
Markdown and the expected HTML are separated by a line `.`, and `→` stands for a tab. Openers
upstream's own test runners skip (`.example`, `DISABLED example`) are skipped here too. An
example's number is its position among the openers of its file, as upstream counts them.

Grouping: examples stay in file order; a guide takes whole sections of its spec file (the
last `#` or `##` heading of the prose before the example) up to `TARGET` examples, a longer
section is split into near-equal parts, and an example that would swallow what follows it
(an HTML block of kinds 1–5 or a fenced code block left open, as an independent CommonMark
parser, markdown-it-py, sees it) ends its guide, so it never swallows the next example.

A guide is:

    # <Spec> examples <first>–<last>

    <one line saying where it comes from>

    ## <n>. <Spec> example <n>: <section> (spec line <line>)

    <the example's Markdown, verbatim but for tabs>

    ## <n+1>. …

Only the standard library and markdown-it-py are used; nothing here reads deckbook code.
"""

import dataclasses
import json
import pathlib
import re
import sys

from markdown_it import MarkdownIt

HERE = pathlib.Path(__file__).resolve().parent
THIRD_PARTY = HERE / "third_party"
FENCE = "`" * 32
OPENER = re.compile(r"^" + FENCE + r" example(?:[_ ].*)?$")
HEADING = re.compile(r"^(#{1,2})\s+(.*?)\s*#*\s*$")
TARGET = 50
PROBE = "99999. probe"


@dataclasses.dataclass(frozen=True)
class Source:
    """One spec file: its path under `tests/spec/` and the label its guides carry."""

    path: str
    label: str

    @property
    def short(self):
        """The path without `third_party/`: `commonmark/spec.txt`, `vectors/xss.txt`."""
        return self.path.removeprefix("third_party/")


def sources():
    """The spec files of the corpus, in a fixed order: CommonMark, GFM, pulldown-cmark's,
    then deckbook's own vectors (`vectors/`, markup that must never be live)."""
    found = [Source("third_party/commonmark/spec.txt", "CommonMark"),
             Source("third_party/gfm/spec.txt", "GFM")]
    for path in sorted((THIRD_PARTY / "pulldown-cmark").glob("*.txt")):
        found.append(Source(f"third_party/pulldown-cmark/{path.name}",
                            f"pulldown-cmark {path.stem}"))
    for path in sorted((HERE / "vectors").glob("*.txt")):
        found.append(Source(f"vectors/{path.name}", f"deckbook {path.stem}"))
    return found


@dataclasses.dataclass(frozen=True)
class Example:
    """One example: where it is, which section it belongs to, and its Markdown."""

    source: Source
    number: int
    line: int  # line of the opener in the spec file
    section: str
    markdown: str  # tabs restored; ends with a newline unless empty


def examples(source):
    """Every example of one spec file, in order."""
    text = (HERE / source.path).read_text(encoding="utf-8")
    lines = text.split("\n")
    found, section, i = [], source.label, 0
    while i < len(lines):
        line = lines[i]
        if not OPENER.match(line):
            heading = HEADING.match(line)
            if heading and not line.startswith(FENCE):
                section = plain(heading.group(2))
            i += 1
            continue
        start = i + 1
        j = start
        while j < len(lines) and lines[j] != ".":
            j += 1
        k = j
        while k < len(lines) and lines[k] != FENCE:
            k += 1
        if k >= len(lines):
            raise ValueError(f"{source.path}:{i + 1}: example never closed")
        body = "\n".join(lines[start:j]).replace("→", "\t")
        found.append(
            Example(source, len(found) + 1, i + 1, section, body + "\n" if body else "")
        )
        i = k + 1
    return found


def plain(text):
    """A heading's text reduced to characters that mean nothing to Markdown."""
    return " ".join(re.sub(r"[^0-9A-Za-z ,.()'-]+", " ", text).split())


_PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def swallows(markdown):
    """Whether `markdown` leaves a block open that would take the next topic heading into
    itself (a fenced code block or an HTML block of kinds 1–5 left open), read by
    markdown-it-py in CommonMark mode with tables."""
    tokens = _PARSER.parse(markdown + "\n## " + PROBE + "\n")
    return not any(
        t.type == "inline" and t.content == PROBE and t.level == 1 for t in tokens
    )


@dataclasses.dataclass
class Guide:
    """One generated guide: its file name, title and examples."""

    name: str
    title: str
    examples: list

    def markdown(self):
        src = self.examples[0].source
        out = [
            f"# {self.title}\n",
            f"Generated at test time from `tests/spec/{src.path}`: one topic per "
            "example, numbered as the spec numbers it.\n",
        ]
        for ex in self.examples:
            out.append(f"## {topic_heading(ex)}\n")
            # The example exactly as written, then a blank line (which ends a paragraph, a
            # table, an HTML block of kinds 6–7 and lazy continuation) before the next topic.
            out.append(ex.markdown)
        return "\n".join(out)

    def index(self):
        """What the harness needs to know about the guide, without re-reading it."""
        return {
            "name": self.name,
            "title": self.title,
            "source": self.examples[0].source.short,
            "examples": [
                {"number": ex.number, "line": ex.line, "section": ex.section,
                 "swallows": swallows(ex.markdown)}
                for ex in self.examples
            ],
        }


def topic_heading(ex):
    """The topic heading text (after `## `) for an example."""
    return f"{ex.number}. {ex.source.label} example {ex.number}: {ex.section} (spec line {ex.line})"


def group(source, target=TARGET):
    """The examples of one spec file grouped into guides."""
    exs = examples(source)
    sections = []
    for ex in exs:
        if sections and sections[-1][0].section == ex.section:
            sections[-1].append(ex)
        else:
            sections.append([ex])
    parts, current = [], []
    for section in sections:
        if current and len(current) + len(section) > target:
            parts.append(current)
            current = []
        chunks = -(-len(section) // target)
        size = -(-len(section) // chunks)
        pieces = [section[i:i + size] for i in range(0, len(section), size)]
        for piece in pieces[:-1]:
            parts.append(piece)
        current.extend(pieces[-1])
    if current:
        parts.append(current)
    # An example that swallows what follows ends its guide.
    guides = []
    for part in parts:
        run = []
        for ex in part:
            run.append(ex)
            if swallows(ex.markdown):
                guides.append(run)
                run = []
        if run:
            guides.append(run)
    return [make_guide(source, run) for run in guides]


def make_guide(source, run):
    first, last = run[0].number, run[-1].number
    span = f"{first}" if first == last else f"{first}–{last}"
    title = f"{source.label} examples {span}"
    stem = re.sub(r"[^0-9a-z]+", "-", f"{source.label} {first:04d} {last:04d}".lower())
    return Guide(stem.strip("-") + ".md", title, run)


def guides():
    """Every guide of the corpus."""
    return [g for source in sources() for g in group(source)]


def write(out_dir):
    """Writes every guide into `out_dir` and an index.json describing them; returns the
    guides."""
    out_dir = pathlib.Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    all_guides = guides()
    for g in all_guides:
        (out_dir / g.name).write_text(g.markdown(), encoding="utf-8")
    index = [g.index() for g in all_guides]
    (out_dir / "index.json").write_text(json.dumps(index, indent=1) + "\n", encoding="utf-8")
    return all_guides


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    written = write(argv[1])
    total = sum(len(g.examples) for g in written)
    print(f"{len(written)} guides, {total} examples → {argv[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
