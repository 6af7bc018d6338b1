"""The EPUB, judged by Ace by DAISY (the EPUB accessibility checker: axe-core in Chromium plus
EPUB rules) on the seed's book and on the book of every fixture guide deckbook accepts.

Ace and Chromium are installed by `make test-readers` (Ace from tests/clients/package-lock.json
into tests/clients/node_modules, Chromium with apt); a missing one is a failure, never a skip.
Ace takes minutes per book on this project's machines, so each book is checked once per test
run, two at a time.
"""

import concurrent.futures
import json
import os
import pathlib
import shutil
import subprocess

import pytest

from conftest import BUILDABLE, FIXTURES, ROOT, SEED, run_deckbook

ACE = ROOT / "tests" / "clients" / "node_modules" / ".bin" / "ace-puppeteer"
GUIDES = sorted((FIXTURES / "guides").glob("*.md")) + BUILDABLE
# Seconds one book may take (the seed took about 3 minutes on a loaded 2-core machine).
TIMEOUT = 1800

pytestmark = pytest.mark.readers


def chromium():
    """The browser Ace drives: $PUPPETEER_EXECUTABLE_PATH, else Debian's `chromium`."""
    given = os.environ.get("PUPPETEER_EXECUTABLE_PATH")
    if given:
        return given if os.access(given, os.X_OK) else None
    return shutil.which("chromium")


def run_ace(epub, out):
    """Runs Ace on `epub` with its report in `out`; returns the parsed report.json."""
    proc = subprocess.run(
        [str(ACE), "--force", "--silent", "--outdir", str(out), str(epub)],
        env={**os.environ, "PUPPETEER_EXECUTABLE_PATH": chromium()},
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    report = pathlib.Path(out) / "report.json"
    assert proc.returncode == 0 and report.exists(), (
        f"Ace failed on {epub.name} (exit {proc.returncode}):\n"
        f"{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    )
    return json.loads(report.read_text(encoding="utf-8"))


def violations(report):
    """One line per violation Ace found: document, rule, impact and the element."""
    lines = []
    for document in report.get("assertions", []):
        where = document.get("earl:testSubject", {}).get("url", "?")
        for check in document.get("assertions", []):
            if check.get("earl:result", {}).get("earl:outcome") != "fail":
                continue
            test = check.get("earl:test", {})
            result = check["earl:result"]
            element = result.get("html") or result.get("earl:pointer") or ""
            lines.append(
                f"{where}: {test.get('dct:title')} ({test.get('earl:impact')}): "
                f"{result.get('dct:description', '')} {element}".strip()
            )
    return lines


@pytest.fixture(scope="session")
def ace_reports(tmp_path_factory):
    """{book name: Ace report} for the seed and every accepted fixture guide."""
    missing = []
    if not ACE.exists():
        missing.append(f"Ace by DAISY ({ACE.relative_to(ROOT)})")
    if chromium() is None:
        missing.append("Chromium (Debian `chromium`, or $PUPPETEER_EXECUTABLE_PATH)")
    if missing:
        pytest.fail(f"{' and '.join(missing)} missing: `make test-readers` installs them")

    books = {}
    for guide in [SEED, *GUIDES]:
        out = tmp_path_factory.mktemp(f"ace-book-{guide.stem}")
        run_deckbook("build", guide, "-o", out, "--format", "epub")
        (epub,) = out.glob("*.epub")
        books[guide.stem] = epub

    def check(item):
        name, epub = item
        return name, run_ace(epub, tmp_path_factory.mktemp(f"ace-report-{name}"))

    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(check, sorted(books.items())))


def test_ace_finds_no_violation_in_the_seed(ace_reports):
    report = ace_reports[SEED.stem]
    found = violations(report)
    assert not found, f"{len(found)} violations:\n" + "\n".join(found)
    assert report["earl:result"]["earl:outcome"] == "pass"


def test_ace_finds_no_violation_in_any_fixture_book(ace_reports):
    # Every guide of tests/fixtures/guides is a book; so are most hostile fixtures.
    for guide in (FIXTURES / "guides").glob("*.md"):
        assert guide.stem in ace_reports, guide.name
    assert len(ace_reports) > len(list((FIXTURES / "guides").glob("*.md"))) + 1
    failed = {}
    for name, report in sorted(ace_reports.items()):
        if name == SEED.stem:
            continue
        found = violations(report)
        if found or report["earl:result"]["earl:outcome"] != "pass":
            failed[name] = found
    assert not failed, "\n".join(
        f"{name}: {len(found)} violations\n  " + "\n  ".join(found)
        for name, found in failed.items()
    )


def test_ace_reads_the_conformance_claim(ace_reports):
    metadata = ace_reports[SEED.stem].get("a11y-metadata", {})
    assert "dcterms:conformsTo" in metadata.get("present", []), metadata
    assert "a11y:certifiedBy" in metadata.get("present", []), metadata
