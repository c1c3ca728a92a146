"""Page metadata for search engines: description, OpenGraph type and JSON-LD.

schema.org types:

* actors: ``Person``; states, state bodies and international bodies
  ``GovernmentOrganization``; news outlets ``NewsMediaOrganization``;
  companies ``Corporation``; other organizations ``Organization``;
* visits: ``Event`` (``organizer`` the hosts, ``attendee`` the visitors);
* sanctions: ``Legislation`` (reports and vetoes too: schema.org has no
  better type, and ``legislationLegalForce`` says where each stands);
* gifts: ``GiveAction``, schema.org's type for "transferring ownership of
  an object to a destination": ``agent`` the givers, ``recipient`` the
  recipients, ``object`` the items. A gift is an act, not a thing for sale,
  so ``Product`` or ``Offer`` would misdescribe it;
* sources: ``CreativeWork`` (the cited document itself).

Each carries ``citation`` entries for its sources and, when the record's
history is known, ``dateModified``.
"""

from __future__ import annotations

import json
from typing import Any

from ..frontmatter import Block
from ..history import History, dates_of, iso, load_history
from ..kinds import load_registry
from ..link import Site
from ..model import PartialDate, Record
from ..settings import Settings
from .common import label, page_url, site_url
from .statements import plain

DESCRIPTION_LIMIT = 155

ACTOR_TYPES = {
    "person": "Person",
    "state": "GovernmentOrganization",
    "organization": "Organization",
    "media": "NewsMediaOrganization",
    "company": "Corporation",
    "international-body": "GovernmentOrganization",
}

LEGAL_FORCE = {
    "in-force": "InForce",
    "lapsed": "NotInForce",
    "lifted": "NotInForce",
    "vetoed": "NotInForce",
}


# Characters YAML reads as line breaks, which a JSON string may not hold raw.
_YAML_BREAKS = {ord(c): f"\\u{ord(c):04x}" for c in "\x85\u2028\u2029"}


def json_text(value: dict[str, Any]) -> str:
    """JSON, one key a line, that survives a round trip through YAML exactly."""
    # A key a line by hand: json.dumps with indent runs in pure Python.
    lines = [
        f" {json.dumps(key, ensure_ascii=False)}: "
        + json.dumps(value[key], ensure_ascii=False, sort_keys=True)
        for key in sorted(value)
    ]
    return ("{\n" + ",\n".join(lines) + "\n}").translate(_YAML_BREAKS)


def jsonld_type(record: Record) -> str:
    if record.kind == "actors":
        if record.data["type"] == "organization" and record.data.get("state"):
            return "GovernmentOrganization"
        return ACTOR_TYPES[record.data["type"]]
    # Each kind's schema names its schema.org type (x-kind.jsonld_type).
    return load_registry().by_folder[record.kind].jsonld_type


def _human(date: str | None) -> str:
    return PartialDate.parse(date).human() if date else ""


def _curly_quotes(text: str) -> str:
    """Straight double quotes become “ ”.

    Material prints ``page.meta.description`` into ``content="…"`` without
    escaping it, so a straight quote would end the attribute.
    """
    parts = text.split('"')
    out = parts[0]
    for n, part in enumerate(parts[1:]):
        out += ("“" if n % 2 == 0 else "”") + part
    return out


def _shorten(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    text = _curly_quotes(" ".join(text.split()))
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.")
    return cut + "…"


def description(record: Record, site: Site) -> str:
    """Plain text under ~160 characters, led by what makes the page unique (its name)."""
    data = record.data
    name = label(record, site)
    if record.kind == "sources":
        when = _human(data.get("published")) or "n.d."
        return _shorten(f"{data['publisher']}, {when}: {data['about']}")
    date_field = site.kind(record).date_field
    when = _human(data.get(date_field)) if date_field and record.kind != "actors" else ""
    lead = f"{name} ({when})" if when else name
    return _shorten(f"{lead}. {plain(data.get('summary', ''))}")


def _citation(site: Site, source_id: str) -> dict[str, Any]:
    data = site.source(source_id).data
    citation: dict[str, Any] = {
        "@type": "CreativeWork",
        "name": data.get("title") or data["about"],
        "url": data["url"],
        "publisher": {"@type": "Organization", "name": data["publisher"]},
        "inLanguage": data["language"],
    }
    if data.get("published"):
        citation["datePublished"] = data["published"]
    return citation


def jsonld(record: Record, site: Site, base_url: str, modified: str | None) -> dict[str, Any]:
    data = record.data
    url = base_url + page_url(record.kind, record.id)

    def actor(actor_id: str) -> dict[str, Any]:
        other = site.actor(actor_id)
        return {
            "@type": jsonld_type(other),
            "name": other.data["name"],
            "url": base_url + page_url("actors", actor_id),
        }

    doc: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": jsonld_type(record),
        "name": label(record, site),
        "url": url,
        "description": description(record, site),
    }
    if record.kind == "actors":
        names = [*data.get("native_names", {}).values(), *data.get("aliases", [])]
        if names:
            doc["alternateName"] = names
        if data["type"] == "person" and data.get("roles"):
            doc["jobTitle"] = [role["title"] for role in data["roles"]]
    elif record.kind == "gifts":
        doc["agent"] = [actor(a) for a in data["givers"]]
        doc["recipient"] = [actor(a) for a in data["recipients"]]
        doc["object"] = [
            {"@type": "Thing", "name": item["description"], "category": item["category"]}
            for item in data["items"]
        ]
        doc["startTime"] = data["date"]
    elif record.kind == "visits":
        doc["startDate"] = data["start"]
        if data.get("end"):
            doc["endDate"] = data["end"]
        doc["organizer"] = [actor(a) for a in data["hosts"]]
        doc["attendee"] = [actor(a) for a in data["visitors"]]
        doc["location"] = [
            {
                "@type": "Place",
                "name": ", ".join(filter(None, [p.get("site"), p["city"]])),
                "address": {
                    "@type": "PostalAddress",
                    "addressLocality": p["city"],
                    "addressCountry": site.actor(p["country"]).data["name"],
                },
            }
            for p in data["places"]
        ]
    elif record.kind == "sanctions":
        doc["legislationIdentifier"] = data["instrument"]
        doc["legislationDate"] = data["adopted"]
        doc["legislationPassedBy"] = [actor(a) for a in data["imposed_by"]]
        if data.get("legal_status") in LEGAL_FORCE:
            doc["legislationLegalForce"] = "https://schema.org/" + LEGAL_FORCE[data["legal_status"]]
        if data.get("ended"):
            doc["expires"] = data["ended"]
        if data.get("targets"):
            doc["about"] = [actor(a) for a in data["targets"]]
    elif record.kind == "sources":
        doc["name"] = data.get("title") or data["about"]
        doc["url"] = data["url"]
        doc["mainEntityOfPage"] = url
        doc["publisher"] = {"@type": "Organization", "name": data["publisher"]}
        doc["inLanguage"] = data["language"]
        if data.get("published"):
            doc["datePublished"] = data["published"]
    citations = [_citation(site, s) for s in site.cites(record).order]
    if citations:
        doc["citation"] = citations
    if modified:
        doc["dateModified"] = modified
    return doc


def page_meta(
    record: Record, site: Site, settings: Settings, history: History | None = None
) -> dict[str, Any]:
    """Front-matter values for a record's page.

    Pass ``history`` (from :func:`generator.history.load_history`) when
    rendering many pages: without it each call runs git once.
    """
    if history is None:
        history = load_history(settings.root, settings.content_dir)
    dates = dates_of(history, record.path)
    modified = iso(dates.changed) if dates else None
    meta: dict[str, Any] = {
        "description": description(record, site),
        "og_type": "article",
        # Without a site address, links are relative to the page, which
        # sits one folder below the root (JSON-LD resolves against the page).
        # JSON text, not nested YAML: MkDocs builds nested front matter in
        # pure Python, a millisecond a page; the hook decodes it. A block of
        # one key a line, so that diffs of the pages stay readable.
        "jsonld": Block(json_text(jsonld(record, site, site_url(settings) or "../", modified))),
    }
    if dates:
        # The sitemap prints it as lastmod (site_templates/overrides/sitemap.xml).
        meta["updated"] = dates.changed.date().isoformat()
    return meta
