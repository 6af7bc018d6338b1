"""Helpers for the Anki checks: import a package into a real collection, port genanki's
GUID rule, read the outline of a Markdown guide independently of deckbook's parser, and
write one card as standalone HTML pages for a screenshot:

    python tests/clients/anki_support.py DECK.apkg OUT_DIR [SEARCH]

imports the package into a throw-away collection, lets Anki render the first card matching
SEARCH (an Anki search, default `tag:topic-1`) with the note type's CSS, and writes
question-light.html, answer-light.html, question-night.html and answer-night.html (the body
carries the classes Anki's reviewer sets: `card`, plus `nightMode night_mode` at night), so a
headless browser shows what a student would see.

Only the real Anki backend (the `anki` package) and the standard library are used.
"""

import hashlib
import pathlib
import re
import sys
import tempfile
import zipfile

from anki.collection import Collection
from anki.import_export_pb2 import (
    ImportAnkiPackageOptions,
    ImportAnkiPackageRequest,
    ImportAnkiPackageUpdateCondition,
    ImportCsvRequest,
)

IF_NEWER = ImportAnkiPackageUpdateCondition.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER

BASE91 = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    "!#$%&()*+,-./:;<=>?@[]^_`{|}~"
)


def guid_for(*values):
    """genanki's guid_for, written out again so the test does not trust deckbook's port."""
    digest = hashlib.sha256("__".join(values).encode("utf-8")).digest()
    number = int.from_bytes(digest[:8], "big")
    out = ""
    while number > 0:
        number, digit = divmod(number, len(BASE91))
        out = BASE91[digit] + out
    return out


def new_collection(directory=None):
    """A fresh, empty collection in `directory` (a new temp dir by default)."""
    directory = pathlib.Path(directory or tempfile.mkdtemp(prefix="anki-col-"))
    directory.mkdir(parents=True, exist_ok=True)
    return Collection(str(directory / "collection.anki2"))


def log_counts(log):
    """The counts of an Anki import log (package or CSV), by outcome."""
    return {
        "new": len(log.new),
        "updated": len(log.updated),
        "duplicate": len(log.duplicate),
        "conflicting": len(log.conflicting),
        "missing_notetype": len(log.missing_notetype),
        "empty_first_field": len(log.empty_first_field),
        "found": log.found_notes,
    }


def import_package(col, path, with_scheduling=False):
    """Imports `path` like the desktop's default import (update notes and note types if
    newer); returns a dict of the import log's counts."""
    request = ImportAnkiPackageRequest(
        package_path=str(path),
        options=ImportAnkiPackageOptions(
            merge_notetypes=False,
            update_notes=IF_NEWER,
            update_notetypes=IF_NEWER,
            with_scheduling=with_scheduling,
            with_deck_configs=False,
        ),
    )
    response = col.import_anki_package(request)
    # The backend changed the note types behind the Python side's back.
    col.models._clear_cache()
    return log_counts(response.log)


def import_csv(col, path):
    """Imports `path` as Anki's import dialog would with the file's own headers; returns the
    log's counts."""
    metadata = col.get_csv_metadata(path=str(path), delimiter=None)
    log = col.import_csv(ImportCsvRequest(path=str(path), metadata=metadata)).log
    col.models._clear_cache()
    return log_counts(log)


def package_entries(path):
    """The zip entry names of a package, and its media index."""
    import json

    with zipfile.ZipFile(path) as zf:
        return zf.namelist(), json.loads(zf.read("media"))


def slugify(text):
    """deckbook's slug rule: alphanumerics kept (lower-cased), runs of others become `-`."""
    out, dash = [], False
    for ch in text:
        if ch.isalnum():
            if dash and out:
                out.append("-")
            dash = False
            out.append(ch.lower())
        else:
            dash = True
    return "".join(out)


TOPIC = re.compile(r"^(#{1,6})\s+(\d+(?:\.\d+)*)[.)]?\s+(.*?)\s*#*\s*$")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")


def outline(markdown, topic_level=2):
    """The guide's topics as (number, title, line, intro_nonempty, top_sections), read with a
    plain line scan: fenced code skipped (a fence left open is closed at the next numbered
    topic heading), numbered headings at `topic_level` start topics, deeper or unnumbered
    headings nest by level (an unnumbered one at the topic level counts one level deeper),
    and a topic's top-level sections are the headings no open section of the topic
    encloses."""
    topics = []
    fence = None
    stack = []  # levels of the open sections of the current topic
    for lineno, line in enumerate(markdown.splitlines(), 1):
        topic = TOPIC.match(line)
        if fence is not None:
            closing = FENCE.match(line)
            if closing and closing.group(1)[0] == fence[0] and len(closing.group(1)) >= len(fence):
                if not line.strip().strip(fence[0]):
                    fence = None
                continue
            if not (topic and len(topic.group(1)) == topic_level):
                if topics and not stack:
                    topics[-1]["intro"] = True
                continue
            fence = None
        opening = FENCE.match(line)
        if opening:
            fence = opening.group(1)
            if topics and not stack:
                topics[-1]["intro"] = True
            continue
        if topic and len(topic.group(1)) == topic_level:
            topics.append(
                {"number": topic.group(2), "title": topic.group(3), "line": lineno,
                 "intro": False, "sections": 0}
            )
            stack = []
            continue
        heading = HEADING.match(line)
        if heading and topics and len(heading.group(1)) >= topic_level:
            # A stray unnumbered heading at the topic level is a section like the
            # topic's first-level ones.
            level = max(len(heading.group(1)), topic_level + 1)
            while stack and stack[-1] >= level:
                stack.pop()
            if not stack:
                topics[-1]["sections"] += 1
            stack.append(level)
            continue
        if line.strip() and topics and not stack:
            topics[-1]["intro"] = True
    return topics


def expected_cards(markdown, mode):
    """How many cards `mode` (`topics` or `sections`) should make from `markdown`."""
    topics = outline(markdown)
    if mode == "topics":
        return len(topics)
    return sum(
        (1 if t["intro"] or t["sections"] == 0 else 0) + t["sections"] for t in topics
    )


PAGE = """<!doctype html>
<html><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>html, body {{ margin: 0; padding: 0; }} body {{ padding: 16px; }}</style>
</head>
<body class="{classes}">
{content}
</body></html>
"""


def card_pages(apkg, out_dir, search="tag:topic-1"):
    """Imports `apkg` and writes the four pages of the first card matching `search`;
    returns their paths."""
    out_dir = pathlib.Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    col = new_collection(tempfile.mkdtemp(prefix="anki-card-"))
    try:
        import_package(col, apkg)
        cids = sorted(col.find_cards(search))
        if not cids:
            raise SystemExit(f"no card matches {search!r}")
        card = col.get_card(cids[0])
        sides = {"question": card.question(), "answer": card.answer()}
        media_dir = pathlib.Path(col.media.dir())
    finally:
        col.close()
    written = []
    for theme, classes in (("light", "card"), ("night", "card nightMode night_mode")):
        for side, html in sides.items():
            page = out_dir / f"{side}-{theme}.html"
            page.write_text(PAGE.format(classes=classes, content=html), encoding="utf-8")
            written.append(page)
    # Images the card shows, next to the pages.
    for media in media_dir.iterdir():
        if media.is_file():
            (out_dir / media.name).write_bytes(media.read_bytes())
    return written


def main(argv):
    if len(argv) not in (3, 4):
        print(__doc__, file=sys.stderr)
        return 2
    for page in card_pages(*argv[1:]):
        print(page)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
