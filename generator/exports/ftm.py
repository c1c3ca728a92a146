"""FollowTheMoney entities, one JSON object a line, for OpenSanctions and Aleph users.

The mapping, and what FtM cannot express, is described in ARCHITECTURE.md
("Data exports: FollowTheMoney"). Every entity is built through the
``followthemoney`` model, so a property the schema does not know, or a
value its type rejects, fails the build instead of producing bad data.
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from ..link import Site
from ..model import Record
from .common import label, page_url
from .statements import plain

if TYPE_CHECKING:
    from followthemoney.proxy import EntityProxy

# Actor type -> FtM schema. States are their governments (PublicBody with
# the country code); FtM has no schema for a state as such.
ACTOR_SCHEMA = {
    "person": "Person",
    "state": "PublicBody",
    "organization": "Organization",  # PublicBody when it acts for a state
    "media": "Organization",
    "company": "Company",
    "international-body": "PublicBody",
}


def entity_id(kind: str, record_id: str, *parts: str) -> str:
    return "-".join(["fs", kind.rstrip("s"), record_id, *parts])


class Builder:
    def __init__(self, site: Site, base_url: str) -> None:
        self.site = site
        self.base_url = base_url
        self.entities: list[EntityProxy] = []

    def make(self, schema: str, entity_id_: str) -> EntityProxy:
        from followthemoney import model  # imported here: 0.6 s, needed only for this file

        entity = model.make_entity(schema)
        entity.id = entity_id_
        self.entities.append(entity)
        return entity

    def add(self, entity: EntityProxy, prop: str, values: Any) -> None:
        """``entity.add``, each distinct value cleaned (so checked) by its type once.

        The same source URLs and publishers recur on thousands of entities;
        cleaning them afresh was most of this file's time. An unknown
        property still fails as FtM fails it, and a value its type rejects
        is still dropped.
        """
        prop_type = entity.schema.get(prop)
        if prop_type is None:
            entity.add(prop, values)  # raises FtM's own error
            return
        for value in values if isinstance(values, (list, tuple, set)) else [values]:
            cleaned = _clean(prop_type.type.name, prop_type.format, value)
            if cleaned is not None:
                entity.add(prop, cleaned, cleaned=True)

    def country(self, actor_id: str | None) -> str | None:
        """The ISO code of a state actor, or of the state an actor belongs to."""
        if not actor_id:
            return None
        actor = self.site.actor(actor_id)
        if actor.data["type"] != "state":
            return self.country(actor.data.get("state"))
        return _country_code((actor.data["name"], *actor.data.get("aliases", [])))

    def provenance(self, entity: EntityProxy, record: Record, source_ids: list[str]) -> None:
        """Source URLs and publishers, plus the fact sheet the entity comes from."""
        for source_id in source_ids:
            source = self.site.source(source_id).data
            self.add(entity, "sourceUrl", source["url"])
            self.add(entity, "publisher", source["publisher"])
        if self.base_url:
            self.add(entity, "sourceUrl", self.base_url + page_url(record.kind, record.id))
        if entity.schema.is_a("Thing"):
            for source_id in source_ids:
                doc = self.make("Documentation", entity.id + "-doc-" + source_id)
                self.add(doc, "document", entity_id("sources", source_id))
                self.add(doc, "entity", entity.id)
                self.add(doc, "role", "source")

    def actor(self, record: Record) -> None:
        data = record.data
        schema = ACTOR_SCHEMA[data["type"]]
        if data["type"] == "organization" and data.get("state"):
            schema = "PublicBody"
        entity = self.make(schema, entity_id("actors", record.id))
        self.add(entity, "name", data["name"])
        self.add(entity, "alias", list(data.get("native_names", {}).values()))
        self.add(entity, "alias", data.get("aliases", []))
        self.add(entity, "summary", plain(data["summary"]))
        code = self.country(record.id)
        if code:
            self.add(entity, "country" if data["type"] != "state" else "jurisdiction", code)
            if data["type"] == "state":
                self.add(entity, "country", code)
        if data.get("part_of"):
            self.add(entity, "parent", entity_id("actors", data["part_of"]))
        if schema == "Person":
            self.add(entity, "position", [role["title"] for role in data.get("roles", [])])
        self.provenance(entity, record, self.site.cites(record).order)

    def sanction(self, record: Record) -> None:
        data = record.data
        if data["record_type"] != "instrument":
            self.event(record, involved=data["imposed_by"] + data.get("targets", []))
            return
        for target in data.get("targets", []):
            entity = self.make("Sanction", entity_id("sanctions", record.id, target))
            self.add(entity, "entity", entity_id("actors", target))
            self.add(
                entity,
                "authority",
                [label(self.site.actor(a), self.site) for a in data["imposed_by"]],
            )
            self.add(entity, "program", data["instrument"])
            self.add(entity, "startDate", data["adopted"])
            self.add(entity, "endDate", data.get("ended"))
            self.add(entity, "status", data.get("legal_status"))
            self.add(entity, "provisions", [m["description"] for m in data.get("measures", [])])
            self.add(entity, "summary", plain(data["summary"]))
            self.add(entity, "country", [self.country(a) for a in data["imposed_by"]])
            self.provenance(entity, record, self.site.cites(record).order)

    def event(
        self, record: Record, involved: list[str], organizer: tuple[str, ...] | list[str] = ()
    ) -> EntityProxy:
        data = record.data
        entity = self.make("Event", entity_id(record.kind, record.id))
        self.add(entity, "name", label(record, self.site))
        self.add(entity, "summary", plain(data["summary"]))
        start = data.get("start") or data.get("date") or data.get("adopted")
        self.add(entity, "startDate", start)
        self.add(entity, "endDate", data.get("end") or data.get("ended"))
        self.add(entity, "date", start)
        self.add(entity, "organizer", [entity_id("actors", a) for a in organizer])
        self.add(entity, "involved", [entity_id("actors", a) for a in dict.fromkeys(involved)])
        self.provenance(entity, record, self.site.cites(record).order)
        return entity

    def gift(self, record: Record) -> None:
        data = record.data
        entity = self.event(record, data["givers"] + data["recipients"], data["givers"])
        self.add(entity, "description", [_item_text(item) for item in data["items"]])
        self.add(entity, "keywords", ["gift", *(item["category"] for item in data["items"])])
        self.add(entity, "country", [self.country(a) for a in data["givers"] + data["recipients"]])

    def visit(self, record: Record) -> None:
        data = record.data
        entity = self.event(record, data["visitors"] + data["hosts"], data["hosts"])
        self.add(entity, "keywords", "visit")
        self.add(
            entity,
            "location",
            [", ".join(filter(None, [p.get("site"), p["city"]])) for p in data["places"]],
        )
        self.add(entity, "country", [self.country(p["country"]) for p in data["places"]])
        self.add(entity, "notes", [plain(o["summary"]) for o in data.get("outcomes", [])])

    def source(self, record: Record) -> None:
        data = record.data
        entity = self.make("Article", entity_id("sources", record.id))
        self.add(entity, "title", data.get("title") or data["about"])
        self.add(entity, "summary", data["about"])
        self.add(entity, "publisher", data["publisher"])
        self.add(entity, "sourceUrl", data["url"])
        self.add(entity, "sourceUrl", data.get("archive_url"))
        self.add(entity, "language", data["language"])
        self.add(entity, "publishedAt", data.get("published"))


def _item_text(item: dict[str, Any]) -> str:
    text = item["description"]
    if item.get("quantity"):
        text = f"{item['quantity']} × {text}"
    if item.get("model") and item["model"] != "unknown":
        text += f" ({item['model']})"
    return text


@lru_cache(maxsize=65536)
def _clean(type_name: str, format: str | None, value: Any) -> str | None:
    from followthemoney.types import registry

    return registry.get(type_name).clean(value, format=format)


@cache
def _labels() -> dict[str, str]:
    from followthemoney.types import registry

    return {label.casefold(): code for code, label in registry.country.names.items()}


@lru_cache(maxsize=4096)  # FtM's fuzzy lookup is slow, and every event asks again
def _country_code(names: tuple[str, ...]) -> str | None:
    """The ISO code FtM gives a state's name or one of its aliases.

    FtM's own labels are matched first; its fuzzy lookup (which loads a
    large name index, about a second) runs only for names they miss.
    """
    for name in names:
        if name.casefold() in _labels():
            return _labels()[name.casefold()]
    from followthemoney.types import registry

    for name in names:
        code = registry.country.clean(name)
        if code:
            return code
    return None


def entities(site: Site, base_url: str = "") -> list[dict[str, Any]]:
    builder = Builder(site, base_url)
    for record in site.records["sources"].values():
        builder.source(record)
    for record in site.records["actors"].values():
        builder.actor(record)
    # Kinds without a mapping here (a kind added later) are left out of
    # this file; they are in records.json and the CSV tables.
    for kind, build in (
        ("gifts", builder.gift),
        ("visits", builder.visit),
        ("sanctions", builder.sanction),
    ):
        for record in site.records.get(kind, {}).values():
            build(record)
    result = []
    for entity in builder.entities:
        data = entity.to_dict()
        # Property values keep a stable order whatever FtM stores them in.
        data["properties"] = {k: sorted(v) for k, v in sorted(data["properties"].items())}
        result.append(data)
    return sorted(result, key=lambda e: e["id"])


def ftm_text(site: Site, base_url: str = "") -> tuple[str, int]:
    lines = [json.dumps(e, ensure_ascii=False, sort_keys=True) for e in entities(site, base_url)]
    return "".join(line + "\n" for line in lines), len(lines)
