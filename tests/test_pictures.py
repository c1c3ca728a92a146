"""The build-time pictures: valid SVG, deterministic, escaped, one link per record."""

from __future__ import annotations

import random
import xml.etree.ElementTree as ET

import markdown
import pytest

from generator.link import link
from generator.model import PartialDate
from generator.pictures import (
    NetworkEdge,
    NetworkNode,
    TimelineEntry,
    network_list,
    network_svg,
    site_network,
    site_timeline_entries,
    timeline_svg,
    timeline_table,
)
from generator.validate import load_and_validate

from .conftest import FIXTURES

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>alert("x")</script> & "quoted" \'single\''


def entry(ref: str, kind: str, date: str, status: str = "confirmed", **kw: object) -> TimelineEntry:
    values: dict[str, object] = {
        "ref": ref,
        "kind": kind,
        "kind_label": kind.title(),
        "start": PartialDate.parse(date),
        "status": status,
        "status_label": status.title(),
        "label": f"Record {ref}",
    }
    values.update(kw)
    return TimelineEntry(**values)  # type: ignore[arg-type]


ENTRIES = [
    entry("g1", "gifts", "2019-04-25"),
    entry("g2", "gifts", "2024-02", "reported"),
    entry("g3", "gifts", "2024", "claimed"),
    entry("v1", "visits", "2023-09-12", end=PartialDate.parse("2023-09-17")),
    entry("s1", "sanctions", "2006-10-14", "disputed"),
]

NODES = [
    NetworkNode("putin", "Vladimir Putin", "russia", "Russia", "putin"),
    NetworkNode("russia", "Russia", "russia", "Russia", "russia"),
    NetworkNode("kim", "Kim Jong Un", "dprk", "North Korea", "kim"),
    NetworkNode("dprk", "North Korea", "dprk", "North Korea", "dprk"),
    NetworkNode("unsc", "UN Security Council", "", "", "unsc"),
    NetworkNode("alone", "Nobody Linked", "", "", "alone"),
]
EDGES = [
    NetworkEdge("putin", "kim", "gift", "gave a gift to", "A car"),
    NetworkEdge("putin", "kim", "gift", "gave a gift to", "A rifle"),
    NetworkEdge("kim", "putin", "visit", "visited", "Vostochny summit"),
    NetworkEdge("unsc", "dprk", "sanction", "sanctioned", "Resolution 2397"),
]


def url_for(ref: str) -> str:
    return f"../records/{ref}.html"


def parse(figure: str) -> ET.Element:
    """The figure parsed as XML: any unescaped text makes this fail."""
    root = ET.fromstring(figure)
    assert root.tag == "figure"
    (svg,) = list(root)
    assert svg.tag == f"{SVG}svg"
    return svg


def links(svg: ET.Element) -> list[ET.Element]:
    return svg.findall(f".//{SVG}a")


def texts(svg: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in svg.iter(f"{SVG}text")]


# -- timeline ---------------------------------------------------------------


def test_timeline_has_one_link_per_record_to_its_page() -> None:
    svg = parse(timeline_svg(ENTRIES, url_for))
    hrefs = [a.get("href") for a in links(svg)]
    assert sorted(hrefs) == sorted(url_for(e.ref) for e in ENTRIES)
    for a in links(svg):
        assert a.get("aria-label", "").startswith("Record ")


def test_timeline_is_accessible_and_fits_a_narrow_screen() -> None:
    svg = parse(timeline_svg(ENTRIES, url_for, id_prefix="tl"))
    assert svg.get("width") == "100%"
    assert svg.get("viewBox", "").startswith("0 0 720 ")
    assert svg.get("aria-labelledby") == "tl-title"
    assert svg.find(f"{SVG}title").get("id") == "tl-title"  # type: ignore[union-attr]
    assert "5 records from 2006 to 2024" in (svg.find(f"{SVG}desc").text or "")  # type: ignore[union-attr]
    sizes = {float(t.get("font-size", "0")) for t in svg.iter(f"{SVG}text")}
    assert min(sizes) >= 12  # viewBox units; CSS keeps the picture >= 640 px wide


def test_timeline_lanes_come_from_the_data() -> None:
    entries = [*ENTRIES, entry("m1", "meetings", "2020-01-01")]
    svg = parse(timeline_svg(entries, url_for, lane_order=["sanctions", "gifts"]))
    lanes = [t for t in texts(svg) if "(" in t and t.split(" (")[0].istitle()]
    assert lanes == ["Sanctions (1)", "Gifts (3)", "Visits (1)", "Meetings (1)"]
    only_gifts = parse(timeline_svg(ENTRIES[:2], url_for))
    assert "Visits (1)" not in texts(only_gifts)


def test_timeline_labels_the_years_on_the_axis() -> None:
    svg = parse(timeline_svg(ENTRIES, url_for))
    years = [t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "fs-pic__year"]
    assert years == ["2006", "2019", "2023", "2024"]  # empty years are left out


def test_timeline_keeps_date_precision_visible() -> None:
    svg = parse(timeline_svg(ENTRIES, url_for))
    shapes = {}
    for a in links(svg):
        (mark,) = list(a)[1:]
        shapes[a.get("href")] = mark
    day, month, year = (shapes[url_for(r)] for r in ("g1", "g2", "g3"))
    assert day.tag == f"{SVG}circle" and "fs-mark--day" in day.get("class", "")
    assert month.tag == f"{SVG}rect" and "fs-mark--month" in month.get("class", "")
    assert year.tag == f"{SVG}rect" and "fs-mark--year" in year.get("class", "")
    assert float(year.get("width", 0)) > 8 * float(month.get("width", 0))
    span = shapes[url_for("v1")]
    assert "fs-mark--span" in span.get("class", "")


def test_timeline_marks_are_coloured_by_status_class() -> None:
    svg = parse(timeline_svg(ENTRIES, url_for))
    classes = {list(a)[1].get("class", "").split()[-1] for a in links(svg)}
    assert classes == {
        "fs-status--confirmed",
        "fs-status--reported",
        "fs-status--claimed",
        "fs-status--disputed",
    }


def test_timeline_legend_names_the_statuses_and_precisions_shown() -> None:
    svg = parse(timeline_svg(ENTRIES, url_for))
    legend = [
        "".join(g.itertext())
        for g in svg.iter(f"{SVG}g")
        if g.get("class") == "fs-pic__legend-item"
    ]
    assert legend == [
        "Confirmed",
        "Reported",
        "Claimed",
        "Disputed",
        "a month",
        "a year",
        "several days",
    ]
    assert "Denied" not in legend


def test_timeline_is_deterministic() -> None:
    first = timeline_svg(ENTRIES, url_for)
    assert first == timeline_svg(list(ENTRIES), url_for)
    shuffled = ENTRIES[:]
    random.Random(4).shuffle(shuffled)
    order = ["gifts", "visits", "sanctions"]
    assert timeline_svg(shuffled, url_for, lane_order=order) == timeline_svg(
        ENTRIES, url_for, lane_order=order
    )


def test_timeline_escapes_hostile_text() -> None:
    hostile = [entry("x", "gifts", "2024-01-02", label=HOSTILE, kind_label=HOSTILE)]
    figure = timeline_svg(hostile, lambda ref: 'a"b<c>&d')
    svg = parse(figure)
    assert "<script" not in figure
    assert not svg.findall(".//script") and not svg.findall(f".//{SVG}script")
    (a,) = links(svg)
    assert a.get("href") == 'a"b<c>&d'
    assert a.get("aria-label", "").startswith(HOSTILE)
    assert any(t.startswith(HOSTILE) for t in texts(svg))
    table = timeline_table(hostile, url_for)
    assert "<script" not in table
    assert "".join(ET.fromstring(table).itertext()).count(HOSTILE) == 2


def test_timeline_table_is_the_text_alternative() -> None:
    table = ET.fromstring(timeline_table(ENTRIES, url_for))
    assert table.get("class") == "fs-table"
    rows = table.findall("./tbody/tr")
    assert [r.find("./td/a").get("href") for r in rows] == [url_for(e.ref) for e in ENTRIES]  # type: ignore[union-attr]
    assert rows[3].find("td").text == "12 September 2023 to 17 September 2023"  # type: ignore[union-attr]
    heads = table.findall("./thead/tr/th")
    assert [h.get("data-filter") for h in heads] == [None, "kind", None, "status"]


def test_no_records_draw_no_picture() -> None:
    assert timeline_svg([], url_for) == ""
    assert network_svg(NODES, [], url_for) == ""


# -- network ----------------------------------------------------------------


def test_network_links_every_linked_actor_to_its_page() -> None:
    svg = parse(network_svg(NODES, EDGES, url_for))
    hrefs = sorted(a.get("href") for a in links(svg))
    assert hrefs == sorted(url_for(n) for n in ("putin", "kim", "dprk", "unsc"))
    assert "Nobody Linked" not in "".join(svg.itertext())
    headings = [t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "fs-pic__group"]
    assert headings == ["North Korea", "Russia", "Other states and bodies"]


def test_network_edges_are_typed_directed_and_labelled() -> None:
    svg = parse(network_svg(NODES, EDGES, url_for, id_prefix="net"))
    edges = [p for p in svg.iter(f"{SVG}path") if "fs-edge " in p.get("class", "") + " "]
    kinds = sorted(p.get("class", "").split("--")[1] for p in edges)
    assert kinds == ["gift", "sanction", "visit"]  # two gift records, one edge
    titles = sorted(p.find(f"{SVG}title").text or "" for p in edges)  # type: ignore[union-attr]
    assert titles == [
        "Kim Jong Un visited Vladimir Putin: Vostochny summit",
        "UN Security Council sanctioned North Korea: Resolution 2397",
        "Vladimir Putin gave a gift to Kim Jong Un (2 records): A car; A rifle",
    ]
    assert all(p.get("marker-end", "").startswith("url(#net-arrow-") for p in edges)
    legend = [
        "".join(g.itertext())
        for g in svg.iter(f"{SVG}g")
        if g.get("class") == "fs-pic__legend-item"
    ]
    assert legend == ["gift: gave a gift to", "sanction: sanctioned", "visit: visited"]


def test_network_focus_draws_one_neighbourhood() -> None:
    svg = parse(network_svg(NODES, EDGES, url_for, focus="kim"))
    hrefs = sorted(a.get("href") for a in links(svg))
    assert hrefs == [url_for("kim"), url_for("putin")]
    notes = [t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "fs-node__note"]
    assert notes == ["visit from Kim Jong Un", "gave a gift to Kim Jong Un (×2)"]
    (putin,) = [a for a in links(svg) if a.get("href") == url_for("putin")]
    assert putin.get("aria-label") == (
        "Vladimir Putin: visit from Kim Jong Un; gave a gift to Kim Jong Un (×2)"
    )
    assert network_svg(NODES, EDGES, url_for, focus="alone") == ""


def test_network_is_deterministic_whatever_the_input_order() -> None:
    first = network_svg(NODES, EDGES, url_for)
    nodes, edges = NODES[:], EDGES[:]
    random.Random(7).shuffle(nodes)
    random.Random(7).shuffle(edges)
    assert network_svg(nodes, edges, url_for) == first
    assert network_svg(nodes, edges, url_for, focus="putin") == network_svg(
        NODES, EDGES, url_for, focus="putin"
    )


def test_network_escapes_hostile_labels() -> None:
    nodes = [
        NetworkNode("a", HOSTILE, "g", HOSTILE, "a"),
        NetworkNode("b", "B & <b>", "h", "<i>", "b"),
    ]
    edges = [NetworkEdge("a", "b", 'x"y', HOSTILE, HOSTILE)]
    for figure in (
        network_svg(nodes, edges, url_for),
        network_svg(nodes, edges, url_for, focus="a"),
    ):
        svg = parse(figure)
        assert "<script" not in figure and "<b>" not in figure
        assert any(HOSTILE[:20] in t for t in texts(svg))
    listing = network_list(nodes, edges, url_for)
    assert "<script" not in listing
    assert HOSTILE in "".join(ET.fromstring(listing).itertext())


def test_network_list_is_the_text_alternative() -> None:
    items = ET.fromstring(network_list(NODES, EDGES, url_for)).findall("li")
    assert ["".join(li.itertext()) for li in items] == [
        "Kim Jong Un visited Vladimir Putin: Vostochny summit",
        "Vladimir Putin gave a gift to Kim Jong Un (2 records): A car; A rifle",
        "UN Security Council sanctioned North Korea: Resolution 2397",
    ]
    assert [a.get("href") for a in items[0].findall("a")] == [url_for("kim"), url_for("putin")]


# -- in a page and from the site --------------------------------------------


@pytest.mark.parametrize("picture", ["timeline", "network"])
def test_pictures_survive_markdown_as_one_html_block(picture: str) -> None:
    figure = (
        timeline_svg(ENTRIES, url_for)
        if picture == "timeline"
        else network_svg(NODES, EDGES, url_for)
    )
    page = f"# Title\n\nText before.\n\n{figure}\n\nText after.\n"
    html = markdown.markdown(page, extensions=["attr_list", "tables", "admonition", "toc"])
    assert figure in html


def test_site_adapters_follow_the_records() -> None:
    tree, diagnostics = load_and_validate(FIXTURES / "base")
    assert not diagnostics
    site = link(tree.records)
    entries = site_timeline_entries(
        site, {"gifts": "Gifts"}, {"reported": "Reported"}, lambda r: r.data.get("title", r.id)
    )
    assert (entries[0].kind, entries[0].ref.id) == ("sanctions", "council-luxury-ban")
    gift = next(e for e in entries if e.kind == "gifts")
    assert (gift.kind_label, gift.status_label, gift.label) == (
        "Gifts",
        "Reported",
        "Ann gives Bob a car",
    )
    nodes, edges = site_network(site, lambda r: r.data.get("title", r.id))
    triples = sorted((e.source, e.relation, e.target) for e in edges)
    assert triples == [
        ("alpha-state", "sanction", "beta-state"),
        ("ann-leader", "gift", "bob-leader"),
        ("bob-leader", "visit", "ann-leader"),
    ]
    groups = {n.id: n.group for n in nodes}
    assert groups["alpha-state"] == "alpha-state"


def test_a_busy_link_names_a_few_records_and_counts_the_rest() -> None:
    """Two states may share thousands of records; the list must not grow with them."""
    edges = [
        NetworkEdge("putin", "kim", "sanction", "sanctioned", f"Measure {i:03d}") for i in range(12)
    ]
    [item] = ET.fromstring(network_list(NODES, edges, url_for)).findall("li")
    text = "".join(item.itertext())
    assert "(12 records)" in text and "Measure 000; Measure 001" in text
    assert text.endswith("Measure 004 and 7 more") and "Measure 005" not in text
