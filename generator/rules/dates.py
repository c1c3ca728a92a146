"""Rule: every date is a real calendar date (no 30 February, no month 13)."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic
from ..model import PartialDate
from .context import Context

RULE = "invalid-date"


def check(context: Context) -> Iterator[Diagnostic]:
    for record, item in context.annotated():
        if not item.schema.get("x-date") or not isinstance(item.value, str):
            continue
        try:
            PartialDate.parse(item.value)
        except ValueError as error:
            if "YYYY" in str(error):
                continue  # a malformed date: the schema rule already says so
            yield context.diagnostic(
                record, item.path, f"`{item.value}` is not a real date: {error}", RULE
            )
