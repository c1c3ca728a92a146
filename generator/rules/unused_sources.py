"""Rule (warning): every source is cited by at least one record.

An uncited source is usually a citation someone forgot to add, or a record
that was deleted without its sources.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import markdown
from ..diagnostics import Diagnostic, Rule, Severity
from .context import Context

RULE = "unused-source"
RULES = (Rule("unused-source", "A source that no record cites.", Severity.WARNING),)


def check(context: Context) -> Iterator[Diagnostic]:
    cited = {
        citation.source_id
        for _, item in context.annotated()
        if item.schema.get("x-markdown") and isinstance(item.value, str)
        for citation in markdown.citations(item.value)
    }
    for source_id, record in sorted(context.by_kind.get("sources", {}).items()):
        if source_id not in cited:
            yield context.diagnostic(
                record,
                (),
                f"the source `{source_id}` is not cited by any record: cite it as `[@"
                + source_id
                + "]` after "
                "the sentence it supports, or delete the file",
                RULE,
                severity=Severity.WARNING,
            )
