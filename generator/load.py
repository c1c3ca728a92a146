"""Stage 1, load: find the record files and parse each one strictly.

YAML is friendly to write and full of traps. This loader reads the event
stream of libyaml's C parser (PyYAML's pure-Python one where libyaml is
missing) and builds plain data itself, so that it can refuse what the stock
loaders accept silently: duplicate keys, YAML 1.1 booleans such as ``no``,
dates turned into ``datetime.date``, anchors and aliases (the alias bomb),
tags, deep nesting, and files that are not UTF-8 or are too large.

Every refusal is a Diagnostic with a line and column; nothing here raises
on bad input.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Diagnostic, Severity
from .kinds import load_registry
from .model import ID_PATTERN, Document, JsonPath, Mark, Record

try:  # libyaml is several times faster; both parsers emit the same events.
    from yaml import CSafeLoader as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 12
RECORD_SUFFIXES = (".yaml", ".yml")

# YAML 1.1 readers (PyYAML, many editors and CI tools) turn these into
# booleans, YAML 1.2 readers keep them as text: either way somebody is wrong.
BOOLEAN_TRAPS = frozenset(
    ["yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF"]
)
_NULL = frozenset(["", "~", "null", "Null", "NULL"])
_TRUE = frozenset(["true", "True", "TRUE"])
_FALSE = frozenset(["false", "False", "FALSE"])
_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_LEADING_ZERO = re.compile(r"[-+]?0[0-9]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")


@dataclass
class ContentTree:
    """Everything the load stage found: parsed records and load problems."""

    root: Path
    records: list[Record] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # Files that exist but could not be parsed: their ids still count as
    # existing, so one broken file does not also break every reference to it.
    unparsed: set[tuple[str, str]] = field(default_factory=set)
    pages: list[Path] = field(default_factory=list)  # content/pages/*.md


def relpath(path: Path, root: Path) -> str:
    """The path as diagnostics print it: relative to the project root."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return Path(os.path.relpath(path.resolve(), root.resolve())).as_posix()


def discover(content_dir: Path) -> Iterator[tuple[str, Path]]:
    """Yield ``(kind, path)`` for every record file, in a stable order."""
    for kind in load_registry().folders():
        folder = content_dir / kind
        if folder.is_dir():
            for path in sorted(folder.iterdir()):
                if path.suffix in RECORD_SUFFIXES and path.is_file():
                    yield kind, path


def load_content(root: Path, content_dir: Path | None = None) -> ContentTree:
    """Load every record under ``content_dir`` (default ``root/content``)."""
    content_dir = content_dir or root / "content"
    tree = ContentTree(root=root)
    for kind, path in discover(content_dir):
        shown = relpath(path, root)
        record_id = path.stem
        if not ID_PATTERN.match(record_id):
            tree.diagnostics.append(
                Diagnostic(
                    shown,
                    1,
                    1,
                    Severity.ERROR,
                    f"the file name `{path.name}` is not a valid record id: rename it to "
                    f"lowercase letters, digits and single hyphens, such as "
                    f"`{suggest_id(record_id)}.yaml`",
                    "invalid-id",
                )
            )
            continue
        document, problems = load_file(path, shown)
        tree.diagnostics.extend(problems)
        if document is not None:
            tree.records.append(Record(kind=kind, id=record_id, path=shown, document=document))
        else:
            tree.unparsed.add((kind, record_id))
    pages = content_dir / "pages"
    if pages.is_dir() and not pages.is_symlink():
        tree.pages = [p for p in sorted(pages.glob("*.md")) if p.is_file() and not p.is_symlink()]
    return tree


def suggest_id(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug or "new-record"


def load_file(path: Path, shown: str) -> tuple[Document | None, list[Diagnostic]]:
    """Read and parse one file; return its document (None if unusable) and problems."""

    def fail(line: int, col: int, message: str, rule: str) -> tuple[None, list[Diagnostic]]:
        return None, [Diagnostic(shown, line, col, Severity.ERROR, message, rule)]

    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return fail(
            1,
            1,
            f"the file is {size // 1024} KiB, over the {MAX_FILE_BYTES // 1024} KiB limit for "
            "one record: split it, or move long text to the sources it cites",
            "file-too-large",
        )
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, col = _position_of_byte(raw, error.start)
        return fail(
            line,
            col,
            f"the file is not UTF-8 (byte 0x{raw[error.start]:02x} here): save it as UTF-8 "
            "in your editor",
            "not-utf8",
        )
    return parse_yaml(text.removeprefix("\ufeff"), shown)


def _position_of_byte(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    line_start = before.rfind(b"\n") + 1
    col = len(before[line_start:].decode("utf-8", errors="replace")) + 1
    return line, col


def _mark(event: yaml.Event) -> Mark:
    return Mark(event.start_mark.line + 1, event.start_mark.column + 1)


class _Abort(Exception):
    """Stop parsing one file; the diagnostic is already recorded."""


@dataclass
class _Frame:
    container: dict[str, Any] | list[Any]
    path: JsonPath
    pending_key: str | None = None
    pending_key_mark: Mark | None = None
    # The pending key repeats an earlier one: its value is parsed, so that
    # problems inside it are still reported, but not kept.
    pending_is_duplicate: bool = False


class _Composer:
    """Builds plain data from parser events, recording positions and traps."""

    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.problems: list[Diagnostic] = []
        self.document = Document(data=None)
        self.stack: list[_Frame] = []
        self.documents = 0

    def error(self, mark: Mark, message: str, rule: str) -> None:
        self.problems.append(
            Diagnostic(self.shown, mark.line, mark.col, Severity.ERROR, message, rule)
        )

    def run(self, text: str) -> None:
        for event in yaml.parse(text, Loader=_Parser):
            self.handle(event)

    def handle(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self.error(
                    _mark(event),
                    "a record file holds exactly one record: remove the `---` and what follows, "
                    "or move it to its own file",
                    "yaml-multiple-documents",
                )
                raise _Abort
            return
        if isinstance(event, yaml.AliasEvent):
            self.error(
                _mark(event),
                f"aliases (`*{event.anchor}`) are not allowed in records: write the value out "
                "in full",
                "yaml-alias",
            )
            raise _Abort
        if isinstance(event, yaml.NodeEvent) and event.anchor is not None:
            self.error(
                _mark(event),
                f"anchors (`&{event.anchor}`) are not allowed in records: write each value out "
                "in full",
                "yaml-alias",
            )
            raise _Abort
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self.check_tag(event)
            self.start_collection(event)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self.stack.pop()
        elif isinstance(event, yaml.ScalarEvent):
            self.check_tag(event)
            self.scalar(event)

    def check_tag(self, event: yaml.NodeEvent) -> None:
        tag = getattr(event, "tag", None)
        implicit = getattr(event, "implicit", True)
        if tag is None or tag == "!" or (isinstance(implicit, tuple) and implicit[0]):
            return
        shown_tag = tag.replace("tag:yaml.org,2002:", "!!")
        self.error(
            _mark(event),
            f"the YAML tag `{shown_tag}` is not allowed in records: remove it, and quote the value "
            "if it must stay text",
            "yaml-tag",
        )
        raise _Abort

    def path_for_child(self) -> tuple[JsonPath, Mark | None]:
        """The path a new node takes, and the mark of its key if it is a value."""
        if not self.stack:
            return (), None
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            return (*frame.path, len(frame.container)), None
        assert frame.pending_key is not None
        return (*frame.path, frame.pending_key), frame.pending_key_mark

    def attach(self, value: Any, mark: Mark) -> None:
        path, key_mark = self.path_for_child()
        self.document.value_marks[path] = mark
        if key_mark is not None:
            self.document.key_marks[path] = key_mark
        if not self.stack:
            self.document.data = value
            return
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            frame.container.append(value)
        else:
            assert frame.pending_key is not None
            if not frame.pending_is_duplicate:
                frame.container[frame.pending_key] = value
            frame.pending_key = None
            frame.pending_is_duplicate = False

    def start_collection(self, event: yaml.CollectionStartEvent) -> None:
        mark = _mark(event)
        if (
            self.stack
            and isinstance(self.stack[-1].container, dict)
            and (self.stack[-1].pending_key is None)
        ):
            self.error(mark, "a key must be plain text, not a list or a mapping", "yaml-key")
            raise _Abort
        if len(self.stack) >= MAX_DEPTH:
            self.error(
                mark,
                f"the data is nested more than {MAX_DEPTH} levels deep; records are shallow, "
                "so check the indentation here",
                "yaml-too-deep",
            )
            raise _Abort
        container: dict[str, Any] | list[Any] = (
            {} if isinstance(event, yaml.MappingStartEvent) else []
        )
        path, _ = self.path_for_child()
        self.attach(container, mark)
        self.stack.append(_Frame(container=container, path=path))

    def scalar(self, event: yaml.ScalarEvent) -> None:
        mark = _mark(event)
        frame = self.stack[-1] if self.stack else None
        if isinstance(frame.container if frame else None, dict) and frame.pending_key is None:
            self.key(frame, event.value, mark)
            return
        value = self.resolve(event, mark)
        if not isinstance(value, str) and value is not None:
            path, _ = self.path_for_child()
            self.document.plain_scalars[path] = event.value
        self.attach(value, mark)

    def key(self, frame: _Frame, key: str, mark: Mark) -> None:
        assert isinstance(frame.container, dict)
        if key in frame.container:
            first = self.document.key_marks.get((*frame.path, key))
            where = f" (first set on line {first.line})" if first else ""
            self.error(
                mark,
                f"the key `{key}` appears twice in the same mapping{where}: YAML would silently "
                "keep only the last one, so delete or merge one of them",
                "yaml-duplicate-key",
            )
            # Keep parsing so every other problem in the file is reported too.
            # Positions inside the dropped value go under a private path.
            frame.pending_is_duplicate = True
            key = f"\0duplicate:{key}:{mark.line}"
        frame.pending_key = key
        frame.pending_key_mark = mark

    def resolve(self, event: yaml.ScalarEvent, mark: Mark) -> Any:
        """Plain scalars follow the YAML 1.2 core schema; everything else is text."""
        value = event.value
        if event.style is not None and event.style != "":
            return value  # quoted, literal or folded: always text
        if value in BOOLEAN_TRAPS:
            self.error(
                mark,
                f"`{value}` is read as a boolean by some YAML tools and as text by others: "
                f'write `"{value}"` in quotes for text, or `true`/`false` for a yes/no value',
                "yaml-boolean-trap",
            )
            return value
        if _LEADING_ZERO.fullmatch(value):
            self.error(
                mark,
                f"`{value}` is read as an octal number by some YAML tools: quote it "
                f'(`"{value}"`) if it is an identifier, or drop the leading zero',
                "yaml-number-trap",
            )
            return value
        if value in _NULL:
            return None
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        if _INT.fullmatch(value):
            return int(value)
        if _FLOAT.fullmatch(value) and any(c.isdigit() for c in value):
            return float(value)
        # Dates such as 2024-02-20 stay text here; the date rule checks them
        # with their precision intact.
        return value


def parse_yaml(text: str, shown: str) -> tuple[Document | None, list[Diagnostic]]:
    """Parse one YAML record. Returns (None, problems) if it cannot be used."""
    composer = _Composer(shown)
    try:
        composer.run(text)
    except _Abort:
        return None, composer.problems
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = error.problem or error.context or "invalid YAML"
        lines = text.splitlines()
        if "tab" in problem or (0 < line <= len(lines) and "\t" in lines[line - 1]):
            problem += " (YAML indentation must use spaces, not tabs)"
        composer.problems.append(
            Diagnostic(
                shown,
                line,
                col,
                Severity.ERROR,
                f"this is not valid YAML: {problem}; check the indentation and quoting here",
                "yaml-syntax",
            )
        )
        return None, composer.problems
    except yaml.YAMLError as error:  # reader errors such as control characters
        composer.problems.append(
            Diagnostic(
                shown,
                1,
                1,
                Severity.ERROR,
                f"this is not valid YAML: {error}",
                "yaml-syntax",
            )
        )
        return None, composer.problems

    data = composer.document.data
    if data is None:
        composer.error(
            Mark(1, 1),
            "the file is empty: write the record's fields, or delete the file",
            "empty-file",
        )
        return None, composer.problems
    if not isinstance(data, dict):
        composer.error(
            composer.document.mark(()),
            "a record must be a mapping of `field: value` lines at the top level",
            "yaml-not-mapping",
        )
        return None, composer.problems
    return composer.document, composer.problems
