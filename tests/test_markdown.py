"""The one Markdown parser: what the validator sees is what the page shows."""

from __future__ import annotations

import time
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import markdown as md


def test_citations_are_found_with_their_positions() -> None:
    text = "First [@a; @b] here.\n\nA code span `[@x]` is text [@c].\n\n- item [@d]\n"
    found = md.citations(text)
    assert [c.source_id for c in found] == ["a", "b", "c", "d"]
    assert all(text[c.offset : c.offset + 1 + len(c.source_id)] == f"@{c.source_id}" for c in found)


def test_a_citation_on_a_continuation_line_is_located_there() -> None:
    text = "A folded paragraph that runs\n  on [@zz] and on.\n"
    [citation] = md.citations(text)
    assert text[citation.offset : citation.offset + 3] == "@zz"


def test_paragraphs_carry_their_citations() -> None:
    paragraphs = md.paragraphs("One [@a].\n\nTwo, uncited.\n")
    assert [(p.text, [c.source_id for c in p.citations]) for p in paragraphs] == [
        ("One .", ["a"]),
        ("Two, uncited.", []),
    ]


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("x <b>bold</b>", "markdown-html"),
        ("<div>\nblock\n</div>", "markdown-html"),
        ("![pixel](https://evil.example/p.png)", "markdown-image"),
        ("[x](javascript:alert(1))", "markdown-link"),
        ("[x][1]\n\n[1]: javascript:alert(1)", "markdown-link"),
        ("# Heading", "markdown-heading"),
        ("[@Kim]", "citation-syntax"),
    ],
)
def test_problems_the_site_will_not_publish(text: str, rule: str) -> None:
    assert rule in {p.rule for p in md.problems(text)}


def test_a_definition_in_one_field_does_not_serve_another() -> None:
    # Each field is parsed on its own: `[x][1]` has no definition here.
    assert "<a " not in md.render("[x][1]")


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "x <img src=x onerror=alert(1)>",
        "[x](javascript:alert(1))",
        "[x](java\nscript:alert(1))",
        "![p](https://evil.example/p.png)",
        "[x][1]\n\n[1]: javascript:alert(1)",
        "<https://ok.example/>",
    ],
)
def test_rendering_never_emits_markup_from_the_text(text: str) -> None:
    _assert_only_safe_markup(text, md.render(text))


def test_citations_render_as_numbered_links_with_backlink_anchors() -> None:
    refs = md.CitationRefs(numbers={"a": 1, "b": 2}, anchors={("summary", 0): "cite-a-1"})
    html = md.render("Said [@a; @b].", refs, "summary")
    assert '<a href="#source-1" id="cite-a-1">1</a>' in html
    assert '<a href="#source-2">2</a>' in html


_ALLOWED_TAGS = {
    "p",
    "em",
    "strong",
    "code",
    "ul",
    "ol",
    "li",
    "blockquote",
    "pre",
    "br",
    "hr",
    "a",
}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


def _assert_only_safe_markup(text: str, html: str) -> None:
    parser = _Tags()
    parser.feed(html)
    for tag, attrs in parser.found:
        assert tag in _ALLOWED_TAGS, (text, html)
        for name, value in attrs:
            assert name in ("href", "rel", "start"), (text, html)
            if name == "href":
                assert (value or "").startswith(("https://", "http://")), (text, html)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("ab <>[]()!*_`&:/\\@;#-=\n\"'javscript")), max_size=80)
)
def test_rendering_any_text_never_emits_a_tag_of_its_own(text: str) -> None:
    _assert_only_safe_markup(text, md.render(text))


def test_pathological_input_is_linear() -> None:
    started = time.perf_counter()
    for text in ("[" * 20_000, "![" * 10_000, "*a " * 7_000, "<" * 20_000):
        md.render(text)
        list(md.problems(text))
    # Generous bound: the point is seconds, not the 80 s Python-Markdown took.
    assert time.perf_counter() - started < 20
