"""Sortable, filterable tables and the build-time pictures in a real Chromium.

A small static page uses the table markup contract of ``tables.js`` and the
SVGs of ``generator/pictures.py``, under a Content-Security-Policy that
allows scripts and styles from the site's own files only, opened from disk
at 1280 px and 390 px. Screenshots of each width go to test-results/.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from html import escape
from pathlib import Path

import pytest

from generator.model import PartialDate
from generator.pictures import (
    NetworkEdge,
    NetworkNode,
    TimelineEntry,
    network_list,
    network_svg,
    timeline_svg,
)

from .conftest import ROOT

pytestmark = pytest.mark.browser

ASSETS = ROOT / "site_templates" / "overrides" / "assets"
CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:"
WIDTHS = [1280, 390]

# (id, date, title, givers, status)
GIFTS = [
    ("car", "2024-02-18", "Putin gives Kim a Russian-made car", ["Vladimir Putin"], "reported"),
    ("dogs", "2024-06-19", "Kim gives Putin a pair of hunting dogs", ["Kim Jong Un"], "confirmed"),
    ("sword", "2019-04-25", "Putin gives Kim a sword", ["Vladimir Putin"], "confirmed"),
    ("trotters", "2024-08", "Orlov trotters sent to North Korea", ["Russia"], "claimed"),
    ("goats", "2024", "A ship of goats to Rason", ["Russia", "Vladimir Putin"], "reported"),
    (
        "busts",
        "2024-06-19",
        "Artworks, including busts, for a very long title that wraps",
        ["Kim Jong Un"],
        "confirmed",
    ),
]
STATUS = {"confirmed": "Confirmed", "reported": "Reported", "claimed": "Claimed"}
ACTORS = {
    "Vladimir Putin": ("putin", "russia", "Russia"),
    "Russia": ("russia", "russia", "Russia"),
    "Kim Jong Un": ("kim", "dprk", "North Korea"),
}


def _table() -> str:
    rows = []
    for gift_id, date, title, givers, status in GIFTS:
        receiver = "Kim Jong Un" if "Kim" not in givers[0] else "Vladimir Putin"
        rows.append(
            "<tr>"
            f'<td data-sort-value="{date}">{escape(PartialDate.parse(date).human())}</td>'
            f'<td><a href="records/{gift_id}.html">{escape(title)}</a></td>'
            f'<td data-filter-value="{escape("|".join(givers))}">{escape(", ".join(givers))}</td>'
            f"<td>{escape(receiver)}</td>"
            f'<td data-sort-value="{len(title)}">{len(title)}</td>'
            f'<td><span class="fs-status fs-status--{status}">{STATUS[status]}</span></td>'
            "</tr>"
        )
    return (
        '<div class="fs-table-wrap"><table class="fs-table" id="gifts">'
        "<thead><tr>"
        '<th data-sort="date">Date</th><th data-sort="text">Gift</th>'
        '<th data-sort="text" data-filter="actor">Given by</th><th>Received by</th>'
        '<th data-sort="number">Letters</th>'
        '<th data-sort="text" data-filter="status">Status</th>'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def _pictures() -> tuple[str, str, str]:
    entries = [
        TimelineEntry(
            ref=f"records/{gift_id}.html",
            kind="gifts",
            kind_label="Gifts",
            start=PartialDate.parse(date),
            status=status,
            status_label=STATUS[status],
            label=title,
        )
        for gift_id, date, title, _, status in GIFTS
    ]
    entries.append(
        TimelineEntry(
            "records/summit.html",
            "visits",
            "Visits",
            PartialDate.parse("2023-09-12"),
            "confirmed",
            "Confirmed",
            "Kim visits Vostochny",
            end=PartialDate.parse("2023-09-17"),
        )
    )
    nodes = [
        NetworkNode(node_id, name, group, label, f"records/{node_id}.html")
        for name, (node_id, group, label) in ACTORS.items()
    ]
    edges = [
        NetworkEdge(
            ACTORS[giver][0],
            "kim" if "Kim" not in giver else "putin",
            "gift",
            "gave a gift to",
            title,
        )
        for _, _, title, givers, _ in GIFTS
        for giver in givers
    ]
    edges.append(NetworkEdge("kim", "putin", "visit", "visited", "Kim visits Vostochny"))

    def url(ref: str) -> str:
        return ref

    return (
        timeline_svg(entries, url, lane_order=["gifts", "visits"]),
        network_svg(nodes, edges, url),
        network_svg(nodes, edges, url, focus="kim", id_prefix="fs-focus")
        + network_list(nodes, edges, url, focus="kim"),
    )


def _page(title: str, body: str, depth: int = 0) -> str:
    up = "../" * depth
    links = "".join(
        f'<link rel="stylesheet" href="{up}stylesheets/{name}">'
        for name in ("factsheets.css", "tables.css", "pictures.css")
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title>{links}"
        f'<link rel="stylesheet" href="{up}page.css">'
        f'<script src="{up}javascripts/tables.js"></script></head>'
        f"<body><main>{body}</main></body></html>"
    )


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("tables-site")
    for folder in ("stylesheets", "javascripts"):
        shutil.copytree(ASSETS / folder, site / folder)
    # Stands in for Material's content column: the page's own layout only.
    (site / "page.css").write_text(
        "body{margin:0;font-family:sans-serif}main{max-width:61rem;margin:0 auto;padding:0 1rem}\n"
    )
    timeline, network, focus = _pictures()
    body = (
        f"<h1>Gifts</h1>{_table()}<h2>Timeline</h2>{timeline}"
        f"<h2>Network</h2>{network}<h2>Kim Jong Un</h2>{focus}"
    )
    (site / "index.html").write_text(_page("Gifts", body))
    (site / "records").mkdir()
    names = {gift_id: title for gift_id, _, title, _, _ in GIFTS}
    names |= {node_id: name for name, (node_id, _, _) in ACTORS.items()}
    names["summit"] = "Kim visits Vostochny"
    for record_id, name in names.items():
        page = _page(name, f"<h1>{escape(name)}</h1>", depth=1)
        (site / "records" / f"{record_id}.html").write_text(page)
    return site


@pytest.fixture(params=WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def page(request: pytest.FixtureRequest, browser: object, fixture_site: Path) -> Iterator[object]:
    width = request.param
    context = browser.new_context(viewport={"width": width, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((fixture_site / "index.html").as_uri())
    page.wait_for_selector("table.fs-table[data-enhanced]")
    yield page
    failed = request.node.rep_call.failed if hasattr(request.node, "rep_call") else False
    if failed:
        _screenshot(page, f"tables-failed-{request.node.name}")
    context.close()
    # A CSP violation (an inline script or style) is a console error.
    assert errors == [], errors


def _screenshot(page: object, name: str) -> Path:
    out = ROOT / "test-results"
    out.mkdir(exist_ok=True)
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in name)
    path = out / f"{safe}.png"
    page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
    return path


def column(page: object, index: int) -> list[str]:
    return page.eval_on_selector_all(  # type: ignore[attr-defined]
        "#gifts tbody tr:not([hidden])",
        f"rows => rows.map(r => r.cells[{index}].innerText.trim())",
    )


def header(page: object, name: str) -> object:
    return page.locator("#gifts th", has_text=name)  # type: ignore[attr-defined]


def test_sorting_by_date_and_by_name(page: object) -> None:
    before = column(page, 1)
    assert before[0] == "Putin gives Kim a Russian-made car"
    date = header(page, "Date")
    assert date.get_attribute("aria-sort") == "none"
    date.get_by_role("button").click()
    assert date.get_attribute("aria-sort") == "ascending"
    # A year sorts before the days it contains, a month before its days.
    assert column(page, 0) == [
        "25 April 2019",
        "2024",
        "18 February 2024",
        "19 June 2024",
        "19 June 2024",
        "August 2024",
    ]
    date.get_by_role("button").click()
    assert date.get_attribute("aria-sort") == "descending"
    assert column(page, 0)[0] == "August 2024"
    gift = header(page, "Gift")
    gift.get_by_role("button").click()
    assert gift.get_attribute("aria-sort") == "ascending"
    assert date.get_attribute("aria-sort") == "none"
    names = column(page, 1)
    assert names == sorted(names, key=str.casefold) and names != before
    letters = header(page, "Letters")
    letters.get_by_role("button").click()
    counts = [int(n) for n in column(page, 4)]
    assert counts == sorted(counts)  # as numbers: 9 before 34


def test_filtering_by_status_and_actor(page: object) -> None:
    status = page.get_by_label("Status")  # type: ignore[attr-defined]
    options = status.locator("option").all_inner_texts()
    assert options == ["All", "Claimed", "Confirmed", "Reported"]
    status.select_option("Reported")
    assert column(page, 5) == ["Reported", "Reported"]
    assert page.locator(".fs-filters__count").inner_text() == "2 of 6 rows"  # type: ignore[attr-defined]
    page.get_by_label("Given by").fill("russia")  # type: ignore[attr-defined]
    assert column(page, 1) == ["A ship of goats to Rason"]
    status.select_option("")
    assert len(column(page, 1)) == 2  # Russia gave two gifts
    page.get_by_label("Given by").fill("")  # type: ignore[attr-defined]
    assert len(column(page, 1)) == 6


def test_keyboard_tab_to_a_header_and_enter_sorts(page: object) -> None:
    target = header(page, "Gift").get_by_role("button")
    for _ in range(20):
        page.keyboard.press("Tab")  # type: ignore[attr-defined]
        if target.evaluate("b => b === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the Gift sort button")
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    assert header(page, "Gift").get_attribute("aria-sort") == "ascending"
    page.keyboard.press("Space")  # type: ignore[attr-defined]
    assert header(page, "Gift").get_attribute("aria-sort") == "descending"
    assert column(page, 1)[0] == "Putin gives Kim a sword"


def test_status_stays_on_screen_and_nothing_widens_the_page(page: object) -> None:
    width = page.viewport_size["width"]  # type: ignore[attr-defined]
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # type: ignore[attr-defined]
    badge = page.locator("#gifts .fs-status").first  # type: ignore[attr-defined]
    box = badge.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
    label = page.locator("#gifts tbody td").nth(5)  # type: ignore[attr-defined]
    shown = label.evaluate("td => getComputedStyle(td, '::before').content")
    assert shown == ('"Status"' if width < 600 else "none")
    for picture in page.locator("figure.fs-pic svg").all():  # type: ignore[attr-defined]
        size = picture.bounding_box()
        assert size is not None and size["width"] >= min(width - 40, 640)
    _screenshot(page, f"tables-and-pictures-{width}px")


def test_following_a_timeline_mark_opens_its_record(page: object) -> None:
    mark = page.locator('figure.fs-pic--timeline a[aria-label^="Orlov trotters"]')  # type: ignore[attr-defined]
    assert mark.count() == 1
    assert "August 2024" in mark.get_attribute("aria-label")
    mark.click()
    page.wait_for_url("**/records/trotters.html")  # type: ignore[attr-defined]
    assert page.locator("h1").inner_text() == "Orlov trotters sent to North Korea"  # type: ignore[attr-defined]


def test_following_a_network_node_opens_the_actor(page: object) -> None:
    node = page.locator('figure.fs-pic--network a[aria-label="Kim Jong Un"]').first  # type: ignore[attr-defined]
    node.click()
    page.wait_for_url("**/records/kim.html")  # type: ignore[attr-defined]
    assert page.locator("h1").inner_text() == "Kim Jong Un"  # type: ignore[attr-defined]
    page.go_back()  # type: ignore[attr-defined]
    focus = page.locator("#fs-focus-title")  # type: ignore[attr-defined]
    assert focus.count() == 1
    neighbour = page.locator('figure.fs-pic--network a[aria-label^="Vladimir Putin:"]')  # type: ignore[attr-defined]
    neighbour.click()
    page.wait_for_url("**/records/putin.html")  # type: ignore[attr-defined]
