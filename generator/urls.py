"""What counts as a web address readers may follow: shared by the url rule,
the Markdown checks and the renderer, so all three agree."""

from __future__ import annotations

from urllib.parse import urlsplit


def url_problem(url: str) -> str | None:
    """Why ``url`` is not an acceptable link, or None if it is.

    Other schemes (``javascript:``, ``file:``, ``data:``) are refused: readers
    follow these links from a page that vouches for them.
    """
    if any(c.isspace() or ord(c) < 32 or c == "\x7f" for c in url):
        return "contains a space or a control character: encode it (a space is %20) or remove it"
    if "\\" in url:
        return "contains a backslash, which browsers read differently: write `/` or `%5C`"
    try:
        parts = urlsplit(url)
        hostname = parts.hostname
    except ValueError:
        return "is not a well-formed address: copy the full address, starting with https://"
    if parts.scheme not in ("http", "https"):
        return "is not an http or https address: copy the full address, starting with https://"
    if not hostname or "." not in hostname:
        return "has no host name: copy the full address, starting with https://"
    return None
