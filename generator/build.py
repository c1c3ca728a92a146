"""Stage 6, build: run the whole pipeline, and MkDocs after it.

``generate`` runs load -> validate -> link -> render -> write. ``invoke
build`` calls it and then ``build_site`` with ``generated=True``; otherwise
the MkDocs hook calls it. ``build_site`` runs ``mkdocs build --strict`` into
a temporary folder and swaps it into place only if it succeeds, so a failed
build leaves the previous site intact.
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from .cli_output import print_diagnostics, progress
from .diagnostics import Diagnostic, has_errors
from .link import link
from .publish import BuildError as BuildError  # re-exported: tasks and tests catch it here
from .publish import publish_site
from .reference import render_reference
from .render import Renderer, RenderError
from .settings import Settings, SettingsError, load_settings
from .validate import load_and_validate
from .write import WriteError, WriteReport, write_tree


@dataclass
class GenerateResult:
    diagnostics: list[Diagnostic]
    report: WriteReport | None


def render_pages(settings: Settings) -> tuple[list[Diagnostic], dict[str, str] | None]:
    """Load, validate, link and render. Pages are None when validation fails."""
    tree, diagnostics = load_and_validate(settings.root, settings.content_dir)
    if has_errors(diagnostics):
        return diagnostics, None
    site = link(tree.records)
    extra = static_pages(settings)
    extra["reference.md"] = render_reference()
    pages = Renderer(site, settings).render_all(extra)
    return diagnostics, pages


def static_pages(settings: Settings) -> dict[str, str]:
    """Hand-written Markdown pages from ``content/pages/``, copied as they are."""
    folder = settings.content_dir / "pages"
    if not folder.is_dir():
        return {}
    return {
        path.relative_to(folder).as_posix(): path.read_text("utf-8")
        for path in sorted(folder.rglob("*.md"))
    }


def generate(settings: Settings) -> GenerateResult:
    diagnostics, pages = render_pages(settings)
    if pages is None:
        return GenerateResult(diagnostics, None)
    return GenerateResult(diagnostics, write_tree(settings.docs_dir, pages))


def generate_command(root: Path, *, quiet: bool = False) -> int:
    try:
        settings = load_settings(root)
    except SettingsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    try:
        result = generate(settings)
    except RenderError as error:
        print(f"error: a template failed: {error}", file=sys.stderr)
        return 1
    except WriteError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print_diagnostics(result.diagnostics)
    if result.report is None:
        print("error: the content has errors, so no pages were written", file=sys.stderr)
        return 1
    if not quiet:
        elapsed = time.perf_counter() - started
        docs = os.path.relpath(settings.docs_dir, root)
        progress(f"generated {docs}/: {result.report.summary()} ({elapsed:.2f} s)")
    return 0


# Set for the MkDocs run when the caller has just generated the pages, so
# the hook does not render them all a second time.
PAGES_CURRENT = "FACTSHEETS_PAGES_CURRENT"


def build_site(
    root: Path, site_dir: Path | None = None, *, strict: bool = True, generated: bool = False
) -> Path:
    """``mkdocs build`` into a temporary folder, then swap it in (see publish.py).

    The MkDocs hook generates the pages first, unless ``generated`` says the
    caller already did, and audits every built page last.
    """
    site_dir = site_dir or root / "site"
    command = [sys.executable, "-m", "mkdocs", "build"]
    if strict:
        command.append("--strict")
    progress("running " + " ".join(["mkdocs", *command[3:]]))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if generated:
        env[PAGES_CURRENT] = "1"
    return publish_site(root, site_dir, command, env)
