"""The kind registry: what each kind of record is, read from its JSON Schema.

A schema file that carries an ``x-kind`` block declares a kind of record:
its folder under ``content/``, its labels, the field that dates it, the
fields that name actors (and how an actor's page titles them), the columns
of its index and its search weight. Everything that needs to know the kinds
(loading, linking, page templates, the command line, the navigation, the
editor mapping, the scaffold, the benchmark) reads them from here, so a new
kind is one schema file plus its page template.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

SCHEMA_SUFFIX = ".schema.json"


@dataclass(frozen=True)
class Backlink:
    """A field of this kind that names actors, and the heading on the actor's page."""

    field: str
    heading: str


@dataclass(frozen=True)
class Relation:
    """How a record of this kind links two actors in the network picture."""

    source: str  # field naming the actors who act: ``givers``
    target: str  # field naming the actors acted on: ``recipients``
    name: str  # ``gift``
    verb: str  # ``gave a gift to``


@dataclass(frozen=True)
class Column:
    """One column of a kind's index table.

    ``value`` is a path into the record (``claim.status``, ``items[].category``);
    ``show`` says how to print it; ``sort`` and ``filter`` say how readers
    may sort and filter by it.
    """

    heading: str
    show: str
    value: str = ""
    sort: str = ""
    filter: str = ""


@dataclass(frozen=True)
class Kind:
    """One kind of record, as its schema declares it."""

    name: str  # the schema's name, singular: ``gift``
    folder: str  # under content/ and in the site: ``gifts``
    label: str  # ``Gift``
    plural: str  # ``Gifts``
    order: int
    title_fields: tuple[str, ...]
    date_field: str | None = None
    end_field: str | None = None
    timeline: bool = False
    search_boost: float = 1.0
    backlinks: tuple[Backlink, ...] = ()
    columns: tuple[Column, ...] = ()
    relation: Relation | None = None
    jsonld_type: str = "CreativeWork"  # schema.org type of its pages' JSON-LD
    schema_file: str = ""

    @property
    def template(self) -> str:
        return f"{self.name}.md.j2"

    def title_of(self, data: dict[str, Any], fallback: str) -> str:
        for name in self.title_fields:
            if isinstance(data.get(name), str):
                return data[name]
        return fallback


@dataclass(frozen=True)
class Registry:
    """Every kind, in site order, with lookups by folder and by name."""

    kinds: tuple[Kind, ...]
    schemas_dir: Path
    by_folder: dict[str, Kind] = field(init=False, compare=False)
    by_name: dict[str, Kind] = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_folder", {k.folder: k for k in self.kinds})
        object.__setattr__(self, "by_name", {k.name: k for k in self.kinds})

    def __iter__(self) -> Iterator[Kind]:
        return iter(self.kinds)

    def folders(self) -> dict[str, str]:
        """``{folder: schema name}``, the mapping the loader needs."""
        return {k.folder: k.name for k in self.kinds}

    def lookup(self, word: str) -> Kind | None:
        """A kind by its folder or schema name, in any case: ``gift``, ``Gifts``."""
        word = word.lower()
        return self.by_folder.get(word) or self.by_name.get(word)

    def timeline_kinds(self) -> list[Kind]:
        return [k for k in self.kinds if k.timeline]


def default_schemas_dir() -> Path:
    # The package's own schemas, wherever the package is installed or copied.
    return Path(__file__).resolve().parent / "schemas"


@cache
def load_registry(schemas_dir: Path | None = None) -> Registry:
    """Read every ``*.schema.json`` with an ``x-kind`` block in ``schemas_dir``."""
    folder = schemas_dir or default_schemas_dir()
    kinds = []
    for path in sorted(folder.glob(f"*{SCHEMA_SUFFIX}")):
        schema = json.loads(path.read_text("utf-8"))
        block = schema.get("x-kind")
        if isinstance(block, dict):
            kinds.append(_kind(path.name.removesuffix(SCHEMA_SUFFIX), block, path.name))
    return Registry(tuple(sorted(kinds, key=lambda k: (k.order, k.name))), folder)


def _kind(name: str, block: dict[str, Any], schema_file: str) -> Kind:
    return Kind(
        name=name,
        folder=block["folder"],
        label=block["label"],
        plural=block["plural"],
        order=int(block.get("order", 100)),
        title_fields=tuple(block.get("title_field", ["title"])),
        date_field=block.get("date_field"),
        end_field=block.get("end_field"),
        timeline=bool(block.get("timeline", False)),
        search_boost=float(block.get("search_boost", 1.0)),
        backlinks=tuple(Backlink(**b) for b in block.get("backlinks", [])),
        columns=tuple(Column(**c) for c in block.get("columns", [])),
        relation=Relation(**block["relation"]) if "relation" in block else None,
        jsonld_type=str(block.get("jsonld_type", "CreativeWork")),
        schema_file=schema_file,
    )


def enum_label(schema: dict[str, Any], value: str) -> str:
    """The reader's word for an enum value: ``x-labels`` if given, else ``In force`` from ``in-force``."""
    labels = schema.get("x-labels") or {}
    if value in labels:
        return str(labels[value])
    text = str(value).replace("-", " ")
    return text[:1].upper() + text[1:]
