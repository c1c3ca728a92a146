"""Pictures drawn at build time: the timeline and the actor network, as SVG.

Pure functions: the caller passes plain data and a ``url_for`` that turns an
entry's ``ref`` into a URL relative to the page being rendered; the result is
a string of HTML (a ``<figure>`` holding an inline ``<svg>``). There is no
JavaScript, no ``style`` attribute and no clock, so the pictures work offline,
in print and under a strict Content-Security-Policy, and the same data gives
byte-identical markup.

Colours come twice: as SVG presentation attributes (so the picture reads
without any stylesheet) and as CSS classes that reuse the status names of
``factsheets.css`` (``fs-status--confirmed`` …), which ``pictures.css``
restyles for dark mode.

Every picture has a text alternative with the same data:
:func:`timeline_table` and :func:`network_list`.

Layouts, chosen to stay readable with few dozen records:

* Timeline: one lane per kind; the x axis has one column per year that has
  a record, wider where a year has more records, and the empty years between
  them are left out (a break mark shows where). Marks that would overlap
  stack into rows within their lane.
* Network: a layered layout by state, as in a bipartite drawing: the two
  largest states form the left and right columns, every other actor sits
  in a band below. The focus variant puts one actor in the middle, with
  the actors that act on it on the left and those it acts on at the right.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from html import escape
from itertools import pairwise
from typing import Any

from .blocks import one_block
from .model import PartialDate

# The status colours of factsheets.css, for readers without the stylesheet.
STATUS_FILL = {
    "confirmed": "#2e7d32",
    "reported": "#1565c0",
    "claimed": "#b45309",
    "disputed": "#6d28d9",
    "denied": "#b91c1c",
}
RELATION_STROKE = {"gift": "#b45309", "visit": "#1565c0", "sanction": "#b91c1c"}
_DEFAULT_STROKE = "#607d8b"

WIDTH = 720  # viewBox units; CSS scales the picture to the column
FONT = 14  # label size in viewBox units
SMALL = 12
_CHAR = 0.56  # average glyph width as a share of the font size, for layout


def _esc(value: object) -> str:
    """Escape text for XML and HTML alike (quotes included, for attributes).

    Without blank lines, which would end the page's HTML block (blocks.py).
    """
    return one_block(escape(str(value), quote=True))


def _num(value: float) -> str:
    """Coordinates rounded to one decimal, written the same on every machine."""
    text = f"{round(value, 1):.1f}"
    return text[:-2] if text.endswith(".0") else text


def _text_width(text: str, size: float) -> float:
    return len(text) * size * _CHAR


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --------------------------------------------------------------------------
# Timeline


@dataclass(frozen=True)
class TimelineEntry:
    """One dated record: what the timeline draws as one mark."""

    ref: Any  # handed to url_for
    kind: str  # lane key, e.g. "gifts"
    kind_label: str  # lane title, e.g. "Gifts"
    start: PartialDate
    status: str  # claim status, e.g. "confirmed"
    status_label: str
    label: str  # the record's title
    end: PartialDate | None = None


@dataclass
class _Mark:
    entry: TimelineEntry
    x0: float
    x1: float
    shape: str  # "day", "span", "month" or "year"
    row: int = 0


@dataclass
class _Axis:
    """Year columns: x of each year's first day and its width."""

    columns: dict[int, tuple[float, float]]
    breaks: list[float]  # x where empty years were left out

    def x(self, day: dt.date) -> float:
        left, width = self.columns[day.year]
        start = dt.date(day.year, 1, 1)
        length = (dt.date(day.year + 1, 1, 1) - start).days
        return left + width * (day - start).days / length

    def x_end(self, day: dt.date) -> float:
        """x just after ``day``, so that a span covers its last day."""
        left, width = self.columns[day.year]
        if day == dt.date(day.year, 12, 31):
            return left + width
        return self.x(day + dt.timedelta(days=1))


def _span(entry: TimelineEntry) -> tuple[dt.date, dt.date]:
    return entry.start.first_day, (entry.end or entry.start).last_day


def _axis(entries: Sequence[TimelineEntry], left: float, right: float) -> _Axis:
    counts: dict[int, int] = defaultdict(int)
    for entry in entries:
        first, last = _span(entry)
        for year in range(first.year, last.year + 1):
            counts[year] += 0
        counts[first.year] += 1
    years = sorted(counts)
    gap = 14.0
    breaks = sum(1 for a, b in pairwise(years) if b != a + 1)
    weights = {year: 3 + counts[year] for year in years}
    unit = (right - left - gap * breaks) / sum(weights.values())
    columns: dict[int, tuple[float, float]] = {}
    break_xs: list[float] = []
    x = left
    for index, year in enumerate(years):
        if index and year != years[index - 1] + 1:
            break_xs.append(x + gap / 2)
            x += gap
        columns[year] = (x, weights[year] * unit)
        x += weights[year] * unit
    return _Axis(columns, break_xs)


def _marks(entries: Sequence[TimelineEntry], axis: _Axis) -> list[_Mark]:
    marks = []
    for entry in entries:
        first, last = _span(entry)
        x0, x1 = axis.x(first), axis.x_end(last)
        if entry.end is not None and entry.end != entry.start:
            shape = "span"
        else:
            shape = entry.start.precision
        if x1 - x0 < 12:  # too short to see as a bar: centre a 12-unit mark
            middle = (x0 + x1) / 2
            x0, x1 = middle - 6, middle + 6
        marks.append(_Mark(entry, x0, x1, shape))
    return marks


def _stack(marks: list[_Mark]) -> int:
    """Put overlapping marks of one lane in rows; return the number of rows."""
    row_ends: list[float] = []
    for mark in sorted(marks, key=lambda m: (m.x0, m.x1, str(m.entry.label))):
        for row, end in enumerate(row_ends):
            if end + 2 <= mark.x0:
                mark.row, row_ends[row] = row, mark.x1
                break
        else:
            mark.row = len(row_ends)
            row_ends.append(mark.x1)
    return max(len(row_ends), 1)


def _lanes(entries: Sequence[TimelineEntry], order: Sequence[str] = ()) -> list[tuple[str, str]]:
    """The kinds that have entries, with their titles: in ``order``, then as they appear."""
    found = {e.kind: e.kind_label for e in entries}
    rank = {kind: index for index, kind in enumerate(order)}
    first = list(found)
    ordered = sorted(found, key=lambda k: (rank.get(k, len(rank)), first.index(k)))
    return [(kind, found[kind]) for kind in ordered]


def timeline_svg(
    entries: Sequence[TimelineEntry],
    url_for: Callable[[Any], str],
    *,
    title: str = "Timeline of the records",
    id_prefix: str = "fs-timeline",
    lane_order: Sequence[str] = (),
) -> str:
    """The timeline as a ``<figure>`` with an inline SVG; every mark links to its record.

    Lanes are the kinds found in ``entries``; ``lane_order`` (kind keys) sorts
    them, and kinds it does not name follow in the order they first appear.
    ``id_prefix`` must be unique on the page (it names the title and desc).
    """
    if not entries:
        return ""
    margin, row_height, lane_gap = 10.0, 18.0, 30.0
    axis = _axis(entries, margin, WIDTH - margin)
    marks = _marks(entries, axis)
    lanes = _lanes(entries, lane_order)
    body: list[str] = []
    y = 8.0
    for kind, kind_label in lanes:
        lane_marks = [m for m in marks if m.entry.kind == kind]
        rows = _stack(lane_marks)
        count = len(lane_marks)
        body.append(
            f'<text class="fs-pic__lane" x="{_num(margin)}" y="{_num(y + FONT)}" '
            f'font-size="{FONT}" font-weight="700" fill="currentColor">'
            f"{_esc(kind_label)} ({count})</text>"
        )
        top = y + FONT + 8
        height = rows * row_height
        body.append(
            f'<rect class="fs-pic__lane-bg" x="{_num(margin)}" y="{_num(top - 2)}" '
            f'width="{_num(WIDTH - 2 * margin)}" height="{_num(height + 4)}" '
            f'fill="currentColor" fill-opacity="0.05"/>'
        )
        for mark in sorted(lane_marks, key=lambda m: (m.x0, m.row)):
            body.append(_mark_svg(mark, top + mark.row * row_height, url_for))
        y = top + height + lane_gap - 10
    axis_y = y
    body.extend(_axis_svg(axis, margin, axis_y))
    legend_y = axis_y + 44
    legend, legend_height = _timeline_legend(entries, marks, margin, legend_y)
    body.extend(legend)
    height = legend_y + legend_height + 8
    kinds = ", ".join(f"{label} ({sum(1 for e in entries if e.kind == k)})" for k, label in lanes)
    years = sorted(axis.columns)
    desc = (
        f"{len(entries)} records from {years[0]} to {years[-1]}, one lane per kind: {kinds}. "
        "Each mark links to its record and is coloured by the status of its claim. "
        "Dots are dates known to the day; bars cover a whole month, a whole year "
        "(hatched) or the days of a visit. Years with no record are left out, and a "
        "year with more records is drawn wider."
    )
    return _figure(id_prefix, title, desc, height, body, "fs-pic--timeline")


def _mark_svg(mark: _Mark, top: float, url_for: Callable[[Any], str]) -> str:
    entry = mark.entry
    fill = STATUS_FILL.get(entry.status, _DEFAULT_STROKE)
    status_class = f"fs-status--{_esc(entry.status)}"
    when = entry.start.human()
    if entry.end is not None and entry.end != entry.start:
        when += f" to {entry.end.human()}"
    name = f"{entry.label}, {when}, {entry.status_label}"
    classes = f"fs-mark fs-mark--{mark.shape} {status_class}"
    middle = top + 7
    if mark.shape == "day":
        shape = (
            f'<circle class="{classes}" cx="{_num((mark.x0 + mark.x1) / 2)}" '
            f'cy="{_num(middle)}" r="6" fill="{fill}"/>'
        )
    else:
        # A month or a year stays visibly less precise than a day: a bar over
        # the whole period, paler, and hatched for a year.
        hatch = f' fill-opacity="0.35" stroke="{fill}" stroke-width="2"'
        if mark.shape == "year":
            hatch += ' stroke-dasharray="4 2"'
        elif mark.shape == "month":
            hatch = f' fill-opacity="0.6" stroke="{fill}" stroke-width="1"'
        else:
            hatch = ""
        shape = (
            f'<rect class="{classes}" x="{_num(mark.x0)}" y="{_num(top + 1)}" '
            f'width="{_num(mark.x1 - mark.x0)}" height="12" rx="3" fill="{fill}"{hatch}/>'
        )
    return (
        f'<a class="fs-pic__link" href="{_esc(url_for(entry.ref))}" aria-label="{_esc(name)}">'
        f"<title>{_esc(name)}</title>{shape}</a>"
    )


def _axis_svg(axis: _Axis, margin: float, y: float) -> list[str]:
    parts = [
        f'<line class="fs-pic__axis" x1="{_num(margin)}" y1="{_num(y)}" '
        f'x2="{_num(WIDTH - margin)}" y2="{_num(y)}" stroke="currentColor" stroke-opacity="0.5"/>'
    ]
    last_label_end = -1e9
    for year, (left, width) in sorted(axis.columns.items()):
        parts.append(
            f'<line class="fs-pic__tick" x1="{_num(left)}" y1="{_num(y)}" x2="{_num(left)}" '
            f'y2="{_num(y + 6)}" stroke="currentColor" stroke-opacity="0.5"/>'
        )
        centre = left + width / 2
        half = _text_width(str(year), SMALL) / 2
        if centre - half < last_label_end + 2:
            continue  # consecutive narrow years: label every other one
        last_label_end = centre + half
        parts.append(
            f'<text class="fs-pic__year" x="{_num(centre)}" y="{_num(y + 20)}" '
            f'font-size="{SMALL}" text-anchor="middle" fill="currentColor">{year}</text>'
        )
    for x in axis.breaks:
        parts.append(
            f'<path class="fs-pic__break" d="M{_num(x - 4)} {_num(y + 5)}l4 -10'
            f'M{_num(x)} {_num(y + 5)}l4 -10" stroke="currentColor" fill="none"/>'
        )
    return parts


def _flow(items: list[tuple[str, float]], margin: float, y: float) -> tuple[list[str], float]:
    """Lay legend items (markup drawn at 0,0 and its width) in wrapping rows."""
    parts, x, row = [], margin, 0
    for markup, width in items:
        if x + width > WIDTH - margin and x > margin:
            x, row = margin, row + 1
        parts.append(
            f'<g class="fs-pic__legend-item" transform="translate({_num(x)} {_num(y + row * 22)})">'
            f"{markup}</g>"
        )
        x += width + 16
    return parts, (row + 1) * 22


def _legend_text(x: float, text: str) -> str:
    return f'<text x="{_num(x)}" y="11" font-size="{SMALL}" fill="currentColor">{_esc(text)}</text>'


def _timeline_legend(
    entries: Sequence[TimelineEntry], marks: list[_Mark], margin: float, y: float
) -> tuple[list[str], float]:
    items: list[tuple[str, float]] = []
    statuses = {e.status: e.status_label for e in entries}
    for status in sorted(
        statuses, key=lambda s: (list(STATUS_FILL).index(s) if s in STATUS_FILL else 99, s)
    ):
        label = statuses[status]
        fill = STATUS_FILL.get(status, _DEFAULT_STROKE)
        items.append(
            (
                f'<circle class="fs-mark fs-status--{_esc(status)}" cx="6" cy="7" r="6" '
                f'fill="{fill}"/>{_legend_text(16, label)}',
                16 + _text_width(label, SMALL),
            )
        )
    shapes = {m.shape for m in marks}
    described = [
        ("month", "a month", ' fill-opacity="0.6" stroke="currentColor" stroke-width="1"'),
        (
            "year",
            "a year",
            ' fill-opacity="0.35" stroke="currentColor" stroke-width="2" stroke-dasharray="4 2"',
        ),
        ("span", "several days", ""),
    ]
    for shape, text, extra in described:
        if shape in shapes:
            items.append(
                (
                    f'<rect class="fs-mark fs-mark--{shape}" x="0" y="1" width="22" height="12" '
                    f'rx="3" fill="currentColor"{extra}/>{_legend_text(28, text)}',
                    28 + _text_width(text, SMALL),
                )
            )
    return _flow(items, margin, y)


def timeline_table(
    entries: Sequence[TimelineEntry], url_for: Callable[[Any], str], *, caption: str = ""
) -> str:
    """The timeline's text alternative: the same records as an HTML table."""
    rows = []
    for entry in entries:
        when = entry.start.human()
        if entry.end is not None and entry.end != entry.start:
            when += f" to {entry.end.human()}"
        rows.append(
            "<tr>"
            f'<td data-sort-value="{_esc(entry.start.iso())}">{_esc(when)}</td>'
            f"<td>{_esc(entry.kind_label)}</td>"
            f'<td><a href="{_esc(url_for(entry.ref))}">{_esc(entry.label)}</a></td>'
            f'<td data-sort-value="{_esc(entry.status_label)}">'
            f'<span class="fs-status fs-status--{_esc(entry.status)}">'
            f"{_esc(entry.status_label)}</span></td>"
            "</tr>"
        )
    head = (
        '<thead><tr><th data-sort="date">Date</th><th data-sort="text" data-filter="kind">Kind</th>'
        '<th data-sort="text">Record</th>'
        '<th data-sort="text" data-filter="status">Status</th></tr></thead>'
    )
    cap = f"<caption>{_esc(caption)}</caption>" if caption else ""
    return f'<table class="fs-table">{cap}{head}<tbody>{"".join(rows)}</tbody></table>'


# --------------------------------------------------------------------------
# Network


@dataclass(frozen=True)
class NetworkNode:
    """An actor: ``group`` is its state (a state is its own), "" for none.

    The two largest groups become the columns of the full network; actors
    of other states and those of none (international bodies) sit below.
    """

    id: str
    label: str
    group: str
    group_label: str
    ref: Any  # handed to url_for


@dataclass(frozen=True)
class NetworkEdge:
    """One record linking two actors, e.g. a gift from a giver to a recipient."""

    source: str
    target: str
    relation: str  # "gift", "visit", "sanction": the edge's type
    verb: str  # e.g. "gave a gift to"; reads "<source> <verb> <target>"
    record_label: str


@dataclass
class _Link:
    source: str
    target: str
    relation: str
    verb: str
    records: list[str] = field(default_factory=list)

    def sentence(self, nodes: dict[str, NetworkNode]) -> str:
        return f"{nodes[self.source].label} {self.verb} {nodes[self.target].label}{self.details()}"

    def details(self) -> str:
        """How many records, and the first few by name: two states may share thousands."""
        count = len(self.records)
        times = "" if count == 1 else f" ({count} records)"
        named = "; ".join(self.records[:NAMED_RECORDS])
        more = f" and {count - NAMED_RECORDS} more" if count > NAMED_RECORDS else ""
        return f"{times}: {named}{more}"


def _links(edges: Iterable[NetworkEdge], known: set[str]) -> list[_Link]:
    """One link per (source, target, relation), the records it stands for sorted."""
    grouped: dict[tuple[str, str, str], _Link] = {}
    for edge in edges:
        if edge.source not in known or edge.target not in known or edge.source == edge.target:
            continue
        key = (edge.source, edge.target, edge.relation)
        link = grouped.setdefault(key, _Link(edge.source, edge.target, edge.relation, edge.verb))
        if edge.record_label not in link.records:
            link.records.append(edge.record_label)
    for link in grouped.values():
        link.records.sort(key=str.casefold)
    return [grouped[key] for key in sorted(grouped)]


# A picture readers can take in: beyond this many actors the network shows
# the most linked ones and says so (the list beside it still names every link).
MAX_ACTORS = 40
# Records named for one link, in its tooltip and in the list; the rest are counted.
NAMED_RECORDS = 5


def _busiest(links: list[_Link], limit: int, keep: str | None) -> tuple[list[_Link], int]:
    """The links among the ``limit`` most linked actors (``keep`` always kept), and the total."""
    weight: dict[str, int] = {}
    for link in links:
        for actor in (link.source, link.target):
            weight[actor] = weight.get(actor, 0) + len(link.records)
    if len(weight) <= limit:
        return links, len(weight)
    ranked = sorted(weight, key=lambda a: (a != keep, -weight[a], a))[:limit]
    chosen = set(ranked)
    return [lk for lk in links if lk.source in chosen and lk.target in chosen], len(weight)


def _by_label(node: NetworkNode) -> tuple[str, str]:
    return (node.label.casefold(), node.id)


def _full_layout(
    nodes: dict[str, NetworkNode], links: list[_Link]
) -> tuple[dict[str, tuple[float, float, str]], list[str], float]:
    """Positions (x, y, side) for nodes with a link; headings; height."""
    linked = sorted({n for link in links for n in (link.source, link.target)})
    groups: dict[str, list[NetworkNode]] = defaultdict(list)
    for node_id in linked:
        groups[nodes[node_id].group].append(nodes[node_id])
    order = sorted((g for g in groups if g), key=lambda g: (-len(groups[g]), g))
    left, right = order[:1], order[1:2]
    rest = sorted((n for g in [*order[2:], ""] for n in groups.get(g, [])), key=_by_label)
    positions: dict[str, tuple[float, float, str]] = {}
    headings: list[str] = []
    top, row = 40.0, 26.0
    columns = [(left, 250.0, "left"), (right, WIDTH - 250.0, "right")]
    bottom = top
    for group_ids, x, side in columns:
        if not group_ids:
            continue
        members = sorted(groups[group_ids[0]], key=_by_label)
        anchor = "end" if side == "left" else "start"
        headings.append(
            f'<text class="fs-pic__group" x="{_num(x)}" y="22" font-size="{FONT}" '
            f'font-weight="700" text-anchor="{anchor}" fill="currentColor">'
            f"{_esc(members[0].group_label)}</text>"
        )
        for index, node in enumerate(members):
            positions[node.id] = (x, top + index * row, side)
        bottom = max(bottom, top + len(members) * row)
    if rest:
        band = bottom + 40
        headings.append(
            f'<text class="fs-pic__group" x="{_num(WIDTH / 2)}" y="{_num(band)}" '
            f'font-size="{FONT}" font-weight="700" text-anchor="middle" fill="currentColor">'
            "Other states and bodies</text>"
        )
        per_row = 3
        cell = (WIDTH - 20) / per_row
        for index, node in enumerate(rest):
            x = 10 + cell * (index % per_row) + cell / 2
            y = band + 30 + (index // per_row) * 44
            positions[node.id] = (x, y, "bottom")
        bottom = band + 30 + ((len(rest) - 1) // per_row) * 44 + 30
    return positions, headings, bottom + 10


def _focus_layout(
    nodes: dict[str, NetworkNode], links: list[_Link], focus: str
) -> tuple[dict[str, tuple[float, float, str]], list[str], float]:
    """The focus actor in the middle: who acts on it at left, what it acts on at right."""
    incoming = sorted(
        {lk.source for lk in links if lk.target == focus}, key=lambda i: _by_label(nodes[i])
    )
    outgoing = sorted(
        {lk.target for lk in links if lk.source == focus} - set(incoming),
        key=lambda i: _by_label(nodes[i]),
    )
    lines = Counter(lk.source if lk.target == focus else lk.target for lk in links)
    row = 28.0 + 14 * max(lines.values())  # room for each neighbour's notes
    rows = max(len(incoming), len(outgoing), 1)
    top = 44.0
    height = top + rows * row
    positions: dict[str, tuple[float, float, str]] = {
        focus: (WIDTH / 2, top + (rows - 1) * row / 2, "focus")
    }
    headings = []
    for members, x, side, heading in (
        (incoming, 250.0, "left", "Acting on this actor"),
        (outgoing, WIDTH - 250.0, "right", "Acted on by this actor"),
    ):
        if not members:
            continue
        anchor = "end" if side == "left" else "start"
        headings.append(
            f'<text class="fs-pic__group" x="{_num(x)}" y="20" font-size="{SMALL}" '
            f'font-weight="700" text-anchor="{anchor}" fill="currentColor">{heading}</text>'
        )
        offset = (rows - len(members)) * row / 2
        for index, node_id in enumerate(members):
            positions[node_id] = (x, top + offset + index * row, side)
    return positions, headings, height + 4


def _edge_path(a: tuple[float, float, str], b: tuple[float, float, str], bend: float) -> str:
    (x1, y1, _), (x2, y2, _) = a, b
    if x1 == x2:  # same column: bow into the middle corridor
        direction = 1 if x1 < WIDTH / 2 else -1
        cx = x1 + direction * (60 + abs(y2 - y1) / 4)
        return f"M{_num(x1)} {_num(y1)}C{_num(cx)} {_num(y1)} {_num(cx)} {_num(y2)} {_num(x2)} {_num(y2)}"
    mx, my = (x1 + x2) / 2, (y1 + y2) / 2
    # A slight bend keeps a link and its reverse (A visited B, B visited A) apart.
    dx, dy = x2 - x1, y2 - y1
    length = max((dx * dx + dy * dy) ** 0.5, 1.0)
    cx, cy = mx - dy / length * bend, my + dx / length * bend
    return f"M{_num(x1)} {_num(y1)}Q{_num(cx)} {_num(cy)} {_num(x2)} {_num(y2)}"


def network_svg(
    nodes: Sequence[NetworkNode],
    edges: Sequence[NetworkEdge],
    url_for: Callable[[Any], str],
    *,
    focus: str | None = None,
    title: str = "Network of the actors",
    id_prefix: str = "fs-network",
) -> str:
    """The actor network (or one actor's neighbourhood) as a ``<figure>`` with an SVG.

    Only actors with at least one link are drawn. With ``focus``, only the
    links that touch that actor are drawn; "" when there are none.
    """
    by_id = {node.id: node for node in nodes}
    links = _links(edges, set(by_id))
    if focus is not None:
        links = [lk for lk in links if focus in (lk.source, lk.target)]
    if not links:
        return ""
    links, total_actors = _busiest(links, MAX_ACTORS, focus)
    if focus is not None:
        positions, headings, height = _focus_layout(by_id, links, focus)
    else:
        positions, headings, height = _full_layout(by_id, links)
    body = [_arrow_markers(id_prefix, {lk.relation for lk in links})]
    body.extend(headings)
    pairs = {(lk.source, lk.target) for lk in links}
    for link in links:
        bend = 14.0 if (link.target, link.source) in pairs else 0.0
        bend += {"gift": 0.0, "visit": 8.0, "sanction": -8.0}.get(link.relation, 0.0)
        body.append(_edge_svg(link, positions, by_id, id_prefix, bend))
    notes = _focus_notes(links, focus, by_id) if focus else {}
    for node_id in sorted(positions, key=lambda i: _by_label(by_id[i])):
        body.append(_node_svg(by_id[node_id], positions[node_id], url_for, notes.get(node_id)))
    legend, legend_height = _network_legend(links, 10, height + 10)
    body.extend(legend)
    total = height + 10 + legend_height + 6
    relations = sorted({lk.relation for lk in links})
    shown = len(positions)
    more = (
        f" Only the {shown} most linked of {total_actors} actors are drawn."
        if total_actors > shown
        else ""
    )
    if focus:
        desc = (
            f"{by_id[focus].label} and the {len(positions) - 1} actors linked to it by "
            f"{', '.join(relations)} records. Each name links to that actor's page; "
            "arrows point from the giver, visitor or sanctioning body to the other side."
        ) + more
    else:
        desc = (
            f"{len(positions)} actors linked by {len(links)} relations "
            f"({', '.join(relations)}): arrows point from giver to recipient, visitor to "
            "host, and sanctioning body to target. Columns group actors by state; each "
            "name links to the actor's page."
        ) + more
    return _figure(id_prefix, title, desc, total, body, "fs-pic--network")


def _arrow_markers(id_prefix: str, relations: set[str]) -> str:
    markers = "".join(
        f'<marker id="{_esc(id_prefix)}-arrow-{_esc(rel)}" viewBox="0 0 10 10" refX="10" refY="5" '
        f'markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" '
        'orient="auto-start-reverse">'
        f'<path class="fs-edge__head fs-edge--{_esc(rel)}" d="M0 0L10 5L0 10z" '
        f'fill="{RELATION_STROKE.get(rel, _DEFAULT_STROKE)}"/></marker>'
        for rel in sorted(relations)
    )
    return f"<defs>{markers}</defs>"


def _edge_svg(
    link: _Link,
    positions: dict[str, tuple[float, float, str]],
    nodes: dict[str, NetworkNode],
    id_prefix: str,
    bend: float,
) -> str:
    a, b = positions[link.source], positions[link.target]
    # Stop short of the target's dot, so the arrow head stays visible.
    (x1, y1, _), (x2, y2, side) = a, b
    dx, dy = x2 - x1, y2 - y1
    length = max((dx * dx + dy * dy) ** 0.5, 1.0)
    end = (x2 - dx / length * 8, y2 - dy / length * 8, side)
    stroke = RELATION_STROKE.get(link.relation, _DEFAULT_STROKE)
    dash = ' stroke-dasharray="6 3"' if link.relation == "sanction" else ""
    dash = ' stroke-dasharray="2 3"' if link.relation == "visit" else dash
    width = min(1.5 + len(link.records) * 0.5, 4)
    return (
        f'<path class="fs-edge fs-edge--{_esc(link.relation)}" d="{_edge_path(a, end, bend)}" '
        f'fill="none" stroke="{stroke}" stroke-width="{_num(width)}"{dash} '
        f'stroke-opacity="0.75" marker-end="url(#{_esc(id_prefix)}-arrow-{_esc(link.relation)})">'
        f"<title>{_esc(link.sentence(nodes))}</title></path>"
    )


def _focus_notes(
    links: list[_Link], focus: str, nodes: dict[str, NetworkNode]
) -> dict[str, list[str]]:
    """The visible edge labels of the focus view, one line each under the neighbour.

    "gave a gift to Kim Jong Un (×2)" for a link into the focus actor,
    "visit from Kim Jong Un" for a link out of it.
    """
    name = nodes[focus].label
    notes: dict[str, list[str]] = defaultdict(list)
    for link in links:
        count = len(link.records)
        times = f" (×{count})" if count > 1 else ""
        if link.target == focus:
            notes[link.source].append(f"{link.verb} {name}{times}")
        else:
            notes[link.target].append(f"{link.relation} from {name}{times}")
    return dict(notes)


def _node_svg(
    node: NetworkNode,
    position: tuple[float, float, str],
    url_for: Callable[[Any], str],
    notes: list[str] | None,
) -> str:
    x, y, side = position
    shown = _shorten(node.label, 30)
    if side == "left":
        anchor, tx, ty = "end", x - 10, y + 5
    elif side == "right":
        anchor, tx, ty = "start", x + 10, y + 5
    elif side == "focus":
        anchor, tx, ty = "middle", x, y + 28
    else:
        anchor, tx, ty = "middle", x, y + 22
    radius = 9 if side == "focus" else 6
    weight = ' font-weight="700"' if side == "focus" else ""
    parts = [
        f'<circle class="fs-node__dot" cx="{_num(x)}" cy="{_num(y)}" r="{radius}" '
        f'fill="#546e7a" stroke="#fff" stroke-width="1.5"/>',
        f'<text class="fs-node__label" x="{_num(tx)}" y="{_num(ty)}" font-size="{FONT}" '
        f'text-anchor="{anchor}" fill="currentColor"'
        f"{weight}>{_esc(shown)}</text>",
    ]
    name = node.label
    for line, note in enumerate(notes or []):
        parts.append(
            f'<text class="fs-node__note" x="{_num(tx)}" y="{_num(ty + 14 * (line + 1))}" '
            f'font-size="{SMALL - 1}" text-anchor="{anchor}" fill="currentColor" '
            f'fill-opacity="0.75">{_esc(_shorten(note, 38))}</text>'
        )
    if notes:
        name = f"{node.label}: {'; '.join(notes)}"
    return (
        f'<a class="fs-pic__link fs-node" href="{_esc(url_for(node.ref))}" '
        f'aria-label="{_esc(name)}"><title>{_esc(name)}</title>{"".join(parts)}</a>'
    )


def _network_legend(links: list[_Link], margin: float, y: float) -> tuple[list[str], float]:
    verbs = {}
    for link in links:
        verbs.setdefault(link.relation, link.verb)
    items = []
    for relation in sorted(verbs):
        stroke = RELATION_STROKE.get(relation, _DEFAULT_STROKE)
        dash = ' stroke-dasharray="6 3"' if relation == "sanction" else ""
        dash = ' stroke-dasharray="2 3"' if relation == "visit" else dash
        text = f"{relation}: {verbs[relation]}"
        items.append(
            (
                f'<line class="fs-edge fs-edge--{_esc(relation)}" x1="0" y1="7" x2="26" y2="7" '
                f'stroke="{stroke}" stroke-width="3"{dash}/>{_legend_text(32, text)}',
                32 + _text_width(text, SMALL),
            )
        )
    return _flow(items, margin, y)


def network_list(
    nodes: Sequence[NetworkNode],
    edges: Sequence[NetworkEdge],
    url_for: Callable[[Any], str],
    *,
    focus: str | None = None,
) -> str:
    """The network's text alternative: one list item per link, both actors linked."""
    by_id = {node.id: node for node in nodes}
    links = _links(edges, set(by_id))
    if focus is not None:
        links = [lk for lk in links if focus in (lk.source, lk.target)]
    if not links:
        return ""
    # The same actors as the picture: the list is its text alternative.
    links, _ = _busiest(links, MAX_ACTORS, focus)

    def actor(node_id: str) -> str:
        node = by_id[node_id]
        return f'<a href="{_esc(url_for(node.ref))}">{_esc(node.label)}</a>'

    items = []
    for link in links:
        items.append(
            f"<li>{actor(link.source)} {_esc(link.verb)} {actor(link.target)}"
            f"{_esc(link.details())}</li>"
        )
    return f'<ul class="fs-network-list">{"".join(items)}</ul>'


# --------------------------------------------------------------------------
# Shared


def _figure(
    id_prefix: str, title: str, desc: str, height: float, body: list[str], kind: str
) -> str:
    """Wrap a picture: one line of markup, so Markdown keeps it as one HTML block.

    The SVG is a group, not role="img": an image's children are hidden from
    assistive technology, and the marks are links that must stay reachable.
    """
    pid = _esc(id_prefix)
    return (
        f'<figure class="fs-pic {kind}" data-search-exclude="">'
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {_num(height)}" '
        f'width="100%" role="group" aria-labelledby="{pid}-title" aria-describedby="{pid}-desc" '
        f'font-family="sans-serif">'
        f'<title id="{pid}-title">{_esc(title)}</title><desc id="{pid}-desc">{_esc(desc)}</desc>'
        f"{''.join(body)}</svg></figure>"
    )


# --------------------------------------------------------------------------
# From the linked site: the plain data above, for the templates


def site_timeline_entries(
    site: Any,
    kind_labels: dict[str, str],
    status_labels: dict[str, str],
    label_of: Callable[[Any], str],
) -> list[TimelineEntry]:
    """Every dated record of ``site`` (a link.Site), oldest first; ``ref`` is the Record."""
    entries = []
    for date, record in site.dated():
        kind = site.kind(record)
        end = record.data.get(kind.end_field) if kind.end_field else None
        status = record.data["claim"]["status"]
        entries.append(
            TimelineEntry(
                ref=record,
                kind=record.kind,
                kind_label=kind_labels.get(record.kind, record.kind),
                start=date,
                end=PartialDate.parse(end) if end else None,
                status=status,
                status_label=status_labels.get(status, status),
                label=label_of(record),
            )
        )
    return entries


def site_network(
    site: Any, label_of: Callable[[Any], str]
) -> tuple[list[NetworkNode], list[NetworkEdge]]:
    """Actors and the gift, visit and sanction links between them; ``ref`` is the Record."""
    actors = site.records["actors"]
    nodes = []
    for actor_id, actor in actors.items():
        group = actor_id if actor.data.get("type") == "state" else actor.data.get("state", "")
        group_label = actors[group].data["name"] if group in actors else "Other"
        nodes.append(
            NetworkNode(actor_id, actor.data["name"], group or "other", group_label, actor)
        )
    edges = []
    # Which kinds link actors, and how, is declared by each kind's schema.
    for kind in site.registry:
        if kind.relation is None:
            continue
        relation = kind.relation
        for record in site.records.get(kind.folder, {}).values():
            for source in record.data.get(relation.source, []):
                for target in record.data.get(relation.target, []):
                    edges.append(
                        NetworkEdge(source, target, relation.name, relation.verb, label_of(record))
                    )
    return nodes, edges
