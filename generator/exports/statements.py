"""Markdown fields as statements: plain text plus the source ids cited in it.

The parser is the contributor-Markdown module (``generator.markdown``);
until it lands, a small stand-in reads Pandoc-style ``[@id]`` and
``[@a; @b]`` citations with a regular expression.
"""

from __future__ import annotations

import re
from typing import Any

try:  # the real parser, once generator/markdown.py exists
    from ..markdown import statements as _statements
except ImportError:  # pragma: no cover - replaced on merge
    _statements = None

_CITATION = re.compile(r"\s*\[(@[a-z0-9-]+(?:\s*;\s*@[a-z0-9-]+)*)\]")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_BEFORE_PUNCTUATION = re.compile(r"\s+([.,;:!?)])")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)")


def statements(text: str) -> list[dict[str, Any]]:
    """``[{"text": plain text, "sources": [source ids]}]``, one per paragraph."""
    if _statements is not None:
        return [{"text": _tidy(s.text), "sources": list(s.sources)} for s in _statements(text)]
    result = []
    for block in re.split(r"\n\s*\n", text):
        if not block.strip():
            continue
        sources = [
            sid.strip().lstrip("@") for m in _CITATION.finditer(block) for sid in m[1].split(";")
        ]
        plain = _EMPHASIS.sub("", _LINK.sub(r"\1", _CITATION.sub("", block)))
        result.append({"text": _tidy(plain), "sources": list(dict.fromkeys(sources))})
    return result


def _tidy(text: str) -> str:
    """One line, and no space left before punctuation where a citation stood."""
    return _BEFORE_PUNCTUATION.sub(r"\1", " ".join(text.split()))


def plain(text: str) -> str:
    """The whole field as one line of plain text."""
    return " ".join(s["text"] for s in statements(text))
