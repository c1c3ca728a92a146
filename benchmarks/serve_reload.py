"""Edit-to-reload time of `mkdocs serve` on the real content, in Chromium.

Copies the project, starts ``python -m mkdocs serve --livereload`` (plus
``--dirtyreload`` when asked), opens a gift page, then edits that record's
title several times and times each save until the open tab shows the new
title. Run from the repository root:

    PYTHONPATH=$PWD python benchmarks/serve_reload.py [--dirtyreload] [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.browser import CHROMIUM_ARGS, find_chromium
from tests.conftest import copy_project
from tests.test_serve_browser import mkdocs_serve, open_when_up

RECORD = "content/gifts/putin-car-for-kim-2024.yaml"
TITLE = "title: Putin gives Kim a Russian-made car\n"


def measure(dirty: bool, runs: int) -> list[float]:
    with tempfile.TemporaryDirectory() as folder:
        project = copy_project(Path(folder) / "p")
        record = project / RECORD
        original = record.read_text()
        extra = ("--dirtyreload",) if dirty else ()
        log = Path(folder) / "serve.log"
        with mkdocs_serve(project, log, *extra) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=find_chromium(), args=CHROMIUM_ARGS
            )
            page = browser.new_page()
            open_when_up(page, base + "gifts/putin-car-for-kim-2024.html", timeout=120)
            times = []
            for run in range(runs):
                title = f"Putin gives Kim a car, edit {run}"
                started = time.perf_counter()
                record.write_text(original.replace(TITLE, f"title: {title}\n"))
                page.wait_for_function(
                    f"() => document.querySelector('h1')?.innerText === {title!r}",
                    timeout=120000,
                )
                times.append(time.perf_counter() - started)
                time.sleep(1)  # let the server settle before the next save
            browser.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dirtyreload", action="store_true")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    times = measure(args.dirtyreload, args.runs)
    mode = "dirty reload" if args.dirtyreload else "full rebuild"
    shown = ", ".join(f"{t:.2f}" for t in times)
    print(f"{mode}: edit to reload {statistics.median(times):.2f} s median ({shown})")


if __name__ == "__main__":
    sys.exit(main())
