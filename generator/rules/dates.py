"""Rule: every date is a real calendar date (no 30 February, no month 13)."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic
from .context import Context

RULE = "invalid-date"


def check(context: Context) -> Iterator[Diagnostic]:
    for record, item, date in context.dates():
        # A malformed date (not YYYY, YYYY-MM or YYYY-MM-DD) is the schema
        # rule's to report; this one reports well-formed impossible dates.
        if isinstance(date, ValueError) and "YYYY" not in str(date):
            yield context.diagnostic(
                record, item.path, f"`{item.value}` is not a real date: {date}", RULE
            )
