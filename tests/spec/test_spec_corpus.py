"""The spec corpus as pytest tests: `harness.run` builds and checks every guide once (a
session fixture: EPUBCheck two JVMs at a time), then one test per guide and check reports
what failed, naming the spec examples.

    python -m pytest -q tests/spec/test_spec_corpus.py

`make spec` runs `harness.py` instead, which prints the same results grouped by cause.
"""

import pytest

import corpus
import harness

GUIDES = [g.name for g in corpus.guides()]


@pytest.fixture(scope="session")
def results(tmp_path_factory):
    try:
        run = harness.run(tmp_path_factory.mktemp("spec"), log=lambda _: None)
    except harness.SetupError as error:
        pytest.fail(str(error))  # a validator that cannot run is a failure, never a skip
    return {r["name"]: r for r in run["guides"]}


def _where(items):
    return "\n".join(
        f"  example {x.get('example')}: {x.get('entry') or x.get('where') or x.get('id')}: "
        f"{x.get('error') or x.get('detail') or x.get('message')}"[:300]
        for x in items
    )


@pytest.mark.parametrize("name", GUIDES)
def test_builds(results, name):
    build = results[name]["build"]
    assert build["rc"] == 0, build["stderr"]
    assert set(build["outputs"]) == {"apkg", "epub", "csv", "anki.csv"}


@pytest.mark.parametrize("name", GUIDES)
def test_epub_is_well_formed_xml(results, name):
    assert not results[name]["xml"], "\n" + _where(results[name]["xml"])


@pytest.mark.parametrize("name", GUIDES)
def test_epubcheck_reports_nothing(results, name):
    check = results[name]["epubcheck"]
    assert check is not None and "crash" not in check, check
    assert (check["fatal"], check["error"], check["warning"]) == (0, 0, 0), (
        "\n" + _where(check["messages"]))


@pytest.mark.parametrize("name", GUIDES)
def test_anki_imports_every_row(results, name):
    anki = results[name]["anki"]
    assert "apkg" in anki and not anki["failures"], anki


@pytest.mark.parametrize("name", GUIDES)
def test_no_live_markup(results, name):
    assert not results[name]["live"], "\n" + _where(results[name]["live"])
