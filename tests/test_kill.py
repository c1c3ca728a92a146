"""Kill-safety: `invoke build` killed with SIGKILL at any moment never loses site/.

After each kill, site/ is the old or the new site and complete (every file of
its manifest, with the right hash); no engine process of the killed build is
left running; and the next build removes what the killed ones left behind.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.publish import OWNER_MARKER, SITE_MARKER, TEMP_PREFIX, read_manifest

from .buildable import make_buildable

KILLS = 20


@pytest.fixture
def project(corpus: Path) -> Path:
    return make_buildable(corpus)


def invoke_build(project: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.Popen(
        [sys.executable, "-m", "invoke", "build"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def assert_complete(site: Path) -> None:
    files = read_manifest(site)
    assert "index.html" in files and len(files) > 20
    for relative, digest in files.items():
        path = site / relative
        assert path.is_file(), f"{relative} listed in the manifest but missing"
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digest, relative


def engines_of(project: Path) -> list[int]:
    """Processes still running in ``project`` whose command line mentions mkdocs."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cwd = os.readlink(entry / "cwd")
            cmdline = (entry / "cmdline").read_bytes()
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if cwd == os.path.realpath(project) and b"mkdocs" in cmdline and state != "Z":
            found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/cwd").exists(), reason="needs Linux /proc")
def test_sigkill_at_random_moments_never_loses_the_site(project: Path) -> None:
    started = time.monotonic()
    assert invoke_build(project).wait() == 0
    duration = time.monotonic() - started
    site = project / "site"
    assert_complete(site)

    rng = random.Random(20260101)
    for round_ in range(KILLS):
        # Vary the content, so a round that gets through publishes a new site.
        page = project / "content/pages/methodology.md"
        page.write_text(page.read_text("utf-8") + f"\nRound {round_}.\n", "utf-8")
        build = invoke_build(project)
        time.sleep(rng.uniform(0.05, duration))
        build.send_signal(signal.SIGKILL)
        build.wait()
        assert_complete(site)
        deadline = time.monotonic() + 5
        while engines_of(project) and time.monotonic() < deadline:
            time.sleep(0.05)  # the kernel delivers the parent-death signal at once
        assert engines_of(project) == [], f"round {round_}: mkdocs outlived the build"

    assert invoke_build(project).wait() == 0
    assert_complete(site)
    assert "Round 19." in (site / "methodology.html").read_text("utf-8")
    leftovers = [p.name for p in project.iterdir() if p.name.startswith(TEMP_PREFIX)]
    assert leftovers == []
    assert not list(project.glob("build/docs/**/*.tmp")), "a killed write left a .tmp file"
    assert time.monotonic() - started < 110


def test_leftovers_are_removed_only_when_ours_and_dead(project: Path) -> None:
    from generator.publish import _start_time, remove_leftovers

    dead = 2**22 + 7  # above the default pid_max: no such process
    ours_dead = project / f"{TEMP_PREFIX}{dead}-aaaa"
    ours_dead.mkdir()
    (ours_dead / OWNER_MARKER).write_text("{}")
    old_site = project / f"{TEMP_PREFIX}{dead}-bbbb"
    old_site.mkdir()
    (old_site / SITE_MARKER).write_text("{}")
    alive = project / f"{TEMP_PREFIX}{os.getppid()}-cccc"
    alive.mkdir()
    (alive / OWNER_MARKER).write_text("{}")
    # The pid of a live process, come round again: a start time not its own.
    reused = project / f"{TEMP_PREFIX}{os.getppid()}-1-ffff"
    reused.mkdir()
    (reused / OWNER_MARKER).write_text("{}")
    running = project / f"{TEMP_PREFIX}{os.getppid()}-{_start_time(os.getppid())}-gggg"
    running.mkdir()
    (running / OWNER_MARKER).write_text("{}")
    empty = project / f"{TEMP_PREFIX}{dead}-eeee"
    empty.mkdir()  # killed before it was marked: nothing in it to lose
    unmarked = project / f"{TEMP_PREFIX}{dead}-dddd"
    unmarked.mkdir()
    (unmarked / "notes.txt").write_text("mine")
    lookalike = project / ".site-other"
    lookalike.mkdir()
    (lookalike / OWNER_MARKER).write_text("{}")

    removed = remove_leftovers(project)

    assert sorted(p.name for p in removed) == sorted(
        [ours_dead.name, old_site.name, empty.name, reused.name]
    )
    assert alive.is_dir() and running.is_dir() and unmarked.is_dir() and lookalike.is_dir()
    assert not empty.exists()
    assert (unmarked / "notes.txt").read_text() == "mine"


def test_sigterm_kills_the_engine_and_cleans_up(project: Path) -> None:
    assert invoke_build(project).wait() == 0
    build = invoke_build(project)
    deadline = time.monotonic() + 20
    while not engines_of(project) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert engines_of(project), "mkdocs never started"
    build.send_signal(signal.SIGTERM)
    assert build.wait(timeout=20) != 0
    assert engines_of(project) == []
    assert [p for p in project.iterdir() if p.name.startswith(TEMP_PREFIX)] == []
    assert_complete(project / "site")
