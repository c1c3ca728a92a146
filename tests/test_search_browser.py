"""Search relevance on the real site: facts first, in English, Korean and Russian.

The queries and the records each must bring up are in search_queries.yaml.
Each query is typed into Material's search in Chromium at 1280 px, from disk
and over HTTP, and every expected record must be among the first three
distinct result pages.
"""

from __future__ import annotations

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


def test_screenshots_for_reviewers(browser: object, built_site: Path, tmp_path: Path) -> None:
    """The PR artifact: four pages at two widths, each as wide as the viewport."""
    import struct

    from .screenshots import PAGES, WIDTHS, take_screenshots

    files = take_screenshots(browser, built_site, tmp_path / "shots")
    assert sorted(f.name for f in files) == sorted(
        f"{name}-{width}.png" for name in PAGES for width in WIDTHS
    )
    for file in files:
        header = file.read_bytes()[:24]
        assert header[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = struct.unpack(">II", header[16:24])
        assert width == int(file.stem.rsplit("-", 1)[1]) and height >= 900, file.name
