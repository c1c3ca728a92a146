"""Rule: `confirmed` needs the acting body's own record or two independent sources.

CONTRIBUTING promises that a fact reported by one side's state media is
"reported, never confirmed", and that a story copied by ten sites is one
story. This rule holds every `confirmed` status to that: the record's own
claim, an outcome's claim, and each entry of `claims`.

A status counts the sources cited where it is stated: the record's summary
and claim note for the record's claim, an outcome's summary (and claim note)
for the outcome, a claims entry's statement (and note) for the entry.
It is satisfied by either

- a cited source whose ``issued_by`` is one of the acting parties (a
  sanction's ``imposed_by``, a gift's givers or recipients, a visit's
  visitors or hosts; for a claims entry, its ``asserted_by``), or
- at least two independent cited sources: copies of one original
  (same ``copy_of``, compared case-insensitively, else same publisher) count
  once, and sources that are all state media of one state are one side.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .. import markdown
from ..diagnostics import Diagnostic, Rule
from ..model import JsonPath, Record
from .context import Context

RULE = "corroboration"
RULES = (
    Rule(
        "corroboration",
        "`confirmed` without a primary record of the acting body or two independent sources.",
    ),
)

_ACTING = {
    "sanctions": ("imposed_by",),
    "gifts": ("givers", "recipients"),
    "visits": ("visitors", "hosts"),
}


@dataclass(frozen=True)
class Status:
    """One status to check: where it is, who acts, and what it cites."""

    path: JsonPath
    acting: list[str]
    cited: list[str]


def statuses(record: Record) -> Iterator[Status]:
    """Every `confirmed` status of a gift, visit or sanction, with its citations."""
    data = record.data
    acting = [a for key in _ACTING.get(record.kind, ()) for a in data.get(key, [])]
    claim = data.get("claim")
    if isinstance(claim, dict) and claim.get("status") == "confirmed":
        yield Status(("claim", "status"), acting, _cited(data.get("summary"), claim.get("note")))
    for index, outcome in enumerate(data.get("outcomes") or []):
        own = outcome.get("claim") if isinstance(outcome, dict) else None
        if isinstance(own, dict) and own.get("status") == "confirmed":
            yield Status(
                ("outcomes", index, "claim", "status"),
                acting,
                _cited(outcome.get("summary"), own.get("note")),
            )
    for index, entry in enumerate(data.get("claims") or []):
        if isinstance(entry, dict) and entry.get("status") == "confirmed":
            yield Status(
                ("claims", index, "status"),
                list(entry.get("asserted_by", [])),
                _cited(entry.get("statement"), entry.get("note")),
            )


def _cited(*texts: Any) -> list[str]:
    ids = [c.source_id for t in texts if isinstance(t, str) for c in markdown.citations(t)]
    return list(dict.fromkeys(ids))


def origin(source_id: str, source: dict[str, Any]) -> str:
    """What makes sources copies of one another: the original, else the publisher."""
    return str(source.get("copy_of") or source.get("publisher") or source_id).casefold()


def describe(source_id: str, source: dict[str, Any]) -> str:
    parts = []
    if source.get("state_media_of"):
        parts.append(f"state media of {source['state_media_of']}")
    if source.get("copy_of"):
        parts.append(f"copy of {source['copy_of']}")
    if source.get("issued_by"):
        parts.append(f"issued by {source['issued_by']}")
    return f"{source_id} ({', '.join(parts)})" if parts else source_id


def bodies(parties: list[str], actors: dict[str, dict[str, Any]]) -> set[str]:
    """The parties, and the states and parent bodies they act for."""
    found = set(parties)
    for party in parties:
        actor = actors.get(party, {})
        found.update(actor[key] for key in ("state", "part_of") if actor.get(key))
    return found


def missing(
    status: Status, sources: dict[str, dict[str, Any]], actors: dict[str, dict[str, Any]]
) -> str | None:
    """Why ``status`` is not corroborated, or None when it is."""
    cited = [(sid, sources[sid]) for sid in status.cited if sid in sources]
    acting = bodies(status.acting, actors)
    if any(s.get("issued_by") in acting for _, s in cited):
        return None
    origins = {origin(sid, s) for sid, s in cited}
    sides = {s.get("state_media_of") for _, s in cited}
    all_state_media_of_one = len(sides) == 1 and None not in sides
    if len(origins) >= 2 and not all_state_media_of_one:
        return None
    names = ", ".join(f"`{a}`" for a in status.acting) or "the asserting party"
    counted = "; ".join(describe(sid, s) for sid, s in cited) or "no cited source"
    if len(origins) >= 2:
        why = "they are all state media of one state, which is one side"
    elif cited:
        why = "they are one report" if len(cited) > 1 else "it is one source"
    else:
        why = "nothing is cited here"
    return (
        f"`confirmed` needs a primary record of {names} (a source with `issued_by`) or two "
        f"independent sources; counted: {counted}, and {why}: cite a second, independent "
        "source, or use `reported`"
    )


def check(context: Context) -> Iterator[Diagnostic]:
    sources = {sid: r.data for sid, r in context.by_kind.get("sources", {}).items()}
    actors = {aid: r.data for aid, r in context.by_kind.get("actors", {}).items()}
    for record in context.records:
        if record.kind not in _ACTING or not isinstance(record.data, dict):
            continue
        for status in statuses(record):
            problem = missing(status, sources, actors)
            if problem:
                yield context.diagnostic(record, status.path, problem, RULE)
