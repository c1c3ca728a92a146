"""The benchmark runs end to end at a tiny size: CI's smoke test of `invoke bench`.

No figure is compared with a time: the machine is shared. The test checks
that every figure the issue asks for is measured and written.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .browser import find_chromium
from .conftest import ROOT

# Every row `invoke bench` must write for a synthetic size.
ROWS = [
    "load",
    "validate",
    "link",
    "render",
    "write (first)",
    "generate (cold)",
    "mkdocs build (pages current)",
    "generator share %",
    "site MB",
    "median page KB",
    "largest page KB",
    "largest listing page KB",
    "search index MB",
    "generate (no-op)",
    "generate (no-op): files written",
    "generate (one edit)",
    "generate (one edit): files written",
    "search from disk: median s",
    "search from disk after 5 s: median s",
    "serve: first page s",
    "serve: edit to reload, median s",
]


def results_table(path: Path) -> dict[str, float]:
    rows = {}
    for line in path.read_text("utf-8").splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) == 2 and cells[1] and cells[0] not in ("", "---"):
            rows[cells[0]] = float(cells[1])
    return rows


@pytest.mark.browser
def test_benchmark_measures_every_figure_at_a_tiny_size(tmp_path: Path) -> None:
    if find_chromium() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium not found and CI=true: install it (apt-get install chromium)")
        pytest.skip("Chromium not found: the benchmark's searches and reloads need it")
    output = tmp_path / "results.md"
    completed = subprocess.run(
        [sys.executable, "benchmarks/run.py", "--sizes", "60", "--output", str(output)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    rows = results_table(output)
    assert [row for row in ROWS if row not in rows] == []
    assert rows["records"] == 60
    assert rows["generate (no-op): files written"] == 0
    assert rows["generate (one edit): files written"] >= 1
    assert 0 < rows["generator share %"] < 100
