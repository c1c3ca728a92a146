"""Rule: free-text Markdown fields hold text, emphasis and web links only.

Contributors are not trusted with HTML: it could inject scripts or break the
page. The text is parsed with markdown-it-py, as a CommonMark reader would
see it, and any HTML, image (which would load from another host), heading
(the page supplies those) or non-web link is an error.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..diagnostics import Diagnostic
from .context import Context
from .urls import url_problem

RULE = "markdown"


@cache
def parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True})
    # markdown-it silently drops links it deems unsafe; we want to see them
    # so the contributor learns why the link vanished.
    md.validateLink = lambda url: True
    return md


def problems(text: str) -> Iterator[tuple[str, str]]:
    """Yield ``(rule, message)`` for each thing not allowed in ``text``."""
    for token in _flatten(parser().parse(text)):
        if token.type in ("html_block", "html_inline"):
            snippet = token.content.strip().splitlines()[0][:60]
            yield (
                f"{RULE}-html",
                f"contains HTML (`{snippet}`), which is not allowed: use Markdown such as "
                "*emphasis* or [link text](https://…), or write `&lt;` for a literal `<`",
            )
        elif token.type == "image":
            yield (
                f"{RULE}-image",
                "contains an image, which is not allowed: images would load from another "
                "site; link to the page instead",
            )
        elif token.type == "heading_open":
            yield (
                f"{RULE}-heading",
                "contains a heading (a line starting with `#`), which is not allowed: the "
                "page provides headings; write plain paragraphs",
            )
        elif token.type == "link_open":
            href = str(token.attrs.get("href", ""))
            problem = url_problem(href)
            if problem:
                yield f"{RULE}-link", f"has a link to `{href}` that {problem}"


def _flatten(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from _flatten(token.children)


def check(context: Context) -> Iterator[Diagnostic]:
    for record, item in context.annotated():
        if not item.schema.get("x-markdown") or not isinstance(item.value, str):
            continue
        reported: set[str] = set()
        for rule, message in problems(item.value):
            if rule not in reported:  # one HTML tag is enough to point at the field
                reported.add(rule)
                yield context.diagnostic(record, item.path, message, rule)
