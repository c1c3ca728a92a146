"""Rule: hand-written pages in ``content/pages/`` are checked like records.

They are Markdown read by the same parser that renders them: no HTML, no
images, web links only to http(s) addresses, links to other pages only to
pages that exist, and no page may take the name of a generated one.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Rule, Severity
from ..markdown import is_page_link, line_offsets, parse, problems
from ..model import GENERATED_PAGES
from .context import Context

RULE = "page"
RULES = (
    Rule(
        "page-shadows-generated",
        "A page in `content/pages/` with the name of a page the site generates.",
    ),
    Rule("page-link", "A link from a page to a page the site does not have."),
)


def _position(starts: list[int], offset: int) -> tuple[int, int]:
    line = max(i for i, start in enumerate(starts) if start <= offset)
    return line + 1, offset - starts[line] + 1


def check(context: Context) -> Iterator[Diagnostic]:
    known = context.page_targets()
    for page in context.pages:
        text = page.text
        starts = line_offsets(text)
        if page.name in GENERATED_PAGES or page.name.removesuffix(".md") in context.by_kind:
            yield Diagnostic(
                page.path,
                1,
                1,
                Severity.ERROR,
                f"the page name `{page.name}` is taken by a page the site generates: rename "
                "the file",
                "page-shadows-generated",
            )
        for problem in problems(text, page=True):
            line, col = _position(starts, problem.offset)
            yield Diagnostic(page.path, line, col, Severity.ERROR, problem.message, problem.rule)
        for href, offset in _page_links(text, starts):
            target = href.partition("#")[0]
            if target not in known:
                line, col = _position(starts, offset)
                yield Diagnostic(
                    page.path,
                    line,
                    col,
                    Severity.ERROR,
                    f"links to `{href}`, which is not a page of the site: link to a page such "
                    "as `timeline.md` or `gifts/index.md`, or to a record's page such as "
                    "`gifts/<id>.md`",
                    "page-link",
                )


def _page_links(text: str, starts: list[int]) -> Iterator[tuple[str, int]]:
    for token in parse(text):
        if token.type != "inline" or not token.children:
            continue
        line_start = starts[token.map[0]] if token.map else 0
        for child in token.children:
            href = str(child.attrs.get("href", "")) if child.type == "link_open" else ""
            if href and is_page_link(href):
                found = text.find(href, line_start)
                yield href, found if found >= 0 else line_start
