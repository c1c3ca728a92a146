"""Skip a generation whose inputs and outputs are exactly as the last one left them.

A fingerprint is a hash of what the pages depend on (every file under the
content folder, the templates, the schemas, the generator's own code,
mkdocs.yml, and the environment variables the settings read) and of the
generated files as they stand. When both match the stamp that the last
successful generation left, nothing can have changed, so nothing is read,
parsed or rendered. Sizes and modification times stand in for contents, as
in make; an edit that keeps both is vanishingly rare and any later save
changes them.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostic, Severity
from .settings import Settings

STAMP = ".factsheets-cache/stamp.json"
# The environment the settings read (see mkdocs.yml's !ENV tags).
ENVIRONMENT = ("SITE_URL", "REPO_URL", "SOURCE_DATE_EPOCH")


def _walk(folder: Path) -> Iterator[tuple[str, int, int]]:
    """(relative path, size, mtime) of every file below ``folder``, links not followed."""
    if not folder.is_dir():
        return
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            entries = list(os.scandir(current))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                stack.append(Path(entry.path))
            else:
                info = entry.stat(follow_symlinks=False)
                yield (entry.path, info.st_size, info.st_mtime_ns)


def _digest(folders: list[Path], files: list[Path], extra: str = "") -> str:
    entries: list[tuple[str, int, int]] = []
    for folder in folders:
        entries.extend(_walk(folder))
    for file in files:
        try:
            info = file.stat()
            entries.append((str(file), info.st_size, info.st_mtime_ns))
        except OSError:
            entries.append((str(file), -1, -1))
    text = json.dumps([sorted(entries), extra])
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _git_head(root: Path) -> str:
    """The commit checked out: pages show dates of change taken from git history."""
    try:
        completed = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return completed.stdout.strip()


def inputs_digest(settings: Settings) -> str:
    package = Path(__file__).resolve().parent
    # The settings too: `mkdocs serve` and `mkdocs build -f` may read others.
    environment = json.dumps(
        {name: os.environ.get(name) for name in ENVIRONMENT}
        | {"HEAD": _git_head(settings.root), "settings": repr(settings)}
    )
    return _digest(
        [settings.content_dir, settings.templates_dir, package],
        [settings.root / "mkdocs.yml"],
        environment,
    )


def outputs_digest(settings: Settings) -> str:
    return _digest([settings.docs_dir], [])


@dataclass
class Stamp:
    inputs: str
    outputs: str
    pages: int
    diagnostics: list[dict[str, object]]

    def warnings(self) -> list[Diagnostic]:
        return [
            Diagnostic(
                str(d["path"]),
                int(d["line"]),  # type: ignore[arg-type]
                int(d["col"]),  # type: ignore[arg-type]
                Severity(d["severity"]),
                str(d["message"]),
                str(d["rule"]),
            )
            for d in self.diagnostics
        ]


def read_stamp(settings: Settings) -> Stamp | None:
    try:
        data = json.loads((settings.root / "build" / STAMP).read_text("utf-8"))
        return Stamp(**data)
    except (OSError, ValueError, TypeError):
        return None


def write_stamp(settings: Settings, inputs: str, pages: int, diagnostics: list[Diagnostic]) -> None:
    """Record what this generation read (``inputs``, hashed before it began) and wrote."""
    stamp = {
        "inputs": inputs,
        "outputs": outputs_digest(settings),
        "pages": pages,
        "diagnostics": [
            {
                "path": d.path,
                "line": d.line,
                "col": d.col,
                "severity": d.severity.value,
                "message": d.message,
                "rule": d.rule,
            }
            for d in diagnostics
        ],
    }
    path = settings.root / "build" / STAMP
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(stamp, sort_keys=True), "utf-8")
    os.replace(temporary, path)


def unchanged(settings: Settings, inputs: str) -> Stamp | None:
    """The last stamp, if neither the inputs nor the generated files changed since."""
    stamp = read_stamp(settings)
    if stamp is None or stamp.inputs != inputs or stamp.outputs != outputs_digest(settings):
        return None
    return stamp
