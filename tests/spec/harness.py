"""The Markdown spec corpus harness: every guide `corpus.py` makes is built into every format
and each output handed to the real clients.

    python tests/spec/harness.py [--work DIR] [--jobs N] [--only TEXT] [--json FILE]

For each guide, `deckbook build --format apkg,epub,csv` (SOURCE_DATE_EPOCH fixed), then:

(a) XML: every XHTML, SVG, OPF, NCX and XML entry of the EPUB parses as XML (expat, through
    ElementTree);
(b) EPUBCheck 5: 0 fatal errors, 0 errors, 0 warnings; each book validated once, `--jobs`
    JVMs at a time (default 2), while the other checks run;
(c) Anki: the `.apkg` imports into a fresh collection with the real backend, with as many new
    notes (and cards) as the spreadsheet CSV has rows, no conflict, no missing note type and
    no missing media; the `.anki.csv` then imports into the same collection and changes
    nothing (same build: every row unchanged); and the `.anki.csv` alone imports into a
    fresh collection with one new note per row;
(d) live markup (`live.py`): none in the EPUB's entries, in any Anki note field, note-type
    template or deck description, in the `.anki.csv` fields, or in the spreadsheet CSV's
    cells rendered as Markdown.

Every finding is tied to the spec example it came from where the output says (a chapter's
`<title>`, a note's Topic field, a CSV row's topic), so the report groups failures by cause
and names examples. Prints a summary, writes the full results as JSON, and exits 1 when any
check failed (2 when a client or the binary is missing: a validator that did not run is a
failure, never a skip).
"""

import argparse
import collections
import concurrent.futures
import csv
import io
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "tests" / "clients"))
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402
import epubcheck_batch  # noqa: E402
import live  # noqa: E402
from anki_support import import_package, log_counts, new_collection  # noqa: E402
from epub_tools import counts, epubcheck_jar, members, run_epubcheck  # noqa: E402

EPOCH = "1767225600"  # 2026-01-01T00:00:00Z, as the client tests use
EXAMPLE = re.compile(r"example (\d+):")
DIAGNOSTIC = re.compile(r"^(warning|error)\[([A-Za-z0-9_-]+)\]", re.M)
XML_ENTRY = (".xhtml", ".html", ".svg", ".opf", ".ncx", ".xml")


class SetupError(Exception):
    """A client or the binary is missing: nothing could be checked."""


def deckbook_bin():
    path = pathlib.Path(os.environ.get("DECKBOOK_BIN", ROOT / "target" / "release" / "deckbook"))
    if not path.exists():
        raise SetupError(f"{path} is missing: run `make release` (make spec does)")
    return path


def example_in(text):
    """The example number the first `example N:` of `text` names, or None."""
    m = EXAMPLE.search(text or "")
    return int(m.group(1)) if m else None


def example_at(data, line):
    """The example a line of an output document belongs to: the last `example N:` on or
    before that line (chapters open with their topic's title)."""
    text = data.decode("utf-8", "replace")
    if line and line > 0:
        text = "\n".join(text.split("\n")[:line])
    found = EXAMPLE.findall(text)
    return int(found[-1]) if found else None


# --- build ---------------------------------------------------------------------------------


def build(binary, guide, out_dir):
    """Builds every format of one guide into `out_dir`; returns the build record."""
    out_dir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, NO_COLOR="1")
    proc = subprocess.run(
        [str(binary), "build", guide.name, "-o", str(out_dir), "--format", "apkg,epub,csv"],
        cwd=guide.parent, env=env, capture_output=True, text=True,
    )
    diagnostics = collections.Counter(
        f"{sev}[{code}]" for sev, code in DIAGNOSTIC.findall(proc.stderr)
    )
    outputs = {}
    for path in sorted(out_dir.iterdir()):
        for kind in ("anki.csv", "apkg", "epub", "csv"):
            if path.name.endswith("." + kind):
                outputs.setdefault(kind, path)
                break
    return {
        "rc": proc.returncode,
        "diagnostics": dict(sorted(diagnostics.items())),
        "stderr": proc.stderr[-2000:] if proc.returncode else "",
        "outputs": {k: str(v) for k, v in outputs.items()},
    }


# --- (a) XML and (d) live markup in the EPUB -------------------------------------------------


def epub_checks(epub, result):
    entries = members(epub)
    for name, data in sorted(entries.items()):
        where_example = example_at(data, 0) if "chapter-" in name else None
        if name.endswith(XML_ENTRY):
            try:
                # Expat (through ElementTree) decides well-formedness, as in epub_tools.
                findings = live.scan_xml(data)
            except ET.ParseError as error:
                line = error.position[0]
                result["xml"].append({
                    "entry": name,
                    "error": " ".join(str(error).split())[:300],
                    "line": line,
                    "example": example_at(data, line),
                })
                findings = live.scan_html(data.decode("utf-8", "replace"))
        elif name.endswith(".css"):
            findings = live.scan_css(data.decode("utf-8", "replace"))
        else:
            continue
        for f in findings:
            add_live(result, "epub", name, where_example, f)


def add_live(result, output, where, example, finding):
    result["live"].append({
        "output": output, "where": where, "example": example,
        "kind": finding.kind, "detail": finding.detail,
    })


# --- (c) Anki and (d) live markup in notes and CSV -------------------------------------------


def import_csv(col, path):
    """Imports an Anki CSV as the import dialog would with the file's own headers; returns
    the log's counts."""
    from anki.import_export_pb2 import ImportCsvRequest

    metadata = col.get_csv_metadata(path=str(path), delimiter=None)
    log = col.import_csv(ImportCsvRequest(path=str(path), metadata=metadata)).log
    col.models._clear_cache()
    return log_counts(log)


def read_sheet(path):
    """The spreadsheet CSV's header and rows."""
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    return (rows[0], rows[1:]) if rows else ([], [])


def read_anki_csv(path):
    """The `.anki.csv`'s data rows (its `#` header lines skipped)."""
    text = pathlib.Path(path).read_text(encoding="utf-8")
    lines = text.split("\r\n") if "\r\n" in text else text.split("\n")
    i = 0
    while i < len(lines) and lines[i].startswith("#"):
        i += 1
    return list(csv.reader(io.StringIO("\r\n".join(lines[i:]), newline="")))


def csv_notetype(path):
    """The note type an `.anki.csv` names in its `#notetype:` header."""
    for line in pathlib.Path(path).read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        if line.startswith("#notetype:"):
            return line[len("#notetype:"):]
    return None


def anki_checks(apkg, anki_csv, rows, result, tmp):
    anki = result["anki"]
    fail = anki["failures"]
    col = new_collection(tmp / "apkg")
    try:
        try:
            log = import_package(col, apkg)
        except Exception as error:
            fail.append(f"apkg import raised {type(error).__name__}: {error}"[:300])
            return
        anki["apkg"] = log
        notes, cards = col.note_count(), col.card_count()
        anki["notes"], anki["cards"] = notes, cards
        if (log["new"], notes, cards) != (rows, rows, rows):
            fail.append(f"apkg: {log['new']} new notes, {notes} notes, {cards} cards for "
                        f"{rows} spreadsheet rows")
        for key in ("conflicting", "missing_notetype", "empty_first_field", "duplicate"):
            if log[key]:
                fail.append(f"apkg: {log[key]} {key} notes")
        missing = list(col.media.check().missing)
        if missing:
            anki["missing_media"] = missing[:20]
            fail.append(f"apkg: {len(missing)} missing media files, e.g. {missing[:3]}")
        for nid in col.find_notes(""):
            note = col.get_note(nid)
            items = dict(note.items())
            example = example_in(items.get("Topic", "")) or example_in(" ".join(items.values()))
            for field, value in items.items():
                for f in live.scan_html(value):
                    add_live(result, "anki-note", f"field {field}", example, f)
        used = {col.get_note(nid).mid for nid in col.find_notes("")}
        for model in (col.models.get(mid) for mid in sorted(used)):
            for tmpl in model["tmpls"]:
                for side in ("qfmt", "afmt"):
                    for f in live.scan_html(tmpl[side]):
                        add_live(result, "anki-notetype", f"{model['name']} {side}", None, f)
            for f in live.scan_css(model["css"]):
                add_live(result, "anki-notetype", f"{model['name']} css", None, f)
        for deck in col.decks.all():
            for f in live.scan_html(deck.get("desc", "")):
                add_live(result, "anki-deck", deck["name"], None, f)
        try:
            again = import_csv(col, anki_csv)
        except Exception as error:
            fail.append(f".anki.csv after .apkg raised {type(error).__name__}: {error}"[:300])
        else:
            anki["csv_after_apkg"] = again
            # The CSV names one note type: the package's notes of it are found unchanged, and
            # a guide that mixes kinds (cloze deletions, reversed cards) has its other notes
            # reported conflicting and left as the package made them.
            named = csv_notetype(anki_csv)
            same = sum(1 for nid in col.find_notes("")
                       if col.get_note(nid).note_type()["name"] == named)
            expected = (0, 0, same, rows - same)
            got = (again["new"], again["updated"], again["duplicate"], again["conflicting"])
            if got != expected:
                fail.append(f".anki.csv after .apkg: {got[0]} new, {got[1]} updated, {got[2]} "
                            f"unchanged, {got[3]} conflicting for {rows} rows ({same} of "
                            f"its note type {named!r})")
    finally:
        col.close()
    col = new_collection(tmp / "csv")
    try:
        try:
            alone = import_csv(col, anki_csv)
        except Exception as error:
            fail.append(f".anki.csv alone raised {type(error).__name__}: {error}"[:300])
            return
        anki["csv_alone"] = alone
        if (alone["new"], col.note_count()) != (rows, rows):
            fail.append(f".anki.csv alone: {alone['new']} new notes, {col.note_count()} notes "
                        f"for {rows} rows")
    finally:
        col.close()


def guard_free(cell):
    """A cell without the formula guard's leading `'` (what a reader who drops it sees)."""
    if cell[:1] == "'" and cell[1:2] in ("=", "+", "-", "@", "\t", "\r"):
        return cell[1:]
    return cell


def csv_checks(sheet, anki_csv, result):
    header, rows = sheet
    topic_col = header.index("topic") if "topic" in header else None
    for n, row in enumerate(rows, 2):
        example = example_in(row[topic_col]) if topic_col is not None else None
        for col_name, cell in zip(header, row):
            found = live.scan_markdown(cell)
            if guard_free(cell) != cell:
                # What the cell shows once the guard's `'` is dropped, beyond the above.
                extra = collections.Counter(live.scan_markdown(guard_free(cell)))
                extra.subtract(found)
                found += list(extra.elements())
            for f in found:
                add_live(result, "csv", f"row {n} {col_name}", example, f)
    anki_rows = read_anki_csv(anki_csv)
    if len(anki_rows) != len(rows):
        result["anki"]["failures"].append(
            f".anki.csv has {len(anki_rows)} rows, the spreadsheet CSV {len(rows)}")
    for n, row in enumerate(anki_rows, 1):
        example = example_in(" ".join(row))
        for i, cell in enumerate(row, 1):
            for f in live.scan_html(cell):
                add_live(result, "anki.csv", f"row {n} column {i}", example, f)


# --- one guide, all guides -------------------------------------------------------------------


def new_result(entry):
    return {
        "name": entry["name"], "title": entry["title"], "source": entry["source"],
        "examples": [e["number"] for e in entry["examples"]],
        "build": None, "xml": [], "epubcheck": None,
        "anki": {"failures": []}, "live": [], "topics": None, "path": entry["path"],
    }


def topic_coverage(sheet, result):
    header, rows = sheet
    if "topic" not in header:
        return
    i = header.index("topic")
    found = {example_in(row[i]) for row in rows} - {None}
    missing = [n for n in result["examples"] if n not in found]
    result["topics"] = {"examples": len(result["examples"]), "topics": len(rows),
                        "missing": missing}


def epubcheck_record(report):
    fatal, errors, warnings, _ = counts(report)
    msgs = []
    for m in report["messages"]:
        if m["severity"] in ("FATAL", "ERROR", "WARNING"):
            loc = (m.get("locations") or [{}])[0]
            msgs.append({"severity": m["severity"], "id": m["ID"], "message": m["message"],
                         "path": loc.get("path"), "line": loc.get("line")})
    return {"fatal": fatal, "error": errors, "warning": warnings, "messages": msgs}


def failures(result):
    """One line per failed check of a guide (empty when the guide passes)."""
    out = []
    b = result["build"]
    if b is None or b["rc"] != 0:
        out.append(f"build exited {b and b['rc']}")
    missing = {"apkg", "epub", "csv", "anki.csv"} - set((b or {}).get("outputs", {}))
    if b and b["rc"] == 0 and missing:
        out.append(f"outputs missing: {sorted(missing)}")
    if result["xml"]:
        out.append(f"{len(result['xml'])} EPUB documents not well-formed")
    e = result["epubcheck"]
    if e is None:
        out.append("EPUBCheck did not run")
    elif e.get("crash"):
        out.append(f"EPUBCheck failed: {e['crash']}")
    elif e["fatal"] or e["error"] or e["warning"]:
        out.append(f"EPUBCheck: {e['fatal']} fatal, {e['error']} errors, "
                   f"{e['warning']} warnings")
    out.extend(result["anki"]["failures"])
    if result["live"]:
        by = collections.Counter(f"{x['output']} {x['kind']}" for x in result["live"])
        out.append("live markup: " + ", ".join(f"{k} ×{v}" for k, v in sorted(by.items())))
    return out


def external_index(folder):
    """Index entries for guides that are not generated (`--guides`: every `.md` but a
    README.md): no known examples."""
    return [{"name": p.name, "title": p.stem, "source": p.name, "examples": [], "path": p}
            for p in sorted(pathlib.Path(folder).resolve().glob("*.md"))
            if p.name != "README.md"]


def run(work, jobs=2, only=None, per_book_jvm=False, guides=None, log=print):
    """Generates (or takes `guides`, a folder of guides), builds and checks the corpus under
    `work`; returns the results."""
    started = time.monotonic()
    binary = deckbook_bin()
    jar = epubcheck_jar()
    if jar is None or shutil.which("java") is None:
        raise SetupError("EPUBCheck needs the venv's `epubcheck` package and a Java runtime "
                         "(make spec installs both)")
    work = pathlib.Path(work)
    for sub in ("guides", "out", "epubcheck"):
        shutil.rmtree(work / sub, ignore_errors=True)
    if guides:
        index = external_index(guides)
    else:
        corpus.write(work / "guides")
        index = json.loads((work / "guides" / "index.json").read_text(encoding="utf-8"))
        for entry in index:
            entry["path"] = work / "guides" / entry["name"]
    if only:
        index = [g for g in index if only in g["name"]]
    results = [new_result(g) for g in index]
    timings = collections.Counter()

    t = time.monotonic()
    for r in results:
        r["build"] = build(binary, r.pop("path"), work / "out" / r["name"][:-3])
    timings["build"] = time.monotonic() - t
    # Biggest books first, so the JVMs finish together.
    books = {pathlib.Path(r["build"]["outputs"]["epub"]): r for r in results
             if "epub" in r["build"]["outputs"]}
    order = sorted(books, key=lambda p: -p.stat().st_size)
    epubcheck_started = time.monotonic()
    if per_book_jvm:
        pool = concurrent.futures.ThreadPoolExecutor(max_workers=jobs)
        futures = {epub: pool.submit(run_epubcheck, jar, epub) for epub in order}
    else:
        batch = epubcheck_batch.Batch(jar, order, work / "epubcheck", jobs=jobs)

    t = time.monotonic()
    for r in results:
        outs = {k: pathlib.Path(v) for k, v in r["build"]["outputs"].items()}
        if "epub" in outs:
            epub_checks(outs["epub"], r)
        if "csv" in outs:
            sheet = read_sheet(outs["csv"])
            topic_coverage(sheet, r)
            if "anki.csv" in outs:
                csv_checks(sheet, outs["anki.csv"], r)
                if "apkg" in outs:
                    with tempfile.TemporaryDirectory(dir=work) as tmp:
                        anki_checks(outs["apkg"], outs["anki.csv"], len(sheet[1]), r,
                                    pathlib.Path(tmp))
    timings["xml, Anki and live-markup checks"] = time.monotonic() - t

    if per_book_jvm:
        reports = {}
        for epub, future in futures.items():
            try:
                reports[epub] = future.result()
            except Exception as error:
                reports[epub] = error
        pool.shutdown()
    else:
        reports = batch.reports()
        if batch.fallbacks:
            log("spec corpus: the batch EPUBCheck driver did not run; checked with one JVM "
                "per book (see WORK/epubcheck/jvm-*.log)")
    timings["EPUBCheck (wall, from first book)"] = time.monotonic() - epubcheck_started
    for epub, r in books.items():
        report = reports.get(epub, RuntimeError("not checked"))
        if isinstance(report, Exception):  # no report: a failure, never a skip
            r["epubcheck"] = {"crash": " ".join(str(report).split())[:300]}
            continue
        rec = epubcheck_record(report)
        data = members(epub)
        for m in rec["messages"]:
            path = m["path"] or ""
            m["example"] = example_at(data[path], m["line"]) if path in data else None
        r["epubcheck"] = rec
    for r in results:
        r["failures"] = failures(r)
    timings["total"] = time.monotonic() - started
    return {"guides": results, "timings": dict(timings), "jobs": jobs,
            "epubcheck_mode": "one JVM per book" if per_book_jvm else "batch"}


# --- the report ----------------------------------------------------------------------------


def _examples(items, limit=8):
    """`source#n` labels, sorted, abridged."""
    labels = sorted(set(items), key=lambda s: (s.split("#")[0], int(s.split("#")[1] or 0)))
    text = ", ".join(labels[:limit])
    return text + (f", … ({len(labels)} in all)" if len(labels) > limit else "")


def _label(result, example):
    return f"{result['source']}#{example if example is not None else ''}"


def summary(results):
    """The grouped report, as Markdown text."""
    guides = results["guides"]
    n_examples = sum(len(r["examples"]) for r in guides)
    per_source = collections.Counter()
    for r in guides:
        per_source[r["source"].split("/")[0]] += len(r["examples"])
    failed = [r for r in guides if r["failures"]]
    made = (f"{len(guides)} guides, {n_examples} examples "
            f"({', '.join(f'{k} {v}' for k, v in sorted(per_source.items()))})"
            if n_examples else f"{len(guides)} guides")
    out = [f"{made}; {len(guides) - len(failed)} guides pass every check, {len(failed)} fail.",
           ""]
    built = [r for r in guides if r["build"] and r["build"]["rc"] == 0]
    diags = collections.Counter()
    for r in guides:
        diags.update((r["build"] or {}).get("diagnostics", {}))
    out.append(f"**Build**: {len(built)}/{len(guides)} guides built (exit 0). Diagnostics: "
               + (", ".join(f"{k} {v}" for k, v in diags.most_common()) or "none") + ".")
    not_built = [r["name"] for r in guides if r not in built]
    if not_built:
        out.append(f"Not built: {', '.join(not_built)}.")
    topics = sum(r["topics"]["topics"] for r in guides if r["topics"])
    runs = []  # (guide, absorbing example, first missing, last missing)
    for r in guides:
        if not r["topics"]:
            continue
        missing = set(r["topics"]["missing"])
        host = None
        for n in r["examples"]:
            if n not in missing:
                host = n
            elif runs and runs[-1][0] is r and runs[-1][3] == r["examples"][
                    r["examples"].index(n) - 1]:
                runs[-1][3] = n
            else:
                runs.append([r, host, n, n])
    n_missing = sum(len(r["topics"]["missing"]) for r in guides if r["topics"])
    out.append(f"**Topics** (reported, not a gating check): {topics} topics for {n_examples} "
               f"examples; {n_missing} examples are not a topic of their own"
               + (":" if runs else "."))
    for r, host, first, last in runs:
        span = f"#{first}" if first == last else f"#{first}–{last}"
        inside = f"inside the topic of #{host}" if host else "before the first topic"
        out.append(f"- {r['source']}{span} ({r['name']}): {inside}")
    out.append("")

    # (a)
    xml = [(r, x) for r in guides for x in r["xml"]]
    out.append(f"**(a) XML well-formedness**: {len(xml)} EPUB documents not well-formed, in "
               f"{len({r['name'] for r, _ in xml})} guides.")
    by_cause = collections.defaultdict(list)
    for r, x in xml:
        by_cause[re.sub(r"line \d+, column \d+", "line L, column C", x["error"])].append(
            _label(r, x["example"]))
    for cause, where in sorted(by_cause.items(), key=lambda kv: -len(kv[1])):
        out.append(f"- {len(where)} × `{cause}`: {_examples(where)}")
    out.append("")

    # (b)
    totals = collections.Counter()
    ran = [r for r in guides if r["epubcheck"] and "crash" not in r["epubcheck"]]
    for r in ran:
        for k in ("fatal", "error", "warning"):
            totals[k] += r["epubcheck"][k]
    crashed = [r["name"] for r in guides if not r["epubcheck"] or "crash" in r["epubcheck"]]
    out.append(f"**(b) EPUBCheck 5**: {len(ran)} books validated; {totals['fatal']} fatal, "
               f"{totals['error']} errors, {totals['warning']} warnings in "
               f"{sum(1 for r in ran if any(r['epubcheck'][k] for k in totals))} books."
               + (f" Did not run: {', '.join(crashed)}." if crashed else ""))
    by_id = collections.defaultdict(list)
    for r in ran:
        for m in r["epubcheck"]["messages"]:
            by_id[(m["severity"], m["id"])].append((r, m))
    for (sev, mid), items in sorted(by_id.items(), key=lambda kv: -len(kv[1])):
        out.append(f"- {sev} {mid} × {len(items)} in {len({r['name'] for r, _ in items})} "
                   f"books")
        by_msg = collections.defaultdict(list)
        for r, m in items:
            by_msg[" ".join(m["message"].split())].append(_label(r, m["example"]))
        for msg, where in sorted(by_msg.items(), key=lambda kv: -len(kv[1]))[:12]:
            out.append(f"  - {len(where)} × {msg[:220]} — {_examples(where, 6)}")
        if len(by_msg) > 12:
            out.append(f"  - … {len(by_msg) - 12} more distinct messages")
    out.append("")

    # (c)
    anki_fail = [(r, f) for r in guides for f in r["anki"]["failures"]]
    imported = sum(1 for r in guides if "apkg" in r["anki"])
    notes = sum(r["anki"].get("notes", 0) for r in guides)
    out.append(f"**(c) Anki**: {imported} packages imported ({notes} notes); "
               f"{len(anki_fail)} failures in {len({r['name'] for r, _ in anki_fail})} guides.")
    for r, f in anki_fail:
        out.append(f"- {r['name']}: {f}")
    out.append("")

    # (d)
    found = [(r, x) for r in guides for x in r["live"]]
    out.append(f"**(d) Live markup**: {len(found)} findings in "
               f"{len({r['name'] for r, _ in found})} guides.")
    by_out = collections.defaultdict(list)
    for r, x in found:
        by_out[(x["output"], x["kind"])].append((r, x))
    for (output, kind), items in sorted(by_out.items()):
        where = [_label(r, x["example"]) for r, x in items]
        out.append(f"- {output} / {kind}: {len(items)} ({len(set(where))} examples): "
                   f"{_examples(where, 10)}")
        samples = collections.Counter(x["detail"] for _, x in items)
        for detail, n in samples.most_common(3):
            out.append(f"  - {n} × `{detail[:150]}`")
    out.append("")
    t = results["timings"]
    out.append("**Time**: " + "; ".join(f"{k} {v:.1f} s" for k, v in t.items())
               + f" ({results['jobs']} EPUBCheck JVMs at a time).")
    return "\n".join(out) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", default=str(ROOT / "target" / "spec"),
                        help="folder for the guides, outputs and report (default target/spec)")
    parser.add_argument("--jobs", type=int, default=2, help="EPUBCheck JVMs at a time")
    parser.add_argument("--guides", help="check every .md guide in this folder instead of "
                                         "generating the corpus (e.g. reproducers)")
    parser.add_argument("--only", help="only guides whose file name contains this text")
    parser.add_argument("--per-book-jvm", action="store_true",
                        help="run EPUBCheck as one JVM per book (slower; a cross-check of "
                             "the batch driver)")
    parser.add_argument("--json", help="write the full results here "
                                       "(default WORK/report.json)")
    args = parser.parse_args(argv)
    work = pathlib.Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    try:
        results = run(work, jobs=args.jobs, only=args.only, per_book_jvm=args.per_book_jvm,
                      guides=args.guides)
    except SetupError as error:
        print(f"spec corpus: {error}", file=sys.stderr)
        return 2
    pathlib.Path(args.json or work / "report.json").write_text(
        json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    text = summary(results)
    (work / "report.md").write_text(text, encoding="utf-8")
    print(text, end="")
    failed = [r for r in results["guides"] if r["failures"]]
    for r in failed:
        print(f"FAIL {r['name']}: " + "; ".join(r["failures"]))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
