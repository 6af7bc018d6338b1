"""Which hostile fixtures deckbook builds and which it refuses.

The suites parametrise over BUILDABLE (conftest.py) instead of skipping the fixtures
deckbook refuses, so this checks the split itself: every fixture in REFUSED is refused
(exit 1, its error on stderr, no output written), every other one builds all four outputs.
"""

import pytest

from conftest import HOSTILE, REFUSED, run_deckbook

OUTPUT_SUFFIXES = [".anki.csv", ".apkg", ".csv", ".epub"]


def test_every_refused_fixture_exists():
    assert sorted(REFUSED) == sorted(p.name for p in HOSTILE if p.name in REFUSED)


@pytest.mark.parametrize("fixture", HOSTILE, ids=[p.name for p in HOSTILE])
def test_hostile_fixture_is_built_or_refused_as_listed(fixture, tmp_path):
    proc = run_deckbook("build", fixture, "-o", tmp_path, check=False)
    outputs = sorted(p.name for p in tmp_path.iterdir())
    assert "panicked" not in proc.stderr, proc.stderr
    if fixture.name in REFUSED:
        assert proc.returncode == 1, f"exit {proc.returncode}\n{proc.stderr}"
        assert REFUSED[fixture.name] in proc.stderr, proc.stderr
        assert f"{fixture.name}" in proc.stderr, proc.stderr
        assert outputs == []
    else:
        assert proc.returncode == 0, f"exit {proc.returncode}\n{proc.stderr}"
        assert len(outputs) == 4, outputs
        suffixes = sorted(next(s for s in OUTPUT_SUFFIXES if n.endswith(s)) for n in outputs)
        assert suffixes == OUTPUT_SUFFIXES, outputs
