"""``new <kind> <id>``: write a skeleton record from the kind's schema."""

from __future__ import annotations

from pathlib import Path

from ..kinds import load_registry
from ..model import ID_PATTERN
from ..scaffold import skeleton
from ..settings import Settings
from . import EXIT_USAGE, CommandError


def run(settings: Settings, kind_word: str, record_id: str) -> Path:
    registry = load_registry()
    kind = registry.lookup(kind_word)
    if kind is None:
        names = ", ".join(k.name for k in registry)
        raise CommandError(f"unknown kind `{kind_word}`: use one of {names}", EXIT_USAGE)
    if not ID_PATTERN.fullmatch(record_id):
        raise CommandError(
            f"`{record_id}` is not a valid id: use lowercase letters, digits and single "
            "hyphens, such as `kim-jong-un`",
            EXIT_USAGE,
        )
    for other in registry:
        existing = settings.content_dir / other.folder / f"{record_id}.yaml"
        if existing.exists():
            shown = existing.relative_to(settings.root).as_posix()
            raise CommandError(
                f"the id `{record_id}` is already used by {shown}: choose another id", EXIT_USAGE
            )
    path = settings.content_dir / kind.folder / f"{record_id}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(skeleton(kind), "utf-8")
    return path
