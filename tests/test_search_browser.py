"""Search relevance on the real site: facts first, in English, Korean and Russian.

The queries and the records each must bring up are in search_queries.yaml.
Each query is typed into Material's search in Chromium at 1280 px, from disk
and over HTTP, and every expected record must be among the first three
distinct result pages.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag

import pytest
import yaml

from .test_browser import page, site_base  # noqa: F401  (shared fixtures)

pytestmark = pytest.mark.browser

QUERIES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "search_queries.yaml").read_text("utf-8")
)["queries"]
TOP = 3


def result_pages(page: object, base: str, query: str) -> list[str]:  # noqa: F811
    """Type ``query`` as a reader does; return the distinct result pages, best first."""
    page.keyboard.press("s")
    page.keyboard.insert_text(query)
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    hrefs = page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.href)")
    pages: list[str] = []
    for href in hrefs:
        path = urldefrag(href)[0].split("?")[0].removeprefix(base)
        if path not in pages:
            pages.append(path)
    return pages


@pytest.mark.parametrize("case", QUERIES, ids=[q["query"] for q in QUERIES])
def test_expected_records_are_in_the_top_three(
    page: object,  # noqa: F811
    site_base: str,  # noqa: F811
    case: dict[str, Any],
) -> None:
    page.goto(site_base + "index.html")
    pages = result_pages(page, site_base, case["query"])
    top = pages[:TOP]
    for expected in case["expect"]:
        rank = pages.index(expected) + 1 if expected in pages else None
        assert expected in top, f"{case['query']!r}: {expected} ranked {rank}; top: {top}"
    for unwanted in case.get("not_listed", []):
        assert unwanted not in pages, f"{case['query']!r} lists {unwanted}: {pages}"
    print(f"search {case['query']!r}: {[pages.index(e) + 1 for e in case['expect']]}")


def test_keywords_are_indexed_but_not_shown_on_the_page(built_site: Path) -> None:
    index = json.loads((built_site / "search/search_index.json").read_text("utf-8"))
    car = [d for d in index["docs"] if d["location"] == "gifts/putin-car-for-kim-2024.html"]
    assert car and "limousine" in car[0].get("tags", [])
    html = (built_site / "gifts/putin-car-for-kim-2024.html").read_text("utf-8")
    article = html.split("<article", 1)[1].split("</article>", 1)[0]
    assert "limousine" not in article and "md-tags" not in article


def test_source_results_preview_the_title_not_the_facts(built_site: Path) -> None:
    index = json.loads((built_site / "search/search_index.json").read_text("utf-8"))
    sources = [d for d in index["docs"] if d["location"].startswith("sources/")]
    firsts = [d for d in sources if "#" not in d["location"] and "index" not in d["location"]]
    assert firsts
    for doc in firsts:
        assert not doc["text"].startswith(("<ul", "Publisher")), doc
        assert doc["text"].startswith("<p>"), doc


def test_no_junk_headings_or_search_entries(built_site: Path) -> None:
    """A list item or rule that Markdown turned into a heading is a template bug."""
    import re

    heading = re.compile(r"<h([1-6])[^>]*>(.*?)</h\1>", re.S)
    junk: list[str] = []
    for path in sorted(built_site.rglob("*.html")):
        for _, inner in heading.findall(path.read_text("utf-8")):
            text = re.sub(r"<[^>]+>", "", inner).strip()
            if re.match(r"^([-*+]|\d+[.)])\s", text) or text.startswith("---"):
                junk.append(f"{path.relative_to(built_site)}: {text[:60]}")
    assert junk == []
    index = json.loads((built_site / "search/search_index.json").read_text("utf-8"))
    titles = [d["title"] for d in index["docs"] if re.match(r"^([-*+]|\d+[.)])\s", d["title"])]
    assert titles == []
