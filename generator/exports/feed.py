"""The Atom feed: records added or changed, newest first, written by feedgen.

Entry dates are the commit dates of each record's file (history.py).
Records without a known date are left out rather than dated by the build.
The feed's own ``updated`` is its newest entry's date; with no entries, the
Unix epoch, since Atom requires the element.
"""

from __future__ import annotations

import datetime as dt
import uuid

from feedgen.feed import FeedGenerator

from ..history import History, dates_of
from ..link import Site
from .common import kinds, label, page_url
from .meta import description

FEED_LIMIT = 100  # entries; the full history is in the git log and data/records.json
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
# Entry ids are stable URNs, so they do not change when the site moves.
_NAMESPACE = uuid.UUID("9b0e6a54-6f0c-4d8e-9d38-3f6c1f4b2a10")


def entry_id(kind: str, record_id: str) -> str:
    return uuid.uuid5(_NAMESPACE, f"{kind}/{record_id}").urn


def feed_xml(site: Site, history: History, title: str, base_url: str) -> tuple[str, int]:
    dated = []
    for kind in kinds(site):
        for record in site.records[kind].values():
            dates = dates_of(history, record.path)
            if dates:
                dated.append((dates, record))
    dated.sort(key=lambda d: (-d[0].changed.timestamp(), d[1].kind, d[1].id))
    dated = dated[:FEED_LIMIT]

    fg = FeedGenerator()
    fg.id(entry_id("feed", title))
    fg.title(title)
    fg.subtitle("Records added or changed")
    fg.author({"name": title})
    fg.link(href=base_url + "feed.xml", rel="self")
    fg.link(href=base_url or "index.html", rel="alternate")
    fg.language("en")
    fg.generator("factsheets")  # no library version: it would change the bytes between installs
    fg.updated(dated[0][0].changed if dated else _EPOCH)
    for dates, record in dated:
        entry = fg.add_entry(order="append")
        entry.id(entry_id(record.kind, record.id))
        entry.title(label(record, site))
        entry.link(href=base_url + page_url(record.kind, record.id), rel="alternate")
        entry.published(dates.added)
        entry.updated(dates.changed)
        entry.category(term=record.kind)
        entry.summary(description(record, site))
    return fg.atom_str(pretty=True).decode("utf-8"), len(dated)
