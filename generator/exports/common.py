"""What every export shares: record labels, URLs, JSON text, the site's address."""

from __future__ import annotations

import json
from typing import Any

from ..link import Site
from ..model import Record
from ..settings import Settings


def label(record: Record, site: Site) -> str:
    """The name a reader knows the record by (its page title)."""
    return site.title(record)


def page_url(kind: str, record_id: str) -> str:
    """The record's page, relative to the site root (the site has no directory URLs)."""
    return f"{kind}/{record_id}.html"


def kinds(site: Site) -> dict[str, str]:
    """``{folder: schema name}`` of every kind, in site order."""
    return site.registry.folders()


def schema_names(site: Site) -> list[str]:
    """Every published schema file's name (kinds and shared definitions)."""
    folder = site.registry.schemas_dir
    return sorted(p.name.removesuffix(".schema.json") for p in folder.glob("*.schema.json"))


def json_text(value: Any) -> str:
    """Stable JSON: UTF-8 text as written, two-space indent, one trailing newline."""
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def json_records(head: dict[str, Any], lines: list[str]) -> str:
    """An object whose ``records`` array holds one pre-encoded record a line.

    Compact lines use the C encoder (an indented dump of 5,000 records took
    2 s), and a changed record is still a one-line diff.
    """
    opening = json.dumps({**head, "records": []}, ensure_ascii=False)[:-2]
    return opening + "\n" + ",\n".join(lines) + "\n]}\n"


def encode(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def site_url(settings: Settings) -> str:
    """``site_url`` from mkdocs.yml with one trailing slash, or "" when unset."""
    url = settings.site_url
    return url.rstrip("/") + "/" if url else ""
