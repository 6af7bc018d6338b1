"""The corpus generator: every example read, numbered as upstream numbers it, and placed in
exactly one guide as one topic; examples that would swallow the next one end their guide."""

import re

import pytest

import corpus

COUNTS = {"third_party/commonmark/spec.txt": 652, "third_party/gfm/spec.txt": 657,
          "vectors/xss.txt": 43}


@pytest.fixture(scope="module")
def guides():
    return corpus.guides()


def test_every_example_is_read():
    by_source = {s.path: corpus.examples(s) for s in corpus.sources()}
    for path, expected in COUNTS.items():
        assert len(by_source[path]) == expected
    pulldown = sum(len(v) for k, v in by_source.items()
                   if k.startswith("third_party/pulldown-cmark/"))
    assert pulldown == 531
    for exs in by_source.values():
        assert [e.number for e in exs] == list(range(1, len(exs) + 1))


def test_tabs_are_restored_and_the_markdown_is_verbatim():
    first = corpus.examples(corpus.Source("third_party/commonmark/spec.txt", "CommonMark"))[0]
    assert first.markdown == "\tfoo\tbaz\t\tbim\n"
    assert first.section == "Tabs"
    # An example whose Markdown ends in two spaces keeps them (a hard line break).
    exs = corpus.examples(corpus.Source("third_party/commonmark/spec.txt", "CommonMark"))
    assert any(e.markdown.endswith("  \n") or "  \n" in e.markdown for e in exs)


@pytest.mark.parametrize(
    "markdown, swallows",
    [
        ("```\n", True),
        ("~~~~~~\naaa\n~~~ ~~\n", True),
        ('<style\n  type="text/css">\n\nfoo\n', True),
        ("<div>\n*foo*\n", False),  # an HTML block of kind 6 ends at the blank line
        ("    indented code\n", False),
        ("> ```\n> foo\n", False),  # a container closes at the heading
        ("- a\n\n  b\n", False),
        ("", False),
    ],
)
def test_swallows(markdown, swallows):
    assert corpus.swallows(markdown) is swallows


def test_each_example_is_one_topic_of_one_guide(guides):
    seen = []
    for g in guides:
        assert 1 <= len(g.examples) <= corpus.TARGET
        text = g.markdown()
        assert text.startswith(f"# {g.title}\n\n")
        headings = re.findall(r"^## (\d+)\. .* example (\d+): ", text, re.M)
        numbers = [e.number for e in g.examples]
        # The topic headings we wrote, in order (examples may hold headings of their own).
        ours = [int(a) for a, b in headings if a == b]
        assert ours == numbers
        for ex in g.examples:
            assert f"## {corpus.topic_heading(ex)}\n\n{ex.markdown}" in text
        seen.extend((ex.source.path, ex.number) for ex in g.examples)
    assert len(seen) == len(set(seen)) == 1840 + 43


def test_a_swallowing_example_ends_its_guide(guides):
    for g in guides:
        for ex in g.examples[:-1]:
            assert not corpus.swallows(ex.markdown), (g.name, ex.number)


def test_guides_take_whole_sections_up_to_the_target(guides):
    names = [g.name for g in guides]
    assert len(names) == len(set(names))
    titles = [g.title for g in guides]
    assert len(titles) == len(set(titles))
    # Two neighbouring guides of one spec file split a section only when it is longer than
    # the target or when a swallowing example ends the first.
    for a, b in zip(guides, guides[1:]):
        if a.examples[0].source != b.examples[0].source:
            continue
        last, first = a.examples[-1], b.examples[0]
        if last.section == first.section:
            section = [e for e in corpus.examples(last.source) if e.section == last.section]
            assert len(section) > corpus.TARGET or corpus.swallows(last.markdown)
