"""Writes one card of a .apkg as standalone HTML pages, the way an Anki client shows it.

    python tests/clients/anki_card_html.py DECK.apkg OUT_DIR [SEARCH]

The package is imported into a throw-away collection with the real Anki backend, the first
card matching SEARCH (an Anki search, default `tag:topic-1`) is rendered by Anki itself
(question and answer, with the note type's CSS), and four pages are written to OUT_DIR:
question-light.html, answer-light.html, question-night.html, answer-night.html. The body
carries the classes Anki's reviewer sets (`card`, and `nightMode night_mode` at night), so a
headless browser screenshot shows what a student would see.
"""

import pathlib
import sys
import tempfile

from anki_support import import_package, new_collection

PAGE = """<!doctype html>
<html><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>html, body {{ margin: 0; padding: 0; }} body {{ padding: 16px; }}</style>
</head>
<body class="{classes}">
{content}
</body></html>
"""


def render(apkg, out_dir, search="tag:topic-1"):
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
    for page in render(*argv[1:]):
        print(page)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
