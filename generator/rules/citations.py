"""Rules: every citation names a known source, and every summary paragraph cites one.

A record's sources are derived from the ``[@source-id]`` citations in its
Markdown fields (see ``generator.markdown``), so a typo in a citation would
silently drop a source from the page: it is an error, reported at the marker.
Gift, visit and sanction summaries must cite a source in every paragraph, so
that a reader can check each statement.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from .. import markdown
from ..diagnostics import Diagnostic, Rule
from ..model import JsonPath, Record
from .context import Context
from .suggest import did_you_mean

RULE = "unknown-source"
RULES = (
    Rule("unknown-source", "A citation or source id that names no source record."),
    Rule("uncited-paragraph", "A paragraph of a gift, visit or sanction summary with no citation."),
)
UNCITED = "uncited-paragraph"


def check(context: Context) -> Iterator[Diagnostic]:
    known = context.by_kind.get("sources", {})
    for record, item in context.annotated():
        if not item.schema.get("x-markdown") or not isinstance(item.value, str):
            continue
        for citation in markdown.citations(item.value):
            if citation.source_id in known or ("sources", citation.source_id) in context.unparsed:
                continue
            hint = did_you_mean(citation.source_id, known) or (
                f"; add `content/sources/{citation.source_id}.yaml` if the source is new"
            )
            yield _at(
                context,
                record,
                item.path,
                citation.offset,
                f"cites `[@{citation.source_id}]`, but there is no source with that id{hint}",
                RULE,
            )
        # Fields that state facts paragraph by paragraph say so in the schema.
        if item.schema.get("x-cite-every-paragraph"):
            for number, paragraph in enumerate(markdown.paragraphs(item.value), start=1):
                if not paragraph.citations:
                    yield _at(
                        context,
                        record,
                        item.path,
                        paragraph.offset,
                        f"paragraph {number} (“{_opening(paragraph.text)}”) cites no source: "
                        "add `[@source-id]` after the sentence it supports",
                        UNCITED,
                    )


def _opening(text: str) -> str:
    return text if len(text) <= 40 else text[:40].rstrip() + "…"


def _at(
    context: Context, record: Record, path: JsonPath, offset: int, message: str, rule: str
) -> Diagnostic:
    """A diagnostic at ``offset`` in the field's text, where the document can tell it."""
    locate = getattr(record.document, "locate", None)
    if locate is None:  # until Document.locate lands: the field's own position
        return context.diagnostic(record, path, message, rule)
    diagnostic = context.diagnostic(record, path, message, rule)
    mark = locate(path, offset)
    return dataclasses.replace(diagnostic, line=mark.line, col=mark.col)
