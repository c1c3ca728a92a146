"""Rule: every reference names a record that exists, of the right kind.

Fields declared with ``x-ref`` in the schema hold ids; this is where a
misspelt actor or a source that was never added is caught.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Rule
from ..kinds import load_registry
from ..model import ID_PATTERN
from .context import Context
from .suggest import did_you_mean

RULE = "unknown-reference"
RULES = (
    Rule("unknown-reference", "A reference to a record that does not exist, or of the wrong kind."),
)


def check(context: Context) -> Iterator[Diagnostic]:
    for record, item in context.annotated():
        kind = item.schema.get("x-ref")
        if not kind or not isinstance(item.value, str) or not ID_PATTERN.match(item.value):
            continue
        if kind == "records":  # ids are unique across the kinds a record may name
            folders = [k.folder for k in load_registry() if k.folder != "sources"]
            known = {rid: r for k in folders for rid, r in context.by_kind.get(k, {}).items()}
            if item.value in known or any((k, item.value) in context.unparsed for k in folders):
                continue
        else:
            known = context.by_kind.get(kind, {})
        if item.value in known or (kind, item.value) in context.unparsed:
            continue
        target = load_registry().by_folder.get(kind)
        noun = target.label.lower() if target else "gift, visit, sanction or actor"
        hint = did_you_mean(item.value, known) or (
            f"; add `content/{kind}/{item.value}.yaml` if the {noun} is new"
            if kind != "records"
            else ""
        )
        rule = "unknown-source" if kind == "sources" else RULE
        yield context.diagnostic(
            record, item.path, f"there is no {noun} with the id `{item.value}`{hint}", rule
        )
