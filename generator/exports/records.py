"""JSON exports: every record, with references resolved and Markdown as statements.

Each entry keeps the record as written (``data``, which validates against
the published schema of its kind) and adds ``resolved``: the same shape
with every reference replaced by ``{kind, id, name, url}`` and every
Markdown field by ``{markdown, statements}``, a statement being one
paragraph in plain text with the source ids it cites.
"""

from __future__ import annotations

from typing import Any

from ..history import History, dates_of, iso
from ..link import Site
from ..model import Record
from ..schema import inlined
from .common import kinds, label, page_url
from .statements import statements


def entry(record: Record, site: Site, history: History) -> dict[str, Any]:
    dates = dates_of(history, record.path)
    result: dict[str, Any] = {
        "kind": record.kind,
        "id": record.id,
        "name": label(record, site),
        "url": page_url(record.kind, record.id),
        "file": record.path,
    }
    if dates:
        result["added"] = iso(dates.added)
        result["updated"] = iso(dates.changed)
    name = site.kind(record).name
    result["schema"] = f"schemas/{name}.schema.json"
    result["data"] = record.data
    result["resolved"] = resolve(inlined(name), record.data, site)
    return result


def reference(kind: str, record_id: str, site: Site) -> dict[str, str]:
    # `x-ref: records` names a record of any kind (ids are unique across kinds).
    record = site.records[kind][record_id] if kind in site.records else site.find(record_id)
    assert record is not None  # validated by the references rule
    return {
        "kind": record.kind,
        "id": record_id,
        "name": label(record, site),
        "url": page_url(record.kind, record_id),
    }


def resolve(schema: dict[str, Any], value: Any, site: Site) -> Any:
    """``value`` with references and Markdown expanded, guided by its schema."""
    if "x-ref" in schema and isinstance(value, str):
        return reference(schema["x-ref"], value, site)
    if schema.get("x-markdown") and isinstance(value, str):
        return {"markdown": value, "statements": statements(value)}
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties")
        return {
            key: resolve(properties.get(key, extra if isinstance(extra, dict) else {}), child, site)
            for key, child in value.items()
        }
    if isinstance(value, list):
        items = schema.get("items", {})
        return [resolve(items if isinstance(items, dict) else {}, child, site) for child in value]
    return value


def all_entries(site: Site, history: History) -> dict[str, list[dict[str, Any]]]:
    """Entries per kind, in the site's kind order and sorted by id."""
    return {
        kind: [entry(record, site, history) for record in site.records[kind].values()]
        for kind in kinds(site)
    }
