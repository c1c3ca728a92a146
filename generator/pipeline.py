"""The generator's pipeline in one call: load -> validate -> link -> render -> write.

Each stage is its own module; this one only chains them, so the command
line, the invoke tasks and the MkDocs hook all run exactly the same steps.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import fingerprint
from .diagnostics import Diagnostic, has_errors
from .exports import export_files
from .frontmatter import front_matter
from .history import load_history
from .link import link
from .reference import render_reference
from .render import Renderer, render_page
from .settings import Settings
from .validate import load_and_validate
from .write import WriteReport, write_tree


@dataclass
class GenerateResult:
    """What one generation did: the problems found, and the files written (None if refused)."""

    diagnostics: list[Diagnostic]
    report: WriteReport | None


def render_pages(settings: Settings) -> tuple[list[Diagnostic], dict[str, str] | None]:
    """Load, validate, link and render. Pages are None when validation fails."""
    tree, diagnostics = load_and_validate(settings.root, settings.content_dir)
    if has_errors(diagnostics):
        return diagnostics, None
    site = link(tree.records)
    extra = {page.name: render_page(page.text) for page in tree.pages}
    # The contributors' reference is for contributors, not for readers' searches.
    extra["reference.md"] = front_matter({"search": {"exclude": True}}) + render_reference()
    # Dates of change come from git, read once for every page and file.
    history = load_history(settings.root, settings.content_dir)
    pages = Renderer(site, settings, history).render_all(extra)
    pages.update(export_files(site, settings, history))  # data files, feed, Data page
    return diagnostics, pages


def generate(settings: Settings) -> GenerateResult:
    """Generate the pages, or do nothing when nothing they depend on has changed."""
    inputs = fingerprint.inputs_digest(settings)
    stamp = fingerprint.unchanged(settings, inputs)
    if stamp is not None:
        return GenerateResult(stamp.warnings(), WriteReport(unchanged=stamp.pages))
    diagnostics, pages = render_pages(settings)
    if pages is None:
        return GenerateResult(diagnostics, None)
    report = write_tree(settings.docs_dir, pages)
    fingerprint.write_stamp(settings, inputs, len(pages), diagnostics)
    return GenerateResult(diagnostics, report)
