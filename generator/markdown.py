"""Contributor Markdown: one parser decides what it means.

Every free-text field (``x-markdown`` in the schemas) is parsed once, by
markdown-it-py in CommonMark mode, and the same token stream is both checked
by the validator and turned into HTML by the generator. Python-Markdown,
which MkDocs runs, never sees contributor Markdown: it receives the finished
HTML as a raw block, so the two parsers cannot disagree about a link, and
Python-Markdown's slow paths (long runs of ``[``) are never reached.

Citations use Pandoc's syntax, ``[@source-id]`` or ``[@a; @b]``. They are
tokens of their own (``citation``), found by the same parser, so a marker in
a code span is text, as a reader sees it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from .blocks import one_block
from .urls import url_problem

_ID = r"[a-z0-9]+(?:-[a-z0-9]+)*"
# `[@a]` or `[@a; @b]`; whitespace around the semicolons is free.
CITATION = re.compile(rf"\[@({_ID})((?:\s*;\s*@{_ID})*)\]")
_CITED_ID = re.compile(rf"@({_ID})")
# Anything that looks like an attempt at a citation, to explain a typo such
# as `[@Kim]` or `[@a, @b]` instead of letting it through as plain text.
_CITATION_LIKE = re.compile(r"\[@[^\]\n]*\]")

MAX_LENGTH = 20_000  # characters in one field; also bounded by the schema


@dataclass(frozen=True)
class Citation:
    """One cited source id, with where its ``@id`` stands in the field's text."""

    source_id: str
    offset: int


@dataclass
class Paragraph:
    """One paragraph of a field (list items' paragraphs included)."""

    offset: int  # where the paragraph starts in the field's text
    text: str  # plain text, citations removed
    citations: list[Citation] = field(default_factory=list)


@dataclass(frozen=True)
class Problem:
    """Something not allowed in a field: what, and where in its text."""

    rule: str
    message: str
    offset: int


def _citation_rule(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "[" or not state.src.startswith("[@", state.pos):
        return False
    match = CITATION.match(state.src, state.pos)
    if not match:
        return False
    if not silent:
        token = state.push("citation", "", 0)
        token.content = match.group(0)
        token.meta = {"ids": [(m.group(1), m.start()) for m in _CITED_ID.finditer(match.group(0))]}
    state.pos = match.end()
    return True


def _allow_every_link(url: str) -> bool:
    # Links are kept as tokens whatever their target, so the validator sees
    # them and explains the problem; the renderer drops unsafe targets.
    return True


@cache
def parser() -> MarkdownIt:
    """The one Markdown parser, for validation and rendering alike."""
    md = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False})
    md.enable("table")
    md.validateLink = _allow_every_link  # type: ignore[method-assign]
    md.inline.ruler.before("link", "citation", _citation_rule)
    renderer: RendererHTML = md.renderer  # type: ignore[assignment]
    renderer.rules["citation"] = _render_citation
    renderer.rules["html_inline"] = _render_as_text
    renderer.rules["html_block"] = _render_as_text
    renderer.rules["image"] = _render_image_as_text
    renderer.rules["link_open"] = _render_link_open
    renderer.rules["link_close"] = _render_link_close
    renderer.rules["fence"] = _render_fence
    renderer.rules["heading_open"] = _render_heading_open
    renderer.rules["heading_close"] = _render_heading_close
    return md


@lru_cache(maxsize=8192)
def _parse(text: str) -> tuple[Token, ...]:
    return tuple(parser().parse(text, {}))


def parse(text: str) -> list[Token]:
    """The tokens of ``text``; a field is checked and rendered by several stages,
    so each text is parsed once."""
    return list(_parse(text))


def _flatten(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from _flatten(token.children)


# --- What the validator asks ----------------------------------------------


def line_offsets(text: str) -> list[int]:
    """The offset at which each line of ``text`` starts."""
    starts = [0]
    for index, char in enumerate(text):
        if char == "\n":
            starts.append(index + 1)
    return starts


def _inline_offset(text: str, starts: list[int], block: Token, inline: Token, pos: int) -> int:
    """The offset in ``text`` of position ``pos`` in an inline token's content.

    markdown-it strips each line's indentation from a paragraph's content,
    so the offset is found again by line: the same number of line breaks
    into the block, then the same characters on that line.
    """
    if block.map is None:
        return 0
    content = inline.content
    line = block.map[0] + content.count("\n", 0, pos)
    line_start_in_content = content.rfind("\n", 0, pos) + 1
    column_in_content = pos - line_start_in_content
    line = min(line, len(starts) - 1)
    source_line_start = starts[line]
    source_line_end = starts[line + 1] - 1 if line + 1 < len(starts) else len(text)
    source_line = text[source_line_start:source_line_end]
    content_line = content[line_start_in_content:].split("\n", 1)[0]
    # The content line is the source line, less indentation that markdown-it
    # dropped (on the first line) or kept (on later ones): find it again.
    stripped = content_line.lstrip(" \t")
    lead = len(content_line) - len(stripped)
    found = source_line.find(stripped[:40]) if stripped else -1
    if found < 0:
        return source_line_start
    return source_line_start + found + max(column_in_content - lead, 0)


def _tokens(text: str) -> Iterator[tuple[Token, Token | None, list[int]]]:
    """Each token of ``text`` with the innermost block holding it and the line starts."""
    starts = line_offsets(text)
    block: Token | None = None
    for token in parse(text):
        if token.map is not None:
            block = token
        yield token, block, starts


def citations(text: str) -> list[Citation]:
    """Every cited source id in ``text``, in reading order."""
    found: list[Citation] = []
    for token, block, starts in _tokens(text):
        if token.type == "inline" and token.children and block is not None:
            found.extend(_inline_citations(text, starts, block, token))
    return found


def _inline_citations(text: str, starts: list[int], block: Token, inline: Token) -> list[Citation]:
    out: list[Citation] = []
    pos = 0
    for child in inline.children or []:
        if child.type != "citation":
            continue
        # Find this marker in the inline content after the previous one.
        pos = inline.content.find(child.content, pos)
        if pos < 0:
            pos = 0
            continue
        for source_id, relative in child.meta["ids"]:
            offset = _inline_offset(text, starts, block, inline, pos + relative)
            out.append(Citation(source_id, offset))
        pos += len(child.content)
    return out


def paragraphs(text: str) -> list[Paragraph]:
    """The field's paragraphs, each with its plain text and its citations."""
    result: list[Paragraph] = []
    for token, block, starts in _tokens(text):
        if token.type == "inline" and block is not None:
            offset = starts[min(block.map[0], len(starts) - 1)] if block.map else 0
            cites = _inline_citations(text, starts, block, token) if token.children else []
            result.append(Paragraph(offset, plain_text(token), cites))
    return result


@dataclass(frozen=True)
class Statement:
    """A paragraph as data: its plain text and the sources it cites."""

    text: str
    sources: list[str]


def statements(text: str) -> list[Statement]:
    """The field as statements, for the data exports and plain-text views."""
    return [
        Statement(p.text, list(dict.fromkeys(c.source_id for c in p.citations)))
        for p in paragraphs(text)
    ]


def plain_text(inline: Token) -> str:
    """An inline token's text as a reader reads it, citations left out."""
    parts: list[str] = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)
    text = " ".join("".join(parts).split())
    # A citation left out leaves a space before the punctuation that followed it.
    return re.sub(r" +([.,;:!?)])", r"\1", text)


def is_page_link(href: str) -> bool:
    """A link from a hand-written page to another page of the site, such as ``timeline.md``."""
    return bool(re.fullmatch(r"(?:[a-z0-9-]+/)?[a-z0-9-]+\.md(?:#[a-z0-9-]+)?", href))


def problems(text: str, *, page: bool = False) -> Iterator[Problem]:
    """Everything in ``text`` that the site will not publish, with where it is.

    With ``page`` (a hand-written page), headings and links to other pages
    of the site are allowed.
    """
    for token, block, starts in _tokens(text):
        line_offset = starts[min(token.map[0], len(starts) - 1)] if token.map else 0
        if token.type == "html_block":
            yield _html_problem(token.content, line_offset)
        elif token.type == "heading_open" and not page:
            yield Problem(
                "markdown-heading",
                "contains a heading (a line starting with `#`, or underlined with `=` or `-`), "
                "which is not allowed: the page provides headings; write plain paragraphs",
                line_offset,
            )
        elif token.type == "inline" and block is not None:
            yield from _inline_problems(text, starts, block, token, page)


def _html_problem(snippet: str, offset: int) -> Problem:
    shown = snippet.strip().splitlines()[0][:60] if snippet.strip() else snippet
    return Problem(
        "markdown-html",
        f"contains HTML (`{shown}`), which is not allowed: use Markdown such as *emphasis* or "
        "[link text](https://…), or write `&lt;` for a literal `<`",
        offset,
    )


def _inline_problems(
    text: str, starts: list[int], block: Token, inline: Token, page: bool = False
) -> Iterator[Problem]:
    content = inline.content
    pos = 0

    def where(fragment: str) -> int:
        nonlocal pos
        found = content.find(fragment, pos) if fragment else -1
        if found >= 0:
            pos = found + len(fragment)
        return _inline_offset(text, starts, block, inline, max(found, 0))

    for child in inline.children or []:
        if child.type == "html_inline":
            yield _html_problem(child.content, where(child.content))
        elif child.type == "image":
            yield Problem(
                "markdown-image",
                "contains an image, which is not allowed: images would load from another site; "
                "link to the page instead",
                where("!["),
            )
        elif child.type == "link_open":
            href = str(child.attrs.get("href", ""))
            problem = None if page and is_page_link(href) else url_problem(href)
            if problem:
                yield Problem("markdown-link", f"has a link to `{href}` that {problem}", where("["))
        elif child.type == "text" and "[@" in child.content:
            for match in _CITATION_LIKE.finditer(child.content):
                yield Problem(
                    "citation-syntax",
                    f"`{match.group(0)}` looks like a citation but is not one: write "
                    "`[@source-id]`, or `[@first-id; @second-id]` for several, with ids "
                    "in lowercase letters, digits and hyphens",
                    where(match.group(0)),
                )


# --- Rendering --------------------------------------------------------------


@dataclass(frozen=True)
class CitationRefs:
    """How the citations of one record are numbered and anchored on its page.

    ``numbers`` gives each cited source its number in the page's Sources
    list; ``anchors`` gives each citation, by the field it is in and its
    place among that field's citations, the id the Sources list links back to.
    """

    numbers: Mapping[str, int]
    anchors: Mapping[tuple[str, int], str]
    source_anchor: str = "source-{n}"


def render(
    text: str, refs: CitationRefs | None = None, field_key: str = "", *, page: bool = False
) -> str:
    """The field's HTML. ``refs`` numbers its citations; without it they are dropped.

    With ``page``, links to other pages (``timeline.md``) point at their HTML.
    """
    env: dict[str, Any] = {"refs": refs, "field": field_key, "seen": 0, "page": page}
    md = parser()
    return one_block(md.renderer.render(parse(text), md.options, env))


def render_inline(text: str, refs: CitationRefs | None = None, field_key: str = "") -> str:
    """Like :func:`render`, without the wrapping ``<p>`` of a one-paragraph text."""
    rendered = render(text, refs, field_key).strip()
    if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        return rendered[3:-4]
    return rendered


def _render_citation(tokens: list[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    refs: CitationRefs | None = env.get("refs")
    if refs is None:
        return ""
    links = []
    for source_id, _ in tokens[idx].meta["ids"]:
        number = refs.numbers.get(source_id)
        anchor = refs.anchors.get((env.get("field", ""), env["seen"]))
        env["seen"] += 1
        if number is None:
            continue
        target = refs.source_anchor.format(n=number)
        id_attr = f' id="{html.escape(anchor)}"' if anchor else ""
        links.append(f'<a href="#{target}"{id_attr}>{number}</a>')
    if not links:
        return ""
    return '<sup class="fs-cite">[' + ", ".join(links) + "]</sup>"


def _render_as_text(tokens: list[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    return html.escape(tokens[idx].content, quote=False)


def _render_image_as_text(tokens: list[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    return html.escape(tokens[idx].content, quote=False)


def _render_link_open(tokens: list[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    token = tokens[idx]
    href = str(token.attrs.get("href", ""))
    if env.get("page") and is_page_link(href):
        path, _, anchor = href.partition("#")
        href = path[:-3] + ".html" + (f"#{anchor}" if anchor else "")
    elif url_problem(href):
        token.meta["dropped"] = True
        return ""
    return f'<a href="{html.escape(href)}" rel="noopener">'


def _render_link_close(tokens: list[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    # Find the matching opener to know whether its link was dropped.
    depth = 0
    for back in range(idx - 1, -1, -1):
        if tokens[back].type == "link_close":
            depth += 1
        elif tokens[back].type == "link_open":
            if depth == 0:
                return "" if tokens[back].meta.get("dropped") else "</a>"
            depth -= 1
    return ""


def _render_fence(tokens: list[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    # Without the info string: a contributor's text never becomes an attribute.
    return f"<pre><code>{html.escape(tokens[idx].content, quote=False)}</code></pre>\n"


def _render_heading_open(tokens: list[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    return "<p>"


def _render_heading_close(tokens: list[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    return "</p>\n"
