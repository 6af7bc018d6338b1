"""The live-markup scanner and the harness's output checks, on outputs made up to fail: each
check must find what it is there to find, and nothing in text that only looks like markup."""

import csv
import zipfile

import pytest

import harness
import live

LIVE_HTML = [
    ("<script>alert(1)</script>", "script"),
    ("<SCRIPT SRC=x></SCRIPT>", "script"),
    ("<svg><script>alert(1)</script></svg>", "script"),
    ('<img src="x" onerror="alert(1)">', "handler"),
    ("<img src=x ONERROR=alert(1)>", "handler"),
    ("<div/onclick=alert(1)>x</div>", "handler"),
    ("<a href='x'onclick=alert(1)>x</a>", "handler"),  # no space before the attribute
    ('<a href="javascript:alert(1)">x</a>', "javascript-url"),
    ('<a href="jav&#x61;script:alert(1)">x</a>', "javascript-url"),
    ('<a href="JaVaScRiPt&colon;alert(1)">x</a>', "javascript-url"),
    ('<a href=" java\tscript:alert(1)">x</a>', "javascript-url"),
    ('<svg><a xlink:href="javascript:alert(1)">x</a></svg>', "javascript-url"),
    ('<form action="javascript:alert(1)"></form>', "javascript-url"),
    ('<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', "javascript-url"),
    ('<img srcset="a.png 1x, javascript:alert(1) 2x">', "javascript-url"),
    ('<p style="background:url(javascript:alert(1))">x</p>', "javascript-url"),
    ("<style>p { background: url('javascript:alert(1)') }</style>", "javascript-url"),
    ('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>', "handler"),
    ('<iframe src="https://example.com"></iframe>', "embed"),
    ("<object data=x></object>", "embed"),
]

INERT_HTML = [
    "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
    "<pre><code>&lt;img src=x onerror=alert(1)&gt;</code></pre>",
    '<a href="jav&amp;#x61;script:alert(1)">x</a>',  # decodes once, to text, not a scheme
    '<img alt="javascript: the language" src="x.png">',
    '<p title="onclick=alert(1)">x</p>',
    '<a href="https://example.com/javascript:x">x</a>',
    "<!-- <script>alert(1)</script> -->",
    "<img/src=x/onerror=alert(1)>",  # one attribute, src, whose value holds the rest
    "<scripts>x</scripts>",
    "<textarea><script>alert(1)</script></textarea>",  # RCDATA: text
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",  # text on this parse
    "plain text: javascript: is a language",
]


@pytest.mark.parametrize("html, kind", LIVE_HTML)
def test_live_html_is_found(html, kind):
    assert kind in {f.kind for f in live.scan_html(html)}


@pytest.mark.parametrize("html", INERT_HTML)
def test_inert_html_is_not_found(html):
    assert live.scan_html(html) == []


@pytest.mark.parametrize(
    "markdown, kinds",
    [
        ("<script>alert(1)</script>", {"script"}),
        ("a <img src=x onerror=alert(1)> b", {"handler"}),
        ("[x](javascript:alert(1))", {"javascript-url"}),
        ("[x](<javascript:alert(1)>)", {"javascript-url"}),
        ("[x](jav&#x61;script&#x3a;alert(1))", {"javascript-url"}),
        ("<javascript:alert(1)>", {"javascript-url"}),
        ("[x][r]\n\n[r]: javascript:alert(1)", {"javascript-url"}),
        ("`<script>alert(1)</script>`", set()),
        ("```html\n<script>alert(1)</script>\n```", set()),
        ("    <img src=x onerror=alert(1)>", set()),
        ("\\<script>alert(1)", set()),
        ("&lt;script&gt;", set()),
        ("[x](https://example.com/javascript:)", set()),
        ("<div/onclick=alert(1)>x</div>", set()),  # not a CommonMark tag: rendered as text
        ("[x](<java\tscript:alert(1)>)", set()),  # the tab is percent-encoded
    ],
)
def test_markdown_cells(markdown, kinds):
    assert {f.kind for f in live.scan_markdown(markdown)} == kinds


def test_xml_is_read_with_namespaces():
    doc = (b'<html xmlns="http://www.w3.org/1999/xhtml"><body>'
           b'<h:script xmlns:h="http://www.w3.org/1999/xhtml">1</h:script>'
           b"<p>&lt;script&gt;</p></body></html>")
    assert [f.kind for f in live.scan_xml(doc)] == ["script"]


CHAPTER = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>7. X example 7: t</title></head>
<body>{body}</body></html>
"""


def test_epub_checks_find_broken_xml_and_live_markup(tmp_path):
    epub = tmp_path / "book.epub"
    with zipfile.ZipFile(epub, "w") as z:
        z.writestr("mimetype", "application/epub+zip")
        z.writestr("OEBPS/chapter-001.xhtml",
                   CHAPTER.format(body='<p onclick="x">fine</p>'))
        z.writestr("OEBPS/chapter-002.xhtml",
                   CHAPTER.replace("7", "9").format(body="<p>\n<b>unclosed</p><script>1"))
        z.writestr("OEBPS/chapter-003.xhtml", CHAPTER.format(body="<p>&lt;script&gt;</p>"))
        z.writestr("OEBPS/style.css", "a { background: url(JavaScript:x) }")
    result = harness.new_result({"name": "g.md", "title": "g", "source": "s.txt",
                                 "examples": [], "path": epub})
    harness.epub_checks(epub, result)
    assert [(x["entry"], x["example"]) for x in result["xml"]] == [
        ("OEBPS/chapter-002.xhtml", 9)]
    found = sorted((x["where"], x["kind"], x["example"]) for x in result["live"])
    assert found == [
        ("OEBPS/chapter-001.xhtml", "handler", 7),
        ("OEBPS/chapter-002.xhtml", "script", 9),  # read as HTML once XML failed
        ("OEBPS/style.css", "javascript-url", None),
    ]


def test_csv_checks_read_cells_as_markdown_and_anki_fields_as_html(tmp_path):
    sheet = tmp_path / "g.csv"
    with open(sheet, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(["id", "number", "topic", "section", "question", "answer", "tags",
                    "source"])
        w.writerow(["a", "1", "S example 1: t", "", "q", "`<script>`", "", "g.md:3"])
        w.writerow(["b", "2", "S example 2: t", "", "q", "'- <script>x</script>", "", "g.md:5"])
        w.writerow(["c", "3", "S example 3: t", "", "q", "[x](javascript:y)", "", "g.md:7"])
    anki = tmp_path / "g.anki.csv"
    with open(anki, "w", newline="", encoding="utf-8") as f:
        f.write("#separator:Comma\r\n#html:true\r\n")
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(["g1", "S example 1: t", "<code>&lt;script&gt;</code>"])
        w.writerow(["g2", "S example 2: t", "<img src=x onerror=y>"])
        w.writerow(["g3", "S example 3: t", "<p>x</p>"])
    result = harness.new_result({"name": "g.md", "title": "g", "source": "s.txt",
                                 "examples": [], "path": sheet})
    harness.csv_checks(harness.read_sheet(sheet), anki, result)
    found = sorted((x["output"], x["kind"], x["example"]) for x in result["live"])
    assert found == [
        ("anki.csv", "handler", 2),
        ("csv", "javascript-url", 3),
        ("csv", "script", 2),
    ]
    assert result["anki"]["failures"] == []


def test_a_guide_with_failures_is_reported():
    result = harness.new_result({"name": "g.md", "title": "g", "source": "s.txt",
                                 "examples": [], "path": None})
    result["build"] = {"rc": 0, "diagnostics": {}, "stderr": "",
                       "outputs": {k: k for k in ("apkg", "epub", "csv", "anki.csv")}}
    assert harness.failures(result) == ["EPUBCheck did not run"]
    result["epubcheck"] = {"fatal": 0, "error": 0, "warning": 1, "messages": []}
    assert harness.failures(result) == ["EPUBCheck: 0 fatal, 0 errors, 1 warnings"]
    result["epubcheck"]["warning"] = 0
    assert harness.failures(result) == []
