"""``reference``: regenerate the field and rule reference in CONTRIBUTING.md."""

from __future__ import annotations

from ..reference import BEGIN, END, embed, render_reference
from ..settings import Settings
from . import EXIT_USAGE, CommandError


def run(settings: Settings) -> bool:
    """Update CONTRIBUTING.md; True if it changed."""
    path = settings.root / "CONTRIBUTING.md"
    if not path.is_file():
        raise CommandError(f"{path.name} not found in {settings.root}", EXIT_USAGE)
    text = path.read_text("utf-8")
    if BEGIN not in text or END not in text:
        raise CommandError(f"{path.name} lacks the field reference markers", EXIT_USAGE)
    updated = embed(text, render_reference())
    if updated == text:
        return False
    path.write_text(updated, "utf-8")
    return True
