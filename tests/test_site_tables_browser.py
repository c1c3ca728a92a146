"""The real site's index pages and search, in Chromium, at 1280 px and 390 px.

The table contract is tested on a fixture page in test_tables_browser.py;
this runs the same script on the gifts index the generator writes, and a
search at phone width, from disk, under the site's own policy.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

WIDTHS = [1280, 390]


@pytest.fixture(params=WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def page(request: pytest.FixtureRequest, browser: object, built_site: Path) -> Iterator[object]:
    width = request.param
    context = browser.new_context(viewport={"width": width, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.width = width  # type: ignore[attr-defined]
    page.goto(built_site.as_uri() + "/gifts/index.html")
    yield page
    context.close()
    assert errors == [], errors


def titles(page: object) -> list[str]:
    return page.eval_on_selector_all(  # type: ignore[attr-defined]
        "table.fs-table tbody tr:not([hidden])",
        "rows => rows.map(r => r.cells[1].innerText.trim())",
    )


def test_the_gifts_index_sorts_and_filters(page: object) -> None:
    before = titles(page)
    assert len(before) == 12
    gift = page.locator("table.fs-table th", has_text="Gift")  # type: ignore[attr-defined]
    gift.get_by_role("button").click()
    assert gift.get_attribute("aria-sort") == "ascending"
    after = titles(page)
    assert after == sorted(after, key=str.casefold) and after != before
    status = page.get_by_label("Status")  # type: ignore[attr-defined]
    status.select_option("Confirmed")
    shown = page.eval_on_selector_all(  # type: ignore[attr-defined]
        "table.fs-table tbody tr:not([hidden]) .fs-status", "els => els.map(e => e.innerText)"
    )
    assert shown and set(shown) == {"Confirmed"} and len(shown) < len(before)
    # The status stays on screen, and the page never scrolls sideways.
    badge = page.locator("table.fs-table tbody tr:not([hidden]) .fs-status").first  # type: ignore[attr-defined]
    box = badge.bounding_box()
    assert box is not None and box["x"] + box["width"] <= page.width  # type: ignore[attr-defined]
    overflow = page.evaluate(  # type: ignore[attr-defined]
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 1


def test_search_at_this_width_finds_the_car_gift(page: object) -> None:
    if page.width < 600:  # type: ignore[attr-defined]
        # On a phone the search opens from the header's magnifier button.
        page.locator("label[for='__search']").first.click()  # type: ignore[attr-defined]
    else:
        page.keyboard.press("s")  # type: ignore[attr-defined]
    page.keyboard.insert_text("Aurus")  # type: ignore[attr-defined]
    page.keyboard.press("End")  # type: ignore[attr-defined]
    page.wait_for_selector(".md-search-result__item", timeout=20000)  # type: ignore[attr-defined]
    links = page.eval_on_selector_all(  # type: ignore[attr-defined]
        ".md-search-result__item > a", "els => els.map(e => e.getAttribute('href'))"
    )
    pages = list(dict.fromkeys(link.split("#")[0] for link in links))
    assert any("putin-car-for-kim-2024" in p for p in pages[:3]), pages
