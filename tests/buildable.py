"""The small test corpus made into a project that MkDocs and invoke build on their own."""

from __future__ import annotations

import shutil
from pathlib import Path

from .conftest import ROOT


def make_buildable(corpus: Path) -> Path:
    """Add what a build needs beyond records: the hook's package, tasks.py, the pages."""
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(ROOT / "generator", corpus / "generator", ignore=ignore)
    shutil.copy(ROOT / "tasks.py", corpus / "tasks.py")
    shutil.copytree(ROOT / "content/pages", corpus / "content/pages")
    (corpus / "build/docs").mkdir(parents=True, exist_ok=True)  # MkDocs checks it first
    return corpus
