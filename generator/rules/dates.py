"""Rule: every date is a real calendar date (no 30 February, no month 13, no year 0)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..diagnostics import Diagnostic, Rule
from ..model import DateFormatError, ImpossibleDateError
from .context import Context

RULE = "invalid-date"
RULES = (Rule("invalid-date", "A date that does not exist (30 February, month 13, year 0)."),)


def check(context: Context) -> Iterator[Diagnostic]:
    for record, item, date in context.dates():
        if isinstance(date, ImpossibleDateError):
            yield context.diagnostic(
                record, item.path, f"`{item.value}` is not a real date: {date}", RULE
            )
        elif isinstance(date, DateFormatError) and _schema_accepts(item.schema, item.value):
            # A malformed date is the schema rule's to report. But its
            # pattern is run by Python's re, where `$` also matches before a
            # trailing newline, so `"2024-02-20\n"` gets past it: report here.
            yield context.diagnostic(
                record,
                item.path,
                f"`{item.value}` is not a date written YYYY, YYYY-MM or YYYY-MM-DD: remove the "
                "line break or other characters around it",
                RULE,
            )


def _schema_accepts(schema: dict, value: str) -> bool:
    pattern = schema.get("pattern")
    return pattern is None or re.search(pattern, value) is not None
