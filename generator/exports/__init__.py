"""The data behind the pages, as files published with the site.

``export_files`` returns ``{path relative to the docs dir: text}``; the
writer puts them next to the generated pages, and MkDocs copies them into
the site unchanged. Everything here is a pure function of the content and
its git history: no clocks, so two builds of one commit give the same bytes.
"""

from __future__ import annotations

import hashlib
from typing import Any

from ..history import History, load_history
from ..link import Site
from ..schema import load_schema
from ..settings import Settings
from .common import encode, json_records, json_text, kinds, schema_names, site_url
from .datapage import data_page
from .feed import feed_xml
from .ftm import ftm_text
from .meta import page_meta
from .records import all_entries
from .tables import csv_text, datapackage, tables

__all__ = ["export_files", "page_meta"]

FTM_FILE = "data/entities.ftm.jsonl"


def export_files(site: Site, settings: Settings, history: History | None = None) -> dict[str, str]:
    """Every data file, the published schemas, the feed and the Data page (``data.md``)."""
    if history is None:
        history = load_history(settings.root, settings.content_dir)
    base = site_url(settings)
    files: dict[str, str] = {}
    counts: dict[str, int | None] = {}
    about: dict[str, str] = {}

    names = kinds(site)
    entries = all_entries(site, history)
    lines = {kind: [encode(e) for e in entries[kind]] for kind in names}
    everything = [line for kind in names for line in lines[kind]]
    files["data/records.json"] = json_records({}, everything)
    counts["data/records.json"] = len(everything)
    about["data/records.json"] = (
        "Every record, as written and with references resolved and Markdown split into "
        "statements with the sources they cite."
    )
    for kind, name in names.items():
        path = f"data/{kind}.json"
        head = {"kind": kind, "schema": f"schemas/{name}.schema.json"}
        files[path] = json_records(head, lines[kind])
        counts[path] = len(entries[kind])
        about[path] = f"The {kind} only, in the same form as records.json."

    all_tables = tables(site)
    for table in all_tables:
        path = f"data/{table.path}"
        files[path] = csv_text(table)
        counts[path] = len(table.rows)
        about[path] = (
            f"CSV: one row per {names[table.name]}."
            if table.name in names
            else f"CSV: one row per entry in the {table.parent}' "
            f"{table.name.split('-', 1)[1]} lists."
        )
    files["data/datapackage.json"] = json_text(
        datapackage(all_tables, "factsheets", settings.site_name)
    )
    counts["data/datapackage.json"] = len(all_tables)
    about["data/datapackage.json"] = (
        "Frictionless Data Package: a Table Schema for every CSV file (counted: tables)."
    )

    ftm, entity_count = ftm_text(site, base)
    files[FTM_FILE] = ftm
    counts[FTM_FILE] = entity_count
    about[FTM_FILE] = "FollowTheMoney entities, one JSON object a line (counted: entities)."

    for name in schema_names(site):
        path = f"schemas/{name}.schema.json"
        files[path] = json_text(load_schema(name))
        counts[path] = None
        about[path] = (
            f"The JSON Schema of the {name} records."
            if name in names.values()
            else "Types the other schemas share."
        )

    feed, feed_count = feed_xml(site, history, settings.site_name, base)
    files["feed.xml"] = feed
    counts["feed.xml"] = feed_count
    about["feed.xml"] = "Atom feed of records added or changed, newest first."

    files["data/index.json"] = json_text(
        {
            "files": [
                _describe(path, files[path], counts[path], about[path]) for path in sorted(files)
            ]
        }
    )
    counts["data/index.json"] = len(files) - 1
    about["data/index.json"] = "This list, with each file's size, record count and SHA-256."
    files["data.md"] = data_page(files, counts, about, settings.site_name, base)
    return dict(sorted(files.items()))


def _describe(path: str, text: str, count: int | None, about: str) -> dict[str, Any]:
    data = text.encode("utf-8")
    return {
        "path": path,
        "bytes": len(data),
        "records": count,
        "sha256": hashlib.sha256(data).hexdigest(),
        "description": about,
    }
