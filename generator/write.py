"""Stage 5, write: put rendered pages into the docs directory.

Incremental: a file is written only when its bytes change, so ``mkdocs
serve`` sees no change (and does not rebuild in a loop) when nothing
changed, and pages of deleted records are removed.

Atomic per file: each file is written to a temporary name in the same
folder and renamed over the old one, so a reader never sees half a page.
The whole set is rendered in memory before the first write, so a template
error leaves the previous tree untouched.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{len(self.written)} written, {self.unchanged} unchanged, {len(self.removed)} removed"
        )


def write_tree(out_dir: Path, files: dict[str, str]) -> WriteReport:
    """Make ``out_dir`` hold exactly ``files`` (plus dotfiles, which are kept)."""
    report = WriteReport()
    out_dir.mkdir(parents=True, exist_ok=True)
    for relative, text in sorted(files.items()):
        data = text.encode("utf-8")
        target = out_dir / relative
        if target.is_file() and target.read_bytes() == data:
            report.unchanged += 1
            continue
        _atomic_write(target, data)
        report.written.append(relative)
    for path in sorted(out_dir.rglob("*"), reverse=True):
        relative = path.relative_to(out_dir).as_posix()
        if any(part.startswith(".") for part in path.relative_to(out_dir).parts):
            continue
        if path.is_file() and relative not in files:
            path.unlink()
            report.removed.append(relative)
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    report.removed.sort()
    return report


def _atomic_write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
