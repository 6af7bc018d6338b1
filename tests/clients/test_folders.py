"""Folder guides, judged by the real Anki backend: a folder of one question per file and an
index with answer files each build into one package whose notes the backend imports, one
per question file (counted here from the files, not from deckbook), each front the file's
question, with its images, and the `.anki.csv` of the same build updates the same notes.
"""

import re

import pytest

from anki_support import import_csv, import_package, new_collection
from conftest import ROOT, run_deckbook

FOLDERS = ROOT / "tests" / "fixtures" / "folders"
QUIZ = FOLDERS / "number-quiz"
INDEX = FOLDERS / "interview-index"


def strip_tags(html):
    text = re.sub(r"<[^>]+>", "", html)
    for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&#39;", "'"),
                         ("&amp;", "&")):
        text = text.replace(entity, char)
    return text.strip()


def first_heading(path):
    """The first heading of a Markdown file, or its front matter's title, as plain text."""
    text = path.read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("#"):
            return line.lstrip("#").strip().replace("`", "")
    match = re.search(r"^title:\s*(.+)$", text, re.M)
    return match.group(1).strip() if match else None


def linked_answers():
    """The answer files the index links to that exist, in link order, with the link text."""
    readme = (INDEX / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"\[([^\]]+)\]\(([^)#]+\.md)\)", readme)
    return [(text, INDEX / target) for text, target in links if (INDEX / target).is_file()]


def build(guide, out):
    out.mkdir(parents=True, exist_ok=True)
    run_deckbook("build", guide, "-o", out, "--format", "apkg,csv")
    [apkg] = sorted(out.glob("*.apkg"))
    [anki_csv] = sorted(out.glob("*.anki.csv"))
    return apkg, anki_csv


def import_both(apkg, anki_csv, directory):
    col = new_collection(directory)
    package_log = import_package(col, apkg)
    csv_log = import_csv(col, anki_csv)
    return col, package_log, csv_log


def test_one_question_per_file_is_one_deck_with_a_note_per_file(tmp_path):
    files = sorted(QUIZ.rglob("*.md"))
    assert len(files) >= 100
    apkg, anki_csv = build(QUIZ, tmp_path / "out")
    col, log, csv_log = import_both(apkg, anki_csv, tmp_path / "col")
    try:
        assert log["new"] == len(files)
        assert col.note_count() == len(files) and col.card_count() == len(files)
        assert csv_log["new"] == 0 and csv_log["updated"] == 0
        assert csv_log["duplicate"] == len(files)
        decks = [d.name for d in col.decks.all_names_and_ids() if d.name != "Default"]
        assert decks == ["number-quiz"]
        questions = {}
        for nid in col.find_notes(""):
            note = col.get_note(nid)
            source = note["Source"].rsplit(":", 1)[0]
            questions[source] = strip_tags(note["Question"])
            # "Answer" is not a card, and not a heading left on the back.
            assert ">Answer<" not in note["Answer"]
        expected = {str(f.relative_to(QUIZ)): first_heading(f) for f in files}
        assert questions == expected
        assert not col.media.check().missing
    finally:
        col.close()


def test_an_index_with_answer_files_builds_every_linked_answer(tmp_path):
    answers = linked_answers()
    assert len(answers) == 6
    apkg, anki_csv = build(INDEX, tmp_path / "out")
    col, log, csv_log = import_both(apkg, anki_csv, tmp_path / "col")
    try:
        assert log["new"] == len(answers)
        assert col.note_count() == len(answers)
        assert csv_log["duplicate"] == len(answers) and csv_log["new"] == 0
        by_source = {}
        for nid in col.find_notes(""):
            note = col.get_note(nid)
            by_source[note["Source"].rsplit(":", 1)[0]] = (strip_tags(note["Question"]), note)
        for text, path in answers:
            question, _ = by_source[str(path.relative_to(INDEX))]
            # The file's own question, else the index's link text.
            assert question == (first_heading(path) or text)
        _, handshake = by_source["answers/handshake.md"]
        assert re.search(r'<img src="img-[0-9a-f]{16}\.svg"', handshake["Answer"])
        assert not col.media.check().missing
        assert len(col.media.check().unused) == 0
    finally:
        col.close()


@pytest.mark.parametrize("guide", [QUIZ, INDEX], ids=lambda p: p.name)
def test_a_rebuild_imports_unchanged(guide, tmp_path):
    apkg, _ = build(guide, tmp_path / "a")
    again, _ = build(guide, tmp_path / "b")
    assert apkg.read_bytes() == again.read_bytes()
    col = new_collection(tmp_path / "col")
    try:
        first = import_package(col, apkg)
        second = import_package(col, again)
        assert second["new"] == 0 and second["updated"] == 0
        assert second["duplicate"] == first["new"]
    finally:
        col.close()
