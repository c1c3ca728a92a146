"""Shared fixtures: the repository root, a copy of the test corpus, a built site."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from .browser import CHROMIUM_ARGS, find_chromium


@pytest.fixture(autouse=True)
def _hermetic_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages must not depend on the machine: no deploy-time addresses leak in."""
    for name in ("REPO_URL", "SITE_URL", "FACTSHEETS_PAGES_CURRENT"):
        monkeypatch.delenv(name, raising=False)


ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# Validation results must not depend on the day the tests run.
TODAY = dt.date(2026, 1, 1)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A writable copy of the small valid test corpus, with the real config and templates."""
    shutil.copytree(FIXTURES / "base", tmp_path, dirs_exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "site_templates", tmp_path / "site_templates")
    return tmp_path


# Folders a copy of the project never needs: VCS data, caches, build output.
_NOT_COPIED = {
    ".git",
    "site",
    "dist",
    "__pycache__",
    "test-results",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
}


def copy_project(target: Path) -> Path:
    """A copy of the repository as a fresh clone has it: no build output, no caches."""

    def ignore(folder: str, names: list[str]) -> set[str]:
        skip = {
            n
            for n in names
            if n in _NOT_COPIED or n.endswith(".egg-info") or n.startswith(".site-")
        }
        if Path(folder) == ROOT / "build":
            skip |= set(names) - {"docs"}  # build/tools is reinstalled, not copied
        return skip

    shutil.copytree(ROOT, target, ignore=ignore)
    for generated in (target / "build/docs").iterdir():
        if not generated.name.startswith("."):
            shutil.rmtree(generated) if generated.is_dir() else generated.unlink()
    return target


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
    from generator.build import build_site
    from generator.pipeline import generate
    from generator.settings import load_settings

    project = copy_project(tmp_path_factory.mktemp("site-build") / "project")
    assert generate(load_settings(project)).report is not None
    return build_site(project, generated=True)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One Chromium for the whole session: Playwright's sync API allows one at a time."""
    executable = find_chromium()
    if executable is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium not found and CI=true: install it (apt-get install chromium)")
        pytest.skip("Chromium not found: install Debian's chromium or set CHROMIUM to run these")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    """Expose each phase's result to fixtures, for screenshots on failure."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
