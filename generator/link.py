"""Stage 3, link: turn validated records into a graph the templates can read.

Everything a page shows about other records is computed here from the
references, never maintained by hand: who gave and received what, which
records an actor asserts or denies, which records cite a source, and which
sanction measures a gift's item falls within.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from . import markdown
from .model import KINDS, PartialDate, Record

# The field that dates a record of each kind on the timeline and in indexes.
DATE_FIELD = {"gifts": "date", "visits": "start", "sanctions": "adopted", "sources": "published"}


@dataclass(frozen=True)
class Relevance:
    """A gift item that falls within the category a sanction measure covers."""

    gift: Record
    item: dict[str, Any]
    sanction: Record
    measure: dict[str, Any]


@dataclass(frozen=True)
class Mention:
    """An actor named in a claim, with the record and the part that holds it."""

    record: Record
    part: str  # "the record", or e.g. "an outcome"


@dataclass
class ActorLinks:
    """Everything that references one actor, grouped as the actor page shows it."""

    gifts_given: list[Record] = field(default_factory=list)
    gifts_received: list[Record] = field(default_factory=list)
    visits_made: list[Record] = field(default_factory=list)
    visits_hosted: list[Record] = field(default_factory=list)
    sanctions_imposed: list[Record] = field(default_factory=list)
    sanctions_targeted: list[Record] = field(default_factory=list)
    asserts: list[Mention] = field(default_factory=list)
    denies: list[Mention] = field(default_factory=list)
    members: list[Record] = field(default_factory=list)  # actors whose state or parent it is

    def is_empty(self) -> bool:
        return not any(vars(self).values())


@dataclass
class Site:
    """The linked content: the input of the render stage."""

    records: dict[str, dict[str, Record]]
    actor_links: dict[str, ActorLinks]
    citers: dict[str, list[Record]]  # source id -> records citing it
    relevance_by_gift: dict[str, list[Relevance]]
    relevance_by_sanction: dict[str, list[Relevance]]
    gifts_by_visit: dict[str, list[Record]]

    def actor(self, actor_id: str) -> Record:
        return self.records["actors"][actor_id]

    def source(self, source_id: str) -> Record:
        return self.records["sources"][source_id]

    def dated(self) -> list[tuple[PartialDate, Record]]:
        """Every gift, visit and sanction with its date, oldest first."""
        entries = [
            (record_date(record), record)
            for kind in ("gifts", "visits", "sanctions")
            for record in self.records[kind].values()
        ]
        return sorted(entries, key=lambda e: (e[0].sort_key(), e[1].kind, e[1].id))


def record_date(record: Record) -> PartialDate:
    return PartialDate.parse(record.data[DATE_FIELD[record.kind]])


def by_date(records: list[Record]) -> list[Record]:
    return sorted(records, key=lambda r: (record_date(r).sort_key(), r.id))


def link(records: list[Record]) -> Site:
    """Build the graph from records that passed validation."""
    by_kind: dict[str, dict[str, Record]] = {kind: {} for kind in KINDS}
    for record in sorted(records, key=lambda r: (r.kind, r.id)):
        by_kind[record.kind][record.id] = record

    actor_links = {actor_id: ActorLinks() for actor_id in by_kind["actors"]}
    _link_actors(by_kind, actor_links)

    citers: dict[str, list[Record]] = {source_id: [] for source_id in by_kind["sources"]}
    for record in records:
        for source_id in cited_sources(record.data):
            citers[source_id].append(record)
    for source_id in citers:
        citers[source_id].sort(key=lambda r: (r.kind, r.id))

    gifts_by_visit: dict[str, list[Record]] = defaultdict(list)
    for gift in by_kind["gifts"].values():
        if "occasion" in gift.data:
            gifts_by_visit[gift.data["occasion"]].append(gift)

    relevance_by_gift: dict[str, list[Relevance]] = defaultdict(list)
    relevance_by_sanction: dict[str, list[Relevance]] = defaultdict(list)
    for relevance in sanctions_relevance(by_kind):
        relevance_by_gift[relevance.gift.id].append(relevance)
        relevance_by_sanction[relevance.sanction.id].append(relevance)

    return Site(
        records=by_kind,
        actor_links=actor_links,
        citers=citers,
        relevance_by_gift=dict(relevance_by_gift),
        relevance_by_sanction=dict(relevance_by_sanction),
        gifts_by_visit={k: by_date(v) for k, v in gifts_by_visit.items()},
    )


def _link_actors(by_kind: dict[str, dict[str, Record]], links: dict[str, ActorLinks]) -> None:
    roles = [
        ("gifts", "givers", "gifts_given"),
        ("gifts", "recipients", "gifts_received"),
        ("visits", "visitors", "visits_made"),
        ("visits", "hosts", "visits_hosted"),
        ("sanctions", "imposed_by", "sanctions_imposed"),
        ("sanctions", "targets", "sanctions_targeted"),
    ]
    dated = {
        kind: by_date(list(by_kind[kind].values())) for kind in ("gifts", "visits", "sanctions")
    }
    for kind, field_name, group in roles:
        for record in dated[kind]:
            for actor_id in record.data.get(field_name, []):
                getattr(links[actor_id], group).append(record)

    for records in dated.values():
        for record in records:
            for part, claim in _claims(record):
                for actor_id in claim.get("asserted_by", []):
                    links[actor_id].asserts.append(Mention(record, part))
                for actor_id in claim.get("denied_by", []):
                    links[actor_id].denies.append(Mention(record, part))

    for actor in by_kind["actors"].values():
        for field_name in ("state", "part_of"):
            parent = actor.data.get(field_name)
            if parent and parent != actor.id and actor not in links[parent].members:
                links[parent].members.append(actor)
    for actor_links in links.values():
        actor_links.members.sort(key=lambda r: r.data["name"].casefold())


def _claims(record: Record) -> Iterator[tuple[str, dict[str, Any]]]:
    yield "the record", record.data["claim"]
    for outcome in record.data.get("outcomes", []):
        if "claim" in outcome:
            yield "an outcome", outcome["claim"]
    for entry in record.data.get("claims", []):
        yield "a claim", entry


def cited_sources(data: dict[str, Any]) -> list[str]:
    """Source ids a record cites, in order of first citation, each once.

    A record's sources are derived from the ``[@source-id]`` citations in its
    Markdown fields, walked in field order, so the page numbers its Sources
    list as a reader meets the citations.
    """
    return list(dict.fromkeys(_citations(data)))


def _citations(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        if "[@" in value:
            yield from (c.source_id for c in markdown.citations(value))
    elif isinstance(value, dict):
        for child in value.values():
            yield from _citations(child)
    elif isinstance(value, list):
        for child in value:
            yield from _citations(child)


def recipient_states(gift: Record, actors: dict[str, Record]) -> set[str]:
    """The states a gift's recipients belong to (a state is its own)."""
    states = set()
    for actor_id in gift.data["recipients"]:
        actor = actors[actor_id]
        if actor.data["type"] == "state":
            states.add(actor_id)
        elif "state" in actor.data:
            states.add(actor.data["state"])
    return states


def in_force_on(sanction: Record, date: PartialDate) -> bool:
    """True only if the sanction was certainly in force on every day ``date`` may mean."""
    if sanction.data["record_type"] != "instrument":
        return False
    if sanction.data.get("legal_status") not in ("in-force", "lapsed", "lifted"):
        return False
    adopted = PartialDate.parse(sanction.data["adopted"])
    if adopted.last_day > date.first_day:
        return False
    ended = sanction.data.get("ended")
    return ended is None or PartialDate.parse(ended).first_day > date.last_day


def sanctions_relevance(by_kind: dict[str, dict[str, Record]]) -> Iterator[Relevance]:
    """Pairs of gift item and sanction measure whose category covers the item.

    A measure counts when the sanction was in force on the gift's date and
    targets the state of one of the gift's recipients. This states what the
    records show, not a legal finding.
    """
    # Index the measures that cover anything by the states they target, so
    # each gift looks only at sanctions that could concern it.
    by_target: dict[str, list[Record]] = defaultdict(list)
    for sanction in by_kind["sanctions"].values():
        if any(m.get("covers") for m in sanction.data.get("measures", [])):
            for target in sanction.data.get("targets", []):
                by_target[target].append(sanction)
    for gift in by_kind["gifts"].values():
        date = PartialDate.parse(gift.data["date"])
        states = recipient_states(gift, by_kind["actors"])
        categories = {item["category"] for item in gift.data["items"]}
        candidates = {
            s.id: s
            for state in sorted(states)
            for s in by_target.get(state, [])
            if categories & {c for m in s.data.get("measures", []) for c in m.get("covers", [])}
        }
        for sanction in sorted(candidates.values(), key=lambda s: s.id):
            if not in_force_on(sanction, date):
                continue
            for item in gift.data["items"]:
                for measure in sanction.data.get("measures", []):
                    if item["category"] in measure.get("covers", []):
                        yield Relevance(gift, item, sanction, measure)
