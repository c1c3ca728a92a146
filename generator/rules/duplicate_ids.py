"""Rule: an id names one record only, across all kinds.

Ids come from file names, so a duplicate is ``kim.yaml`` beside ``kim.yml``,
or the same name in two kinds, which would make references ambiguous to a
reader even though the validator knows each reference's kind.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Rule, Severity
from .context import Context

RULE = "duplicate-id"
RULES = (Rule("duplicate-id", "The same id used by two records, of any kinds."),)


def check(context: Context) -> Iterator[Diagnostic]:
    first_seen: dict[str, str] = {}
    for record in sorted(context.records, key=lambda r: r.path):
        if record.id in first_seen:
            yield Diagnostic(
                record.path,
                1,
                1,
                Severity.ERROR,
                f"the id `{record.id}` is already used by {first_seen[record.id]}: "
                "rename one of the files so every id is unique",
                RULE,
            )
        else:
            first_seen[record.id] = record.path
