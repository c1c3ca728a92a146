"""Markdown fields as statements: plain text plus the source ids cited in it.

The parsing is ``generator.markdown``'s (the one parser of contributor
Markdown, with Pandoc-style ``[@id]`` citations); this module only shapes
its statements as JSON-ready data.
"""

from __future__ import annotations

from typing import Any

from ..markdown import statements as _statements


def statements(text: str) -> list[dict[str, Any]]:
    """``[{"text": plain text, "sources": [source ids]}]``, one per paragraph."""
    return [{"text": s.text, "sources": list(s.sources)} for s in _statements(text)]


def plain(text: str) -> str:
    """The whole field as one line of plain text."""
    return " ".join(s["text"] for s in statements(text))
