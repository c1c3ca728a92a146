"""How the command line prints: diagnostics on stdout, progress on stderr."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from .diagnostics import Diagnostic, Severity


def progress(message: str) -> None:
    print(f"factsheets: {message}", file=sys.stderr, flush=True)


def print_diagnostics(diagnostics: Sequence[Diagnostic], output_format: str = "text") -> None:
    """Print one line per problem, then a count on stderr if there was any."""
    for diagnostic in diagnostics:
        line = diagnostic.format_github() if output_format == "github" else diagnostic.format_text()
        print(line)
    if diagnostics:
        errors = sum(d.severity is Severity.ERROR for d in diagnostics)
        warnings = len(diagnostics) - errors
        files = len({d.path for d in diagnostics})
        print(
            f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')} in "
            f"{_plural(files, 'file')}",
            file=sys.stderr,
        )


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
