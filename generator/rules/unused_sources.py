"""Rule (warning): every source is cited by at least one record.

An uncited source is usually a citation someone forgot to add, or a record
that was deleted without its sources.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Rule, Severity
from .context import Context

RULE = "unused-source"
RULES = (Rule("unused-source", "A source that no record cites.", Severity.WARNING),)


def check(context: Context) -> Iterator[Diagnostic]:
    cited = {
        item.value
        for _, item in context.annotated()
        if item.schema.get("x-ref") == "sources" and isinstance(item.value, str)
    }
    for source_id, record in sorted(context.by_kind.get("sources", {}).items()):
        if source_id not in cited:
            yield context.diagnostic(
                record,
                (),
                f"the source `{source_id}` is not cited by any record: cite it where it "
                "supports a fact, or delete the file",
                RULE,
                severity=Severity.WARNING,
            )
