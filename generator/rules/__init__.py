"""Validation rules, one per module, in the manner of a linter.

Each module has a ``RULE`` id (the tag printed after every diagnostic) and a
``check(context)`` generator. The schema rule runs first; the others look
past it at what JSON Schema cannot express: references between files,
dates against each other and today, Markdown, web addresses.
"""

from __future__ import annotations

from types import ModuleType

from ..diagnostics import Rule
from . import (
    citations,
    corroboration,
    date_order,
    dates,
    duplicate_ids,
    future_dates,
    markdown,
    pages,
    placeholders,
    references,
    schema_check,
    unused_sources,
    urls,
)
from .context import Context, Page

ALL_RULES: list[ModuleType] = [
    placeholders,
    schema_check,
    dates,
    future_dates,
    date_order,
    duplicate_ids,
    references,
    citations,
    urls,
    markdown,
    pages,
    corroboration,
    unused_sources,
]


def catalog() -> dict[str, Rule]:
    """Every rule id a diagnostic can carry, the loader's included, by id."""
    from .. import load

    declared = [*load.RULES, *(rule for module in ALL_RULES for rule in module.RULES)]
    return {rule.id: rule for rule in declared}


__all__ = ["ALL_RULES", "Context", "Page", "catalog"]
