"""CSV tables and their Frictionless Data Package, derived from the JSON Schemas.

Flattening, the same for every kind (documented in ARCHITECTURE.md):

* one table per kind, one row per record, keyed by ``id``;
* a nested object becomes dotted columns: ``claim.status``, ``vote.against``;
* a list of ids or of fixed values (actor ids, source ids, categories)
  becomes one cell joined with ``"; "`` (ids and these values never
  contain a semicolon);
* a list of free text (aliases, unverified points) becomes a JSON array in
  one cell, typed ``array`` in the Table Schema, so no separator can clash
  with the text;
* a map (``native_names``) becomes a JSON object in one cell (``object``);
* a list of objects (gift items, visit places and outcomes, actor roles,
  sanction measures) becomes its own table, ``<kind>-<field>``, one row per
  entry, with the record's id and the entry's 1-based position.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..link import Site
from ..schema import inlined
from .common import kinds, page_url

JOIN = "; "


@dataclass
class Column:
    name: str
    get: Callable[[dict[str, Any]], str]
    field: dict[str, Any]  # the Table Schema field
    ref: str | None = None  # the kind a single reference points to


@dataclass
class Table:
    name: str  # the resource name and the file name, without .csv
    columns: list[Column]
    rows: list[list[str]]
    primary_key: list[str]
    parent: str | None = None  # the kind whose records the rows belong to
    description: str = ""

    @property
    def path(self) -> str:
        return f"{self.name}.csv"


def _is_object(schema: dict[str, Any]) -> bool:
    return schema.get("type") == "object" or "properties" in schema


def _scalar_list(items: dict[str, Any]) -> bool:
    """True for lists whose values are ids or fixed words, safe to join with "; "."""
    return "x-ref" in items or "enum" in items


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return str(value)


def _field(name: str, schema: dict[str, Any], required: bool) -> dict[str, Any]:
    field: dict[str, Any] = {"name": name, "type": "string"}
    if schema.get("type") == "integer":
        field["type"] = "integer"
    if schema.get("description"):
        field["description"] = schema["description"]
    constraints: dict[str, Any] = {}
    if required:
        constraints["required"] = True
    if "enum" in schema:
        constraints["enum"] = list(schema["enum"])
    if schema.get("x-date"):
        # Table Schema patterns match the whole value, so the anchors go.
        constraints["pattern"] = schema["pattern"].strip("^$")
        field["description"] = (
            field.get("description", "") + " Written YYYY, YYYY-MM or YYYY-MM-DD."
        ).strip()
    if "minimum" in schema:
        constraints["minimum"] = schema["minimum"]
    if constraints:
        field["constraints"] = constraints
    return field


def _columns(
    schema: dict[str, Any], prefix: str = "", required: bool = True
) -> tuple[list[Column], list[tuple[str, dict[str, Any]]]]:
    """Columns for an object schema, and the lists of objects that need their own table."""
    columns: list[Column] = []
    children: list[tuple[str, dict[str, Any]]] = []
    needed = set(schema.get("required", [])) if required else set()
    for key, prop in schema.get("properties", {}).items():
        name = prefix + key

        def get(data: dict[str, Any], key: str = key) -> Any:
            return data.get(key) if isinstance(data, dict) else None

        if prop.get("type") == "array" and _is_object(prop.get("items", {})):
            children.append((key, prop))
            continue
        if _is_object(prop) and "properties" in prop:
            sub, _ = _columns(prop, name + ".", key in needed)
            for column in sub:
                column.get = lambda data, c=column.get, g=get: c(g(data) or {})
            columns.extend(sub)
            continue
        field = _field(name, prop, key in needed)
        ref = None
        if prop.get("type") == "array":
            items = prop.get("items", {})
            if _scalar_list(items):
                field["description"] = (
                    field.get("description", "") + ' Several values are joined with "; ".'
                ).strip()
                column_get = lambda data, g=get: JOIN.join(g(data) or [])  # noqa: E731
            else:
                field["type"] = "array"
                field["description"] = (field.get("description", "") + " A JSON array.").strip()
                column_get = lambda data, g=get: (  # noqa: E731
                    json.dumps(g(data), ensure_ascii=False) if g(data) else ""
                )
        elif _is_object(prop):  # a map such as native_names
            field["type"] = "object"
            field["description"] = (field.get("description", "") + " A JSON object.").strip()
            column_get = lambda data, g=get: (  # noqa: E731
                json.dumps(g(data), ensure_ascii=False, sort_keys=True) if g(data) else ""
            )
        else:
            ref = prop.get("x-ref")
            column_get = lambda data, g=get: _cell(g(data))  # noqa: E731
        columns.append(Column(name, column_get, field, ref))
    return columns, children


def tables(site: Site) -> list[Table]:
    """Every table: each kind's, then its item tables, in the site's kind order."""
    result = []
    for kind, name in kinds(site).items():
        schema = inlined(name)
        columns, children = _columns(schema)
        id_column = Column(
            "id",
            lambda data: "",
            {
                "name": "id",
                "type": "string",
                "description": "The record's id: its file name without .yaml.",
                "constraints": {"required": True, "unique": True},
            },
        )
        url_column = Column(
            "fact_sheet",
            lambda data: "",
            {
                "name": "fact_sheet",
                "type": "string",
                "description": "The record's page on the site, relative to the site root.",
            },
        )
        records = list(site.records[kind].values())
        rows = [[r.id, page_url(kind, r.id), *(c.get(r.data) for c in columns)] for r in records]
        result.append(
            Table(
                kind,
                [id_column, url_column, *columns],
                rows,
                ["id"],
                description=schema.get("description", ""),
            )
        )
        for key, prop in children:
            item_columns, _ = _columns(prop["items"])
            owner = name + "_id"
            lead = [
                Column(
                    owner,
                    lambda d: "",
                    {
                        "name": owner,
                        "type": "string",
                        "description": f"The id of the {name} this row belongs to.",
                        "constraints": {"required": True},
                    },
                    kind,
                ),
                Column(
                    "position",
                    lambda d: "",
                    {
                        "name": "position",
                        "type": "integer",
                        "description": "The entry's place in the record's list, from 1.",
                        "constraints": {"required": True, "minimum": 1},
                    },
                ),
            ]
            item_rows = [
                [r.id, str(n), *(c.get(item) for c in item_columns)]
                for r in records
                for n, item in enumerate(r.data.get(key, []), start=1)
            ]
            result.append(
                Table(
                    f"{kind}-{key}".replace("_", "-"),
                    lead + item_columns,
                    item_rows,
                    [owner, "position"],
                    parent=kind,
                    description=prop.get("description", ""),
                )
            )
    return result


def csv_text(table: Table) -> str:
    """RFC 4180: a header row, CRLF line ends, quotes only where needed."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.name for c in table.columns])
    writer.writerows(table.rows)
    return buffer.getvalue()


def table_schema(table: Table) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "fields": [c.field for c in table.columns],
        "primaryKey": table.primary_key,
        "missingValues": [""],
    }
    keys = [
        {"fields": c.name, "reference": {"resource": c.ref, "fields": "id"}}
        for c in table.columns
        if c.ref
    ]
    if keys:
        schema["foreignKeys"] = keys
    return schema


def datapackage(all_tables: list[Table], name: str, title: str) -> dict[str, Any]:
    return {
        "profile": "tabular-data-package",
        "name": name,
        "title": title,
        "description": (
            "Every record of the site as CSV tables, one per kind and one per list of "
            "entries (gift items, visit places, ...). Paths are relative to this file."
        ),
        "resources": [
            {
                "name": table.name,
                "path": table.path,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": table.description,
                "schema": table_schema(table),
            }
            for table in all_tables
        ],
    }
