"""Escaping YAML text for the Markdown the templates produce.

Text from records is never trusted as markup. Plain-text fields are escaped
so every character renders literally, in paragraphs, headings, list items
and table cells alike. Markdown fields were checked by the validator; they
are still defanged here, because Python-Markdown (which MkDocs uses) and
CommonMark (which the validator uses) do not agree on every corner.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Characters Python-Markdown (with the tables extension) lets a backslash escape.
_INLINE_SPECIAL = re.compile(r"([\\`*_{}\[\]|#])")
# What starts a block construct (list, heading underline, admonition) at the
# beginning of a line. It is written as a character reference, which no
# Markdown parser reads as syntax.
_LINE_START = re.compile(r"^([-+!=~:]|\d+[.)])")


class Markdown(str):
    """Text that is already Markdown, safe to emit as it is.

    The template environment escapes every other string it outputs, so a
    template cannot forget to.
    """

    __slots__ = ()


@lru_cache(maxsize=65536)
def escape_text(text: str) -> Markdown:
    """Escape plain text so that it renders exactly as written, on one line.

    Cached: names and titles repeat on many pages.
    """
    text = " ".join(str(text).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    text = _LINE_START.sub(lambda m: m.group(1)[:-1] + f"&#{ord(m.group(1)[-1])};", text)
    return Markdown(text)


def defang_markdown(text: str) -> Markdown:
    """Markdown from a validated field, with anything HTML-like neutralised.

    The validator already rejects HTML; escaping ``<`` again means a gap
    between the two parsers cannot turn text into a tag, and escaping braces
    means no attribute list can be attached to the surrounding element.
    """
    text = str(text).strip().replace("&", "&amp;").replace("<", "&lt;")
    text = text.replace("{", "\\{").replace("}", "\\}")
    # An entity the author wrote on purpose (such as &lt;) survives once.
    text = re.sub(r"&amp;(#?\w+;)", r"&\1", text)
    return Markdown(text)
