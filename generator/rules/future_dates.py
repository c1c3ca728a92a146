"""Rule: no date lies in the future. A fact sheet records what has happened."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Rule
from ..model import PartialDate
from .context import Context

RULE = "future-date"
RULES = (Rule("future-date", "A date in the future."),)


def check(context: Context) -> Iterator[Diagnostic]:
    for record, item, date in context.dates():
        # A date of month or year precision may still be today: only its
        # first possible day counts.
        if isinstance(date, PartialDate) and date.first_day > context.today:
            yield context.diagnostic(
                record,
                item.path,
                f"`{item.value}` is in the future (today is {context.today.isoformat()}): "
                "record only what has happened, and check the year for a typo",
                RULE,
            )
