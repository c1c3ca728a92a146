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

import bisect
import difflib
import math
import os
import re
import stat
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Diagnostic, Rule, Severity
from .kinds import load_registry
from .model import (
    ID_PATTERN,
    MAX_ID_LENGTH,
    RESERVED_IDS,
    Document,
    JsonPath,
    LineTable,
    Mark,
    Record,
    Span,
)

# Every diagnostic the load stage reports, declared as rules (see diagnostics.Rule).
RULES = (
    Rule(
        "unknown-folder",
        "A folder in `content/` that is neither a kind's folder nor `pages`; nothing in it is read.",
    ),
    Rule("misplaced-file", "A file directly in `content/`, where nothing is read."),
    Rule("nested-folder", "A folder inside a kind's folder or inside `pages/`."),
    Rule(
        "wrong-extension",
        "A record file not ending in `.yaml` (for example `.yml` or `.YAML`), or a page not ending in `.md`.",
    ),
    Rule(
        "hidden-file",
        "A file or folder whose name starts with a dot; it is ignored.",
        Severity.WARNING,
    ),
    Rule(
        "symlink",
        "A symbolic link under `content/`: it is never followed; put the file itself there.",
    ),
    Rule(
        "not-a-regular-file",
        "Something under `content/` that is not a plain file or folder (a pipe, a device).",
    ),
    Rule("unreadable-file", "A file that cannot be opened or read."),
    Rule("file-too-large", "A record file over 256 KiB."),
    Rule("not-utf8", "A file that is not UTF-8 text."),
    Rule(
        "control-character",
        "An invisible or line-breaking character (NUL, U+2028, a bidi control …), at its own line and column.",
    ),
    Rule(
        "invalid-id",
        "A file name that is not a valid id: lowercase letters, digits and single hyphens.",
    ),
    Rule("id-too-long", "An id of more than 100 characters."),
    Rule("reserved-id", "An id the site needs for itself, such as `index`."),
    Rule("internal-error", "The generator failed on one file; please report it."),
    Rule("empty-file", "A record file with nothing in it."),
    Rule("yaml-syntax", "Text that is not valid YAML."),
    Rule("yaml-multiple-documents", "A file holding more than one YAML document (`---`)."),
    Rule("yaml-alias", "A YAML anchor (`&`) or alias (`*`)."),
    Rule("yaml-tag", "A YAML tag such as `!!str`."),
    Rule("yaml-key", "A mapping key that is a list or a mapping."),
    Rule("yaml-duplicate-key", "The same key twice in one mapping."),
    Rule(
        "yaml-boolean-trap",
        "`yes`, `no`, `on` or `off` unquoted, which YAML tools read differently.",
    ),
    Rule("yaml-number-trap", "A number with a leading zero, read as octal by some YAML tools."),
    Rule("yaml-number-too-large", "A number too large to read; quote it if it is text."),
    Rule("yaml-too-deep", "Data nested more than 12 levels deep."),
    Rule("yaml-not-mapping", "A record that is not a mapping of `field: value` lines."),
)


# libyaml is several times faster. The two parsers emit the same events for
# valid records; where they differ (libyaml refuses deep flow nesting itself),
# the loader maps both to the same diagnostic.
try:
    from yaml import CSafeLoader as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 12
RECORD_SUFFIX = ".yaml"
PAGES_FOLDER = "pages"
PAGE_SUFFIX = ".md"
# One file full of NUL bytes should not print a million lines.
MAX_CONTROL_REPORTS = 10

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


@dataclass(frozen=True)
class Page:
    """A hand-written Markdown page: ``content/pages/<name>.md``, read safely."""

    name: str  # the file name, e.g. ``methodology.md``
    path: Path
    shown: str  # relative to the project root, with forward slashes
    text: str


@dataclass
class ContentTree:
    """Everything the load stage found: parsed records, pages and load problems."""

    root: Path
    records: list[Record] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # Files that exist but could not be parsed: their ids still count as
    # existing, so one broken file does not also break every reference to it.
    unparsed: set[tuple[str, str]] = field(default_factory=set)
    # The readable pages of content/pages/, sorted by name.
    pages: list[Page] = field(default_factory=list)


def relpath(path: Path, root: Path) -> str:
    """The path as diagnostics print it: relative to the project root.

    Only the folders above ``path`` are resolved, never ``path`` itself, so a
    symbolic link is shown as the link and its target is never revealed.
    """
    real_root = root.resolve()
    located = Path(os.path.realpath(path.parent)) / path.name if path.name else path.resolve()
    try:
        return located.relative_to(real_root).as_posix()
    except ValueError:
        return Path(os.path.relpath(located, real_root)).as_posix()


# --- Discovery: every file under content/ is a record, a page, or reported.


@dataclass
class Discovery:
    """What ``discover`` found: record files by kind, page files, and problems."""

    records: list[tuple[str, Path, str]] = field(default_factory=list)  # folder, path, shown
    pages: list[tuple[Path, str]] = field(default_factory=list)  # path, shown
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def report(self, shown: str, message: str, rule: str, *, warning: bool = False) -> None:
        severity = Severity.WARNING if warning else Severity.ERROR
        self.diagnostics.append(Diagnostic(shown, 1, 1, severity, message, rule))


def discover(
    content_dir: Path, folders: Mapping[str, str] | None = None, *, root: Path | None = None
) -> Discovery:
    """Find every record and page under ``content_dir``, and report everything else.

    ``folders`` maps a folder name under ``content_dir`` to its kind (default
    the kind registry). Nothing is followed through a symbolic link: entries
    are read with ``lstat`` only, and links are reported, never read.
    Paths in diagnostics are relative to ``root`` (default: the parent of
    ``content_dir``).
    """
    folders = load_registry().folders() if folders is None else folders
    found = Discovery()
    prefix = relpath(content_dir, root if root is not None else content_dir.parent)
    if content_dir.is_symlink():
        found.report(prefix, _symlink_message(prefix), "symlink")
        return found
    if not content_dir.is_dir():
        return found
    by_folder: dict[str, list[tuple[Path, str]]] = {}
    for entry in _entries(content_dir):
        shown = f"{prefix}/{entry.name}"
        if not _ordinary(entry, shown, found):
            continue
        if entry.is_dir(follow_symlinks=False):
            if entry.name in folders:
                by_folder[entry.name] = _files(
                    Path(entry.path), shown, found, RECORD_SUFFIX, "record"
                )
            elif entry.name == PAGES_FOLDER:
                found.pages = _files(Path(entry.path), shown, found, PAGE_SUFFIX, "page")
            else:
                found.report(shown, _unknown_folder_message(entry.name, folders), "unknown-folder")
        else:
            found.report(
                shown,
                f"`{entry.name}` is directly in {prefix}/, where nothing is read: move a record "
                f"into its kind's folder ({', '.join(f'{prefix}/{f}/' for f in folders)}) "
                f"or a page into {prefix}/{PAGES_FOLDER}/",
                "misplaced-file",
            )
    # In the site's order. A record's kind is its folder's name, as before
    # (``Record.schema_name`` maps it to the schema).
    for folder in folders:
        found.records.extend((folder, path, shown) for path, shown in by_folder.get(folder, []))
    return found


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    with os.scandir(folder) as entries:
        return sorted(entries, key=lambda e: e.name)


def _ordinary(entry: os.DirEntry[str], shown: str, found: Discovery) -> bool:
    """Report links, hidden files and special files; True for a plain file or folder."""
    if entry.is_symlink():
        found.report(shown, _symlink_message(shown), "symlink")
        return False
    if entry.name.startswith("."):
        found.report(
            shown,
            f"`{entry.name}` is hidden (its name starts with a dot), so it is ignored: "
            "rename it if it should be read, or delete it",
            "hidden-file",
            warning=True,
        )
        return False
    if entry.is_dir(follow_symlinks=False) or entry.is_file(follow_symlinks=False):
        return True
    found.report(
        shown,
        "this is not a regular file or folder (a device, socket or pipe): delete it",
        "not-a-regular-file",
    )
    return False


def _symlink_message(shown: str) -> str:
    return (
        f"`{shown}` is a symbolic link, which is never followed: replace it with the file "
        "or folder itself"
    )


def _unknown_folder_message(name: str, folders: Mapping[str, str]) -> str:
    known = [*folders, PAGES_FOLDER]
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    hint = f"; did you mean `{close[0]}`?" if close else "."
    return (
        f"unknown folder `{name}`{hint} Nothing in it is read: records go in a kind's "
        f"folder ({', '.join(folders)}) and hand-written pages in `{PAGES_FOLDER}`"
    )


def _nested_folder(found: Discovery, shown: str, parent: str) -> None:
    found.report(
        shown,
        f"folders inside {parent}/ are not read: move the files in it up into {parent}/",
        "nested-folder",
    )


def _files(
    folder: Path, shown_folder: str, found: Discovery, suffix: str, noun: str
) -> list[tuple[Path, str]]:
    """The ``suffix`` files directly in ``folder``; anything else there is reported."""
    files: list[tuple[Path, str]] = []
    for entry in _entries(folder):
        shown = f"{shown_folder}/{entry.name}"
        if not _ordinary(entry, shown, found):
            continue
        if entry.is_dir(follow_symlinks=False):
            _nested_folder(found, shown, shown_folder)
        elif entry.name.endswith(suffix):
            files.append((Path(entry.path), shown))
        else:
            found.report(shown, _rename_message(entry.name, suffix, noun), "wrong-extension")
    return files


def _rename_message(name: str, suffix: str, what: str) -> str:
    stem, dot, _ = name.rpartition(".")
    target = (stem if dot else name) + suffix
    return (
        f"only `*{suffix}` files are read here, so `{name}` is ignored: rename it to "
        f"`{target}` if it is a {what}, or move it out of content/"
    )


def load_content(
    root: Path, content_dir: Path | None = None, folders: Mapping[str, str] | None = None
) -> ContentTree:
    """Load every record and page under ``content_dir`` (default ``root/content``).

    ``folders`` maps folder names to kinds, as for ``discover``. One file's
    problems, even an unexpected exception, never hide another file's.
    """
    content_dir = content_dir or root / "content"
    tree = ContentTree(root=root)
    found = discover(content_dir, folders, root=root)
    tree.diagnostics.extend(found.diagnostics)
    for kind, path, shown in found.records:
        record_id = path.name.removesuffix(RECORD_SUFFIX)
        try:
            _load_record(tree, kind, record_id, path, shown)
        except Exception as error:
            tree.diagnostics.append(internal_error(shown, error))
            tree.unparsed.add((kind, record_id))
    for path, shown in found.pages:
        try:
            _load_page(tree, path, shown)
        except Exception as error:
            tree.diagnostics.append(internal_error(shown, error))
    return tree


def internal_error(shown: str, error: BaseException) -> Diagnostic:
    """An unexpected exception while reading one file, as that file's diagnostic."""
    detail = str(error)[:200]
    return Diagnostic(
        shown,
        1,
        1,
        Severity.ERROR,
        f"the generator failed on this file ({type(error).__name__}: {detail}); this is a "
        "bug in the generator, not in your file: please report it, with this file attached",
        "internal-error",
    )


def _load_record(tree: ContentTree, kind: str, record_id: str, path: Path, shown: str) -> None:
    problem = id_problem(record_id, path.name)
    if problem is not None:
        message, rule = problem
        tree.diagnostics.append(Diagnostic(shown, 1, 1, Severity.ERROR, message, rule))
        return
    document, problems = load_file(path, shown)
    tree.diagnostics.extend(problems)
    if document is not None:
        tree.records.append(Record(kind=kind, id=record_id, path=shown, document=document))
    else:
        tree.unparsed.add((kind, record_id))


def _load_page(tree: ContentTree, path: Path, shown: str) -> None:
    text, problems = read_text(path, shown)
    tree.diagnostics.extend(problems)
    if text is None:
        return
    tree.diagnostics.extend(control_characters(text, shown, LineTable(text)))
    tree.pages.append(Page(name=path.name, path=path, shown=shown, text=text))


def id_problem(record_id: str, file_name: str) -> tuple[str, str] | None:
    """Why a record id (the file name without ``.yaml``) is refused: (message, rule)."""
    if len(record_id) > MAX_ID_LENGTH:
        return (
            f"the file name is {len(record_id)} characters long, over the {MAX_ID_LENGTH} "
            "allowed for a record id: rename it to a shorter id",
            "id-too-long",
        )
    if not ID_PATTERN.fullmatch(record_id):
        return (
            f"the file name `{file_name}` is not a valid record id: rename it to "
            f"lowercase letters, digits and single hyphens, such as "
            f"`{suggest_id(record_id)}.yaml`",
            "invalid-id",
        )
    if record_id in RESERVED_IDS:
        return (
            f"`{record_id}` cannot be a record id: its page would replace the section's own "
            f"`{record_id}` page; rename the file",
            "reserved-id",
        )
    return None


def suggest_id(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:MAX_ID_LENGTH].strip("-")
    return slug if slug and slug not in RESERVED_IDS else "new-record"


# --- Reading: never through a link, never more than the size limit.


def read_regular_file(path: Path, limit: int = MAX_FILE_BYTES) -> bytes | int:
    """The bytes of a regular file, or its size if that is over ``limit``.

    Opened with O_NOFOLLOW, and checked to be a regular file on the open
    descriptor, so a link or a pipe swapped in after discovery is not read.
    Raises OSError (ELOOP for a link) if it cannot be read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    flags |= getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise OSError(f"{path.name} is not a regular file")
        if info.st_size > limit:
            return info.st_size
        data = handle.read(limit + 1)
    return data if len(data) <= limit else len(data)


def read_text(path: Path, shown: str) -> tuple[str | None, list[Diagnostic]]:
    """Read one UTF-8 file (BOM dropped); None and the problems if it cannot be used."""

    def fail(mark: Mark, message: str, rule: str) -> tuple[None, list[Diagnostic]]:
        return None, [Diagnostic(shown, mark.line, mark.col, Severity.ERROR, message, rule)]

    try:
        raw = read_regular_file(path)
    except OSError as error:
        reason = os.strerror(error.errno) if error.errno else "it is not a regular file"
        return fail(
            Mark(1, 1),
            f"the file cannot be read ({reason.lower()}): check that it is an ordinary file "
            "you can open",
            "unreadable-file",
        )
    if isinstance(raw, int):
        return fail(
            Mark(1, 1),
            f"the file is {raw // 1024} KiB, over the {MAX_FILE_BYTES // 1024} KiB limit for "
            "one file: split it, or move long text to the sources it cites",
            "file-too-large",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start].decode("utf-8", errors="replace")
        return fail(
            LineTable(before).mark(len(before)),
            f"the file is not UTF-8 (byte 0x{raw[error.start]:02x} here): save it as UTF-8 "
            "in your editor",
            "not-utf8",
        )
    return text.removeprefix("\ufeff"), []


def load_file(path: Path, shown: str) -> tuple[Document | None, list[Diagnostic]]:
    """Read and parse one file; return its document (None if unusable) and problems."""
    text, problems = read_text(path, shown)
    if text is None:
        return None, problems
    return parse_yaml(text, shown)


# --- Characters that hide, move or forge text.

_C0_NAMES = [
    "NULL",
    "START OF HEADING",
    "START OF TEXT",
    "END OF TEXT",
    "END OF TRANSMISSION",
    "ENQUIRY",
    "ACKNOWLEDGE",
    "BELL",
    "BACKSPACE",
    "",
    "",
    "LINE TABULATION",
    "FORM FEED",
    "",
    "SHIFT OUT",
    "SHIFT IN",
    "DATA LINK ESCAPE",
    "DEVICE CONTROL ONE",
    "DEVICE CONTROL TWO",
    "DEVICE CONTROL THREE",
    "DEVICE CONTROL FOUR",
    "NEGATIVE ACKNOWLEDGE",
    "SYNCHRONOUS IDLE",
    "END OF TRANSMISSION BLOCK",
    "CANCEL",
    "END OF MEDIUM",
    "SUBSTITUTE",
    "ESCAPE",
    "FILE SEPARATOR",
    "GROUP SEPARATOR",
    "RECORD SEPARATOR",
    "UNIT SEPARATOR",
]
# Refused wherever they are: C0 controls but tab, LF and CR; DEL; C1
# controls (U+0085 NEXT LINE breaks lines for YAML but not for editors);
# the Unicode line and paragraph separators; bidi embeddings, overrides
# and isolates (they make text read differently than it is stored); a BOM
# past the start; and the two noncharacters YAML parsers reject.
_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]"
)
_LINE_LIKE = frozenset("\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def character_name(char: str) -> str:
    """``U+2028 LINE SEPARATOR``: how a diagnostic names an invisible character."""
    code = ord(char)
    if code < 0x20:
        name = _C0_NAMES[code]
    elif code == 0x7F:
        name = "DELETE"
    elif code == 0x85:
        name = "NEXT LINE"
    elif 0x80 <= code <= 0x9F:
        name = "C1 CONTROL CHARACTER"
    elif code == 0xFEFF:
        name = "BYTE ORDER MARK"
    else:
        name = unicodedata.name(char, "NONCHARACTER")
    return f"U+{code:04X} {name}"


def control_characters(text: str, shown: str, lines: LineTable) -> list[Diagnostic]:
    """One diagnostic per invisible control character, at its own line and column."""
    matches = list(_CONTROL.finditer(text))

    def at(index: int, message: str) -> Diagnostic:
        mark = lines.mark(index)
        return Diagnostic(shown, mark.line, mark.col, Severity.ERROR, message, "control-character")

    found = []
    for match in matches[:MAX_CONTROL_REPORTS]:
        char = match.group()
        instead = "a plain line break" if char in _LINE_LIKE else "a plain space"
        found.append(
            at(
                match.start(),
                f"invisible character {character_name(char)} here: delete it, or type "
                f"{instead} if one was meant",
            )
        )
    if len(matches) > MAX_CONTROL_REPORTS:
        found.append(
            at(
                matches[MAX_CONTROL_REPORTS].start(),
                f"and {len(matches) - MAX_CONTROL_REPORTS} more invisible control characters "
                "from here on: delete them all",
            )
        )
    return found


# --- Positions: character indexes, whatever the parser counts.


@cache
def _counts_bytes(parser: type) -> bool:
    """Whether ``parser``'s marks count UTF-8 bytes rather than characters.

    Measured, not assumed: libyaml builds have differed.
    """
    events = yaml.parse("\u00e9: x\n", Loader=parser)
    scalar = [e for e in events if isinstance(e, yaml.ScalarEvent)][-1]
    return scalar.start_mark.index == 4


class _Positions:
    """Parser mark index -> character index -> Mark, with our own line table."""

    def __init__(self, text: str, parser: type) -> None:
        self.lines = LineTable(text)
        self.byte_starts: list[int] | None = None
        if _counts_bytes(parser) and not text.isascii():
            # byte_starts[i] is the byte offset of character i.
            self.byte_starts = [0]
            for char in text:
                self.byte_starts.append(
                    self.byte_starts[-1] + len(char.encode("utf-8", "surrogatepass"))
                )

    def index(self, parser_index: int) -> int:
        if self.byte_starts is None:
            return parser_index
        return bisect.bisect_right(self.byte_starts, parser_index) - 1

    def mark(self, parser_index: int) -> Mark:
        return self.lines.mark(self.index(parser_index))


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

    def __init__(self, shown: str, text: str, parser: type) -> None:
        self.shown = shown
        self.parser = parser
        self.positions = _Positions(text, parser)
        self.problems: list[Diagnostic] = []
        self.document = Document(data=None, source=text)
        self.document._lines = self.positions.lines
        self.stack: list[_Frame] = []
        self.documents = 0

    def mark(self, event: yaml.Event) -> Mark:
        return self.positions.mark(event.start_mark.index)

    def error(self, mark: Mark, message: str, rule: str) -> None:
        self.problems.append(
            Diagnostic(self.shown, mark.line, mark.col, Severity.ERROR, message, rule)
        )

    def run(self, text: str) -> None:
        for event in yaml.parse(text, Loader=self.parser):
            self.handle(event)

    def handle(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self.error(
                    self.mark(event),
                    "a record file holds exactly one record: remove the `---` and what follows, "
                    "or move it to its own file",
                    "yaml-multiple-documents",
                )
                raise _Abort
            return
        if isinstance(event, yaml.AliasEvent):
            self.error(
                self.mark(event),
                f"aliases (`*{event.anchor}`) are not allowed in records: write the value out "
                "in full",
                "yaml-alias",
            )
            raise _Abort
        if isinstance(event, yaml.NodeEvent) and event.anchor is not None:
            self.error(
                self.mark(event),
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
            self.mark(event),
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
        mark = self.mark(event)
        if (
            self.stack
            and isinstance(self.stack[-1].container, dict)
            and (self.stack[-1].pending_key is None)
        ):
            self.error(mark, "a key must be plain text, not a list or a mapping", "yaml-key")
            raise _Abort
        if len(self.stack) >= MAX_DEPTH:
            self.error(mark, _TOO_DEEP, "yaml-too-deep")
            raise _Abort
        container: dict[str, Any] | list[Any] = (
            {} if isinstance(event, yaml.MappingStartEvent) else []
        )
        path, _ = self.path_for_child()
        self.attach(container, mark)
        self.stack.append(_Frame(container=container, path=path))

    def scalar(self, event: yaml.ScalarEvent) -> None:
        mark = self.mark(event)
        frame = self.stack[-1] if self.stack else None
        if isinstance(frame.container if frame else None, dict) and frame.pending_key is None:
            self.key(frame, event.value, mark)
            return
        value = self.resolve(event, mark)
        path, _ = self.path_for_child()
        if not isinstance(value, str) and value is not None:
            self.document.plain_scalars[path] = event.value
        start = self.positions.index(event.start_mark.index)
        end = self.positions.index(event.end_mark.index)
        self.document.spans[path] = Span(start, end, event.style or "")
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
            try:
                return int(value)
            except ValueError:  # over Python's 4,300-digit limit for int()
                return self.too_large(value, mark)
        if _FLOAT.fullmatch(value) and any(c.isdigit() for c in value):
            number = float(value)
            return self.too_large(value, mark) if math.isinf(number) else number
        # Dates such as 2024-02-20 stay text here; the date rule checks them
        # with their precision intact.
        return value

    def too_large(self, value: str, mark: Mark) -> str:
        """A number no record needs and Python cannot hold: reported, kept as text."""
        self.error(
            mark,
            f"this number is {len(value)} characters long, too large to read: quote it if it "
            "is text, or check it for a typo",
            "yaml-number-too-large",
        )
        return value


def parse_yaml(
    text: str, shown: str, *, parser: type | None = None
) -> tuple[Document | None, list[Diagnostic]]:
    """Parse one YAML record. Returns (None, problems) if it cannot be used.

    ``parser`` is a PyYAML loader class (default: libyaml's CSafeLoader when
    available); the diagnostics are the same with either.
    """
    parser = parser or _Parser
    text = text.removeprefix("\ufeff")  # editors hide it; columns count from after it
    lines = LineTable(text)
    controls = control_characters(text, shown, lines)
    if controls:
        # Blanked out, same length, so the rest of the file is still checked
        # and every later position stays right. The data is not used: it
        # is no longer what the file says.
        text = _CONTROL.sub(" ", text)
    document, problems = _parse(text, shown, parser)
    if any(p.rule == "yaml-nesting-limit" for p in problems):
        document, problems = _too_deep(text, shown, problems)
    return (None if controls else document), controls + problems


def _parse(text: str, shown: str, parser: type) -> tuple[Document | None, list[Diagnostic]]:
    composer = _Composer(shown, text, parser)
    try:
        composer.run(text)
    except _Abort:
        return None, composer.problems
    except yaml.MarkedYAMLError as error:
        composer.problems.append(_syntax_error(error, composer, text))
        return None, composer.problems
    except yaml.YAMLError as error:  # reader errors: the control scan should prevent them
        index = getattr(error, "position", 0) or 0
        mark = composer.positions.lines.mark(min(index, len(text)))
        reason = getattr(error, "reason", None) or "unreadable character"
        composer.error(mark, f"this is not valid YAML: {reason}", "yaml-syntax")
        return None, composer.problems
    return _finish(composer)


def _syntax_error(error: yaml.MarkedYAMLError, composer: _Composer, text: str) -> Diagnostic:
    mark_at = error.problem_mark or error.context_mark
    mark = composer.positions.mark(mark_at.index) if mark_at else Mark(1, 1)
    problem = error.problem or error.context or "invalid YAML"
    if "maximum nesting depth" in problem:
        # libyaml's own limit (1,000 levels), hit while scanning ahead, before
        # our shallower limit could see the events: parse_yaml redoes it.
        return Diagnostic(
            composer.shown, mark.line, mark.col, Severity.ERROR, problem, "yaml-nesting-limit"
        )
    starts = composer.positions.lines.starts
    line_end = starts[mark.line] if mark.line < len(starts) else len(text)
    if "tab" in problem or "\t" in text[starts[mark.line - 1] : line_end]:
        problem += " (YAML indentation must use spaces, not tabs)"
    return Diagnostic(
        composer.shown,
        mark.line,
        mark.col,
        Severity.ERROR,
        f"this is not valid YAML: {problem}; check the indentation and quoting here",
        "yaml-syntax",
    )


def _too_deep(text: str, shown: str, problems: list[Diagnostic]) -> tuple[None, list[Diagnostic]]:
    """Report libyaml's nesting refusal as our own ``yaml-too-deep``.

    The pure-Python parser has no limit and reads events as it goes, so it
    is rerun on the text up to where libyaml stopped: our depth check then
    fires where it would with any parser. The prefix is at most the file.
    """
    [limit] = [p for p in problems if p.rule == "yaml-nesting-limit"]
    end = LineTable(text).starts[limit.line - 1] + limit.col - 1
    _, again = _parse(text[:end], shown, yaml.SafeLoader)
    if any(p.rule == "yaml-too-deep" for p in again):
        return None, [p for p in again if p.rule != "yaml-syntax"]
    kept = [p for p in problems if p is not limit]
    return None, [
        *kept,
        Diagnostic(shown, limit.line, limit.col, Severity.ERROR, _TOO_DEEP, "yaml-too-deep"),
    ]


_TOO_DEEP = (
    f"the data is nested more than {MAX_DEPTH} levels deep; records are shallow, "
    "so check the indentation here"
)


def _finish(composer: _Composer) -> tuple[Document | None, list[Diagnostic]]:
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
