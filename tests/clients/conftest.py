"""Shared fixtures for the real-client checks (Anki backend, EPUBCheck, CSV readers).

These tests run the release binary the Makefile built (override with DECKBOOK_BIN) on the
guides in source/ and on the hostile fixtures in tests/fixtures/, and hand the outputs to
real clients. They never import deckbook code: the clients decide.

A validator that did not run is a failure, never a skip: a missing client fails its tests,
and any skipped test makes the whole session fail (exit 1) unless the test is marked
`skip_allowed`. The hostile fixtures deckbook must refuse are listed in REFUSED; the others
are in BUILDABLE, which the suites parametrise over.
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
HOSTILE = sorted((FIXTURES / "hostile").glob("*.md"))
# The hostile fixtures deckbook refuses to build (exit 1), with the error it gives.
REFUSED = {
    "empty.md": "error[empty-guide]: the guide has no content to build from",
    "front-matter-only.md": "error[empty-guide]: the guide has no content to build from",
    "nul-bytes.md": "not a text file (NUL byte at offset 25)",
}
BUILDABLE = [p for p in HOSTILE if p.name not in REFUSED]


def deckbook_bin() -> pathlib.Path:
    path = pathlib.Path(os.environ.get("DECKBOOK_BIN", ROOT / "target" / "release" / "deckbook"))
    if not path.exists():
        pytest.exit(f"{path} is missing: run `cargo build --release` (make test does)", 2)
    return path


def run_deckbook(*args, epoch=EPOCH, check=True, cwd=ROOT, lock=False):
    """Runs deckbook with SOURCE_DATE_EPOCH set; returns the CompletedProcess. `build` gets
    `--no-lock` unless `lock`: the guides of the repository are built where they are, and no
    test may read or write a lock beside them (the lock's tests build copies)."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(epoch), NO_COLOR="1")
    args = [*map(str, args)]
    if args[:1] == ["build"] and not lock:
        args.append("--no-lock")
    proc = subprocess.run(
        [str(deckbook_bin()), *args],
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
    config.addinivalue_line(
        "markers", "skip_allowed: a skip of this test does not fail the session"
    )


# "nodeid: reason" of every skip that fails the session.
SKIPS = []


def pytest_runtest_logreport(report):
    """Records every skip (at setup or in the test) of a test not marked `skip_allowed`."""
    if report.skipped and not hasattr(report, "wasxfail") and "skip_allowed" not in report.keywords:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        SKIPS.append(f"{report.nodeid}: {reason}")


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if SKIPS:
        terminalreporter.section("skips are failures", sep="=", red=True, bold=True)
        for line in SKIPS:
            terminalreporter.line(f"SKIPPED {line}", red=True)
        terminalreporter.line(
            f"{len(SKIPS)} test(s) skipped: a check that did not run is a failure "
            "(mark a test `skip_allowed` to permit its skip)",
            red=True,
        )


def stray_locks():
    """Lock files under source/ and tests/ that git does not track: a test wrote one beside
    a guide of the repository."""
    tracked = subprocess.run(
        ["git", "ls-files", "-z", "--", "*.deckbook.lock"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.split("\0")
    found = [*ROOT.glob("source/**/*.deckbook.lock"), *ROOT.glob("tests/**/*.deckbook.lock")]
    return sorted(str(p.relative_to(ROOT)) for p in found if str(p.relative_to(ROOT)) not in tracked)


def pytest_sessionfinish(session, exitstatus):
    stray = stray_locks()
    if stray:
        print(f"\na test wrote lock files beside the repository's guides: {stray}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    if SKIPS and exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(scope="session")
def seed_outputs(tmp_path_factory):
    """Every format of the seed guide, built once per test run (topics mode)."""
    out = tmp_path_factory.mktemp("seed-out")
    run_deckbook("build", SEED, "-o", out, "--format", "apkg,epub,csv")
    return out
