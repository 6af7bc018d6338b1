#!/usr/bin/env python3
"""The baseline deckbook is compared with: what a person writes today to turn a Markdown
study guide into an Anki deck and a CSV, with Python-Markdown, Pygments and genanki.

usage: bench/genanki_baseline.py GUIDE.md OUT_DIR

Splits the guide at its numbered `## N. Title` headings, converts each topic's body to HTML
(fenced code highlighted by Pygments through `codehilite`, tables), writes one genanki note
per topic (GUID from the guide's title and the topic number) into `<slug>.apkg`, and the
same questions and HTML answers into `<slug>.csv`. Nothing is repaired or checked: it is the
plain pipeline, timed by bench/compare.sh.
"""
import csv
import pathlib
import re
import sys

import genanki
import markdown
from pygments.formatters import HtmlFormatter

TOPIC = re.compile(r"^## (\d+)\.\s+(.*)$", re.M)
TITLE = re.compile(r"^# (.+)$", re.M)

CARD_FRONT = "<div class=question>{{Question}}</div>"
CARD_BACK = "{{FrontSide}}<hr id=answer>{{Answer}}"


def slugify(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "-", text.lower()).strip("-")


def topics(text: str):
    """(number, title, body) of every numbered topic, in order."""
    found = list(TOPIC.finditer(text))
    for i, match in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(text)
        yield match.group(1), match.group(2).strip(), text[match.end() : end]


def main() -> None:
    guide, out_dir = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    text = guide.read_text(encoding="utf-8", errors="replace")
    title_match = TITLE.search(text)
    title = title_match.group(1).strip() if title_match else guide.stem
    slug = slugify(title)

    converter = markdown.Markdown(
        extensions=["fenced_code", "codehilite", "tables", "sane_lists"],
        extension_configs={"codehilite": {"guess_lang": False}},
    )
    model = genanki.Model(
        1607392319,
        "Markdown Q&A",
        fields=[{"name": "Question"}, {"name": "Answer"}],
        templates=[{"name": "Card 1", "qfmt": CARD_FRONT, "afmt": CARD_BACK}],
        css=HtmlFormatter().get_style_defs(".codehilite"),
    )
    deck = genanki.Deck(2059400110, title)

    rows = []
    for number, question, body in topics(text):
        answer = converter.reset().convert(body)
        question_html = converter.reset().convert(question)
        tags = [slug, f"topic-{number}"]
        deck.add_note(
            genanki.Note(
                model=model,
                fields=[question_html, answer],
                guid=genanki.guid_for(slug, number),
                tags=tags,
            )
        )
        rows.append([number, question, answer, " ".join(tags)])

    out_dir.mkdir(parents=True, exist_ok=True)
    genanki.Package(deck).write_to_file(str(out_dir / f"{slug}.apkg"))
    with open(out_dir / f"{slug}.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["number", "question", "answer", "tags"])
        writer.writerows(rows)


if __name__ == "__main__":
    main()
