"""``validate``: every problem in the content, or only in the files named."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..diagnostics import Diagnostic
from ..load import relpath
from ..settings import Settings
from ..validate import load_and_validate
from . import EXIT_USAGE, CommandError


def run(settings: Settings, paths: Sequence[Path] = ()) -> list[Diagnostic]:
    """All diagnostics, or those in ``paths`` (the whole content is still read)."""
    wanted: list[str] = []
    for path in paths:
        if not path.exists():
            raise CommandError(f"{path} does not exist", EXIT_USAGE)
        wanted.append(relpath(path, settings.root))
    _, diagnostics = load_and_validate(settings.root, settings.content_dir)
    return [d for d in diagnostics if _selected(d, wanted)]


def _selected(diagnostic: Diagnostic, wanted: list[str]) -> bool:
    if not wanted:
        return True
    return any(
        prefix in (".", "") or diagnostic.path == prefix or diagnostic.path.startswith(prefix + "/")
        for prefix in wanted
    )
