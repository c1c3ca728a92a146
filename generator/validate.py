"""Stage 2, validate: run every rule over the loaded content.

The build calls the same function as ``python -m generator validate``, so
the site is never built from content the validator would reject.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, sort_diagnostics
from .load import ContentTree, load_content
from .model import Record
from .rules import ALL_RULES, Context
from .schema import walk


def today_utc() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def normalize(record: Record) -> None:
    """Give text fields back the exact text of unquoted scalars.

    The loader reads ``model: 570`` or ``date: 2024`` as numbers because it
    cannot know the field. Where the schema expects text, the number goes
    back to exactly what was typed, so ``2024`` stays the year ``2024`` and
    ``1.10`` does not become ``1.1``.
    """
    raw = record.document.plain_scalars
    if not raw:
        return
    for item in walk(record.schema_name, record.data):
        if item.path in raw and item.schema.get("type") == "string" and item.value is not None:
            _set(item.parent, item.path[-1], raw[item.path])


def _set(parent: Any, key: str | int, value: str) -> None:
    if (isinstance(parent, dict) and isinstance(key, str)) or (
        isinstance(parent, list) and isinstance(key, int)
    ):
        parent[key] = value


def validate_tree(tree: ContentTree, today: dt.date | None = None) -> list[Diagnostic]:
    """All problems in the tree, load problems included, sorted."""
    for record in tree.records:
        normalize(record)
    context = Context(records=tree.records, today=today or today_utc(), unparsed=tree.unparsed)
    diagnostics = list(tree.diagnostics)
    for rule in ALL_RULES:
        diagnostics.extend(rule.check(context))
    return sort_diagnostics(diagnostics)


def load_and_validate(
    root: Path, content_dir: Path | None = None, today: dt.date | None = None
) -> tuple[ContentTree, list[Diagnostic]]:
    tree = load_content(root, content_dir)
    return tree, validate_tree(tree, today)
