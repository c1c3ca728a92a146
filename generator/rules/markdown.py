"""Rule: free-text Markdown fields hold text, emphasis and web links only.

Contributors are not trusted with HTML: it could inject scripts or break the
page. The text is checked by :mod:`generator.markdown`, the same parser that
renders it, so what is checked is what readers get: any HTML, image (which
would load from another host), heading (the page supplies those), non-web
link or malformed citation is an error, at the line and column where it
stands in the file.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Rule, Severity
from ..markdown import problems
from ..model import format_path
from .context import Context

RULE = "markdown"
RULES = (
    Rule("markdown-html", "HTML in a Markdown field."),
    Rule("markdown-image", "An image in a Markdown field (it would load from another site)."),
    Rule("markdown-heading", "A heading in a Markdown field."),
    Rule("markdown-link", "A link that is not to an http or https address."),
    Rule("citation-syntax", "Something that looks like a citation but is not `[@source-id]`."),
)


def check(context: Context) -> Iterator[Diagnostic]:
    for record, item in context.annotated():
        if not item.schema.get("x-markdown") or not isinstance(item.value, str):
            continue
        reported: set[str] = set()
        for problem in problems(item.value):
            if problem.rule in reported:  # one HTML tag is enough to point at the field
                continue
            reported.add(problem.rule)
            mark = record.document.locate(item.path, problem.offset)
            yield Diagnostic(
                record.path,
                mark.line,
                mark.col,
                Severity.ERROR,
                f"{format_path(item.path)}: {problem.message}",
                problem.rule,
            )
