"""The HTML blocks of generated pages, set aside while Python-Markdown runs (blocks.py)."""

from __future__ import annotations

import html
import re

import markdown as python_markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from generator import blocks
from generator import markdown as md
from generator.pipeline import render_pages
from generator.render import _tidy, make_environment, render_page
from generator.settings import load_settings

from .conftest import ROOT

EXTENSIONS = ["attr_list", "tables", "admonition", "toc"]  # as in mkdocs.yml


def body(page: str) -> str:
    return page.split("\n---\n", 1)[1] if page.startswith("---\n") else page


def through_python_markdown(text: str) -> tuple[str, blocks.Stash]:
    """The page as the hook hands it to Python-Markdown: its output, and the blocks."""
    stashed, stash = blocks.stash(text)
    return python_markdown.markdown(stashed, extensions=EXTENSIONS), stash


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def real_pages() -> dict[str, str]:
    diagnostics, pages = render_pages(load_settings(ROOT))
    assert pages is not None, [d.format_text() for d in diagnostics]
    return pages


def test_every_real_page_reads_the_same_with_its_blocks_set_aside(
    real_pages: dict[str, str],
) -> None:
    """What a reader gets does not change: only blank lines between blocks may."""
    for path, page in real_pages.items():
        text = body(page)
        stashed, stash = blocks.stash(text)
        direct = python_markdown.markdown(text, extensions=EXTENSIONS)
        through = stash.page(python_markdown.markdown(stashed, extensions=EXTENSIONS))
        assert lines(through) == lines(direct), path
        assert "fsblock" not in through, path


def test_search_sees_every_block_but_those_of_excluded_sections() -> None:
    text = (
        "# Title\n\n<p>kept one</p>\n\n## Sources { #sources data-search-exclude }\n\n"
        "<ol><li>dropped</li></ol>\n\n## What happened\n\n<p>kept two</p>\n"
    )
    converted, stash = through_python_markdown(text)
    searchable = stash.searchable(converted)
    assert "kept one" in searchable and "kept two" in searchable
    assert "dropped" not in searchable
    assert "dropped" in stash.page(converted)


def test_text_outside_a_block_is_a_render_error() -> None:
    with pytest.raises(blocks.BlockError, match=r"block 3 .* starts 'loose text'"):
        blocks.check_page("# Title\n\n<p>one</p>\n\nloose text\n")
    blocks.check_page("# Title\n\n<p>one</p>\n\n## Next { #next }\n\n<ul>\n<li>x</li>\n</ul>\n")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab\n `~*-<>&#[]():"), max_size=80))
def test_contributor_markdown_renders_as_one_block(text: str) -> None:
    """Blank lines (in code blocks too) never end the HTML block early."""
    rendered = md.render(text)
    assert "\n\n" not in rendered


def test_a_blank_line_keeps_its_meaning_inside_code() -> None:
    rendered = md.render("```\nfirst\n\nsecond\n```")
    assert "\n\n" not in rendered
    code = re.search(r"<code>(.*)</code>", rendered, re.S)
    assert code and html.unescape(code.group(1)) == "first\n\nsecond\n"


def test_a_template_value_with_blank_lines_stays_in_its_block(tmp_path) -> None:
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages/t.md.j2").write_text("<ul>\n<li>{{ note }}</li>\n</ul>\n", "utf-8")
    out = make_environment(tmp_path).get_template("t.md.j2").render(note="a\n\n<b>c</b>")
    assert "\n\n" not in out and "&lt;b&gt;" in out
    blocks.check_page(out)


def test_a_record_page_is_one_search_entry_without_citation_marks() -> None:
    text = (
        "# Title\n\n<p>facts</p>\n\n## What happened { #what-happened }\n\n"
        '<p>It happened <sup class="fs-cite">[<a href="#source-1">1</a>]</sup>.</p>\n'
    )
    converted, stash = through_python_markdown(text)
    one = stash.searchable(converted, one_section=True)
    assert "<h2" not in one and "It happened ." in one and "facts" in one
    assert "fs-cite" not in one
    assert '<h2 id="what-happened">' in stash.searchable(converted)
    assert "fs-cite" in stash.page(converted)


def test_a_title_cannot_pass_for_the_exclude_attribute() -> None:
    """Only Python-Markdown's own attribute excludes a section, never escaped text."""
    text = "# Gift \\{data-search-exclude\\}\n\n<p>the summary</p>\n"
    converted, stash = through_python_markdown(text)
    assert "the summary" in stash.searchable(converted, one_section=True)


@pytest.mark.parametrize(
    "blank", ["\u00a0", "\u3000", "  ", "\t", "\u2028", "\u2029", "\x85", "\x0c"]
)
def test_no_kind_of_blank_line_ends_a_block_early(blank: str) -> None:
    """After a line that only looks blank, a page's text stays in its block.

    Had the block ended there, Python-Markdown would read the rest as
    Markdown: the escaped brackets as a link, the braces as attributes.
    """
    text = f"# Methods\n\nOur data is open.\n{blank}\n\\[Get it\\](https://evil.example/x){{: .evil }}\n"
    stashed, stash = blocks.stash(render_page(text))
    html = stash.page(python_markdown.markdown(stashed, extensions=EXTENSIONS))
    assert "[Get it](https://evil.example/x){: .evil }" in html
    assert "<a " not in html and 'class="evil"' not in html


def test_tabs_come_back_as_python_markdown_printed_them() -> None:
    text = "# T\n\n<pre><code>key:\tvalue\n</code></pre>\n"
    stashed, stash = blocks.stash(text)
    through = stash.page(python_markdown.markdown(stashed, extensions=EXTENSIONS))
    assert lines(through) == lines(python_markdown.markdown(text, extensions=EXTENSIONS))


FIELD_PAGE = make_environment(ROOT / "site_templates").from_string(
    "# T\n\n<ul>\n<li>{{ note }}</li>\n</ul>\n\n<div>{{ prose }}</div>\n"
)


@settings(max_examples=300, deadline=None)
@given(text=st.text())
def test_any_field_text_leaves_the_page_well_formed(text: str) -> None:
    """Whatever a plain or Markdown field holds, the page stays headings and blocks."""
    out = FIELD_PAGE.render(note=text, prose=Markup(md.render(text)))
    blocks.check_page(_tidy(out))
