"""Rendering: golden pages, escaping of hostile text, strict templates.

Golden files live in fixtures/golden/expected/. After an intended change to a
template, regenerate them with UPDATE_GOLDEN=1 and review the diff.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.escape import escape_text
from generator.pipeline import render_pages
from generator.render import RenderError, make_environment
from generator.settings import load_settings

from .conftest import FIXTURES, ROOT

GOLDEN = FIXTURES / "golden"
GOLDEN_PAGES = [
    "gifts/ann-car-for-bob.md",
    "gifts/tricky-gift.md",
    "actors/tricky-name.md",
    "actors/ann-leader.md",
    "visits/bob-visits-alpha.md",
    "sanctions/council-luxury-ban.md",
    "sources/wire-2024-02-20.md",
    "gifts/index.md",
    "visits/index.md",
    "sanctions/index.md",
    "actors/index.md",
    "sources/index.md",
    "timeline.md",
    "index.md",
    "methodology.md",
]
# The Markdown extensions mkdocs.yml enables, so tests read pages as MkDocs does.
EXTENSIONS = ["attr_list", "tables", "admonition", "toc"]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("golden")
    shutil.copytree(FIXTURES / "base", root, dirs_exist_ok=True)
    shutil.copytree(GOLDEN / "content", root / "content", dirs_exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "site_templates", root / "site_templates")
    diagnostics, rendered = render_pages(load_settings(root))
    assert rendered is not None, [d.format_text() for d in diagnostics]
    return rendered


@pytest.mark.parametrize("path", GOLDEN_PAGES)
def test_golden_page(pages: dict[str, str], path: str) -> None:
    expected_file = GOLDEN / "expected" / path
    if os.environ.get("UPDATE_GOLDEN") == "1":
        expected_file.parent.mkdir(parents=True, exist_ok=True)
        expected_file.write_text(pages[path], "utf-8")
    assert pages[path] == expected_file.read_text("utf-8")


def to_html(text: str) -> str:
    """The page as MkDocs turns it into HTML: front matter off, then Python-Markdown."""
    if text.startswith("---\n"):
        text = text.split("\n---\n", 1)[1]
    return markdown.markdown(text, extensions=EXTENSIONS)


def test_hostile_text_renders_literally(pages: dict[str, str]) -> None:
    html = to_html(pages["actors/tricky-name.md"])
    assert "<script" not in html and "javascript:" not in html.replace("[x](javascript:", "")
    assert 'href="javascript' not in html
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", html).group(1)
    assert heading == (
        "Kim | *Star* _under_ &lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1)) "
        "`tick` # {: .evil}"
    )
    assert 'class="evil"' not in html and 'class="x"' not in html


def test_table_cells_keep_pipes(pages: dict[str, str]) -> None:
    html = to_html(pages["gifts/tricky-gift.md"])
    assert "<td>Cell | breaker &lt;b&gt;bold&lt;/b&gt;</td>" in html
    assert "<td>LX|570 `v8`</td>" in html
    assert "<script" not in html


def test_markdown_fields_keep_formatting_but_not_attributes(pages: dict[str, str]) -> None:
    html = to_html(pages["actors/tricky-name.md"])
    assert "<em>emphasis</em>" in html
    assert '<a href="https://example.org/a_(b)" rel="noopener">link</a>' in html
    assert "a &lt; b &amp; {: .x}" in html


def test_dates_keep_their_precision(pages: dict[str, str]) -> None:
    assert "<li><strong>Date:</strong> February 2024</li>" in pages["gifts/tricky-gift.md"]
    assert "18 February 2024, made public 20 February 2024" in pages["gifts/ann-car-for-bob.md"]


def test_missing_field_in_template_names_template_and_record(corpus: Path) -> None:
    template = corpus / "site_templates/pages/visit.md.j2"
    template.write_text(template.read_text() + "\n{{ data.no_such_field }}\n")
    with pytest.raises(RenderError) as error:
        render_pages(load_settings(corpus))
    message = str(error.value)
    assert "visit.md.j2" in message and "no_such_field" in message
    assert "content/visits/bob-visits-alpha.yaml" in message


# Text a contributor could type: any printable character, Markdown syntax included.
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=60
).filter(lambda s: s.strip())


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_a_heading_renders_exactly_as_written(text: str) -> None:
    html = markdown.markdown("# " + escape_text(text), extensions=EXTENSIONS)
    heading = re.fullmatch(r'<h1 id="[^"]*">(.*)</h1>', html, flags=re.S)
    assert heading, html
    assert _text_of(heading.group(1)) == " ".join(text.split())


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_text_in_an_html_block_passes_python_markdown_untouched(text: str) -> None:
    # Templates print record text into HTML blocks with Jinja's autoescaping;
    # Python-Markdown must hand the block through exactly as written.
    env = make_environment(ROOT / "site_templates")
    block = env.from_string("<table><tr><td>{{ t }}</td><td>end</td></tr></table>").render(t=text)
    html = markdown.markdown("# T\n\n" + block + "\n", extensions=EXTENSIONS)
    cells = re.findall(r"<td>(.*?)</td>", html, flags=re.S)
    assert len(cells) == 2 and cells[1] == "end"
    assert _text_of(cells[0]) == text


def _text_of(fragment: str) -> str:
    import html as html_module

    assert "<" not in fragment, f"markup leaked: {fragment!r}"
    return html_module.unescape(fragment)


def test_long_listings_are_split_into_parts(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.render as render

    monkeypatch.setattr(render, "PART_ROWS", 2)
    _, pages = render_pages(load_settings(corpus))
    assert pages is not None
    actors = pages["actors/index.md"]
    assert 'href="../actors/index/a.html"' in actors and "<table" not in actors
    assert "Ann Leader" in pages["actors/index/a.md"] and "Bob" not in pages["actors/index/a.md"]
    assert 'href="../../actors/ann-leader.html"' in pages["actors/index/a.md"]
    assert 'href="timeline/2024.html"' in pages["timeline.md"]
    assert 'href="../gifts/ann-car-for-bob.html"' in pages["timeline/2024.md"]


def test_a_busy_year_of_the_timeline_is_cut_into_numbered_pages(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import generator.render as render

    monkeypatch.setattr(render, "PART_ROWS", 1)
    monkeypatch.setattr(render, "TIMELINE_ROWS", 1)
    _, pages = render_pages(load_settings(corpus))
    assert pages is not None
    year = sorted(p for p in pages if p.startswith("timeline/2024"))
    assert year[:2] == ["timeline/2024-1.md", "timeline/2024-2.md"]
    assert all(pages[y].count("<tr><td") == 1 for y in year)  # one row each
    assert f'href="timeline/2024-1.html">2024 (1 of {len(year)})</a>' in pages["timeline.md"]
    assert (
        pages["timeline/2024-1.md"].startswith("---")
        and "# Timeline: 2024 (1 of" in pages["timeline/2024-1.md"]
    )


def test_any_template_failure_names_template_and_record(corpus: Path) -> None:
    template = corpus / "site_templates/pages/gift.md.j2"
    template.write_text(template.read_text() + "\n{{ 1 // 0 }}\n")
    with pytest.raises(RenderError) as error:
        render_pages(load_settings(corpus))
    message = str(error.value)
    assert "gift.md.j2" in message and "ZeroDivisionError" in message
    assert "content/gifts/ann-car-for-bob.yaml" in message


def test_a_part_longer_than_a_page_is_cut_into_numbered_pages() -> None:
    from types import SimpleNamespace

    import generator.render as render

    records = [SimpleNamespace(id=f"r{i}") for i in range(render.PART_ROWS * 2 + 1)]
    parts = render.split_into_parts(records, None, lambda r: "a")  # type: ignore[arg-type]
    assert [p.slug for p in parts] == ["a-1", "a-2", "a-3"]
    assert [len(p.records) for p in parts] == [render.PART_ROWS, render.PART_ROWS, 1]
    assert parts[0].label == "A (1 of 3)"
