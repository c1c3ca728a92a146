"""Shared fixtures: the repository root, a copy of the test corpus, a built site."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# Validation results must not depend on the day the tests run.
TODAY = dt.date(2026, 1, 1)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A writable copy of the small valid test corpus, with the real mkdocs.yml."""
    shutil.copytree(FIXTURES / "base", tmp_path, dirs_exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def run_generator(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content, built once per test session by the same code as `invoke build`."""
    from generator.build import build_site, generate_command

    work = tmp_path_factory.mktemp("site-build")
    project = work / "project"
    shutil.copytree(
        ROOT,
        project,
        ignore=shutil.ignore_patterns(
            ".git", "site", "dist", ".site-*", "__pycache__", "*.egg-info"
        ),
    )
    assert generate_command(project, quiet=True) == 0
    return build_site(project)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    """Expose each phase's result to fixtures, for screenshots on failure."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
