"""Rule: no date lies in the future. A fact sheet records what has happened."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic
from ..model import PartialDate
from .context import Context

RULE = "future-date"


def check(context: Context) -> Iterator[Diagnostic]:
    for record, item in context.annotated():
        if not item.schema.get("x-date") or not isinstance(item.value, str):
            continue
        try:
            date = PartialDate.parse(item.value)
        except ValueError:
            continue  # reported by the invalid-date rule
        if date.first_day > context.today:
            yield context.diagnostic(
                record,
                item.path,
                f"`{item.value}` is in the future (today is {context.today.isoformat()}): "
                "record only what has happened, and check the year for a typo",
                RULE,
            )
