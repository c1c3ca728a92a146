"""Benchmark: the pipeline stages, the MkDocs build and offline search time.

    python3 benchmarks/run.py --records 5000     # synthetic site
    python3 benchmarks/run.py --real             # the real content

Synthetic records are generated deterministically (fixed seed) in equal
shares of actors, sources, gifts, visits and sanctions, all cross-linked.
Search time is measured in Chromium from file://, from typing the query to
the first result on screen, as the median of several queries. Figures are
wall-clock times on whatever machine runs this; compare them as ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

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


def synthetic_content(folder: Path, records: int, seed: int = 20240220) -> None:
    """Write ``records`` valid, cross-referenced records into ``folder/content``."""
    rng = random.Random(seed)
    share = max(records // 5, 2)
    content = folder / "content"
    for kind in ("actors", "sources", "gifts", "visits", "sanctions"):
        (content / kind).mkdir(parents=True, exist_ok=True)
    actors = [f"actor-{i:05d}" for i in range(share)]
    sources = [f"source-{i:05d}" for i in range(share)]

    def words(n: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(n))

    def day() -> str:
        return f"{rng.randint(2000, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"

    for i, actor in enumerate(actors):
        kind = "state" if i < 10 else "person"
        state = "" if kind == "state" else f"state: {actors[i % 10]}\n"
        (content / "actors" / f"{actor}.yaml").write_text(
            f"name: Actor {i} {words(2)}\ntype: {kind}\n{state}"
            f"native_names:\n  ru: Актёр {i}\n  ko: 배우 {i}\nsummary: {words(25)}.\n"
        )
    for i, source in enumerate(sources):
        (content / "sources" / f"{source}.yaml").write_text(
            f"publisher: Publisher {i % 50}\nabout: {words(6)}\n"
            f"url: https://example.org/{source}\npublished: {day()}\nlanguage: en\ntype: media\n"
        )

    cited = iter(range(10**9))

    def cite() -> str:
        # Round-robin first, so every source is cited, then one at random.
        first = sources[next(cited) % len(sources)]
        return ", ".join(dict.fromkeys([first, rng.choice(sources)]))

    def pair() -> tuple[str, str]:
        a, b = rng.sample(actors, 2)
        return a, b

    for i in range(share):
        giver, recipient = pair()
        (content / "gifts" / f"gift-{i:05d}.yaml").write_text(
            f"title: Gift {i} {words(3)}\ngivers: [{giver}]\nrecipients: [{recipient}]\n"
            f"date: {day()}\nitems:\n  - description: {words(3)}\n    category: vehicle\n"
            f"    model: unknown\nclaim:\n  status: reported\n  asserted_by: [{giver}]\n"
            f"summary: {words(60)}.\nsources: [{cite()}]\n"
        )
        visitor, host = pair()
        (content / "visits" / f"visit-{i:05d}.yaml").write_text(
            f"title: Visit {i} {words(3)}\nvisitors: [{visitor}]\nhosts: [{host}]\nstart: {day()}\n"
            f"places:\n  - city: City {i % 300}\n    country: {actors[i % 10]}\n"
            f"claim:\n  status: confirmed\nsummary: {words(60)}.\nsources: [{cite()}]\n"
        )
        (content / "sanctions" / f"sanction-{i:05d}.yaml").write_text(
            f"title: Sanction {i} {words(3)}\nrecord_type: instrument\ninstrument: Resolution {i}\n"
            f"imposed_by: [{actors[(i + 1) % 10]}]\ntargets: [{actors[i % 10]}]\nadopted: {day()}\n"
            f"legal_status: in-force\nmeasures:\n  - description: {words(5)}\n"
            # As in the real content, few measures cover goods that are given as gifts.
            f"    categories: [luxury-goods]\n    covers: [{'vehicle' if i % 50 == 0 else 'jewellery'}]\n"
            f"claim:\n  status: confirmed\nsummary: {words(40)}.\nsources: [{cite()}]\n"
        )


def timed(label: str, results: dict[str, float], action: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    value = action()
    results[label] = time.perf_counter() - started
    print(f"  {label:<28} {results[label]:8.2f} s", file=sys.stderr)
    return value


def measure_pipeline(project: Path) -> dict[str, float]:
    settings = load_settings(project)
    results: dict[str, float] = {}
    tree = timed("load", results, lambda: load_content(project))
    diagnostics = timed("validate", results, lambda: validate_tree(tree))
    errors = [d.format_text() for d in diagnostics if d.severity.value == "error"]
    assert not errors, errors[:5]
    site = timed("link", results, lambda: link(tree.records))
    pages = timed("render", results, lambda: Renderer(site, settings).render_all())
    timed("write (first)", results, lambda: write_tree(settings.docs_dir, pages))
    timed("write (unchanged)", results, lambda: write_tree(settings.docs_dir, pages))
    results["records"] = len(tree.records)
    results["pages"] = len(pages)
    return results


def mkdocs_build(project: Path, results: dict[str, float]) -> Path:
    site = project / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    timed(
        "mkdocs build (incl. hook)",
        results,
        lambda: subprocess.run(command, cwd=project, env=env, check=True, capture_output=True),
    )
    index = site / "search/search_index.json"
    results["search index MB"] = index.stat().st_size / 1e6
    results["search index entries"] = len(json.loads(index.read_text())["docs"])
    results["site MB"] = sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6
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
    sys.path.insert(0, str(ROOT / "tests"))
    from browser import CHROMIUM_ARGS, find_chromium, serve_directory  # type: ignore[import-not-found]
    from playwright.sync_api import sync_playwright

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=5000)
    parser.add_argument("--real", action="store_true", help="benchmark the real content")
    parser.add_argument("--keep", action="store_true", help="keep the temporary project")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="factsheets-bench-"))
    project = work / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "site_templates", "generator"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / name)
    (project / "build/docs").mkdir(parents=True)
    if args.real:
        shutil.copytree(ROOT / "content", project / "content")
        queries = ["Pungsan", "Путин", "김정은", "Masikryong", "2397"]
    else:
        synthetic_content(project, args.records)
        shutil.copytree(ROOT / "content/pages", project / "content/pages")
        queries = ["limousine", "Актёр 123", "배우 77", "Resolution 42", "City 250"]

    print(f"machine: {machine()}", file=sys.stderr)
    print(
        f"content: {'real' if args.real else f'{args.records} synthetic records'}", file=sys.stderr
    )
    results = measure_pipeline(project)
    site = mkdocs_build(project, results)
    for label, http, idle in [
        ("search from disk", False, 0),
        ("search from disk after 5 s", False, 5),
        ("search over HTTP", True, 0),
        ("search over HTTP after 5 s", True, 5),
    ]:
        times = search_times(site, queries, http=http, idle=idle)
        if times:
            results[f"{label}: median s"] = statistics.median(times)
            results[f"{label}: max s"] = max(times)
            print(
                f"  {label}, typing to first result: median {statistics.median(times):.2f} s, "
                f"max {max(times):.2f} s over {len(times)} queries",
                file=sys.stderr,
            )
    print(json.dumps({k: round(v, 3) for k, v in results.items()}, indent=2))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
