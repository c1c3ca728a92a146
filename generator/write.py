"""Stage 5, write: put rendered pages into the docs directory.

Incremental: a file is written only when its bytes change, so ``mkdocs
serve`` sees no change (and does not rebuild in a loop) when nothing
changed, and pages of deleted records are removed.

Never deletes what it did not write: ``.factsheets-manifest.json`` in the
docs directory lists the files written, and only those are ever removed. A
docs directory holding anything else (someone pointed ``docs_dir`` at the
project, at content/, or elsewhere) is refused before the first write.
Before writing, the manifest already lists the new files, so a build killed
midway leaves nothing the next one would take for someone else's.

Atomic per file: each file is written to a temporary name in the same
folder and renamed over the old one, so a reader never sees half a page.
The whole set is rendered in memory before the first write, so a template
error leaves the previous tree untouched.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = ".factsheets-manifest.json"
# The temporary names of _atomic_write: ".<name>.<random>.tmp".
_OWN_TEMP = re.compile(r"\..+\.[a-z0-9_]+\.tmp")


class WriteError(Exception):
    """The docs directory cannot be written; the message says what to do."""


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
    try:
        return _write_tree(out_dir, files)
    except OSError as error:
        where = error.filename or out_dir
        raise WriteError(
            f"cannot write the generated pages to {where}: {error.strerror or error}; "
            "check that the folder is writable"
        ) from error


def _write_tree(out_dir: Path, files: dict[str, str]) -> WriteReport:
    report = WriteReport()
    out_dir.mkdir(parents=True, exist_ok=True)
    _remove_own_temp_files(out_dir)
    owned = read_manifest(out_dir)
    foreign = sorted(set(_plain_files(out_dir)) - owned)
    if foreign:
        shown = ", ".join(foreign[:3]) + (", ..." if len(foreign) > 3 else "")
        raise WriteError(
            f"{out_dir} holds {len(foreign)} file(s) the generator did not write ({shown}); "
            "nothing was written or deleted. Point docs_dir in mkdocs.yml at an empty "
            "folder inside build/, or move these files away (pages of a build older than "
            "the manifest: delete the folder, it is generated)"
        )
    _write_manifest(out_dir, owned | set(files))
    for relative, text in sorted(files.items()):
        data = text.encode("utf-8")
        target = out_dir / relative
        if target.is_file() and target.read_bytes() == data:
            report.unchanged += 1
            continue
        _atomic_write(target, data)
        report.written.append(relative)
    for relative in sorted(owned - set(files), reverse=True):
        path = out_dir / relative
        if path.is_file() or path.is_symlink():
            path.unlink()
            report.removed.append(relative)
        _remove_empty_parents(path.parent, out_dir)
    _write_manifest(out_dir, set(files))
    report.removed.sort()
    return report


def read_manifest(out_dir: Path) -> set[str]:
    path = out_dir / MANIFEST
    if not path.is_file():
        return set()
    try:
        data = json.loads(path.read_text("utf-8"))
        return {str(name) for name in data["files"]}
    except (ValueError, KeyError, TypeError) as error:
        raise WriteError(
            f"{path} is damaged ({error}); delete {out_dir} (it is generated) and build again"
        ) from error


def _plain_files(out_dir: Path) -> list[str]:
    """Files under ``out_dir`` that are not dotfiles nor inside dot-folders."""
    found = []
    for path in out_dir.rglob("*"):
        parts = path.relative_to(out_dir).parts
        if any(part.startswith(".") for part in parts) or path.is_dir():
            continue
        found.append(path.relative_to(out_dir).as_posix())
    return found


def _remove_own_temp_files(out_dir: Path) -> None:
    """Temporary files of writes that a kill interrupted."""
    for path in out_dir.rglob(".*.tmp"):
        if path.is_file() and _OWN_TEMP.fullmatch(path.name):
            path.unlink()


def _remove_empty_parents(folder: Path, out_dir: Path) -> None:
    while folder != out_dir and out_dir in folder.parents:
        if any(folder.iterdir()):
            return
        folder.rmdir()
        folder = folder.parent


def _write_manifest(out_dir: Path, names: set[str]) -> None:
    data = {"tool": "factsheets", "files": sorted(names)}
    _atomic_write(out_dir / MANIFEST, (json.dumps(data, indent=1) + "\n").encode("utf-8"))


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
