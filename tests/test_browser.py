"""The built site in a real Chromium, opened from disk and over HTTP.

Covers search (English, aliases, Korean, Russian, items, places,
instruments), that no request leaves the site, that every internal link
resolves, and that no page logs a console error. A failing test leaves a
screenshot in test-results/.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urldefrag, urlparse

import pytest

from generator.settings import load_settings

from .browser import serve_directory
from .conftest import ROOT, copy_project

pytestmark = pytest.mark.browser

SEARCHES = [
    ("Kim Yo Jong", "actors/kim-yo-jong.html", "Kim Yo Jong"),
    ("Ro Kwang Chol", "actors/no-kwang-chol.html", "No Kwang Chol"),
    ("김정은", "actors/kim-jong-un.html", "Kim Jong Un"),
    ("Путин", "actors/vladimir-putin.html", "Vladimir Putin"),
    ("Aurus", "actors/aurus.html", "Aurus"),
    ("Pungsan", "gifts/kim-pungsan-dogs-for-putin-2024.html", "Pungsan"),
    ("Orlov", "gifts/russia-orlov-trotters-for-dprk-2024.html", "Orlov"),
    ("Vostochny", "visits/kim-russia-2023-09.html", "Vostochny"),
    ("Masikryong", "visits/russian-tourists-dprk-2024-02.html", "tour group"),
    ("2397", "sanctions/unsc-resolution-2397.html", "2397"),
]


@pytest.fixture(scope="session", params=["file", "http"])
def site_base(request: pytest.FixtureRequest, built_site: Path) -> Iterator[str]:
    if request.param == "file":
        yield built_site.as_uri() + "/"
    else:
        with serve_directory(built_site) as base:
            yield base


class Recorder:
    """What one page did: every request and every console error."""

    def __init__(self, page: object, base: str) -> None:
        self.base = base
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.status} {r.url}"))
        self.failed: list[str] = []

    def external(self) -> list[str]:
        return [u for u in self.requests if not u.startswith((self.base, "data:", "blob:"))]


def heading_text(page: object) -> str:
    """The page's h1 without its permalink mark."""
    return page.eval_on_selector("h1", "h => h.firstChild.textContent").strip()


@contextmanager
def recorded_page(browser: object, base: str) -> Iterator[tuple[object, Recorder]]:
    """A fresh browser context and page, with its requests and errors recorded."""
    context = browser.new_context()
    page = context.new_page()
    try:
        yield page, Recorder(page, base)
    except BaseException:
        test = os.environ.get("PYTEST_CURRENT_TEST", "browser").split(" ")[0]
        save_screenshot(page, test.rsplit("::", 1)[-1])
        raise
    finally:
        context.close()


def save_screenshot(page: object, name: str) -> None:
    out = ROOT / "test-results"
    out.mkdir(exist_ok=True)
    safe = name.replace("/", "_").replace("[", "-").replace("]", "")
    page.screenshot(path=str(out / f"{safe}.png"), full_page=True)


@pytest.fixture
def page(browser: object, site_base: str, request: pytest.FixtureRequest) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.recorder = Recorder(page, site_base)
    yield page
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        save_screenshot(page, request.node.name)
    context.close()


def search(page: object, query: str) -> list[str]:
    """Type ``query`` into Material's search as a reader does; return result links."""
    page.keyboard.press("s")
    page.keyboard.insert_text(query)
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    return [a.get_attribute("href") for a in page.query_selector_all(".md-search-result__link")]


@pytest.mark.parametrize(("query", "target", "heading"), SEARCHES, ids=[s[0] for s in SEARCHES])
def test_search_finds_and_opens_the_record(
    page: object, site_base: str, query: str, target: str, heading: str
) -> None:
    page.goto(site_base + "index.html")
    started = time.perf_counter()
    links = search(page, query)
    elapsed = time.perf_counter() - started
    matching = [href for href in links if urldefrag(href)[0].split("?")[0].endswith(target)]
    assert matching, f"{query!r} did not find {target}; results: {links[:8]}"
    page.click(f'.md-search-result__link[href="{matching[0]}"]')
    page.wait_for_load_state()
    assert urlparse(page.url).path.endswith(target)
    assert heading in page.inner_text("article")
    assert page.recorder.external() == []
    assert page.recorder.errors == []
    print(f"search {query!r}: first results after {elapsed:.2f} s")


def test_every_page_loads_links_resolve_and_nothing_leaves_the_site(
    page: object, site_base: str, built_site: Path
) -> None:
    seen: set[str] = set()
    files: set[str] = set()
    queue = [site_base + "index.html"]
    broken: list[str] = []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = page.goto(url)
        if response is not None and not response.ok:
            broken.append(f"{url}: HTTP {response.status}")
            continue
        for href in page.eval_on_selector_all(
            "a[href]", "els => els.map(e => new URL(e.getAttribute('href'), document.baseURI).href)"
        ):
            target, fragment = urldefrag(href)
            target = target.split("?")[0]
            if not target.startswith(site_base):
                continue  # links to sources are for readers; the browser never fetches them
            if fragment and target == url:
                assert page.query_selector(f'[id="{fragment}"]'), f"{url}#{fragment} missing"
            if target.endswith(".html") and target not in seen:
                queue.append(target)
            elif not target.endswith((".html", "/")):
                files.add(target)
    for target in sorted(files):
        relative = target.removeprefix(site_base)
        if relative == load_settings(ROOT).offline_zip:
            continue  # the deploy workflow adds it; test_workflows checks the name
        if not (built_site / relative).is_file():
            broken.append(f"a page links to {target}, which is not in the site")
    assert broken == []
    assert page.recorder.failed == [], "requests that failed"
    assert page.recorder.external() == [], "requests left the site"
    assert page.recorder.errors == [], "console errors"
    records = sum(1 for p in (ROOT / "content").glob("*/*.yaml"))
    # Every record has a page, reachable by links from the home page.
    assert len(seen) >= records, f"crawled {len(seen)} pages for {records} records"


def test_site_under_a_repository_path_has_working_links_and_404(
    browser: object, built_site: Path, tmp_path: Path
) -> None:
    """As on GitHub Pages: the site at /<repo>/, built with that SITE_URL."""
    import subprocess
    import sys

    from .browser import serve_like_pages

    project = built_site.parent
    parent = tmp_path / "pages"
    parent.mkdir()
    with serve_like_pages(parent, "factsheets") as base:
        env = {**os.environ, "SITE_URL": base, "NO_MKDOCS_2_WARNING": "1"}
        completed = subprocess.run(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "build",
                "--strict",
                "--site-dir",
                str(parent / "factsheets"),
            ],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert completed.returncode == 0, completed.stderr
        with recorded_page(browser, base) as (page, recorder):
            response = page.goto(base + "gifts/no-such-gift.html")
            assert response is not None and response.status == 404
            assert "404" in page.inner_text("article")
            # The 404 page's own assets load from the repository path.
            assert page.eval_on_selector(".md-header", "e => getComputedStyle(e).position") in (
                "sticky",
                "fixed",
            )
            page.click('.md-nav__link:has-text("Gifts")')
            page.wait_for_load_state()
            assert page.url == base + "gifts/index.html"
            assert "putin-car-for-kim-2024.html" in page.content()
            # Only the missing page itself failed (Chromium logs its 404 once).
            assert recorder.failed == [f"404 {base}gifts/no-such-gift.html"]
            assert len(recorder.errors) <= 1
            assert all("404 (Not Found)" in e for e in recorder.errors)
            assert recorder.external() == []


def test_serve_reloads_the_page_when_a_record_changes(browser: object, tmp_path: Path) -> None:
    """`invoke serve`: editing a YAML file rebuilds once and reloads the open page."""
    import socket
    import subprocess
    import sys

    project = copy_project(tmp_path / "p")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = tmp_path / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with log.open("w") as out:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "serve",
                "--livereload",
                "--dev-addr",
                f"127.0.0.1:{port}",
            ],
            cwd=project,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        page = browser.new_page()
        url = f"http://127.0.0.1:{port}/gifts/putin-car-for-kim-2024.html"
        deadline = time.monotonic() + 60
        while True:
            try:
                page.goto(url)
                break
            except Exception:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        assert heading_text(page) == "Putin gives Kim a Russian-made car"
        record = project / "content/gifts/putin-car-for-kim-2024.yaml"
        record.write_text(
            record.read_text().replace(
                "title: Putin gives Kim a Russian-made car\n",
                "title: Putin gives Kim a car, edited\n",
            )
        )
        page.wait_for_function(
            "() => document.querySelector('h1')?.firstChild?.textContent.trim() === "
            "'Putin gives Kim a car, edited'",
            timeout=60000,
        )
        time.sleep(4)  # long enough for a rebuild loop to show itself
        rebuilds = log.read_text().count("Detected file changes")
        assert rebuilds == 1, log.read_text()
        page.close()
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_offline_zip_works_from_a_fresh_folder(
    browser: object, built_site: Path, tmp_path: Path
) -> None:
    """`invoke bundle`'s zip, unzipped elsewhere: browse and search from disk, no network."""
    import zipfile

    from generator.bundle import make_bundle

    archive = make_bundle(built_site, tmp_path / "dist")
    unpacked = tmp_path / "somewhere else"
    zipfile.ZipFile(archive).extractall(unpacked)
    [folder] = list(unpacked.iterdir())
    base = folder.as_uri() + "/"
    with recorded_page(browser, base) as (page, recorder):
        page.goto(base + "index.html")
        links = search(page, "Orlov")
        target = next(h for h in links if "russia-orlov-trotters-for-dprk-2024.html" in h)
        page.click(f'.md-search-result__link[href="{target}"]')
        page.wait_for_load_state()
        assert "24 Orlov trotters" in page.inner_text("h1")
        assert recorder.external() == [] and recorder.errors == [] and recorder.failed == []


def test_from_disk_the_index_builds_in_a_worker_before_the_first_search(
    browser: object, built_site: Path
) -> None:
    """The embedded worker source lets indexing start at page load, off the page's thread."""
    assert (built_site / "assets/javascripts/offline-search-sources.js").is_file()
    base = built_site.as_uri() + "/"
    with recorded_page(browser, base) as (page, recorder):
        page.goto(base + "visits/index.html")
        # Nobody has searched yet, and the index is built, by a real worker.
        page.wait_for_function(
            "() => document.documentElement.dataset.offlineSearch === 'ready'", timeout=30000
        )
        assert any(u.startswith("blob:") for u in recorder.requests)
        links = search(page, "Masikryong")
        assert any("russian-tourists-dprk-2024-02.html" in h for h in links)
        assert recorder.external() == [] and recorder.errors == []


def test_from_disk_search_falls_back_to_the_iframe_worker(
    browser: object, built_site: Path, tmp_path: Path
) -> None:
    """Without the embedded source (an engine that runs no hooks), search still works."""
    import shutil

    copy = tmp_path / "site"
    shutil.copytree(built_site, copy)
    (copy / "assets/javascripts/offline-search-sources.js").unlink()
    base = copy.as_uri() + "/"
    with recorded_page(browser, base) as (page, recorder):
        page.goto(base + "index.html")
        links = search(page, "Pungsan")
        assert any("kim-pungsan-dogs-for-putin-2024.html" in h for h in links)
        assert not any(u.startswith("blob:") for u in recorder.requests)
        # The missing file is the one expected failure; nothing else may fail.
        assert [e for e in recorder.errors if "ERR_FILE_NOT_FOUND" not in e] == []
        assert recorder.external() == []


def test_dark_mode_toggle_persists_across_pages(page: object, site_base: str) -> None:
    """The palette toggle (its script is the project's own file, allowed by the policy)."""
    page.goto(site_base + "index.html")
    scheme = "e => e.getAttribute('data-md-color-scheme')"
    assert page.eval_on_selector("body", scheme) == "default"
    page.click('label[for="__palette_1"]')
    assert page.eval_on_selector("body", scheme) == "slate"
    page.goto(site_base + "gifts/index.html")
    assert page.eval_on_selector("body", scheme) == "slate"
    # The saved choice is applied before first paint, by factsheets-palette.js.
    background = page.eval_on_selector("body", "e => getComputedStyle(e).backgroundColor")
    assert background != "rgb(255, 255, 255)"
    page.click('label[for="__palette_0"]')
    page.goto(site_base + "visits/index.html")
    assert page.eval_on_selector("body", scheme) == "default"
    assert page.recorder.errors == [], "console errors (a policy violation shows here)"
    assert page.recorder.external() == []


def test_hostile_title_and_front_matter_run_nothing(browser: object, corpus: Path) -> None:
    """A title or description made of markup shows as text; no script runs."""
    from .test_build import HOSTILE_TITLE, build_hostile

    site = build_hostile(corpus)
    base = site.as_uri() + "/"
    with recorded_page(browser, base) as (page, recorder):
        for name in ["gifts/ann-car-for-bob.html", "methodology.html", "gifts/index.html"]:
            page.goto(base + name)
            assert page.evaluate("window.__pwned") is None, name
        page.goto(base + "gifts/ann-car-for-bob.html")
        assert page.title() == f"{HOSTILE_TITLE} - Russia–North Korea fact sheets"
        assert heading_text(page) == HOSTILE_TITLE
        assert recorder.errors == [] and recorder.external() == []
