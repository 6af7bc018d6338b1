"""Shared fixtures for the real-client checks (Anki backend, EPUBCheck, CSV readers).

These tests run the release binary the Makefile built (override with DECKBOOK_BIN) on the
guides in source/ and on the hostile fixtures in tests/fixtures/, and hand the outputs to
real clients. They never import deckbook code: the clients decide.
"""

import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SEED = ROOT / "source" / "python-interview-guide.md"
FIXTURES = ROOT / "tests" / "fixtures"
# A fixed timestamp so builds are reproducible; tests that need a newer one pass their own.
EPOCH = "1767225600"  # 2026-01-01T00:00:00Z


def deckbook_bin() -> pathlib.Path:
    path = pathlib.Path(os.environ.get("DECKBOOK_BIN", ROOT / "target" / "release" / "deckbook"))
    if not path.exists():
        pytest.exit(f"{path} is missing: run `cargo build --release` (make test does)", 2)
    return path


def run_deckbook(*args, epoch=EPOCH, check=True, cwd=ROOT):
    """Runs deckbook with SOURCE_DATE_EPOCH set; returns the CompletedProcess."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(epoch), NO_COLOR="1")
    proc = subprocess.run(
        [str(deckbook_bin()), *map(str, args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
    )
    if check and proc.returncode != 0:
        raise AssertionError(
            f"deckbook {' '.join(map(str, args))} exited {proc.returncode}\n"
            f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
        )
    return proc


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "readers: needs Calibre or LibreOffice (run by `make test-readers`)"
    )


@pytest.fixture(scope="session")
def seed_outputs(tmp_path_factory):
    """Every format of the seed guide, built once per test run (topics mode)."""
    out = tmp_path_factory.mktemp("seed-out")
    run_deckbook("build", SEED, "-o", out, "--format", "apkg,epub,csv")
    return out
