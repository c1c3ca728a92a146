"""Markdown fields as statements: plain text plus the source ids cited in it.

The parsing is ``generator.markdown``'s (the one parser of contributor
Markdown, with Pandoc-style ``[@id]`` citations); this module only shapes
its statements as JSON-ready data.
"""

from __future__ import annotations

import re
from typing import Any

from ..markdown import statements as _statements

_BEFORE_PUNCTUATION = re.compile(r"\s+([.,;:!?)])")


def statements(text: str) -> list[dict[str, Any]]:
    """``[{"text": plain text, "sources": [source ids]}]``, one per paragraph."""
    return [{"text": _tidy(s.text), "sources": list(s.sources)} for s in _statements(text)]


def _tidy(text: str) -> str:
    """One line, and no space left before punctuation where a citation stood."""
    return _BEFORE_PUNCTUATION.sub(r"\1", " ".join(text.split()))


def plain(text: str) -> str:
    """The whole field as one line of plain text."""
    return " ".join(s["text"] for s in statements(text))
