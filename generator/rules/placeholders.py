"""Rule: no ``TODO`` placeholder from ``new <kind> <id>`` is left in a record."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Rule
from ..model import PLACEHOLDER
from .context import Context

RULE = "unfilled-placeholder"
RULES = (Rule("unfilled-placeholder", "A `TODO` placeholder from `new` left in a record."),)


def is_placeholder(value: object) -> bool:
    return isinstance(value, str) and value.startswith(PLACEHOLDER)


def check(context: Context) -> Iterator[Diagnostic]:
    for record in context.records:
        yield from _walk(context, record, record.data, ())


def _walk(context: Context, record, value, path) -> Iterator[Diagnostic]:
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _walk(context, record, child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _walk(context, record, child, (*path, index))
    elif is_placeholder(value):
        yield context.diagnostic(
            record,
            path,
            f"still holds the placeholder `{value}`: replace it with the real value",
            RULE,
        )
