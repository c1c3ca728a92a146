"""`invoke serve` with a broken record: the page shows the problem, then recovers.

The serve loop keeps the last good pages and puts the content errors in a
banner on every page (generator/mkdocs_hooks.py); once the file is fixed the
next rebuild drops the banner and live reload refreshes the open tab.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from generator.mkdocs_hooks import error_banner

from .conftest import FIXTURES, copy_project

pytestmark = pytest.mark.browser

GIFT = "content/gifts/ann-car-for-bob.yaml"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def mkdocs_serve(project: Path, log: Path, *extra: str) -> Iterator[str]:
    """`python -m mkdocs serve --livereload`, as tasks.py runs it; yield its base URL."""
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "serve", "--livereload", *extra]
    with log.open("w") as out:
        server = subprocess.Popen(
            [*command, "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def open_when_up(page: object, url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            response = page.goto(url)
            if response is not None and response.ok:
                return
        except Exception:
            if time.monotonic() > deadline:
                raise
        if time.monotonic() > deadline:
            raise AssertionError(f"{url} did not answer within {timeout} s")
        time.sleep(0.3)


@pytest.fixture
def small_project(tmp_path: Path) -> Path:
    """The repository with the small test corpus as its content: quick to rebuild."""
    project = copy_project(tmp_path / "p")
    shutil.rmtree(project / "content")
    shutil.copytree(FIXTURES / "base" / "content", project / "content")
    return project


def test_banner_escapes_every_value() -> None:
    banner = error_banner([("content/<b>.yaml:1:2", 'unknown actor "<script>"')])
    assert "<script>" not in banner and "<b>" not in banner
    assert "&lt;script&gt;" in banner and 'role="alert"' in banner


@pytest.mark.parametrize("mode", ["--dirtyreload", ""], ids=["dirty", "full"])
def test_a_broken_record_shows_its_diagnostic_in_the_page_and_recovers(
    browser: object, small_project: Path, tmp_path: Path, mode: str
) -> None:
    """`invoke serve` runs with --dirtyreload; plain `mkdocs serve` rebuilds everything."""
    log = tmp_path / "serve.log"
    record = small_project / GIFT
    good = record.read_text()
    with mkdocs_serve(small_project, log, *filter(None, [mode])) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        try:
            open_when_up(page, base + "gifts/ann-car-for-bob.html")
            assert (
                page.eval_on_selector("h1", "h => h.firstChild.textContent").strip()
                == "Ann gives Bob a car"
            )
            assert page.query_selector(".fs-build-error") is None

            # An unknown actor id on line 2, column 10 (the list's first item).
            record.write_text(good.replace("givers: [ann-leader]", "givers: [ann-leadr]"))
            banner = page.wait_for_selector(".fs-build-error", timeout=30000)
            text = banner.inner_text()
            assert f"{GIFT}:2:" in text, text
            assert "ann-leadr" in text
            assert banner.get_attribute("role") == "alert"
            # The last good page is still there, under the banner, and it is visible.
            assert (
                page.eval_on_selector("h1", "h => h.firstChild.textContent").strip()
                == "Ann gives Bob a car"
            )
            assert banner.is_visible()
            # A new tab gets the page with the banner too, instead of hanging.
            other = browser.new_page()
            other.goto(base + "index.html", timeout=10000)
            assert other.query_selector(".fs-build-error") is not None
            other.close()

            record.write_text(
                good.replace("title: Ann gives Bob a car", "title: Ann gives Bob a car, fixed")
            )
            page.wait_for_selector(".fs-build-error", state="detached", timeout=30000)
            page.wait_for_function(
                "() => document.querySelector('h1')?.firstChild?.textContent.trim() === "
                "'Ann gives Bob a car, fixed'",
                timeout=30000,
            )
        finally:
            page.close()
    output = log.read_text()
    # One save, one rebuild: the break and the fix are two.
    assert output.count("Detected file changes") == 2, output
    assert "Traceback" not in output, output
    # Serve's own address never reaches the pages: they are what `invoke build`
    # writes, so a build after a preview publishes no local links.
    generated = [p for p in (small_project / "build/docs").rglob("*") if p.is_file()]
    assert generated and not [p for p in generated if b"127.0.0.1" in p.read_bytes()]


def test_build_still_fails_on_a_broken_record(small_project: Path) -> None:
    """Only serve keeps going: `mkdocs build` refuses to publish broken content."""
    record = small_project / GIFT
    record.write_text(record.read_text().replace("givers: [ann-leader]", "givers: [ann-leadr]"))
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=small_project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode != 0
    assert "ann-leadr" in completed.stdout + completed.stderr
    assert not (small_project / "site" / "index.html").exists()
