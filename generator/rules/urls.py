"""Rule: every web address is a complete http or https URL.

Other schemes (``javascript:``, ``file:``, ``ftp:``) are refused: readers
follow these links from a page that vouches for them.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from ..diagnostics import Diagnostic
from .context import Context

RULE = "invalid-url"


def url_problem(url: str) -> str | None:
    """Why ``url`` is not an acceptable link, or None if it is."""
    if any(c.isspace() for c in url):
        return "contains a space: encode it as %20 or remove it"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return "is not an http or https address: copy the full address, starting with https://"
    if not parts.hostname or "." not in parts.hostname:
        return "has no host name: copy the full address, starting with https://"
    return None


def check(context: Context) -> Iterator[Diagnostic]:
    for record, item in context.annotated():
        if not item.schema.get("x-url") or not isinstance(item.value, str):
            continue
        problem = url_problem(item.value)
        if problem:
            yield context.diagnostic(record, item.path, f"`{item.value}` {problem}", RULE)
