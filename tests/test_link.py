"""The link stage on the fixture corpus: backlinks, citations, references, relevance.

Facts of the real content are checked in test_content.py; these tests use
tests/fixtures/base so that editing the content never breaks them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.link import Site, in_force_on, link
from generator.model import PartialDate
from generator.validate import load_and_validate

from .conftest import TODAY


@pytest.fixture
def site(corpus: Path) -> Site:
    # Cite the wire report inline, twice, to exercise numbering and anchors.
    gift = corpus / "content/gifts/ann-car-for-bob.yaml"
    gift.write_text(
        gift.read_text("utf-8").replace(
            "summary: Ann gave Bob a car, her office said [@wire-2024-02-20].",
            "summary: Ann gave Bob a car [@wire-2024-02-20], her office said [@wire-2024-02-20].",
        ),
        "utf-8",
    )
    tree, diagnostics = load_and_validate(corpus, today=TODAY)
    assert [d.format_text() for d in diagnostics] == []
    return link(tree.records)


def ids(records: list) -> list[str]:
    return [r.id for r in records]


def test_actor_pages_group_records_by_the_role_the_schema_declares(site: Site) -> None:
    ann, bob = site.actor_links["ann-leader"], site.actor_links["bob-leader"]
    assert ids(ann.group("Gifts given")) == ["ann-car-for-bob"]
    assert ids(bob.group("Gifts received")) == ["ann-car-for-bob"]
    assert ids(bob.group("Visits made")) == ["bob-visits-alpha"]
    assert ids(ann.group("Visits hosted")) == ["bob-visits-alpha"]
    assert ids(site.actor_links["alpha-state"].group("Sanctions imposed or proposed")) == [
        "council-luxury-ban"
    ]
    assert ids(site.actor_links["beta-state"].group("Sanctions targeting this actor")) == [
        "council-luxury-ban"
    ]


def test_claims_and_denials_are_attributed(site: Site) -> None:
    denies = site.actor_links["alpha-state"].denies
    assert [(m.record.id, m.part) for m in denies] == [("bob-visits-alpha", "an outcome")]
    assert [m.record.id for m in site.actor_links["beta-state"].asserts] == ["bob-visits-alpha"]
    assert ids([m.record for m in site.actor_links["ann-leader"].asserts]) == ["ann-car-for-bob"]


def test_states_list_their_people(site: Site) -> None:
    assert "ann-leader" in ids(site.actor_links["alpha-state"].members)


def test_citations_are_numbered_and_anchored(site: Site) -> None:
    gift = site.records["gifts"]["ann-car-for-bob"]
    sources = site.cites(gift)
    assert sources.order == ["wire-2024-02-20"]
    assert sources.backlinks == {"wire-2024-02-20": ["cite-1-1", "cite-1-2"]}
    assert sources.refs.anchors == {("summary", 0): "cite-1-1", ("summary", 1): "cite-1-2"}
    assert "ann-car-for-bob" in ids(site.citers["wire-2024-02-20"])


def test_a_reference_field_with_a_backref_lists_the_referrer(site: Site) -> None:
    [reference] = site.referenced_by["bob-visits-alpha"]
    assert reference.record.id == "ann-car-for-bob"
    assert reference.heading == "Gifts exchanged during this visit"


def test_relevance_needs_category_target_and_dates(site: Site) -> None:
    [relevance] = site.relevance_by_gift["ann-car-for-bob"]
    assert (relevance.sanction.id, relevance.item["category"]) == ("council-luxury-ban", "vehicle")
    ban = site.records["sanctions"]["council-luxury-ban"]
    assert not in_force_on(ban, PartialDate.parse("2006-10-13"))
    assert not in_force_on(ban, PartialDate.parse("2006-10"))  # may precede adoption
    assert in_force_on(ban, PartialDate.parse("2006-10-14"))


def test_the_timeline_holds_the_kinds_that_ask_for_it(site: Site) -> None:
    kinds = {record.kind for _, record in site.dated()}
    assert kinds == {kind.folder for kind in site.registry.timeline_kinds()}
