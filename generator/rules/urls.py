"""Rule: every web address is a complete http or https URL.

Other schemes (``javascript:``, ``file:``, ``ftp:``) are refused: readers
follow these links from a page that vouches for them.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Rule
from ..urls import url_problem
from .context import Context

RULE = "invalid-url"
RULES = (Rule("invalid-url", "A web address that is not a full http or https address."),)


def check(context: Context) -> Iterator[Diagnostic]:
    for record, item in context.annotated():
        if not item.schema.get("x-url") or not isinstance(item.value, str):
            continue
        problem = url_problem(item.value)
        if problem:
            yield context.diagnostic(record, item.path, f"`{item.value}` {problem}", RULE)
