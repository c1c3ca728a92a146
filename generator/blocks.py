"""The generated pages' HTML blocks, kept out of Python-Markdown's way.

Every page the generator writes is front matter, then blocks separated by
one blank line: a Markdown heading (``#`` …) or an HTML block (``<`` …)
that holds no blank line of its own (:func:`check_page`, run by the render
stage). The HTML is finished: Python-Markdown would only pass it through,
but it still scans every byte of it with an HTML parser, twice (its own
raw-HTML stash and MkDocs' anchor finder), which was about half of the
MkDocs build. So the MkDocs hook swaps each HTML block for a placeholder
before Python-Markdown runs (:func:`stash`) and puts the blocks back into
its output (:class:`Stash`), byte for byte. Python-Markdown then converts
only the headings, which still give the table of contents, the permalinks
and the search sections.

The search plugin parses every page's HTML again to index it. Sections
whose heading carries ``data-search-exclude`` are dropped from the index
anyway, so the search plugin is shown the page without their blocks
(:meth:`Stash.searchable`), and the theme the whole page. A record page is
short, so it is shown as one section (its headings left out): one search
entry a record instead of one a heading halves the entries the browser
indexes, which is most of the time to a first result from disk. Citation
marks (``[1, 2]``) are left out too: they are not words anyone searches.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field

# A block Python-Markdown would read as raw HTML: a block-level tag or a
# comment at the start of the block. Anything else (the Markdown of the
# data and reference pages, an autolink) is left to Python-Markdown.
_HTML_BLOCK = re.compile(
    r"<(?:!--|(?:address|article|aside|blockquote|details|div|dl|figure|footer|form|h[1-6]"
    r"|header|hr|nav|ol|p|pre|section|svg|table|ul)[\s>/])"
)
_HEADING = re.compile(r"#{1,6} ")
# Unguessable, so that no text in a page can pose as a placeholder; it never
# reaches the output, which stays the same from build to build.
_NONCE = secrets.token_hex(8)
_PLACEHOLDER = re.compile(rf"<p>fsblock{_NONCE}n(\d+)</p>")
# Python-Markdown's output holds only headings and placeholders (and, on the
# data and reference pages, some Markdown of the project's own).
_HEADING_OR_PLACEHOLDER = re.compile(
    rf"<h(?P<level>[1-6])(?P<attributes>[^>]*)>.*?</h(?P=level)>\n?"
    rf"|<p>fsblock{_NONCE}n(?P<index>\d+)</p>",
    re.S,
)
# The attribute itself, not the same words inside an id (``id="gift-data-search-exclude"``).
_EXCLUDE_ATTRIBUTE = re.compile(r"\sdata-search-exclude(?=[\s=]|$)")
# The citation marks that generator.markdown writes.
_CITATION = re.compile(r'<sup class="fs-cite">.*?</sup>', re.S)
# Python-Markdown's default; mkdocs.yml does not change it.
TAB_LENGTH = 4
# A line break, then a line of nothing but spaces and tabs, then a line break.
_BLANK_LINE = re.compile(r"\n([ \t]*)\n")


class BlockError(ValueError):
    """A generated page that breaks the layout above: a template's mistake."""


def _split(body: str) -> list[str]:
    return body.split("\n\n")


def check_page(body: str) -> None:
    """Raise :class:`BlockError` unless every block of ``body`` is a heading or HTML."""
    for number, block in enumerate(_split(body.strip("\n")), start=1):
        heading = _HEADING.match(block) and "\n" not in block
        if not (heading or _HTML_BLOCK.match(block)):
            first = block.split("\n", 1)[0][:60]
            raise BlockError(
                f"block {number} of the page is neither a Markdown heading nor an HTML "
                f"block (it starts {first!r}); a blank line inside an HTML block ends it early"
            )


def one_block(html: str) -> str:
    """``html`` without blank lines, so it stays one block of a page.

    A line of only spaces and tabs counts as blank. A newline written as
    ``&#10;`` is the same character to the browser, inside ``<pre>`` too.
    """
    return _BLANK_LINE.sub(lambda m: "\n" + m.group(1) + "&#10;", html)


@dataclass
class Stash:
    """The HTML blocks of one page, in order."""

    blocks: list[str] = field(default_factory=list)

    def page(self, html: str) -> str:
        """Python-Markdown's output with every block back in place."""
        return _PLACEHOLDER.sub(lambda match: self.blocks[int(match.group(1))], html)

    def searchable(self, html: str, *, one_section: bool = False) -> str:
        """What the search plugin indexes: no excluded section, no citation mark.

        A section is excluded when Python-Markdown gave its heading the
        ``data-search-exclude`` attribute: its own output decides, so no
        heading text can pass for the attribute. With ``one_section``, the
        headings below the title are left out too.
        """
        out: list[str] = []
        excluded = False
        end = 0
        for match in _HEADING_OR_PLACEHOLDER.finditer(html):
            out.append(html[end : match.start()])
            end = match.end()
            if match.group("level"):
                excluded = bool(_EXCLUDE_ATTRIBUTE.search(match.group("attributes")))
                subheading = match.group("level") != "1"
                out.append("" if one_section and subheading else match.group(0))
            elif not excluded:
                out.append(_CITATION.sub("", self.blocks[int(match.group("index"))]))
        out.append(html[end:])
        return "".join(out)


def stash(markdown: str) -> tuple[str, Stash]:
    """The page's Markdown with each HTML block replaced by a placeholder.

    Tabs are expanded first, as Python-Markdown does to the whole page,
    so the blocks come back as it would have printed them.
    """
    saved = Stash()
    out: list[str] = []
    for block in _split(markdown.expandtabs(TAB_LENGTH)):
        if _HTML_BLOCK.match(block):
            saved.blocks.append(block)
            block = f"fsblock{_NONCE}n{len(saved.blocks) - 1}"
        out.append(block)
    return "\n\n".join(out), saved
