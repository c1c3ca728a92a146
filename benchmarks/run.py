"""Benchmark: the pipeline stages, the MkDocs build, serve and offline search.

    python3 benchmarks/run.py --sizes 1000,5000      # synthetic sites
    python3 benchmarks/run.py --real                 # the real content too
    python3 benchmarks/run.py --sizes 5000 --before 79880eb   # and an old commit

Synthetic records are generated deterministically (fixed seed) in equal
shares of actors, sources, gifts, visits and sanctions, all cross-linked.
Search time is measured in Chromium from file://, from typing the query to
the first result on screen, as the median of several queries. Serve is
timed as ``invoke serve`` runs it: from start to the first page answered,
and from saving a record to the open tab showing the change. Figures are
wall-clock times on whatever machine runs this; compare them as ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.kinds import load_registry  # noqa: E402
from generator.link import link  # noqa: E402
from generator.load import load_content  # noqa: E402
from generator.render import Renderer  # noqa: E402
from generator.settings import load_settings  # noqa: E402
from generator.validate import validate_tree  # noqa: E402
from generator.write import write_tree  # noqa: E402

WORDS = [
    "treaty",
    "summit",
    "delegation",
    "artillery",
    "satellite",
    "cosmodrome",
    "railway",
    "harbour",
    "ministry",
    "embassy",
    "limousine",
    "governor",
    "resolution",
    "monitoring",
    "shipment",
    "livestock",
    "museum",
    "academy",
]


STATES = [
    "Russia",
    "North Korea",
    "China",
    "South Korea",
    "Japan",
    "Mongolia",
    "Vietnam",
    "Laos",
    "Belarus",
    "Iran",
]


def synthetic_content(folder: Path, records: int, seed: int = 20240220) -> None:
    """Write ``records`` valid, cross-referenced records into ``folder/content``.

    Folders come from the kind registry; the values follow each kind's
    schema, with inline citations as the real content has them.
    """
    registry = load_registry()
    where = {kind.name: folder / "content" / kind.folder for kind in registry}
    rng = random.Random(seed)
    share = max(records // 5, 2)
    for path in where.values():
        path.mkdir(parents=True, exist_ok=True)
    actors = [f"actor-{i:05d}" for i in range(share)]
    sources = [f"source-{i:05d}" for i in range(share)]

    def words(n: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(n))

    def day() -> str:
        return f'"{rng.randint(2000, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"'

    cited = iter(range(10**9))

    def cite() -> str:
        # Round-robin first, so every source is cited, then one at random.
        first = sources[next(cited) % len(sources)]
        ids = list(dict.fromkeys([first, rng.choice(sources)]))
        return "[" + "; ".join(f"@{i}" for i in ids) + "]"

    def summary(sentences: int) -> str:
        return " ".join(f"{words(12).capitalize()} {cite()}." for _ in range(sentences))

    for i, actor in enumerate(actors):
        kind = "state" if i < 10 else "person"
        state = "" if kind == "state" else f"state: {actors[i % 10]}\n"
        # States carry real names, as they do in real content: the data
        # exports look their country codes up by name.
        name = STATES[i] if kind == "state" else f"Actor {i} {words(2)}"
        (where["actor"] / f"{actor}.yaml").write_text(
            f"name: {name}\ntype: {kind}\n{state}"
            f"native_names:\n  ru: Актёр {i}\n  ko: 배우 {i}\nsummary: {summary(2)}\n"
        )
    for i, source in enumerate(sources):
        (where["source"] / f"{source}.yaml").write_text(
            f"publisher: Publisher {i % 50}\nabout: {words(6)}\n"
            f"url: https://example.org/{source}\npublished: {day()}\nlanguage: en\n"
            "type: media\n"
        )

    def pair() -> tuple[str, str]:
        a, b = rng.sample(actors, 2)
        return a, b

    for i in range(share):
        giver, recipient = pair()
        (where["gift"] / f"gift-{i:05d}.yaml").write_text(
            f"title: Gift {i} {words(3)}\ngivers: [{giver}]\nrecipients: [{recipient}]\n"
            f"date: {day()}\nitems:\n  - description: {words(3)}\n    category: vehicle\n"
            f"    model: unknown\nclaim:\n  status: reported\n  asserted_by: [{giver}]\n"
            f"summary: {summary(5)}\n"
        )
        visitor, host = pair()
        (where["visit"] / f"visit-{i:05d}.yaml").write_text(
            f"title: Visit {i} {words(3)}\nvisitors: [{visitor}]\nhosts: [{host}]\n"
            f"start: {day()}\nplaces:\n  - city: City {i % 300}\n    country: {actors[i % 10]}\n"
            f"claim:\n  status: reported\n  asserted_by: [{host}]\nsummary: {summary(5)}\n"
        )
        # As in the real content, few measures cover goods that are given as gifts.
        covers = "vehicle" if i % 50 == 0 else "jewellery"
        (where["sanction"] / f"sanction-{i:05d}.yaml").write_text(
            f"title: Sanction {i} {words(3)}\nrecord_type: instrument\n"
            f"instrument: Resolution {i}\nimposed_by: [{actors[(i + 1) % 10]}]\n"
            f"targets: [{actors[i % 10]}]\nadopted: {day()}\nlegal_status: in-force\n"
            f"measures:\n  - description: {words(5)}\n    categories: [luxury-goods]\n"
            f"    direction: supply\n    covers: [{covers}]\n"
            f"claim:\n  status: reported\n  asserted_by: [{actors[(i + 1) % 10]}]\n"
            f"summary: {summary(4)}\n"
        )


def timed(label: str, results: dict[str, float], action: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    value = action()
    results[label] = time.perf_counter() - started
    print(f"  {label:<28} {results[label]:8.2f} s", file=sys.stderr)
    return value


def measure_pipeline(project: Path) -> dict[str, float]:
    """Each generator stage, in this process, as the pipeline runs them."""
    settings = load_settings(project)
    results: dict[str, float] = {}
    tree = timed("load", results, lambda: load_content(project))
    diagnostics = timed("validate", results, lambda: validate_tree(tree))
    errors = [d.format_text() for d in diagnostics if d.severity.value == "error"]
    assert not errors, errors[:5]
    site = timed("link", results, lambda: link(tree.records))
    pages = timed("render", results, lambda: Renderer(site, settings).render_all())
    timed("write (first)", results, lambda: write_tree(settings.docs_dir, pages))
    results["records"] = len(tree.records)
    results["pages"] = len(pages)
    return results


def generate_process(project: Path, results: dict[str, float], label: str) -> str:
    """``python -m generator generate`` as a contributor runs it; its summary line."""
    env = {**os.environ, "PYTHONPATH": str(project)}
    command = [sys.executable, "-m", "generator", "generate"]
    completed = timed(
        label,
        results,
        lambda: subprocess.run(command, cwd=project, env=env, check=True, capture_output=True),
    )
    summary = completed.stderr.decode().strip().splitlines()[-1]
    written = re.search(r"(\d+) (?:files? )?written", summary)
    if written:  # an earlier commit may word its summary differently
        results[f"{label}: files written"] = int(written.group(1))
    return summary


def mkdocs_build(project: Path, results: dict[str, float]) -> Path:
    """The MkDocs build with the pages already generated, as ``invoke build`` runs it."""
    site = project / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "FACTSHEETS_PAGES_CURRENT": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    timed(
        "mkdocs build (pages current)",
        results,
        lambda: subprocess.run(command, cwd=project, env=env, check=True, capture_output=True),
    )
    index = site / "search/search_index.json"
    results["search index MB"] = index.stat().st_size / 1e6
    results["search index entries"] = len(json.loads(index.read_text())["docs"])
    pages = [p for p in site.rglob("*.html")]
    sizes = sorted(p.stat().st_size for p in pages)
    results["site MB"] = sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6
    results["median page KB"] = statistics.median(sizes) / 1e3
    results["largest page KB"] = sizes[-1] / 1e3
    listings = [
        p
        for p in pages
        if p.name == "index.html"
        or "index" in p.parts
        or "timeline" in p.stem
        or p.parent.name == "timeline"
    ]
    results["largest listing page KB"] = max(p.stat().st_size for p in listings) / 1e3
    return site


def search_times(
    site: Path, queries: list[str], *, http: bool = False, idle: float = 0
) -> list[float]:
    """Seconds from typing each query to its first result.

    ``idle`` waits that long after the page loads before typing. Over HTTP
    Material builds the index in a worker as the page loads, so a reader who
    pauses gets results at once; from disk it defers the build to the first
    search, so waiting does not help there.
    """
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM_ARGS, find_chromium, serve_directory

    executable = find_chromium()
    if executable is None:
        print("  (no Chromium: search not measured)", file=sys.stderr)
        return []
    times = []
    with ExitStack() as stack:
        base = stack.enter_context(serve_directory(site)) if http else site.as_uri() + "/"
        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        for query in queries:
            page = browser.new_page()
            page.goto(base + "index.html")
            page.wait_for_load_state("load")
            page.wait_for_timeout(idle * 1000)
            page.keyboard.press("s")
            started = time.perf_counter()
            page.keyboard.insert_text(query)
            page.keyboard.press("End")
            page.wait_for_selector(".md-search-result__item", timeout=60000)
            times.append(time.perf_counter() - started)
            page.close()
        browser.close()
    return times


def serve_times(project: Path, runs: int = 3) -> tuple[float, list[float]]:
    """``invoke serve``'s server: seconds to the first page, and from each save to its reload.

    Starts ``mkdocs serve --livereload --dirtyreload`` as tasks.py does,
    times its start until the home page answers, then opens the first
    gift's page in Chromium and edits that record's title ``runs`` times,
    timing each save until the open tab shows the new title.
    """
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM_ARGS, find_chromium
    from tests.test_serve_browser import mkdocs_serve

    executable = find_chromium()
    if executable is None:
        print("  (no Chromium: serve not measured)", file=sys.stderr)
        return 0.0, []
    record = sorted((project / "content/gifts").glob("*.yaml"))[0]
    original = record.read_text("utf-8")
    log = project / "serve.log"
    started = time.perf_counter()
    with mkdocs_serve(project, log, "--dirtyreload") as base, sync_playwright() as playwright:
        while True:
            try:
                with urllib.request.urlopen(base + "index.html", timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:
                if time.perf_counter() - started > 900:
                    raise RuntimeError(f"mkdocs serve did not start; see {log}") from None
            time.sleep(0.1)
        first_page = time.perf_counter() - started
        print(f"  {'serve: first page':<28} {first_page:8.2f} s", file=sys.stderr)
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(f"{base}gifts/{record.stem}.html")
        times = []
        for run in range(runs):
            marker = f"Edited {run}"
            saved = time.perf_counter()
            record.write_text(original.replace("title: ", f"title: {marker} ", 1), "utf-8")
            page.wait_for_function(
                f"() => document.querySelector('h1')?.innerText.startsWith({marker!r})",
                timeout=900_000,
            )
            times.append(time.perf_counter() - saved)
            print(f"  {'serve: edit to reload':<28} {times[-1]:8.2f} s", file=sys.stderr)
            time.sleep(1)  # let the server settle before the next save
        browser.close()
    record.write_text(original, "utf-8")
    return first_page, times


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}"


def benchmark(size: int | None, search: bool, serve: bool, code: Path = ROOT) -> dict[str, float]:
    """Every figure for one content size (``None``: the real content).

    ``code`` holds the generator, templates and mkdocs.yml to measure: this
    checkout, or an earlier commit's (``--before``). The stage timings run
    in this process, with this checkout's generator, so they are taken for
    this checkout only.
    """
    work = Path(tempfile.mkdtemp(prefix="factsheets-bench-"))
    project = work / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "site_templates", "generator"):
        source = code / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / name)
    if size is None:
        shutil.copytree(ROOT / "content", project / "content")
        queries = ["Pungsan", "Путин", "김정은", "Masikryong", "2397"]
    else:
        synthetic_content(project, size)
        shutil.copytree(ROOT / "content/pages", project / "content/pages")
        queries = ["limousine", "Актёр 123", "배우 77", "Resolution 42", "City 250"]
    label = "real" if size is None else f"{size} synthetic records"
    print(f"content: {label}{'' if code == ROOT else f' (code from {code.name})'}", file=sys.stderr)
    results = measure_pipeline(project) if code == ROOT else {}
    shutil.rmtree(project / "build", ignore_errors=True)
    generate_process(project, results, "generate (cold)")
    site = mkdocs_build(project, results)
    results["generator share %"] = (
        100
        * results["generate (cold)"]
        / (results["generate (cold)"] + results["mkdocs build (pages current)"])
    )
    generate_process(project, results, "generate (no-op)")
    edited = next((project / "content").glob("*/*.yaml"))
    edited.write_text(edited.read_text("utf-8").replace("summary: ", "summary: Edited. ", 1))
    generate_process(project, results, "generate (one edit)")
    for label, http, idle in [
        ("search from disk", False, 0),
        ("search from disk after 5 s", False, 5),
    ]:
        times = search_times(site, queries, http=http, idle=idle) if search else []
        if times:
            results[f"{label}: median s"] = statistics.median(times)
            results[f"{label}: max s"] = max(times)
            print(
                f"  {label}, typing to first result: median {statistics.median(times):.2f} s, "
                f"max {max(times):.2f} s over {len(times)} queries",
                file=sys.stderr,
            )
    if serve:
        first_page, reloads = serve_times(project)
        if reloads:
            results["serve: first page s"] = first_page
            results["serve: edit to reload, median s"] = statistics.median(reloads)
            results["serve: edit to reload, max s"] = max(reloads)
    shutil.rmtree(work, ignore_errors=True)
    return results


# Inputs that made Python-Markdown super-linear, each as large as a field may be.
PATHOLOGICAL = {
    "20 KB of [": "[" * 19_900,
    "20 KB of ![": "![" * 9_950,
    "20 KB of *a": "*a " * 6_600,
    "20 KB of <": "<" * 19_900,
}


def pathological(results: dict[str, float]) -> None:
    """The real content built with one record whose summary is a worst case.

    Any single file within the size limits must build in a few seconds:
    the figure is the build time with the record, against the same build
    without it.
    """
    for label, text in [("none", ""), *PATHOLOGICAL.items()]:
        work = Path(tempfile.mkdtemp(prefix="factsheets-worst-"))
        project = work / "project"
        project.mkdir()
        for name in ("mkdocs.yml", "site_templates", "generator", "content"):
            source = ROOT / name
            (shutil.copytree if source.is_dir() else shutil.copy)(source, project / name)
        if text:
            summary = json.dumps(text + " [@tass-2024-02-20-peskov-aurus]")
            (project / "content/gifts/worst-case.yaml").write_text(
                "title: A worst case\ngivers: [vladimir-putin]\nrecipients: [kim-jong-un]\n"
                'date: "2024"\nitems:\n  - description: A thing\n    category: other\n'
                "claim:\n  status: claimed\n  asserted_by: [tass]\n"
                f"summary: {summary}\n"
            )
        env = {**os.environ, "PYTHONPATH": str(project), "NO_MKDOCS_2_WARNING": "1"}
        command = [sys.executable, "-m", "generator", "build"]
        timed(
            f"worst file: build with {label}",
            results,
            lambda command=command, env=env, project=project: subprocess.run(
                command, cwd=project, env=env, check=True, capture_output=True
            ),
        )
        shutil.rmtree(work, ignore_errors=True)


@contextmanager
def checkout(commit: str) -> Iterator[Path]:
    """The generator, templates and mkdocs.yml of ``commit``, in a temporary folder."""
    with tempfile.TemporaryDirectory(prefix="factsheets-before-") as folder:
        target = Path(folder) / commit[:12]
        target.mkdir()
        archive = subprocess.run(
            ["git", "archive", commit, "generator", "site_templates", "mkdocs.yml"],
            cwd=ROOT,
            check=True,
            capture_output=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
        yield target


def write_results(all_results: dict[str, dict[str, float]], path: Path) -> None:
    labels = list(dict.fromkeys(k for r in all_results.values() for k in r))
    sizes = list(all_results)
    lines = [
        "# Benchmark results",
        "",
        f"Written by `invoke bench`. Machine: {machine()}. Wall-clock figures of one run",
        'on a shared machine: compare them as ratios. A column "N before" is the same',
        "content built by an earlier commit's code (`--before`), in the same run.",
        "",
        "| | " + " | ".join(sizes) + " |",
        "| --- |" + " --- |" * len(sizes),
    ]
    for label in labels:
        cells = [f"{all_results[s][label]:.2f}" if label in all_results[s] else "" for s in sizes]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    path.write_text("\n".join(lines) + "\n", "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default="1000", help="comma-separated record counts, e.g. 1000,5000,10000"
    )
    parser.add_argument("--real", action="store_true", help="benchmark the real content too")
    parser.add_argument("--no-search", action="store_true", help="skip the browser searches")
    parser.add_argument("--no-serve", action="store_true", help="skip mkdocs serve's timings")
    parser.add_argument("--output", type=Path, help="write a Markdown table here")
    parser.add_argument(
        "--before",
        metavar="COMMIT",
        help="also measure this earlier commit's generator, templates and mkdocs.yml, "
        "each size next to this checkout's",
    )
    args = parser.parse_args()
    print(f"machine: {machine()}", file=sys.stderr)
    search, serve = not args.no_search, not args.no_serve
    all_results: dict[str, dict[str, float]] = {}
    with ExitStack() as stack:
        before = stack.enter_context(checkout(args.before)) if args.before else None
        if args.real:
            all_results["real"] = benchmark(None, search, serve)
            pathological(all_results["real"])
        for size in (int(s) for s in args.sizes.split(",") if s.strip()):
            if before is not None:
                all_results[f"{size} before"] = benchmark(size, search, serve, before)
            all_results[str(size)] = benchmark(size, search, serve)
    print(
        json.dumps(
            {k: {x: round(y, 3) for x, y in v.items()} for k, v in all_results.items()}, indent=2
        )
    )
    if args.output:
        write_results(all_results, args.output)


if __name__ == "__main__":
    main()
