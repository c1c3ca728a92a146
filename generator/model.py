"""The record model: small typed classes shared by every stage."""

from __future__ import annotations

import bisect
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

# \Z, not $: `$` also matches before a trailing newline, so `kim\n` passed.
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\Z")
# Long enough for any real id, short enough that `<id>.md` and the site's
# `<id>.html` stay well under the 255-byte file-name limit.
MAX_ID_LENGTH = 100
# Ids that would collide with a generated page: `index` is the section page.
RESERVED_IDS = frozenset(["index"])

JsonPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Mark:
    """A 1-based line and column in a source file."""

    line: int
    col: int


@dataclass(frozen=True)
class Span:
    """Where a scalar value stands in the source: character indexes and style.

    ``style`` is YAML's: ``""`` plain, ``'`` or ``"`` quoted, ``|`` literal,
    ``>`` folded. ``end`` is exclusive and includes closing quotes.
    """

    start: int
    end: int
    style: str


class LineTable:
    """Character index -> 1-based line and column.

    Only ``\n``, ``\r\n`` and ``\r`` break lines, as in every editor; YAML
    1.1 parsers also count U+0085, U+2028 and U+2029, which shifted every
    later line number.
    """

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]

    def mark(self, index: int) -> Mark:
        line = bisect.bisect_right(self.starts, index) - 1
        return Mark(line + 1, index - self.starts[line] + 1)


@dataclass
class Document:
    """Parsed YAML data plus where every key and value stood in the file."""

    data: Any
    value_marks: dict[JsonPath, Mark] = field(default_factory=dict)
    key_marks: dict[JsonPath, Mark] = field(default_factory=dict)
    # The typed text of unquoted scalars that were read as numbers or
    # booleans, so a text field can get back exactly what was written.
    plain_scalars: dict[JsonPath, str] = field(default_factory=dict)
    # The text the parser read, and where each scalar value stood in it, so
    # a problem inside a value can be pointed at exactly (see ``locate``).
    source: str = field(default="", repr=False)
    spans: dict[JsonPath, Span] = field(default_factory=dict, repr=False)
    _lines: LineTable | None = field(default=None, init=False, repr=False, compare=False)

    def position(self, index: int) -> Mark:
        """The line and column of a character index in ``source``."""
        if self._lines is None:
            self._lines = LineTable(self.source)
        return self._lines.mark(index)

    def value_at(self, path: JsonPath) -> Any:
        node = self.data
        for part in path:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                return None
        return node

    def locate(self, path: JsonPath, offset: int) -> Mark:
        """Where character ``offset`` of the string at ``path`` stands in the file.

        Right for every scalar style, including a line inside a ``|`` block or
        a word in a folded ``>`` paragraph. Falls back to the value's start
        when the offset or the value cannot be matched to the source.
        """
        path = tuple(path)
        span = self.spans.get(path)
        value = self.value_at(path)
        if span is None or not isinstance(value, str) or not 0 <= offset <= len(value):
            return self.mark(path)
        index = source_index(self.source, span, value, offset)
        return self.mark(path) if index is None else self.position(index)

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


class DateFormatError(ValueError):
    """The text is not written ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""


class ImpossibleDateError(ValueError):
    """Written correctly, but no such day exists (30 February, month 13, year 0)."""


# Not ordered: the None of a less precise date does not compare with an
# int. Sort with ``sort_key``.
@dataclass(frozen=True)
class PartialDate:
    """A date known to a year, a month or a day, never more precise than the source.

    ``2024-02`` stays February 2024: it is never widened to 1 February.
    """

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

        Raises DateFormatError or ImpossibleDateError (both ValueErrors).
        """
        return _parse_date(text)

    @classmethod
    def _parse(cls, text: str) -> PartialDate:
        # [0-9], not \d, which also takes Arabic-Indic and full-width digits.
        match = re.fullmatch(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?", text)
        if not match:
            raise DateFormatError(f"{text!r} is not written YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        if year == 0:
            raise ImpossibleDateError("the calendar has no year 0 (1 BC is followed by AD 1)")
        if month is not None and not 1 <= month <= 12:
            raise ImpossibleDateError(f"{text} has no month {month:02d}")
        if day is not None:
            assert month is not None
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise ImpossibleDateError(f"{MONTHS[month - 1]} {year} has {last} days, not {day}")
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


# What YAML folds or strips: the only characters whose count may differ
# between a scalar's source and its value. Every other character of the
# value comes, in order, from one character or escape of the source.
_SOFT = frozenset(" \t\n\r")
_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v",
    "f": "\f", "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\",
    "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029",
}  # fmt: skip
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}


def _source_chars(source: str, span: Span) -> list[tuple[int, int, str]]:
    """The value's non-soft characters as ``(start, end, char)`` in ``source``."""
    out: list[tuple[int, int, str]] = []
    start, end, style = span.start, span.end, span.style
    if style in ("'", '"'):
        start, end = start + 1, end - 1  # inside the quotes
    elif style in ("|", ">"):
        breaks = [
            i for i in (source.find("\n", start, end), source.find("\r", start, end)) if i >= 0
        ]
        start = min(breaks) + 1 if breaks else end  # past the header `|-2 # comment`
    i = start
    while i < end:
        char = source[i]
        if style == "'" and char == "'" and source[i + 1 : i + 2] == "'":
            out.append((i, i + 2, "'"))
            i += 2
        elif style == '"' and char == "\\" and i + 1 < end:
            i = _escape(source, i, end, out)
        else:
            if char not in _SOFT:
                out.append((i, i + 1, char))
            i += 1
    return out


def _escape(source: str, i: int, end: int, out: list[tuple[int, int, str]]) -> int:
    """Read one double-quoted escape at ``i``; return the index after it."""
    code = source[i + 1]
    if code in "\r\n":
        return i + 1  # an escaped line break: the break itself is soft
    if code in _HEX_ESCAPES:
        digits = source[i + 2 : i + 2 + _HEX_ESCAPES[code]]
        try:
            char = chr(int(digits, 16))
        except ValueError:
            return i + 2
        length = 2 + len(digits)
    else:
        char, length = _ESCAPES.get(code, code), 2
    if char not in _SOFT:
        out.append((i, min(i + length, end), char))
    return i + length


def source_index(source: str, span: Span, value: str, offset: int) -> int | None:
    """The index in ``source`` of ``value[offset]``, or None if they do not match.

    The value's non-soft characters are matched one to one, in order, with
    the characters (or escapes) of the source that produced them; a soft
    character (space, tab, line break) maps to just after the character
    before it.
    """
    chars = _source_chars(source, span)
    hard = [c for c in value if c not in _SOFT]
    if len(hard) != len(chars) or any(a != b[2] for a, b in zip(hard, chars, strict=True)):
        return None  # a style this matching does not understand: be honest
    before = sum(1 for c in value[:offset] if c not in _SOFT)
    if offset < len(value) and value[offset] not in _SOFT:
        return chars[before][0]
    if before == 0:
        return chars[0][0] if chars else span.start
    return chars[before - 1][1]
