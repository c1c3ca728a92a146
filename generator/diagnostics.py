"""Diagnostics: the one way every stage reports a problem in the content.

A diagnostic always points at a file, a line and a column, so a contributor
can jump straight to the mistake, and it renders on one line either for a
terminal or as a GitHub Actions annotation.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Rule:
    """A kind of problem: the id printed after each diagnostic, what it means, how bad.

    Every diagnostic's id is declared by a rule, in the module that reports
    it (the loader or one of ``generator/rules/``); the rule list in
    CONTRIBUTING.md is generated from these declarations.
    """

    id: str
    summary: str
    severity: Severity = Severity.ERROR


# Not ordered: Severity does not compare. ``sort_diagnostics`` sorts.
@dataclass(frozen=True)
class Diagnostic:
    """One problem found in one file.

    ``line`` and ``col`` are 1-based. ``message`` says what is wrong and what
    to do about it, in words for someone who has never seen this code. Both
    it and ``path`` may echo contributor text: the formats print them with
    every invisible or line-breaking character escaped, so a diagnostic is
    always exactly one line and never drives the terminal.
    """

    path: str
    line: int
    col: int
    severity: Severity
    message: str
    rule: str

    def format_text(self) -> str:
        return (
            f"{visible(self.path)}:{self.line}:{self.col}: {self.severity.value}: "
            f"{visible(self.message)} [{visible(self.rule)}]"
        )

    def format_github(self) -> str:
        # GitHub reads "::" and newlines as syntax, so they are percent-encoded
        # as its workflow-command docs prescribe.
        message = _github_escape(visible(f"{self.message} [{self.rule}]"))
        path = _github_escape_property(visible(self.path))
        return (
            f"::{self.severity.value} file={path},line={self.line},col={self.col},"
            f"title={self.rule}::{message}"
        )


# Characters that break a line, move the cursor, drive a terminal (ESC),
# reorder text (bidi controls), or cannot be printed at all (the surrogates
# of an undecodable file name).
_INVISIBLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def visible(text: str) -> str:
    """``text`` on one line, with invisible characters as escapes: ``\\n``, ``\\x1b``, ``\\u2028``."""
    return _INVISIBLE.sub(_escape_char, text)


def _escape_char(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _github_escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_escape_property(text: str) -> str:
    return _github_escape(text).replace(":", "%3A").replace(",", "%2C")


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Sort by file, then position, so output is stable and reads top-down."""
    return sorted(set(diagnostics), key=lambda d: (d.path, d.line, d.col, d.rule, d.message))


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)
