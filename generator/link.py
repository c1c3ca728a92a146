"""Stage 3, link: turn validated records into the graph the pages show.

Everything a page shows about other records is computed here from the
references, never maintained by hand: who gave and received what, which
records an actor asserts or denies, which records cite a source, which
records refer to a record (a gift's occasion, a sanction's grounds), how a
page numbers its citations, and which sanction measures a gift's item falls
within. The render stage only formats what this stage computed.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from . import markdown
from .kinds import Kind, Registry, load_registry
from .model import JsonPath, PartialDate, Record, format_path
from .schema import walk


@dataclass(frozen=True)
class Relevance:
    """A gift item that falls within a sanction measure, in the gift's direction."""

    gift: Record
    item: dict[str, Any]
    sanction: Record
    measure: dict[str, Any]
    direction: str = ""  # "supply" to the targeted state, or "procurement" from it
    state: str = ""  # the targeted state the gift goes to or comes from

    @property
    def unverified(self) -> bool:
        return "unverified" in self.measure


@dataclass(frozen=True)
class Mention:
    """An actor named in a claim, with the record and the part that holds it."""

    record: Record
    part: str  # "the record", or e.g. "an outcome"


@dataclass
class ActorLinks:
    """Everything that references one actor, grouped as the actor page shows it."""

    groups: list[tuple[str, list[Record]]] = field(default_factory=list)
    asserts: list[Mention] = field(default_factory=list)
    denies: list[Mention] = field(default_factory=list)
    members: list[Record] = field(default_factory=list)  # actors whose state or parent it is

    def group(self, heading: str) -> list[Record]:
        for name, records in self.groups:
            if name == heading:
                return records
        return []


@dataclass(frozen=True)
class Sources:
    """A record's citations: the numbered Sources list and the anchors between them.

    ``order`` is the record's sources in order of first citation (numbered
    from 1); ``backlinks`` gives, for each source, the anchors of the places
    in the page that cite it, for the "^ a b" links of the Sources list.
    """

    order: list[str]
    refs: markdown.CitationRefs
    backlinks: dict[str, list[str]]

    def number(self, source_id: str) -> int:
        return self.order.index(source_id) + 1


@dataclass(frozen=True)
class Reference:
    """A record that names another record in one of its fields."""

    record: Record
    heading: str  # how the named record's page titles the list


@dataclass
class Site:
    """The linked content: the input of the render stage."""

    registry: Registry
    records: dict[str, dict[str, Record]]  # folder -> id -> record
    actor_links: dict[str, ActorLinks]
    citers: dict[str, list[Record]]  # source id -> records citing it
    sources: dict[tuple[str, str], Sources]  # (folder, id) -> its citations
    referenced_by: dict[str, list[Reference]]  # record id -> records naming it
    relevance_by_gift: dict[str, list[Relevance]]
    relevance_by_sanction: dict[str, list[Relevance]]

    def kind(self, record: Record) -> Kind:
        return self.registry.by_folder[record.kind]

    def title(self, record: Record) -> str:
        return self.kind(record).title_of(record.data, record.id)

    def actor(self, actor_id: str) -> Record:
        return self.records["actors"][actor_id]

    def source(self, source_id: str) -> Record:
        return self.records["sources"][source_id]

    def find(self, record_id: str) -> Record | None:
        """A record of any kind by id (ids are unique across kinds)."""
        for records in self.records.values():
            if record_id in records:
                return records[record_id]
        return None

    def cites(self, record: Record) -> Sources:
        return self.sources[(record.kind, record.id)]

    def dated(self) -> list[tuple[PartialDate, Record]]:
        """Every record of the timeline kinds with its date, oldest first."""
        entries = [
            (date, record)
            for kind in self.registry.timeline_kinds()
            for record in self.records.get(kind.folder, {}).values()
            if (date := record_date(record, kind)) is not None
        ]
        return sorted(entries, key=lambda e: (e[0].sort_key(), e[1].kind, e[1].id))


def record_date(record: Record, kind: Kind) -> PartialDate | None:
    value = record.data.get(kind.date_field) if kind.date_field else None
    return PartialDate.parse(value) if isinstance(value, str) else None


def by_date(records: list[Record], kind: Kind) -> list[Record]:
    """Oldest first; undated records last, by id."""

    def key(record: Record) -> tuple[Any, ...]:
        date = record_date(record, kind)
        return (date is None, date.sort_key() if date else (0, 0, 0), record.id)

    return sorted(records, key=key)


def in_site_order(records: list[Record], kind: Kind) -> list[Record]:
    """How an index lists a kind: by date if it is dated, else by title."""
    if kind.date_field:
        return by_date(records, kind)
    return sorted(records, key=lambda r: (kind.title_of(r.data, r.id).casefold(), r.id))


def link(records: list[Record], registry: Registry | None = None) -> Site:
    """Build the graph from records that passed validation."""
    registry = registry or load_registry()
    by_kind: dict[str, dict[str, Record]] = {kind.folder: {} for kind in registry}
    for record in sorted(records, key=lambda r: (r.kind, r.id)):
        by_kind.setdefault(record.kind, {})[record.id] = record

    sources = {(r.kind, r.id): record_sources(r) for r in records}
    citers: dict[str, list[Record]] = {source_id: [] for source_id in by_kind.get("sources", {})}
    for record in sorted(records, key=lambda r: (r.kind, r.id)):
        for source_id in sources[(record.kind, record.id)].order:
            citers.setdefault(source_id, []).append(record)

    relevance_by_gift: dict[str, list[Relevance]] = defaultdict(list)
    relevance_by_sanction: dict[str, list[Relevance]] = defaultdict(list)
    for relevance in sanctions_relevance(by_kind):
        relevance_by_gift[relevance.gift.id].append(relevance)
        relevance_by_sanction[relevance.sanction.id].append(relevance)

    return Site(
        registry=registry,
        records=by_kind,
        actor_links=_actor_links(registry, by_kind),
        citers=citers,
        sources=sources,
        referenced_by=_referenced_by(registry, by_kind),
        relevance_by_gift=dict(relevance_by_gift),
        relevance_by_sanction=dict(relevance_by_sanction),
    )


# --- Citations --------------------------------------------------------------


def markdown_fields(record: Record) -> Iterator[tuple[JsonPath, str]]:
    """Every Markdown field of a record, in the order the file gives them."""
    for item in walk(record.schema_name, record.data):
        if item.schema.get("x-markdown") and isinstance(item.value, str):
            yield item.path, item.value


def field_key(path: JsonPath) -> str:
    """The name a field's citations are anchored under: ``outcomes[2].summary``."""
    return format_path(path)


def record_sources(record: Record) -> Sources:
    """Number a record's sources by first citation, and anchor every citation."""
    order: list[str] = []
    anchors: dict[tuple[str, int], str] = {}
    backlinks: dict[str, list[str]] = {}
    for path, text in markdown_fields(record):
        key = field_key(path)
        for index, citation in enumerate(markdown.citations(text)):
            if citation.source_id not in order:
                order.append(citation.source_id)
            number = order.index(citation.source_id) + 1
            places = backlinks.setdefault(citation.source_id, [])
            anchor = f"cite-{number}-{len(places) + 1}"
            places.append(anchor)
            anchors[(key, index)] = anchor
    numbers = {source_id: i + 1 for i, source_id in enumerate(order)}
    return Sources(order, markdown.CitationRefs(numbers, anchors), backlinks)


# --- Actors and references --------------------------------------------------


def _actor_links(
    registry: Registry, by_kind: dict[str, dict[str, Record]]
) -> dict[str, ActorLinks]:
    actors = by_kind.get("actors", {})
    links = {actor_id: ActorLinks() for actor_id in actors}
    for kind in registry:
        dated = in_site_order(list(by_kind.get(kind.folder, {}).values()), kind)
        for backlink in kind.backlinks:
            groups: dict[str, list[Record]] = defaultdict(list)
            for record in dated:
                for actor_id in record.data.get(backlink.field, []):
                    groups[actor_id].append(record)
            for actor_id, records in groups.items():
                links[actor_id].groups.append((backlink.heading, records))
        for record in dated:
            for part, claim in claims_of(record):
                for actor_id in claim.get("asserted_by", []):
                    links[actor_id].asserts.append(Mention(record, part))
                for actor_id in claim.get("denied_by", []):
                    links[actor_id].denies.append(Mention(record, part))

    for actor in actors.values():
        for field_name in ("state", "part_of"):
            parent = actor.data.get(field_name)
            if parent and parent != actor.id and actor not in links[parent].members:
                links[parent].members.append(actor)
    for actor_links in links.values():
        actor_links.members.sort(key=lambda r: r.data["name"].casefold())
    return links


def claims_of(record: Record) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every status a record carries: its own, its claims', its outcomes'."""
    if isinstance(record.data.get("claim"), dict):
        yield "the record", record.data["claim"]
    for claim in record.data.get("claims", []):
        yield "a claim", claim
    for outcome in record.data.get("outcomes", []):
        if "claim" in outcome:
            yield "an outcome", outcome["claim"]
    for entry in record.data.get("claims", []):
        yield "a claim", entry


def _referenced_by(
    registry: Registry, by_kind: dict[str, dict[str, Record]]
) -> dict[str, list[Reference]]:
    """Records named by other records' fields that declare ``x-backref``."""
    found: dict[str, list[Reference]] = defaultdict(list)
    for kind in registry:
        for record in in_site_order(list(by_kind.get(kind.folder, {}).values()), kind):
            for item in walk(kind.name, record.data):
                heading = item.schema.get("x-backref")
                if heading and isinstance(item.value, str):
                    found[item.value].append(Reference(record, heading))
    return dict(found)


# --- Sanctions relevance ----------------------------------------------------


def states_of(actor_ids: list[str], actors: dict[str, Record]) -> set[str]:
    """The states these actors belong to (a state is its own)."""
    states = set()
    for actor_id in actor_ids:
        actor = actors[actor_id]
        if actor.data["type"] == "state":
            states.add(actor_id)
        elif "state" in actor.data:
            states.add(actor.data["state"])
    return states


def recipient_states(gift: Record, actors: dict[str, Record]) -> set[str]:
    return states_of(gift.data["recipients"], actors)


def direction(gift: Record, state: str, actors: dict[str, Record]) -> str | None:
    """Whether a gift is a ``supply`` to ``state`` or a ``procurement`` from it.

    A gift to the state's people from outside it is a supply; a gift from
    its people to outsiders is a procurement from it; within one state, or
    between people of the same two states on both sides, neither.
    """
    givers = states_of(gift.data["givers"], actors)
    recipients = recipient_states(gift, actors)
    if state in recipients and state not in givers:
        return "supply"
    if state in givers and state not in recipients:
        return "procurement"
    return None


# The days a sanction was certainly in force: first day, and first day after (None: open).
Window = tuple[dt.date, dt.date | None]


def in_force_window(sanction: Record) -> Window | None:
    """The days a sanction was certainly in force: from its first sure day to before its end.

    None for a sanction that was never in force as an instrument. The end is
    the first day it may no longer have been in force (None: still in force).
    """
    if sanction.data["record_type"] != "instrument":
        return None
    if sanction.data.get("legal_status") not in ("in-force", "lapsed", "lifted"):
        return None
    ended = sanction.data.get("ended")
    start = PartialDate.parse(sanction.data["adopted"]).last_day
    return start, None if ended is None else PartialDate.parse(ended).first_day


def in_force_on(sanction: Record, date: PartialDate) -> bool:
    """True only if the sanction was certainly in force on every day ``date`` may mean."""
    window = in_force_window(sanction)
    return window is not None and _within(window, date)


def _within(window: Window, date: PartialDate) -> bool:
    start, end = window
    return start <= date.first_day and (end is None or end > date.last_day)


def sanctions_relevance(by_kind: dict[str, dict[str, Record]]) -> Iterator[Relevance]:
    """Pairs of gift item and sanction measure that covers it, in the gift's direction.

    A measure counts when the sanction was in force on the gift's date,
    targets a state the gift goes to (a supply) or comes from (a
    procurement), bans transfers in that direction, and covers the item's
    category. This states what the records show, not a legal finding.
    """
    # Index the measures that cover anything by the states they target, each
    # with the days it was in force, so that each gift looks only at
    # sanctions that could concern it and no date is parsed twice.
    by_target: dict[str, list[tuple[Record, Window]]] = defaultdict(list)
    for sanction in sorted(by_kind.get("sanctions", {}).values(), key=lambda s: s.id):
        window = in_force_window(sanction)
        if window is None or not any(m.get("covers") for m in sanction.data.get("measures", [])):
            continue
        for target in sanction.data.get("targets", []):
            by_target[target].append((sanction, window))
    actors = by_kind.get("actors", {})
    for gift in by_kind.get("gifts", {}).values():
        date = PartialDate.parse(gift.data["date"])
        involved = states_of(gift.data["givers"], actors) | recipient_states(gift, actors)
        found: list[Relevance] = []
        for state in sorted(involved):
            way = direction(gift, state, actors)
            if way is None:
                continue
            for sanction, window in by_target.get(state, []):
                if not _within(window, date):
                    continue
                for item in gift.data["items"]:
                    for measure in sanction.data.get("measures", []):
                        if item["category"] in measure.get("covers", []) and measure.get(
                            "direction"
                        ) in (way, "both"):
                            found.append(Relevance(gift, item, sanction, measure, way, state))
        yield from found
