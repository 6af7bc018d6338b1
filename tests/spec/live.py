"""Live markup in an output: a script element, an event-handler attribute or a `javascript:`
URL that a reader, a browser or Anki's webview would act on — and not text that merely looks
like one (`&lt;script&gt;`, `<script>` inside a code span).

Each kind of output is read the way its consumer reads it:

- EPUB documents (XHTML, SVG, OPF, NCX) are XML: reading systems parse them with an XML
  parser, namespaces and all ([`scan_xml`]). A document that is not well-formed XML is read
  with an HTML5 parser instead ([`scan_html`]), as a lenient reader might.
- Anki fields, templates and the `.anki.csv` fields are HTML fragments, rendered by a
  browser engine: html5lib, a WHATWG-conformant HTML5 parser, builds the tree a browser with
  scripting enabled would ([`scan_html`]).
- Cells of the spreadsheet CSV hold Markdown that people paste into Markdown renderers: a
  cell is rendered by markdown-it-py in CommonMark mode (raw HTML passed through, tables and
  strikethrough on, and *no* link validation, as pulldown-cmark and cmark render
  `[x](javascript:…)` as a live link) and the result read by html5lib ([`scan_markdown`]).
  Raw `<script>` in a cell is live; `` `<script>` `` in a code span or block renders as code
  and is not.

In the tree, a finding is:

- `script`: an element named `script` in any namespace (XHTML, SVG, none);
- `embed`: an element that runs or embeds active content (`iframe` — and so its `srcdoc` —,
  `frame`, `frameset`, `object`, `embed`, `applet`);
- `handler`: an attribute whose name starts with `on` followed by a letter (`onerror`,
  `onclick`, `onload`, …);
- `javascript-url`: an attribute whose value, after the parser has decoded its character
  references (so `jav&#x61;script:` counts) and with ASCII tab, line feed and carriage return
  removed anywhere and leading/trailing C0 controls and spaces trimmed (as the URL parser
  does), has `javascript:` (any case) where a URL can start: at its start, or after white
  space, `;`, `,`, `(`, `=` or a quote (`0;url=javascript:…` in a refresh, a `srcset` list,
  `url(javascript:…)` in a `style`, SVG `values`) — not inside another URL
  (`https://example.com/javascript:`). Plain-text attributes (`alt`, `title`, `aria-*`) are
  exempt: they never hold a URL. A `<style>` element's text counts too.
"""

import dataclasses
import re
import xml.etree.ElementTree as ET

import html5lib
from markdown_it import MarkdownIt

EMBEDS = {"iframe", "frame", "frameset", "object", "embed", "applet"}
TEXT_ATTRS = {"alt", "title"}
HANDLER = re.compile(r"^on[a-z]")
STRIP = re.compile(r"[\t\n\r]")
JS = "javascript:"
# `javascript:` where a URL can start: the value's start, or after a separator of the
# syntaxes that hold URLs (`0;url=…`, `srcset` lists, `url(…)`, quotes, SVG `values`).
JS_URL = re.compile(r"(?:^|[\s;,(='\"])javascript:")


@dataclasses.dataclass(frozen=True)
class Finding:
    """One piece of live markup: its kind and the markup, abridged."""

    kind: str  # script | embed | handler | javascript-url
    detail: str


def local(name):
    """`{namespace}name` → `name`, lower-cased."""
    return name.rsplit("}", 1)[-1].lower()


def _url_value(value):
    value = STRIP.sub("", value)
    return value.strip("".join(map(chr, range(0x21)))).lower()


def _abridge(text, limit=160):
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _walk(root):
    """Findings in an ElementTree tree (from the XML parser or html5lib)."""
    findings = []
    for el in root.iter():
        if not isinstance(el.tag, str):  # comments, processing instructions
            continue
        name = local(el.tag)
        if name == "script":
            findings.append(Finding("script", _abridge(f"<{name}> {''.join(el.itertext())}")))
        elif name in EMBEDS:
            findings.append(Finding("embed", _abridge(f"<{name} {dict(el.attrib)}>")))
        if name == "style" and JS_URL.search(_url_value("".join(el.itertext()))):
            text = "".join(el.itertext())
            findings.append(Finding("javascript-url", _abridge("<style> " + text)))
        for key, value in el.attrib.items():
            attr = local(key)
            if HANDLER.match(attr):
                findings.append(Finding("handler", _abridge(f"<{name} {attr}={value!r}>")))
            elif attr in TEXT_ATTRS or attr.startswith("aria-"):
                continue
            elif JS_URL.search(_url_value(value)):
                findings.append(
                    Finding("javascript-url", _abridge(f"<{name} {attr}={value!r}>"))
                )
    return findings


def scan_xml(data):
    """Findings in an XML document (bytes); raises `ET.ParseError` when it is not
    well-formed."""
    return _walk(ET.fromstring(data))


def scan_html(text):
    """Findings in an HTML document or fragment (str), parsed as a browser would."""
    if "<" not in text:
        return []  # no tag, so no element or attribute at all
    # Scripting on, as in a browser or Anki's webview: `<noscript>` holds raw text then.
    tree = html5lib.parse(text, treebuilder="etree", namespaceHTMLElements=False,
                          scripting=True)
    return _walk(tree)


def scan_css(text):
    """Findings in a style sheet (str): a `javascript:` URL."""
    value = _url_value(text)
    return [Finding("javascript-url", "style sheet")] if JS_URL.search(value) else []


def _markdown():
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    # Keep every link destination (markdown-it would drop `javascript:` ones; the renderers
    # people use do not).
    md.validateLink = lambda url: True
    return md


_MD = _markdown()


def render_markdown(text):
    """A Markdown cell as HTML, the way a CommonMark renderer would show it."""
    return _MD.render(text)


def scan_markdown(text):
    """Findings in a cell of Markdown (str) once rendered."""
    if not any(c in text for c in "<:&"):
        return []  # no raw HTML, no autolink, no scheme (not even an encoded colon)
    return scan_html(render_markdown(text))
