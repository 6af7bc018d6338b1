"""The guide's lock file, judged by the real Anki backend.

Each test builds a copy of the seed guide with its committed lock (as a clean clone has them),
imports the package into a fresh collection like a student, and then: edits one topic and
re-imports (exactly one note updated, none new, the rest unchanged, reviews kept); edits a
note in Anki and re-imports after an unrelated edit (the student's edit is kept); removes a
topic and re-imports (the search `tag:deckbook::removed` finds exactly that note, the card
says it was removed), then builds with `--forget-removed` (the lock and the package no longer
hold it). Rebuilds are stamped a day after the test starts, after anything the student does.
"""

import datetime
import re
import shutil
import time

import pytest

from anki_support import guid_for, import_csv, import_package, new_collection
from conftest import EPOCH, SEED, run_deckbook

SLUG = "complete-python-interview-guide"
LOCK = SEED.with_name("python-interview-guide.deckbook.lock")
DAY = 86400
# Later than anything a student does in Anki during the test.
LATER = int(time.time()) + DAY
TOPIC_1 = "mutable-and-immutable-data-types"
TOPIC_5 = "difference-between-dictionary-and-set"
TOPIC_38 = "accessing-second-parent-class-method"
EDIT_FROM = "Objects whose state cannot be modified after creation"
# Two more lines in topic 1: every later card's source line moves.
EDIT_TO = EDIT_FROM + "\n\n  An added paragraph, so every later card moves down two lines."
REMOVED_COUNTS = (
    "0 new, 0 changed, 73 unchanged, 1 removed "
    "(1 removed card tagged deckbook::removed in the package until --forget-removed)"
)


@pytest.fixture
def guide(tmp_path):
    """A copy of the seed and its committed lock."""
    folder = tmp_path / "guide"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    shutil.copy(LOCK, folder / LOCK.name)
    return folder / SEED.name


@pytest.fixture
def col(tmp_path):
    collection = new_collection(tmp_path / "col")
    yield collection
    collection.close()


def build(guide, out, epoch, *extra, lock=True):
    """Builds the package and the Anki CSV; returns them and the build's counts line."""
    out.mkdir(parents=True)
    proc = run_deckbook("build", guide, "-o", out, "--format", "apkg,csv", *extra,
                        epoch=epoch, lock=lock)
    found = re.search(r"cards since the last build: (.*)", proc.stdout)
    return out / f"{SLUG}.apkg", out / f"{SLUG}.anki.csv", found and found.group(1)


def note_for(col, card_id):
    guid = guid_for(SLUG, card_id)
    found = [nid for nid in col.find_notes("") if col.get_note(nid).guid == guid]
    assert len(found) == 1, card_id
    return col.get_note(found[0])


def review(col, card_id):
    """Answers the card of `card_id` once (Good); returns it."""
    card = note_for(col, card_id).cards()[0]
    card.start_timer()
    col.sched.answerCard(card, 3)
    card.load()
    assert card.reps == 1 and revlog(col, card) == 1
    return card


def revlog(col, card):
    return col.db.scalar("select count() from revlog where cid = ?", card.id)


def edit(guide, old, new):
    text = guide.read_text(encoding="utf-8")
    assert text.count(old) == 1
    guide.write_text(text.replace(old, new), encoding="utf-8")


def remove_topic_38(guide):
    text = guide.read_text(encoding="utf-8")
    start = text.index("## 38. Accessing Second Parent Class Method")
    end = text.index("\n## 39. ", start) + 1
    guide.write_text(text[:start] + text[end:], encoding="utf-8")


def counts(log):
    return {k: log[k] for k in ("new", "updated", "duplicate", "conflicting")}


def test_one_topic_edit_updates_exactly_one_note_and_keeps_reviews(guide, col, tmp_path):
    apkg, _, line = build(guide, tmp_path / "v1", EPOCH)
    assert line == "0 new, 0 changed, 74 unchanged, 0 removed", "the committed lock is stale"
    assert import_package(col, apkg)["new"] == 74
    edited_card, other_card = review(col, TOPIC_1), review(col, TOPIC_5)

    edit(guide, EDIT_FROM, EDIT_TO)
    apkg, _, line = build(guide, tmp_path / "v2", LATER)
    assert line == "0 new, 1 changed, 73 unchanged, 0 removed"
    log = import_package(col, apkg)
    assert counts(log) == {"new": 0, "updated": 1, "duplicate": 73, "conflicting": 0}
    # The updated note carries the build's time; every other keeps the first build's.
    assert col.db.list("select guid from notes where mod = ?", LATER) == [guid_for(SLUG, TOPIC_1)]
    assert col.db.scalar("select count() from notes where mod = ?", int(EPOCH)) == 73
    assert "An added paragraph" in note_for(col, TOPIC_1)["Answer"]
    assert col.note_count() == col.card_count() == 74
    for card in (edited_card, other_card):
        card.load()
        assert card.reps == 1 and card.type != 0 and revlog(col, card) == 1
    # The same package again: nothing to do.
    assert counts(import_package(col, apkg)) == {
        "new": 0, "updated": 0, "duplicate": 74, "conflicting": 0}


def test_a_students_edit_of_an_unchanged_note_is_kept(guide, col, tmp_path):
    apkg, _, _ = build(guide, tmp_path / "v1", EPOCH)
    import_package(col, apkg)
    mine = note_for(col, TOPIC_5)
    mine["Answer"] += "<p>MY OWN MNEMONIC</p>"
    col.update_note(mine)

    edit(guide, EDIT_FROM, EDIT_TO)
    apkg, _, line = build(guide, tmp_path / "v2", LATER)
    assert line == "0 new, 1 changed, 73 unchanged, 0 removed"
    log = import_package(col, apkg)
    assert counts(log) == {"new": 0, "updated": 1, "duplicate": 73, "conflicting": 0}
    assert "MY OWN MNEMONIC" in note_for(col, TOPIC_5)["Answer"]
    assert "An added paragraph" in note_for(col, TOPIC_1)["Answer"]

    # The same guide built without its lock stamps every note anew, and the edit is lost.
    apkg, _, line = build(guide, tmp_path / "v3", LATER + 1, lock=False)
    assert line is None
    log = import_package(col, apkg)
    assert counts(log) == {"new": 0, "updated": 74, "duplicate": 0, "conflicting": 0}
    assert "MY OWN MNEMONIC" not in note_for(col, TOPIC_5)["Answer"]


def test_a_removed_topic_is_found_by_one_search_and_forgotten_on_request(guide, col, tmp_path):
    first, _, _ = build(guide, tmp_path / "v1", EPOCH)
    import_package(col, first)
    reviewed = review(col, TOPIC_38)

    remove_topic_38(guide)
    apkg, anki_csv, line = build(guide, tmp_path / "v2", LATER)
    assert line == REMOVED_COUNTS
    log = import_package(col, apkg)
    assert counts(log) == {"new": 0, "updated": 1, "duplicate": 73, "conflicting": 0}
    removed = note_for(col, TOPIC_38)
    assert list(col.find_notes("tag:deckbook::removed")) == [removed.id]
    assert "deckbook::removed" in removed.tags and "topic-38" in removed.tags
    card = removed.cards()[0]
    day = datetime.datetime.fromtimestamp(LATER, datetime.timezone.utc).strftime("%Y-%m-%d")
    assert "Accessing Second Parent Class Method" in card.question()
    answer = card.answer().split('id="answer"', 1)[1]
    assert f"Removed from the guide</b> on {day}" in answer, answer
    reviewed.load()
    assert reviewed.reps == 1 and revlog(col, reviewed) == 1
    assert col.note_count() == 74

    # The .anki.csv carries the same note list: after the first package, it tags the same
    # note (a CSV has no times, so Anki compares fields: the notes whose source line moved
    # up are updated too).
    other = new_collection(tmp_path / "csv-col")
    try:
        import_package(other, first)
        csv_log = import_csv(other, anki_csv)
        assert csv_log["new"] == 0 and csv_log["conflicting"] == 0
        [tagged] = other.find_notes("tag:deckbook::removed")
        assert other.get_note(tagged).guid == guid_for(SLUG, TOPIC_38)
    finally:
        other.close()

    # Once the students have dealt with it, the author forgets it.
    apkg, _, line = build(guide, tmp_path / "v3", LATER + DAY, "--forget-removed")
    assert line == "0 new, 0 changed, 73 unchanged, 0 removed (1 removed card forgotten)"
    lock = guide.with_name(LOCK.name).read_text(encoding="utf-8")
    assert guid_for(SLUG, TOPIC_38) not in lock and TOPIC_38 not in lock
    fresh = new_collection(tmp_path / "fresh-col")
    try:
        assert import_package(fresh, apkg)["new"] == 73
        assert not fresh.find_notes("tag:deckbook::removed")
    finally:
        fresh.close()
    # The student's collection: nothing to update, and the note stays until they delete it.
    assert counts(import_package(col, apkg)) == {
        "new": 0, "updated": 0, "duplicate": 73, "conflicting": 0}
    col.remove_notes(list(col.find_notes("tag:deckbook::removed")))
    assert col.note_count() == 73 and not col.find_notes("tag:deckbook::removed")
