"""Stage 6, build: run the whole pipeline, and MkDocs after it.

``generate`` runs load -> validate -> link -> render -> write. ``invoke
build`` calls it and then ``build_site`` with ``generated=True``; otherwise
the MkDocs hook calls it. ``build_site`` runs ``mkdocs build --strict`` into
a temporary folder and swaps it into place only if it succeeds, so a failed
build leaves the previous site intact.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .cli_output import progress


class BuildError(Exception):
    """The build stopped; the message says why and what to do."""


# Set for the MkDocs run when the caller has just generated the pages, so
# the hook does not render them all a second time.
PAGES_CURRENT = "FACTSHEETS_PAGES_CURRENT"


def build_site(
    root: Path, site_dir: Path | None = None, *, strict: bool = True, generated: bool = False
) -> Path:
    """``mkdocs build`` into a temporary folder and swap it in.

    The MkDocs hook generates the pages first, unless ``generated`` says the
    caller already did.
    """
    site_dir = site_dir or root / "site"
    temp = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(temp)]
    if strict:
        command.append("--strict")
    progress("running " + " ".join(["mkdocs", *command[3:]]).replace(str(temp), "<temp>"))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if generated:
        env[PAGES_CURRENT] = "1"
    try:
        completed = subprocess.run(command, cwd=root, env=env, check=False)
        if completed.returncode != 0:
            raise BuildError(
                f"mkdocs build failed (exit {completed.returncode}); the previous site in "
                f"{os.path.relpath(site_dir, root)}/ was left as it was"
            )
        _swap(temp, site_dir)
    finally:
        shutil.rmtree(temp, ignore_errors=True)
    return site_dir


def _swap(new: Path, target: Path) -> None:
    """Replace ``target`` with ``new`` using renames, never a half-deleted tree."""
    old = target.with_name(f".{target.name}-old-{os.getpid()}")
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)
