"""What every rule sees: all records, indexed, plus today's date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..diagnostics import Diagnostic, Severity
from ..model import GENERATED_PAGES, PLACEHOLDER, JsonPath, PartialDate, Record, format_path
from ..schema import Annotated, walk


@dataclass(frozen=True)
class Page:
    """A hand-written page: its name, its path as printed, its text."""

    name: str
    path: str
    text: str


@dataclass
class Context:
    records: list[Record]
    today: dt.date
    unparsed: set[tuple[str, str]] = field(default_factory=set)
    pages: list[Page] = field(default_factory=list)
    by_kind: dict[str, dict[str, Record]] = field(init=False)

    def __post_init__(self) -> None:
        self._annotated: list[tuple[Record, Annotated]] | None = None
        self.by_kind = {}
        for record in self.records:
            # The first record with an id wins; duplicate_ids reports the rest.
            self.by_kind.setdefault(record.kind, {}).setdefault(record.id, record)

    def page_targets(self) -> set[str]:
        """Every page a hand-written page may link to, as ``folder/id.md``."""
        targets = set(GENERATED_PAGES) | {p.name for p in self.pages}
        for folder, records in self.by_kind.items():
            targets.add(f"{folder}/index.md")
            targets.update(f"{folder}/{record_id}.md" for record_id in records)
        return targets

    def annotated(self) -> Iterator[tuple[Record, Annotated]]:
        """Every value of every record, with the schema that describes it.

        Placeholders left by ``new`` are skipped: the placeholder rule alone
        reports them, with what to write instead.
        """
        if self._annotated is None:  # walked once, shared by every rule
            self._annotated = [
                (record, item)
                for record in self.records
                for item in walk(record.schema_name, record.data)
                if not (isinstance(item.value, str) and item.value.startswith(PLACEHOLDER))
            ]
        yield from self._annotated

    def dates(self) -> Iterator[tuple[Record, Annotated, PartialDate | ValueError]]:
        """Every date field, parsed, or with the reason it cannot be parsed."""
        for record, item in self.annotated():
            if item.schema.get("x-date") and isinstance(item.value, str):
                try:
                    yield record, item, PartialDate.parse(item.value)
                except ValueError as error:
                    yield record, item, error

    def diagnostic(
        self,
        record: Record,
        path: JsonPath,
        message: str,
        rule: str,
        *,
        severity: Severity = Severity.ERROR,
        key: bool = False,
    ) -> Diagnostic:
        """A diagnostic at ``path`` in ``record``, prefixed with the field name."""
        mark = record.document.mark(path, key=key)
        where = format_path(path)
        text = f"{where}: {message}" if where else message
        return Diagnostic(record.path, mark.line, mark.col, severity, text, rule)
