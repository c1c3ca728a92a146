"""Last build step: audit every built HTML page before it can reach readers.

The validator and the escaping in the templates are the first defence; this
is the net under them. Each page is parsed with a real HTML5 parser
(selectolax, Lexbor engine: it builds the same tree a browser does) and the
build fails on anything that could run code or load something from another
host, whoever put it there:

- a ``<script>`` other than the theme's and the project's own files, or a
  data block (``application/json``, ``application/ld+json``) that is not JSON;
- an ``on*`` event attribute;
- a ``javascript:``, ``vbscript:`` or ``data:`` URL in any URL attribute, and
  any link (``<a href>``) that is not http(s) or relative;
- a resource (image, script, style, icon, media, CSS ``url()``) from another
  host, from an absolute file path, or from outside the site;
- ``<iframe>``, ``<object>``, ``<embed>``, ``<base>``, ``<template>``,
  ``<meta http-equiv>`` other than the Content-Security-Policy, and a page
  without that policy.

Each finding is one line naming the built page and the file it was built
from, so a reviewer knows which record or template to look at.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

# The policy every page carries (printed by site_templates/overrides/main.html,
# which must say the same). Scripts, styles, images and fonts come from the
# site itself; blob: is for the offline search worker
# (iframe-worker-shim.js); data: images are the theme's CSS icons. Chromium
# treats file:// scripts of the same folder tree as 'self'.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self' blob:; worker-src 'self' blob:; "
    "connect-src 'self'; img-src 'self' data:; style-src 'self'; font-src 'self'; "
    "frame-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'none'; "
    "object-src 'none'"
)
# `mkdocs serve` injects its live-reload code as an inline script into each
# response (never into the files, which the audit still checks); only that
# local preview allows inline scripts.
PREVIEW_POLICY = CONTENT_SECURITY_POLICY.replace(
    "script-src 'self' blob:;", "script-src 'self' blob: 'unsafe-inline';"
)


def content_security_policy(preview: bool = False) -> str:
    return PREVIEW_POLICY if preview else CONTENT_SECURITY_POLICY


# Script files a page may load, relative to the site root: Material's bundle
# and the project's own files in site_templates/overrides/assets/javascripts/.
ALLOWED_SCRIPTS = re.compile(
    r"assets/javascripts/(bundle\.[0-9a-f]{8}\.min|iframe-worker-shim|factsheets-[a-z]+|tables)\.js"
)
DATA_BLOCK_TYPES = {"application/json", "application/ld+json"}
FORBIDDEN_ELEMENTS = {
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "base",
    "template",
    "portal",
}
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "poster",
    "data",
    "background",
    "cite",
    "ping",
    "longdesc",
    "manifest",
    "codebase",
}
# Elements whose src (or href, for SVG) the browser fetches by itself.
RESOURCE_ELEMENTS = {
    "img",
    "script",
    "iframe",
    "frame",
    "source",
    "video",
    "audio",
    "track",
    "input",
    "embed",
    "image",
    "use",
    "feimage",
}
RESOURCE_LINK_RELS = {
    "stylesheet",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "preload",
    "modulepreload",
    "prefetch",
    "prerender",
    "manifest",
    "mask-icon",
    "dns-prefetch",
    "preconnect",
}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""", re.I | re.S)
# Browsers drop these before reading a URL's scheme: "java\nscript:" works.
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]")

REPORT_HINT = (
    "no record is to blame: please report this as a bug in the project's templates "
    "or theme, with this line"
)


@dataclass(frozen=True)
class Finding:
    page: str  # built page, relative to the site folder
    source: str  # the file the page was built from
    message: str
    blame_record: bool  # False: a template or the theme produced it

    def format(self) -> str:
        hint = "" if self.blame_record else f"; {REPORT_HINT}"
        return f"{self.page} (built from {self.source}): {self.message}{hint}"


@dataclass(frozen=True)
class PageSources:
    """Maps a built page to the file that produced it."""

    root: Path
    content_dir: Path
    templates_dir: Path

    def source(self, page: str) -> tuple[str, bool]:
        stem = page.removesuffix(".html")
        record = self.content_dir / f"{stem}.yaml"
        if "/" in stem and not stem.endswith("/index") and record.is_file():
            return self._rel(record), True
        hand_written = self.content_dir / "pages" / f"{stem}.md"
        if hand_written.is_file():
            return self._rel(hand_written), True
        templates = self.templates_dir / "pages"
        if stem == "index":
            return self._rel(templates / "home.md.j2"), False
        if stem.endswith("/index"):
            return self._rel(templates / "index.md.j2"), False
        if (templates / f"{stem}.md.j2").is_file():
            return self._rel(templates / f"{stem}.md.j2"), False
        if stem == "reference":
            return "generator/schemas/ (the field reference)", False
        return "the theme (site_templates/overrides/ or Material)", False

    def _rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


def audit_site(
    site_dir: Path,
    sources: PageSources,
    base_path: str = "/",
    *,
    preview: bool = False,
    only: set[str] | None = None,
) -> list[Finding]:
    """Every finding in every ``*.html`` page under ``site_dir``, sorted by page.

    ``only`` limits the audit to those pages (paths in the site), for a
    rebuild that wrote only them.
    """
    findings: list[Finding] = []
    for path in sorted(site_dir.rglob("*.html")):
        page = path.relative_to(site_dir).as_posix()
        if only is not None and page not in only:
            continue
        html = path.read_text("utf-8", errors="replace")
        messages = list(audit_page(page, html, base_path, preview=preview))
        if messages:
            source, blame = sources.source(page)
            findings += [Finding(page, source, m, blame) for m in messages]
    return findings


def audit_page(
    page: str, html: str, base_path: str = "/", *, preview: bool = False
) -> Iterator[str]:
    """What is wrong with one page, as messages (the page is ``page`` in the site)."""
    tree = LexborHTMLParser(html)
    yield from _check_policy(tree, content_security_policy(preview))
    folder = posixpath.dirname(page)
    for node in tree.root.traverse(include_text=False) if tree.root else ():
        tag = (node.tag or "").lower()
        if tag in FORBIDDEN_ELEMENTS:
            yield f"<{tag}> element; the site embeds no frames, plugins or base URLs"
        if tag == "script":
            yield from _check_script(page, node, base_path)
        elif tag == "style":
            yield from _check_css(page, node.text(deep=True), "<style>", base_path)
        elif tag == "meta":
            yield from _check_meta(node)
        attributes = tuple(node.attributes.items())
        if attributes:
            yield from _attribute_findings(folder, base_path, tag, attributes)


@lru_cache(maxsize=65536)
def _attribute_findings(
    folder: str, base_path: str, tag: str, attributes: tuple[tuple[str, str | None], ...]
) -> tuple[str, ...]:
    """The findings of one element's attributes, remembered: most elements of a
    page (the theme's header, navigation and footer) recur on every page of a
    folder, and checking each afresh was most of the audit's time."""
    page = posixpath.join(folder, "page.html")  # any page of the folder resolves the same
    return tuple(_check_attributes(page, tag, dict(attributes), base_path))


def _check_policy(tree: LexborHTMLParser, expected: str) -> Iterator[str]:
    head = tree.head
    metas = head.css("meta[http-equiv]") if head else []
    policies = [
        m
        for m in metas
        if (m.attributes.get("http-equiv") or "").lower() == "content-security-policy"
    ]
    if not policies:
        yield "no Content-Security-Policy <meta> in <head>"
        return
    content = policies[0].attributes.get("content") or ""
    if content != expected:
        yield f"Content-Security-Policy is {_show(content)}, expected {_show(expected)}"
    first = [n for n in head.iter(include_text=False) if n.tag != "_comment"][:2]
    if policies[0] not in first:
        yield "the Content-Security-Policy <meta> is not at the top of <head>"


def _check_meta(node: LexborNode) -> Iterator[str]:
    equiv = (node.attributes.get("http-equiv") or "").lower()
    if equiv and equiv != "content-security-policy":
        yield f"<meta http-equiv={_show(equiv)}>; only the Content-Security-Policy is allowed"


def _check_script(page: str, node: LexborNode, base_path: str) -> Iterator[str]:
    attributes = node.attributes
    code = node.text(deep=True)
    if "src" in attributes:
        target = _site_path(page, attributes.get("src") or "", base_path)
        if target is None or not ALLOWED_SCRIPTS.fullmatch(target):
            yield (
                f"<script src={_show(attributes.get('src'))}>; pages load only the theme's "
                "and the project's own scripts"
            )
        elif code.strip():
            yield "<script> with both src and inline code"
        return
    kind = (attributes.get("type") or "").strip().lower()
    if kind not in DATA_BLOCK_TYPES:
        yield f"<script> with inline code {_show(code[:60])}; pages run no inline code"
        return
    try:
        json.loads(code)
    except ValueError:
        yield f'<script type="{kind}"> whose content is not JSON: {_show(code[:60])}'


def _check_attributes(
    page: str, tag: str, attributes: dict[str, str | None], base_path: str
) -> Iterator[str]:
    rels = set((attributes.get("rel") or "").lower().split())
    for name, value in attributes.items():
        name = name.lower()
        value = value or ""
        if name.startswith("on"):
            yield f"<{tag} {name}=...> event handler attribute; pages run no inline code"
        elif name == "style":
            yield from _check_css(page, value, f"<{tag} style>", base_path)
        elif name == "srcset" or name == "imagesrcset":
            for candidate in value.split(","):
                url = candidate.strip().split(" ")[0]
                yield from _check_resource(page, tag, name, url, base_path)
        elif name == "srcdoc":
            yield f"<{tag} srcdoc>; pages embed no documents"
        elif name in URL_ATTRIBUTES or name.endswith(":href"):
            yield from _check_url(page, tag, name, value, rels, base_path)


def _check_url(
    page: str, tag: str, name: str, value: str, rels: set[str], base_path: str
) -> Iterator[str]:
    cleaned = _URL_NOISE.sub("", value).lower()
    if cleaned.startswith(BAD_SCHEMES):
        yield f"<{tag} {name}={_show(value)}>: {cleaned.split(':')[0]}: URLs are not allowed"
        return
    is_resource = (
        name in {"src", "poster", "data", "background"} and tag in RESOURCE_ELEMENTS
    ) or (tag == "link" and name == "href" and rels & RESOURCE_LINK_RELS)
    if tag in {"image", "use", "feimage"} and name.endswith("href"):
        is_resource = True
    if is_resource:
        yield from _check_resource(page, tag, name, value, base_path)
    elif tag == "a" and name == "href":
        scheme = urlsplit(cleaned.replace("\\", "/")).scheme
        if scheme and scheme not in {"http", "https"}:
            yield f"<a href={_show(value)}>: links must be http(s) or within the site"


def _check_resource(page: str, tag: str, name: str, url: str, base_path: str) -> Iterator[str]:
    if _URL_NOISE.sub("", url).lower().startswith(BAD_SCHEMES):
        yield f"<{tag} {name}={_show(url)}>: {url.strip().split(':')[0].lower()}: URLs are not allowed"
    elif _site_path(page, url, base_path) is None:
        yield (
            f"<{tag} {name}={_show(url)}> loads a resource from outside the site; "
            "pages load nothing from other hosts"
        )


def _check_css(page: str, css: str, where: str, base_path: str) -> Iterator[str]:
    for match in CSS_URL.finditer(css):
        url = match.group(2) if match.group(2) is not None else match.group(4)
        if _URL_NOISE.sub("", url).lower().startswith("data:"):
            continue  # inline images fetch nothing; the policy allows them
        if _site_path(page, url, base_path) is None:
            yield f"{where} loads {_show(url)} from outside the site"


def _site_path(page: str, url: str, base_path: str) -> str | None:
    """``url``, seen from ``page``, as a path inside the site; None if it leaves it."""
    # Browsers strip tabs and newlines and read "\" as "/" in http(s) URLs.
    cleaned = re.sub(r"[\t\n\r]", "", url).strip().replace("\\", "/")
    parts = urlsplit(cleaned)
    if parts.scheme or parts.netloc or cleaned.startswith("//"):
        return None
    path = parts.path
    if path.startswith("/"):
        prefix = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
        if not path.startswith(prefix):
            return None
        resolved = posixpath.normpath(path[len(prefix) :] or ".")
    else:
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if resolved == ".." or resolved.startswith("../"):
        return None
    return resolved


def _show(value: object) -> str:
    """A value as a visible, one-line literal: newlines and control codes escaped."""
    return json.dumps(str(value), ensure_ascii=True)
