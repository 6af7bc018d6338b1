"""The Anki package, judged by the real Anki backend.

Each test imports what `deckbook build --format apkg` wrote into a fresh collection (the
same Rust backend Anki desktop, AnkiDroid and AnkiMobile run) and reads the result back:
counts, deck, fields, media, highlighting, sanitising, updates in place with reviews kept,
reproducible bytes, hostile inputs and images.
"""

import re
import struct
import zlib

import pytest

from anki_support import (
    card_pages,
    expected_cards,
    guid_for,
    import_package,
    new_collection,
    outline,
    package_entries,
)
from conftest import BUILDABLE, EPOCH, SEED, run_deckbook

SLUG = "complete-python-interview-guide"
DECK = "Complete Python Interview Guide"
NOTETYPE = "deckbook Q&A"
FIELDS = ["Question", "Answer", "Topic", "Section", "Source"]
SEED_TEXT = SEED.read_text(encoding="utf-8")
TOPICS = outline(SEED_TEXT)

# Markup that must never become live in a field (the renderer escapes or drops it).
LIVE_MARKUP = [
    re.compile(r"<\s*script", re.I),
    re.compile(r"<[^>]*\son[a-z]+\s*=", re.I),
    re.compile(r"<[^>]*=\s*[\"']?\s*javascript:", re.I),
    re.compile(r"<\s*(iframe|object|embed)\b", re.I),
]


def strip_tags(html):
    text = re.sub(r"<[^>]+>", "", html)
    for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&#39;", "'"),
                         ("&nbsp;", " "), ("&amp;", "&")):
        text = text.replace(entity, char)
    return text


def assert_inert(col):
    for nid in col.find_notes(""):
        for name, value in col.get_note(nid).items():
            for pattern in LIVE_MARKUP:
                assert not pattern.search(value), f"live markup in {name}: {value[:300]}"


def build(guide, out, *extra, epoch=EPOCH, check=True):
    out.mkdir(parents=True, exist_ok=True)
    proc = run_deckbook("build", guide, "-o", out, "--format", "apkg", *extra,
                        epoch=epoch, check=check)
    return proc, sorted(out.glob("*.apkg"))


@pytest.fixture(scope="module")
def seed_apkg(seed_outputs):
    path = seed_outputs / f"{SLUG}.apkg"
    assert path.exists(), sorted(p.name for p in seed_outputs.iterdir())
    return path


@pytest.fixture(scope="module")
def seed_col(seed_apkg, tmp_path_factory):
    col = new_collection(tmp_path_factory.mktemp("col"))
    log = import_package(col, seed_apkg)
    yield col, log
    col.close()


def note_for(col, card_id, slug=SLUG):
    """The note of card `card_id`, found by the GUID genanki's rule gives it (GUIDs hold
    Anki search wildcards, so the notes are scanned rather than searched)."""
    guid = guid_for(slug, card_id)
    found = [nid for nid in col.find_notes("") if col.get_note(nid).guid == guid]
    assert len(found) == 1, card_id
    return col.get_note(found[0])


def test_seed_imports_74_notes_and_cards(seed_col):
    col, log = seed_col
    assert len(TOPICS) == 74
    assert log["new"] == 74 and log["conflicting"] == 0 and log["missing_notetype"] == 0
    assert col.note_count() == 74
    assert col.card_count() == 74


def test_deck_and_note_type(seed_col):
    col, _ = seed_col
    deck = col.decks.by_name(DECK)
    assert deck is not None
    assert len(col.find_cards(f'"deck:{DECK}"')) == 74
    model = col.models.by_name(NOTETYPE)
    assert [f["name"] for f in model["flds"]] == FIELDS
    assert model["sortf"] == 0
    assert ".nightMode" in model["css"] or ".night_mode" in model["css"]


def test_topic_1_fields(seed_col):
    col, _ = seed_col
    note = note_for(col, "mutable-and-immutable-data-types")
    assert strip_tags(note["Question"]) == "Mutable and Immutable Data Types"
    assert strip_tags(note["Topic"]) == "1. Mutable and Immutable Data Types"
    assert note["Section"] == ""
    assert note["Source"] == "python-interview-guide.md:3"
    answer = strip_tags(note["Answer"])
    assert "Immutable Data Types" in answer and "Mutable Data Types" in answer
    assert sorted(note.tags) == sorted([SLUG, "topic-1"])


def test_second_topic_67_fields(seed_col):
    col, _ = seed_col
    second = [t for t in TOPICS if t["number"] == "67"][1]
    assert second["line"] == 5362
    note = note_for(col, "the-with-statement-and-context-management")
    assert strip_tags(note["Question"]) == "The with Statement and Context Management"
    assert "<code>with</code>" in note["Question"]
    assert strip_tags(note["Topic"]) == "67. The with Statement and Context Management"
    assert note["Source"] == "python-interview-guide.md:5362"
    assert "What is the with Statement?" in strip_tags(note["Answer"])
    assert sorted(note.tags) == sorted([SLUG, "topic-67"])
    # The first topic 67 is a different note with the same topic tag.
    first = note_for(col, "what-is-the-with-statement-in-python-and-how-does-context-management-work")
    assert first.id != note.id and "topic-67" in first.tags


def test_front_shows_breadcrumb_and_back_the_answer(seed_col):
    col, _ = seed_col
    card = note_for(col, "mutable-and-immutable-data-types").cards()[0]
    question = card.question()
    assert DECK in question and "1. Mutable and Immutable Data Types" in question
    answer = card.answer()
    assert "Immutable Data Types" in strip_tags(answer.split('id="answer"', 1)[1])
    assert "python-interview-guide.md:3" in answer


def test_new_cards_are_due_in_guide_order(seed_col):
    col, _ = seed_col
    dues = []
    for cid in col.find_cards(""):
        card = col.get_card(cid)
        dues.append((card.due, int(card.note()["Source"].rsplit(":", 1)[1])))
    dues.sort()
    lines = [line for _, line in dues]
    assert lines == sorted(lines), "study order follows the guide"
    assert [d for d, _ in dues] == list(range(1, 75))


def test_no_missing_media(seed_col):
    col, _ = seed_col
    report = col.media.check()
    assert not report.missing, report.report


def test_code_is_highlighted(seed_col):
    col, _ = seed_col
    card = note_for(col, "mutable-and-immutable-data-types").cards()[0]
    answer = card.answer()
    assert "<pre" in answer
    assert re.search(r'<span class="[^"]+">', answer), answer[-2000:]
    assert "<script" not in answer


def test_card_pages_carry_the_note_type_css(seed_apkg, tmp_path):
    pages = {p.stem: p.read_text(encoding="utf-8") for p in card_pages(seed_apkg, tmp_path)}
    assert sorted(pages) == ["answer-light", "answer-night", "question-light", "question-night"]
    assert 'class="card nightMode night_mode"' in pages["answer-night"]
    for html in pages.values():
        assert "<style>" in html and ".night_mode" in html and "<script" not in html
        assert 'class="breadcrumb"' in html
    assert "python-interview-guide.md:3" in pages["answer-light"]


def test_no_live_markup_in_seed(seed_col):
    assert_inert(seed_col[0])


def test_sections_mode(tmp_path):
    _, [apkg] = build(SEED, tmp_path, "--cards", "sections")
    col = new_collection(tmp_path / "col")
    try:
        log = import_package(col, apkg)
        expected = expected_cards(SEED_TEXT, "sections")
        assert log["new"] == expected
        assert col.note_count() == expected and col.card_count() == expected
        note = note_for(col, "mutable-and-immutable-data-types.immutable-data-types")
        assert strip_tags(note["Section"]) == "Immutable Data Types"
        assert strip_tags(note["Topic"]) == "1. Mutable and Immutable Data Types"
        assert note["Source"] == "python-interview-guide.md:5"
    finally:
        col.close()


def test_builds_are_byte_identical(seed_apkg, tmp_path):
    _, [again] = build(SEED, tmp_path)
    assert again.read_bytes() == seed_apkg.read_bytes()


def test_sub_deck_option(tmp_path):
    _, [apkg] = build(SEED, tmp_path, "--deck", "Study::Python")
    col = new_collection(tmp_path / "col")
    try:
        import_package(col, apkg)
        names = {d.name for d in col.decks.all_names_and_ids()}
        assert {"Study", "Study::Python"} <= names
        assert len(col.find_cards('"deck:Study::Python"')) == 74
        card = col.get_card(col.find_cards("")[0])
        assert "Python ›" in card.question()
    finally:
        col.close()


GROUPED = SEED.parent.parent / "tests" / "fixtures" / "guides" / "grouped.md"


def test_groups_become_sub_decks_and_group_tags(tmp_path):
    """A guide with groups: each group's cards in the sub-deck `Guide::Group`, tagged
    `group::<group>`, as the real backend imports them; `--no-subdecks` keeps one deck."""
    _, [apkg] = build(GROUPED, tmp_path / "sub")
    col = new_collection(tmp_path / "col")
    try:
        log = import_package(col, apkg)
        assert log["new"] == 6
        names = {d.name for d in col.decks.all_names_and_ids()}
        groups = {"Strings": "strings", "Functions": "functions", "Quick checks": "quick-checks"}
        for deck, tag in groups.items():
            assert f"Python Notes::{deck}" in names, names
            in_deck = set(col.find_cards(f'"deck:Python Notes::{deck}"'))
            tagged = set(col.find_cards(f"tag:group::{tag}"))
            assert len(in_deck) == 2 and in_deck == tagged, (deck, in_deck, tagged)
        assert "group::strings" in col.tags.all()
        # The breadcrumb names the card's sub-deck.
        card = col.get_card(next(iter(col.find_cards('"deck:Python Notes::Strings"'))))
        assert "Strings ›" in card.question()
    finally:
        col.close()
    _, [flat] = build(GROUPED, tmp_path / "flat", "--no-subdecks")
    col = new_collection(tmp_path / "col-flat")
    try:
        import_package(col, flat)
        assert len(col.find_cards('"deck:Python Notes" -"deck:Python Notes::*"')) == 6
        assert not [d.name for d in col.decks.all_names_and_ids() if "::" in d.name]
        assert len(col.find_cards("tag:group::functions")) == 2
    finally:
        col.close()


def test_edited_guide_updates_in_place_and_keeps_reviews(seed_apkg, tmp_path):
    col = new_collection(tmp_path / "col")
    try:
        assert import_package(col, seed_apkg)["new"] == 74
        # Review topic 1 before the update.
        card = note_for(col, "mutable-and-immutable-data-types").cards()[0]
        card.start_timer()
        col.sched.answerCard(card, 3)
        card.load()
        assert card.reps == 1
        revlog = col.db.scalar("select count() from revlog where cid = ?", card.id)
        assert revlog == 1

        # Edit one answer and rebuild a day later.
        guide = tmp_path / "guide" / SEED.name
        guide.parent.mkdir()
        old = b"Objects whose state cannot be modified after creation"
        assert SEED.read_bytes().count(old) == 1
        guide.write_bytes(SEED.read_bytes().replace(old, b"EDITED ANSWER TEXT"))
        _, [edited] = build(guide, tmp_path / "out", epoch=int(EPOCH) + 86400)

        log = import_package(col, edited)
        assert log["new"] == 0 and log["conflicting"] == 0
        # Built without a lock (`--no-lock`), every note carries the new build's time, and
        # Anki counts every note whose package `mod` is newer as updated, changed or not
        # (with the guide's lock only the edited one: test_anki_lock.py).
        assert log["updated"] == 74
        assert col.note_count() == 74 and col.card_count() == 74
        note = note_for(col, "mutable-and-immutable-data-types")
        assert "EDITED ANSWER TEXT" in note["Answer"]
        card.load()
        assert card.reps == 1 and card.type != 0
        assert col.db.scalar("select count() from revlog where cid = ?", card.id) == 1
        # Importing the same package again changes nothing.
        again = import_package(col, edited)
        assert again["new"] == 0 and again["updated"] == 0
    finally:
        col.close()


@pytest.mark.parametrize("guide", BUILDABLE, ids=lambda p: p.name)
def test_hostile_fixture_imports(guide, tmp_path):
    proc, apkgs = build(guide, tmp_path / "out")
    assert len(apkgs) == 1, proc.stderr
    entries, media = package_entries(apkgs[0])
    assert all("/" not in name and "\\" not in name for name in media.values())
    col = new_collection(tmp_path / "col")
    try:
        log = import_package(col, apkgs[0])
        assert log["conflicting"] == 0 and log["missing_notetype"] == 0
        assert col.note_count() == log["new"] == col.card_count()
        report = col.media.check()
        assert not report.missing, report.report
        assert_inert(col)
    finally:
        col.close()


def tiny_png():
    """A valid 1×1 PNG."""
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def test_images_are_embedded_and_escapes_refused(tmp_path):
    src = tmp_path / "guide"
    (src / "img").mkdir(parents=True)
    (src / "img" / "diagram.png").write_bytes(tiny_png())
    guide = src / "pictures.md"
    guide.write_text(
        "# Pictures\n\n## 1. A Diagram\n\nSee ![the diagram](img/diagram.png).\n\n"
        "## 2. An Escape\n\n![secret](../../etc/passwd)\n",
        encoding="utf-8",
    )
    proc, [apkg] = build(guide, tmp_path / "out")
    assert "warning" in proc.stderr and "passwd" in proc.stderr
    entries, media = package_entries(apkg)
    assert len(media) == 1
    [name] = media.values()
    assert name.endswith(".png") and "/" not in name and "passwd" not in name

    col = new_collection(tmp_path / "col")
    try:
        import_package(col, apkg)
        assert col.note_count() == 2
        diagram = note_for(col, "a-diagram", slug="pictures")
        assert f'src="{name}"' in diagram["Answer"]
        assert (tmp_path / "col" / "collection.media" / name).read_bytes() == tiny_png()
        report = col.media.check()
        assert not report.missing, report.report
        escape = note_for(col, "an-escape", slug="pictures")
        assert not re.search(r"<img[^>]*passwd", escape["Answer"]), escape["Answer"]
        assert "secret" in strip_tags(escape["Answer"]), "the alt text stands in"
    finally:
        col.close()

