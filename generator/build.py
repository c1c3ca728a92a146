"""Stage 6, build: MkDocs after the pipeline, published safely.

``invoke build`` runs ``generate`` (generator/pipeline.py) and then
``build_site`` with ``generated=True``; otherwise the MkDocs hook
generates. ``build_site`` runs ``mkdocs build --strict`` into a temporary
folder; the hook audits every built page last (generator/audit.py); only a
build that passes replaces ``site/``, atomically (generator/publish.py), so
a failed or killed build leaves the previous site intact.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .cli_output import progress
from .publish import BuildError as BuildError  # re-exported: tasks and tests catch it here
from .publish import publish_site

# Set for the MkDocs run when the caller has just generated the pages, so
# the hook does not render them all a second time.
PAGES_CURRENT = "FACTSHEETS_PAGES_CURRENT"


def build_site(
    root: Path, site_dir: Path | None = None, *, strict: bool = True, generated: bool = False
) -> Path:
    """``mkdocs build`` into a temporary folder, then swap it in (see publish.py).

    The MkDocs hook generates the pages first, unless ``generated`` says the
    caller already did, and audits every built page last.
    """
    site_dir = site_dir or root / "site"
    command = [sys.executable, "-m", "mkdocs", "build"]
    if strict:
        command.append("--strict")
    progress("running " + " ".join(["mkdocs", *command[3:]]))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if generated:
        env[PAGES_CURRENT] = "1"
    return publish_site(root, site_dir, command, env)
