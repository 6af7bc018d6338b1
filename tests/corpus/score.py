"""Scores deckbook on the real-guide corpus: does it find the cards a student would?

    python tests/corpus/score.py [--folders] [--only NAME ...] [--report-only] [--no-validate] [-v]
    python tests/corpus/score.py --check        # lint the expectation files only

Every guide lives in `tests/corpus/<name>/` (folder-shaped guides in
`tests/corpus/folders/<name>/`) beside its licence and a `corpus.toml` that was written by
reading the guide as a student would: the number of cards a person expects, ten sampled
question/answer pairs (a phrase that must be on the front and one that must be on the back of
the same card) and boilerplate that must never be the front of a card.

For each guide the scorer runs `deckbook build <guide> --format apkg,epub,csv` into a
temporary folder (SOURCE_DATE_EPOCH fixed) and reads only the spreadsheet CSV
(`id,number,topic,section,question,answer,tags,source`: question = front, answer = back), so
it keeps working whatever conventions deckbook learns. It reports

- count agreement = min(expected, actual) / max(expected, actual),
- pairs right = sampled pairs for which one card has the front phrase in its question and the
  back phrase in its answer (both sides normalised: HTML tags, Markdown emphasis and code
  markers and link targets dropped, entities decoded, white space folded, case ignored),
- junk = cards whose question contains a junk phrase,
- validity: EPUBCheck 5 (fatal + errors + warnings, two JVMs at a time) and the real Anki
  backend importing every `.apkg` into a fresh collection (notes = CSV rows).

Targets (issue 12): mean count agreement >= 0.95, >= 9 of 10 pairs right on every guide, no
junk card, every output valid. The exit status is 1 when a target fails (0 with
--report-only), 2 on a usage or expectation-file error. `--no-validate` skips the validators
(their targets then fail: a validator that did not run is never a pass). Folder guides are scored with
--folders (they need folder support in deckbook).
"""

import argparse
import csv
import html
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import time
import tomllib

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "tests" / "clients"))

EPOCH = "1767225600"  # 2026-01-01T00:00:00Z, as in the client tests
TARGET_AGREEMENT = 0.95
TARGET_PAIRS = 9
csv.field_size_limit(sys.maxsize)  # a guide with no detected cards is one huge answer
REQUIRED = ("path", "title", "cards", "pairs", "junk", "notes", "conventions", "source")


# ---------------------------------------------------------------- normalisation

TAG = re.compile(r"</?[A-Za-z!][^<>\n]*>")
LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
MARKERS = re.compile(r"[*_`~]")


def normalise(text):
    """Plain, comparable text: Markdown links reduced to their text, HTML tags dropped,
    entities decoded, backslash escapes, emphasis and code markers removed, white space
    folded, case folded."""
    text = LINK.sub(r"\1", text)
    text = TAG.sub(" ", text)
    text = html.unescape(text)
    text = ESCAPE.sub(r"\1", text)
    text = MARKERS.sub("", text)
    return " ".join(text.split()).casefold()


# ---------------------------------------------------------------- expectations


class Guide:
    """One corpus entry: its folder, its expectations and the path deckbook is given."""

    def __init__(self, folder):
        self.folder = folder
        self.name = folder.name
        self.kind = "folder" if folder.parent.name == "folders" else "file"
        with open(folder / "corpus.toml", "rb") as f:
            self.spec = tomllib.load(f)
        self.path = folder / self.spec.get("path", "")

    @property
    def cards(self):
        return self.spec["cards"]

    def problems(self):
        """What is wrong with the expectation file, checked against the guide's text."""
        out = [f"missing key `{k}`" for k in REQUIRED if k not in self.spec]
        if out:
            return out
        if not self.path.exists():
            return [f"guide path {self.path} does not exist"]
        if self.kind == "file" and not self.path.is_file():
            out.append("a file guide's `path` must be a file")
        if self.kind == "folder" and not self.path.is_dir():
            out.append("a folder guide's `path` must be a folder")
        pairs = self.spec["pairs"]
        if len(pairs) != 10:
            out.append(f"{len(pairs)} pairs, not 10")
        text = guide_text(self.path)
        for i, pair in enumerate(pairs, 1):
            for side in ("front", "back"):
                phrase = normalise(pair.get(side, ""))
                if not phrase:
                    out.append(f"pair {i}: empty {side}")
                elif phrase not in text:
                    out.append(f"pair {i}: {side} {pair[side]!r} is not in the guide")
        for phrase in self.spec["junk"]:
            if normalise(phrase) not in text:
                out.append(f"junk {phrase!r} is not in the guide")
        for key in ("repository", "commit", "licence"):
            if key not in self.spec["source"]:
                out.append(f"source has no `{key}`")
        return out


def guide_text(path):
    """The normalised text of a guide file, or of every Markdown file under a folder."""
    files = [path] if path.is_file() else sorted(
        p for p in path.rglob("*") if p.suffix in (".md", ".mdx", ".markdown")
    )
    return normalise("\n".join(p.read_text(encoding="utf-8", errors="replace") for p in files))


def discover(folders, only):
    roots = [HERE] + ([HERE / "folders"] if folders else [])
    guides = []
    for root in roots:
        for d in sorted(p for p in root.iterdir() if (p / "corpus.toml").is_file()):
            if not only or d.name in only:
                guides.append(Guide(d))
    missing = set(only or ()) - {g.name for g in guides}
    if missing:
        raise SystemExit(f"no corpus guide named {', '.join(sorted(missing))}"
                         + ("" if folders else " (folder guides need --folders)"))
    return guides


# ---------------------------------------------------------------- one guide


class Result:
    """What deckbook made of one guide."""

    def __init__(self, guide):
        self.guide = guide
        self.exit = None
        self.stderr = ""
        self.seconds = 0.0
        self.rows = []
        self.epubs = []
        self.apkgs = []
        self.epub_issues = None  # fatal + errors + warnings, None = not run
        self.anki_notes = None  # notes after importing every package, None = not run
        self.anki_error = ""

    def agreement(self):
        actual = len(self.rows)
        expected = self.guide.cards
        return min(expected, actual) / max(expected, actual) if max(expected, actual) else 1.0

    def pair_hits(self):
        cards = [(normalise(r["question"]), normalise(r["answer"])) for r in self.rows]
        hits = []
        for pair in self.guide.spec["pairs"]:
            front, back = normalise(pair["front"]), normalise(pair["back"])
            fronts = [a for q, a in cards if front in q]
            hits.append((pair, bool(fronts), any(back in a for a in fronts)))
        return hits

    def junk_cards(self):
        phrases = [normalise(p) for p in self.guide.spec["junk"]]
        return [r for r in self.rows if any(p in normalise(r["question"]) for p in phrases)]

    def topics(self):
        return sorted({r["topic"] for r in self.rows})

    def valid(self):
        return (
            self.exit == 0
            and self.epub_issues == 0
            and self.anki_notes is not None
            and self.anki_notes == len(self.rows)
        )


def build(guide, deckbook, out):
    result = Result(guide)
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, NO_COLOR="1")
    start = time.perf_counter()
    proc = subprocess.run(
        [str(deckbook), "build", str(guide.path), "-o", str(out), "-q", "--no-lock",
         "--format", "apkg,epub,csv"],
        env=env, capture_output=True, text=True,
    )
    result.seconds = time.perf_counter() - start
    result.exit = proc.returncode
    result.stderr = proc.stderr
    for sheet in sorted(out.glob("*.csv")):
        if sheet.name.endswith(".anki.csv"):
            continue
        with open(sheet, newline="", encoding="utf-8-sig") as f:
            result.rows.extend(csv.DictReader(f))
    result.epubs = sorted(out.glob("*.epub"))
    result.apkgs = sorted(out.glob("*.apkg"))
    return result


def check_anki(result, tmp):
    from anki_support import import_package, new_collection

    if not result.apkgs:
        result.anki_error = "no .apkg"
        return
    col = new_collection(pathlib.Path(tmp) / f"anki-{result.guide.name}")
    try:
        for apkg in result.apkgs:
            import_package(col, apkg)
        result.anki_notes = col.note_count()
    except Exception as e:  # the backend's own message is the report
        result.anki_error = f"{type(e).__name__}: {e}"
    finally:
        col.close()


def check_epubs(results):
    from epub_tools import counts, epubcheck_jar, messages, run_epubcheck_all

    jar = epubcheck_jar()
    if jar is None:
        raise SystemExit("EPUBCheck is not installed (the `epubcheck` package): run `make venv`")
    epubs = [e for r in results for e in r.epubs]
    reports = run_epubcheck_all(jar, epubs, workers=2) if epubs else {}
    for r in results:
        if not r.epubs:
            continue
        issues, lines = 0, []
        for e in r.epubs:
            fatal, errors, warnings, _usage = counts(reports[e])
            issues += fatal + errors + warnings
            lines += messages(reports[e], ("FATAL", "ERROR", "WARNING"))
        r.epub_issues = issues
        r.epub_messages = lines


# ---------------------------------------------------------------- report


def report(results, verbose):
    head = (f"{'guide':<24} {'kind':<6} {'cards':>6} {'got':>6} {'agree':>6} {'pairs':>6} "
            f"{'junk':>5} {'epub':>5} {'anki':>6} {'build':>6}  notes")
    print(head)
    print("-" * len(head))
    for r in results:
        hits = r.pair_hits()
        right = sum(1 for _, f, b in hits if b)
        epub = "-" if r.epub_issues is None else str(r.epub_issues)
        if r.anki_notes is None:
            anki = "error" if r.anki_error else "-"
        else:
            anki = "ok" if r.anki_notes == len(r.rows) else f"{r.anki_notes}!"
        flags = []
        if r.exit != 0:
            flags.append(f"deckbook exit {r.exit}")
        print(f"{r.guide.name:<24} {r.guide.kind:<6} {r.guide.cards:>6} {len(r.rows):>6} "
              f"{r.agreement():>6.2f} {right:>3}/10 {len(r.junk_cards()):>5} {epub:>5} "
              f"{anki:>6} {r.seconds:>5.2f}s  {'; '.join(flags)}")
        if verbose:
            for pair, front, back in hits:
                if not back:
                    why = "no card has this front" if not front else "front found, back not"
                    print(f"    pair miss ({why}): {pair['front']!r} -> {pair['back']!r}")
            for row in r.junk_cards()[:5]:
                print(f"    junk card: {row['question'][:70]!r}")
            for line in getattr(r, "epub_messages", [])[:5]:
                print(f"    {line}")
            if r.anki_error:
                print(f"    anki: {r.anki_error}")
            if r.exit != 0:
                print("    " + "\n    ".join(r.stderr.strip().splitlines()[-5:]))
    n = len(results)
    mean_agree = sum(r.agreement() for r in results) / n
    mean_pairs = sum(sum(1 for _, _, b in r.pair_hits() if b) for r in results) / n
    junk = sum(len(r.junk_cards()) for r in results)
    valid = sum(1 for r in results if r.valid())
    print("-" * len(head))
    print(f"mean count agreement {mean_agree:.3f} (target >= {TARGET_AGREEMENT}); "
          f"mean pairs right {mean_pairs:.1f}/10; guides with >= {TARGET_PAIRS}/10 pairs: "
          f"{sum(1 for r in results if sum(1 for _, _, b in r.pair_hits() if b) >= TARGET_PAIRS)}"
          f"/{n}; junk cards {junk}; valid outputs {valid}/{n}")
    failures = []
    if mean_agree < TARGET_AGREEMENT:
        failures.append("mean count agreement")
    if any(sum(1 for _, _, b in r.pair_hits() if b) < TARGET_PAIRS for r in results):
        failures.append("pairs")
    if junk:
        failures.append("junk")
    if valid < n:
        failures.append("validity")
    return failures


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--deckbook", type=pathlib.Path,
                        default=pathlib.Path(os.environ.get(
                            "DECKBOOK_BIN", ROOT / "target" / "release" / "deckbook")))
    parser.add_argument("--folders", action="store_true",
                        help="also score the folder guides in tests/corpus/folders/")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="score only these guides")
    parser.add_argument("--report-only", action="store_true",
                        help="print the scores; exit 0 even when a target fails")
    parser.add_argument("--no-validate", action="store_true",
                        help="skip EPUBCheck and the Anki import (a quick score while working)")
    parser.add_argument("--check", action="store_true",
                        help="only lint the expectation files against the guides' text")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="list missed pairs, junk cards and validator messages")
    args = parser.parse_args(argv)

    guides = discover(args.folders or args.check, args.only)
    bad = {g.name: g.problems() for g in guides}
    bad = {k: v for k, v in bad.items() if v}
    for name, problems in bad.items():
        for p in problems:
            print(f"{name}: {p}", file=sys.stderr)
    if bad:
        return 2
    if args.check:
        print(f"{len(guides)} expectation files checked")
        return 0
    if not args.deckbook.exists():
        print(f"{args.deckbook} is missing: run `make release`", file=sys.stderr)
        return 2

    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="deckbook-corpus-") as tmp:
        results = []
        for g in guides:
            out = pathlib.Path(tmp) / g.name
            out.mkdir()
            results.append(build(g, args.deckbook, out))
        if not args.no_validate:
            check_epubs(results)
            for r in results:
                check_anki(r, tmp)
        failures = report(results, args.verbose)
    print(f"scored {len(results)} guides in {time.perf_counter() - start:.1f} s")
    if failures:
        print("targets not met: " + ", ".join(failures))
        return 0 if args.report_only else 1
    print("every target met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
