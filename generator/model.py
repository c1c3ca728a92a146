"""The record model: small typed classes shared by every stage."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

# Pages the generator writes besides record pages and kind indexes; a
# hand-written page in content/pages/ may not take one of these names.
GENERATED_PAGES = ("index.md", "timeline.md", "reference.md", "data.md")

# What `new <kind> <id>` writes for every value to fill in; the validator
# refuses it until it is replaced.
PLACEHOLDER = "TODO"

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

JsonPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Mark:
    """A 1-based line and column in a source file."""

    line: int
    col: int


@dataclass
class Document:
    """Parsed YAML data plus where every key and value stood in the file."""

    data: Any
    value_marks: dict[JsonPath, Mark] = field(default_factory=dict)
    key_marks: dict[JsonPath, Mark] = field(default_factory=dict)
    # The typed text of unquoted scalars that were read as numbers or
    # booleans, so a text field can get back exactly what was written.
    plain_scalars: dict[JsonPath, str] = field(default_factory=dict)

    def mark(self, path: JsonPath, *, key: bool = False) -> Mark:
        """The position of ``path``, or of its nearest ancestor that exists.

        With ``key`` the mapping key is preferred over its value, which is
        where an editor should put the cursor for an unknown field.
        """
        path = tuple(path)
        while True:
            if key and path in self.key_marks:
                return self.key_marks[path]
            if path in self.value_marks:
                return self.value_marks[path]
            if not path:
                return Mark(1, 1)
            path = path[:-1]


@dataclass
class Record:
    """One fact record: one YAML file under ``content/<kind>/``."""

    kind: str
    id: str
    path: str  # relative to the project root, with forward slashes
    document: Document

    @property
    def data(self) -> dict[str, Any]:
        return self.document.data

    @property
    def schema_name(self) -> str:
        from .kinds import load_registry  # the registry reads the schemas, above the model

        return load_registry().by_folder[self.kind].name


def format_path(path: JsonPath) -> str:
    """``("items", 0, "model")`` -> ``items[0].model``, as a contributor reads it."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


MONTHS = [calendar.month_name[m] for m in range(1, 13)]


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to a year, a month or a day, never more precise than the source.

    ``2024-02`` stays February 2024: it is never widened to 1 February.
    """

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raise ValueError if impossible."""
        return _parse_date(text)

    @classmethod
    def _parse(cls, text: str) -> PartialDate:
        match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text)
        if not match:
            raise ValueError(f"{text!r} is not written YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(g) if g else None for g in match.groups())
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"{text} has no month {month:02d}")
        if day is not None:
            assert month is not None
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise ValueError(f"{MONTHS[month - 1]} {year} has {last} days, not {day}")
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        month = self.month or 12
        return dt.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def human(self) -> str:
        """``20 February 2024``, ``February 2024`` or ``2024``."""
        if self.month is None:
            return str(self.year)
        month = MONTHS[self.month - 1]
        return f"{self.day} {month} {self.year}" if self.day else f"{month} {self.year}"

    def sort_key(self) -> tuple[int, int, int]:
        # A less precise date sorts before the precise dates it contains.
        return (self.year, self.month or 0, self.day or 0)


@cache
def _parse_date(text: str) -> PartialDate:
    # Cached: the same dates are compared many times when linking. The
    # result is immutable; a ValueError is raised anew each time.
    return PartialDate._parse(text)
