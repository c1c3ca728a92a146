"""Screenshots of the built site for pull-request reviewers.

Opens the built site from disk in Chromium and saves full-page screenshots of
the home page, a gift, an actor and the timeline at desktop and phone
widths, so a reviewer sees a change without building. The PR workflow runs
it after the build and uploads the folder as the ``screenshots`` artifact:

    python3 -m tests.screenshots site screenshots
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tests.browser import CHROMIUM_ARGS, find_chromium

PAGES = {
    "home": "index.html",
    "gift": "gifts/putin-car-for-kim-2024.html",
    "actor": "actors/kim-jong-un.html",
    "timeline": "timeline.html",
}
WIDTHS = (1280, 390)


def take_screenshots(browser: object, site: Path, out: Path) -> list[Path]:
    """Save ``<page>-<width>.png`` for every page and width; return the files written."""
    out.mkdir(parents=True, exist_ok=True)
    base = site.resolve().as_uri() + "/"
    written: list[Path] = []
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        try:
            for name, path in PAGES.items():
                if not (site / path).is_file():
                    raise SystemExit(f"screenshots: {site / path} is missing; build the site first")
                page.goto(base + path)
                page.wait_for_load_state("load")
                target = out / f"{name}-{width}.png"
                page.screenshot(path=str(target), full_page=True)
                written.append(target)
        finally:
            context.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="the built site folder (site/)")
    parser.add_argument("out", type=Path, help="where to write the PNG files")
    args = parser.parse_args(argv)
    executable = find_chromium()
    if executable is None:
        print("screenshots: Chromium not found; set CHROMIUM to its path", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            files = take_screenshots(browser, args.site, args.out)
        finally:
            browser.close()
    print(f"screenshots: wrote {len(files)} files to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
