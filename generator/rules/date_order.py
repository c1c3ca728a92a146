"""Rule: an end date is not before its start date.

Which dates pair up is declared in the schema with ``x-not-before``, for
example visit ``end`` not before ``start`` and gift ``reported`` not before
``date``. Two dates of different precision are in order when they could be:
``2023-09`` may start a visit that ends on ``2023-09-17``.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Rule
from ..model import DateFormatError, ImpossibleDateError, PartialDate
from .context import Context

RULE = "date-order"
RULES = (
    Rule(
        "date-order",
        "An end date before its start date (for example a visit's `end` before `start`).",
    ),
)


def check(context: Context) -> Iterator[Diagnostic]:
    for record, item in context.annotated():
        earlier_field = item.schema.get("x-not-before")
        if not earlier_field or not isinstance(item.parent, dict):
            continue
        earlier_text = item.parent.get(earlier_field)
        if not isinstance(item.value, str) or not isinstance(earlier_text, str):
            continue
        try:
            later = PartialDate.parse(item.value)
            earlier = PartialDate.parse(earlier_text)
        except (DateFormatError, ImpossibleDateError):
            continue  # reported by the invalid-date or schema rule
        if later.last_day < earlier.first_day:
            yield context.diagnostic(
                record,
                item.path,
                f"`{item.value}` is before `{earlier_field}` ({earlier_text}): "
                f"swap the two dates or correct one of them",
                RULE,
            )
