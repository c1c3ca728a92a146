"""The real site as built: search index entries, headings, footer.

Checks on the files of the ``built_site`` fixture, no browser needed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

# A list item or a numbered line, as text at the start of a heading.
LIST_ITEM = re.compile(r"^([-*+]|\d+[.)])\s")


@pytest.fixture(scope="module")
def search_index(built_site: Path) -> list[dict[str, Any]]:
    return json.loads((built_site / "search/search_index.json").read_text("utf-8"))["docs"]


def test_keywords_are_indexed_but_not_shown_on_the_page(
    built_site: Path, search_index: list[dict[str, Any]]
) -> None:
    car = [d for d in search_index if d["location"] == "gifts/putin-car-for-kim-2024.html"]
    assert car and "limousine" in car[0].get("tags", [])
    html = (built_site / "gifts/putin-car-for-kim-2024.html").read_text("utf-8")
    article = html.split("<article", 1)[1].split("</article>", 1)[0]
    assert "limousine" not in article and "md-tags" not in article


def test_source_results_preview_the_title_not_the_facts(
    search_index: list[dict[str, Any]],
) -> None:
    sources = [d for d in search_index if d["location"].startswith("sources/")]
    firsts = [d for d in sources if "#" not in d["location"] and "index" not in d["location"]]
    assert firsts
    for doc in firsts:
        assert not doc["text"].startswith(("<ul", "Publisher")), doc
        assert doc["text"].startswith("<p>"), doc


def test_no_junk_headings_or_search_entries(
    built_site: Path, search_index: list[dict[str, Any]]
) -> None:
    """A list item or rule that Markdown turned into a heading is a template bug."""
    heading = re.compile(r"<h([1-6])[^>]*>(.*?)</h\1>", re.S)
    junk: list[str] = []
    for path in sorted(built_site.rglob("*.html")):
        for _, inner in heading.findall(path.read_text("utf-8")):
            text = re.sub(r"<[^>]+>", "", inner).strip()
            if LIST_ITEM.match(text) or text.startswith("---"):
                junk.append(f"{path.relative_to(built_site)}: {text[:60]}")
    assert junk == []
    assert [d["title"] for d in search_index if LIST_ITEM.match(d["title"])] == []


def test_every_page_states_the_licences_in_its_footer(built_site: Path) -> None:
    for name in ("index.html", "gifts/putin-car-for-kim-2024.html", "404.html"):
        html = (built_site / name).read_text("utf-8")
        footer = html.split('<div class="md-copyright">', 1)[1].split("</div>", 2)[0]
        assert "CC BY 4.0" in footer and "MIT" in footer, name
        assert 'href="https://creativecommons.org/licenses/by/4.0/"' in footer
    assert "MIT License" in (Path(__file__).parent.parent / "LICENSE").read_text("utf-8")
