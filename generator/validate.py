"""Stage 2, validate: run every rule over the loaded content.

The build calls the same function as ``python -m generator validate``, so
the site is never built from content the validator would reject.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .diagnostics import Diagnostic, sort_diagnostics
from .load import ContentTree, load_content
from .rules import ALL_RULES, Context, Page


def today_utc() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def validate_tree(tree: ContentTree, today: dt.date | None = None) -> list[Diagnostic]:
    """All problems in the tree, load problems included, sorted."""
    context = Context(
        records=tree.records,
        today=today or today_utc(),
        unparsed=tree.unparsed,
        pages=read_pages(tree),
    )
    diagnostics = list(tree.diagnostics)
    for rule in ALL_RULES:
        diagnostics.extend(rule.check(context))
    return sort_diagnostics(diagnostics)


def read_pages(tree: ContentTree) -> list[Page]:
    """The hand-written pages, for the page rule."""
    return [Page(page.name, page.shown, page.text) for page in tree.pages]


def load_and_validate(
    root: Path, content_dir: Path | None = None, today: dt.date | None = None
) -> tuple[ContentTree, list[Diagnostic]]:
    tree = load_content(root, content_dir)
    return tree, validate_tree(tree, today)
