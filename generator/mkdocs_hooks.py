"""MkDocs hooks, so plain ``mkdocs build`` and ``mkdocs serve`` regenerate first.

Only MkDocs runs these; other engines that read ``mkdocs.yml`` (Zensical)
ignore hooks, and there ``invoke build`` or ``python -m generator generate``
produces the same Markdown beforehand.
"""

from __future__ import annotations

import html
import json
import logging
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pathspec.gitignore
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority

from generator import blocks
from generator.audit import PageSources, audit_site
from generator.build import PAGES_CURRENT
from generator.diagnostics import Diagnostic, Severity
from generator.kinds import load_registry
from generator.pipeline import generate
from generator.render import RenderError
from generator.settings import SettingsError, load_settings, read_config
from generator.write import WriteError

log = logging.getLogger("mkdocs.factsheets")


@dataclass
class _ServeState:
    """What the serve loop remembers between rebuilds (the hook module lives on).

    Under ``mkdocs serve`` a content error must not stop the loop: the last
    good pages stay, and every page shows the errors in a banner until the
    next rebuild generates cleanly. ``mkdocs build`` still fails.
    """

    serving: bool = False
    dirty: bool = False
    # (location, message) of each error of the last generation; empty when it succeeded.
    errors: list[tuple[str, str]] = field(default_factory=list)
    # Whether the pages in the site folder were built with the banner.
    built_with_banner: bool = False
    # The pages (paths in the site) this build wrote: a dirty rebuild audits only them,
    # unless the last audit failed (its pages are still in the site folder).
    written: set[str] = field(default_factory=set)
    audit_failed: bool = False


_state = _ServeState()


def on_startup(command: str, dirty: bool = False, **_: Any) -> None:
    _state.serving = command == "serve"
    _state.dirty = dirty


def _settings(config: MkDocsConfig):
    """The generator's settings, the same as the command line would read them.

    ``mkdocs serve`` replaces site_url with its own address; pages built
    with that would all differ from those ``invoke build`` writes, and the
    first edit under serve would rewrite every page. So serve reads the
    file again.
    """
    path = Path(config.config_file_path).resolve()
    try:
        values = read_config(path) if _state.serving else dict(config)
        return load_settings(path.parent, values)
    except SettingsError as error:
        raise Abort(str(error)) from error


def on_config(config: MkDocsConfig, **_: Any) -> MkDocsConfig:
    """Derive the navigation from the kind registry; mark the local preview.

    The nav lists sections, never records: a nav naming every record makes
    every page carry every link, and the site grows with the square of the
    record count. Record pages are reached through the indexes and search.
    ``factsheets_preview`` tells main.html that this is ``mkdocs serve``,
    whose live-reload code is inline (see its Content-Security-Policy).
    """
    # Under `mkdocs serve` the live-reload script is inline code.
    config.extra["factsheets_preview"] = _state.serving
    kinds = list(load_registry())
    nav: list[Any] = [{"Home": "index.md"}]
    nav += [{kind.plural: f"{kind.folder}/index.md"} for kind in kinds]
    nav += [{"Timeline": "timeline.md"}]
    # Hand-written pages, titled by their own first heading.
    pages = _settings(config).content_dir / "pages"
    if pages.is_dir() and not pages.is_symlink():
        nav += sorted(p.name for p in pages.glob("*.md") if p.is_file() and not p.is_symlink())
    nav += [{"Data": "data.md"}, {"Field reference": "reference.md"}]
    config.nav = nav
    config.not_in_nav = pathspec.gitignore.GitIgnoreSpec.from_lines(
        [f"/{kind.folder}/*.md" for kind in kinds]
        + [f"/{kind.folder}/index/*.md" for kind in kinds]
        + ["/timeline/*.md"]
    )
    return config


def on_pre_build(config: MkDocsConfig, **_: Any) -> None:
    _state.written = {"404.html"}
    if os.environ.get(PAGES_CURRENT) == "1":
        return  # `invoke build` generated the pages just before running MkDocs
    settings = _settings(config)
    try:
        result = generate(settings)
    except RenderError as error:
        if not _state.serving:
            raise Abort(f"a template failed: {error}") from error
        _keep_last_pages([("a template", str(error))])
        return
    except WriteError as error:
        raise Abort(str(error)) from error
    for diagnostic in result.diagnostics:
        # Content warnings (an unused source) are the validator's business;
        # as MkDocs warnings they would fail every --strict build.
        log.info(diagnostic.format_text())
    if result.report is None:
        if not _state.serving:
            raise Abort("the content has errors (listed above), so the site was not built")
        _keep_last_pages([_location(d) for d in result.diagnostics if _is_error(d)])
        return
    _state.errors = []
    # Unchanged pages are not rewritten, so serve sees no change and stops.
    log.info("factsheets: %s", result.report.summary())


def _is_error(diagnostic: Diagnostic) -> bool:
    return diagnostic.severity is Severity.ERROR


def _location(diagnostic: Diagnostic) -> tuple[str, str]:
    return f"{diagnostic.path}:{diagnostic.line}:{diagnostic.col}", diagnostic.message


def _keep_last_pages(errors: list[tuple[str, str]]) -> None:
    _state.errors = errors
    log.warning(
        "factsheets: the content has errors (listed above); serving the last good pages "
        "with the errors shown on top, until the files are fixed"
    )


def on_files(files: Any, config: MkDocsConfig, **_: Any) -> Any:
    """Under dirty reload, rebuild every page when the banner comes or goes.

    A dirty build skips pages whose Markdown is older than their HTML; a
    failed generation changes no Markdown, so without this no page would
    show (or, after the fix, drop) the banner.
    """
    if _state.dirty and _state.built_with_banner != bool(_state.errors):
        for file in files.documentation_pages():
            Path(file.abs_dest_path).unlink(missing_ok=True)
    _state.built_with_banner = bool(_state.errors)
    return files


# The HTML blocks of each page between on_page_markdown and on_page_content,
# then the whole page until the search plugin has indexed the rest.
_stashes: dict[str, blocks.Stash] = {}
_whole_pages: dict[str, str] = {}


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    """Hand Python-Markdown the headings only; the HTML blocks wait aside (blocks.py).

    Also decode the page's JSON-LD, which the generator writes as one JSON
    string (see generator/exports/meta.py) for main.html.
    """
    if isinstance(page.meta.get("jsonld"), str):
        page.meta["jsonld"] = json.loads(page.meta["jsonld"])
    markdown, _stashes[page.file.src_uri] = blocks.stash(markdown)
    return markdown


def on_page_content(html: str, page: Any, **_: Any) -> str:
    """Put the blocks back: the search plugin sees what it indexes, the theme all.

    A record page is indexed as one entry (see blocks.py).
    """
    stash = _stashes.pop(page.file.src_uri, None)
    if stash is None:
        return html
    _whole_pages[page.file.src_uri] = stash.page(html)
    return stash.searchable(html, one_section=_is_record_page(page.file.src_uri))


def _is_record_page(src_uri: str) -> bool:
    folder, _, name = src_uri.partition("/")
    return folder in load_registry().by_folder and "/" not in name and name != "index.md"


@event_priority(-100)  # after the search plugin's on_page_context
def on_page_context(context: Any, page: Any, **_: Any) -> Any:
    whole = _whole_pages.pop(page.file.src_uri, None)
    if whole is not None:
        page.content = whole
    return context


_BODY = re.compile(r"<body\b[^>]*>")


def error_banner(errors: list[tuple[str, str]]) -> str:
    """The serve loop's list of content errors, every value HTML-escaped."""
    items = "".join(
        f'<li><code class="fs-build-error__where">{html.escape(where)}</code> '
        f"{html.escape(message)}</li>"
        for where, message in errors
    )
    return (
        '<div class="fs-build-error" role="alert">'
        "<p><strong>The site was not rebuilt: fix these problems and save.</strong> "
        "The pages below are the last ones that built.</p>"
        f"<ul>{items}</ul></div>"
    )


def _with_banner(output: str) -> str:
    if not _state.errors:
        return output
    banner = error_banner(_state.errors)
    return _BODY.sub(lambda m: m.group(0) + banner, output, count=1)


def on_post_page(output: str, page: Any, **_: Any) -> str:
    _state.written.add(page.file.dest_uri)
    return _with_banner(output)


def on_post_template(output_content: str, **_: Any) -> str:
    return _with_banner(output_content)  # 404.html, which serve shows for missing pages


def on_serve(server: Any, config: MkDocsConfig, builder: Any, **_: Any) -> Any:
    """Watch the sources of the pages instead of the pages themselves.

    The docs folder is written by on_pre_build; watching it too would make
    every change rebuild twice (once for the YAML, once for the pages the
    rebuild wrote).
    """
    settings = _settings(config)
    server.unwatch(str(config.docs_dir))
    server.watch(str(settings.content_dir))
    server.watch(str(settings.templates_dir))
    return server


def on_post_build(config: MkDocsConfig, **_: Any) -> None:
    """Finish the site, then audit every page: the build's last step."""
    _embed_search_sources(config)
    _audit(config)


def _audit(config: MkDocsConfig) -> None:
    """Fail the build on any script, handler or outside resource in a page.

    MkDocs then exits non-zero, so ``invoke build`` keeps the previous site.
    """
    settings = _settings(config)
    sources = PageSources(settings.root, settings.content_dir, settings.templates_dir)
    base_path = urlsplit(config.site_url or "").path or "/"
    started = time.perf_counter()
    # A dirty rebuild leaves the other pages as the last audit saw them.
    dirty = _state.serving and _state.dirty and not _state.audit_failed
    only = _state.written if dirty else None
    findings = audit_site(
        Path(config.site_dir), sources, base_path, preview=_state.serving, only=only
    )
    elapsed = time.perf_counter() - started
    _state.audit_failed = bool(findings)
    if findings:
        lines = "\n".join("  " + f.format() for f in findings)
        raise Abort(
            f"the HTML audit found {len(findings)} problem(s) in the built pages, "
            f"so the site was not published:\n{lines}"
        )
    audited = f"{len(only)} rebuilt pages" if only is not None else "every page"
    log.info("factsheets: HTML audit of %s passed (%.2f s)", audited, elapsed)


def _embed_search_sources(config: MkDocsConfig) -> None:
    """Embed the search worker's source for offline reading.

    From file:// a worker cannot load scripts from disk, so the worker and
    the lunr language files it imports are written, as text, into one
    script that the project's worker shim reads (see
    site_templates/overrides/assets/javascripts/iframe-worker-shim.js).
    They come from the theme installed for this build; nothing of it is
    kept in the repository.
    """
    assets = Path(config.site_dir) / "assets" / "javascripts"
    workers = sorted((assets / "workers").glob("search.*.js"))
    workers = [w for w in workers if not w.name.endswith(".map")]
    search = config.plugins.get("material/search") or config.plugins.get("search")
    if len(workers) != 1 or search is None:
        log.info("factsheets: no search worker found; offline search uses the iframe shim")
        return
    languages = list(search.config.lang or ["en"])
    names = ["lunr/min/lunr.stemmer.support.min.js", "lunr/min/lunr.multi.min.js"]
    names += [f"lunr/min/lunr.{lang}.min.js" for lang in languages if lang != "en"]
    names += ["lunr/tinyseg.js"] if "ja" in languages else []
    names += ["lunr/wordcut.js"] if {"hi", "th"} & set(languages) else []
    sources = {"worker": workers[0].read_text("utf-8")}
    for name in names:
        path = assets / name
        if path.is_file():
            sources[name] = path.read_text("utf-8")
    script = "var __factsheetsSearchSources = " + json.dumps(sources, sort_keys=True) + ";\n"
    (assets / "offline-search-sources.js").write_text(script, "utf-8")
