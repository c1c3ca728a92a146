"""Diagnostics: the one way every stage reports a problem in the content.

A diagnostic always points at a file, a line and a column, so a contributor
can jump straight to the mistake, and it renders on one line either for a
terminal or as a GitHub Actions annotation.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem found in one file.

    ``line`` and ``col`` are 1-based. ``message`` says what is wrong and what
    to do about it, in words for someone who has never seen this code.
    """

    path: str
    line: int
    col: int
    severity: Severity
    message: str
    rule: str

    def format_text(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity.value}: {self.message} [{self.rule}]"

    def format_github(self) -> str:
        # GitHub reads "::" and newlines as syntax, so they are percent-encoded
        # as its workflow-command docs prescribe.
        message = _github_escape(f"{self.message} [{self.rule}]")
        path = _github_escape_property(self.path)
        return (
            f"::{self.severity.value} file={path},line={self.line},col={self.col},"
            f"title={self.rule}::{message}"
        )


def _github_escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_escape_property(text: str) -> str:
    return _github_escape(text).replace(":", "%3A").replace(",", "%2C")


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Sort by file, then position, so output is stable and reads top-down."""
    return sorted(set(diagnostics), key=lambda d: (d.path, d.line, d.col, d.rule, d.message))


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)
