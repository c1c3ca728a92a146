"""Backlinks and sanctions relevance, computed from the real content."""

from __future__ import annotations

import pytest

from generator.link import Site, link
from generator.validate import load_and_validate

from .conftest import ROOT


@pytest.fixture(scope="module")
def site() -> Site:
    tree, diagnostics = load_and_validate(ROOT)
    assert not diagnostics
    return link(tree.records)


def ids(records: list) -> list[str]:
    return [r.id for r in records]


def test_actor_pages_aggregate_gifts_both_ways(site: Site) -> None:
    putin = site.actor_links["vladimir-putin"]
    assert "putin-car-for-kim-2024" in ids(putin.gifts_given)
    assert "kim-pungsan-dogs-for-putin-2024" in ids(putin.gifts_received)
    kim = site.actor_links["kim-jong-un"]
    assert "putin-car-for-kim-2024" in ids(kim.gifts_received)
    assert "kim-pungsan-dogs-for-putin-2024" in ids(kim.gifts_given)
    # Oldest first.
    assert ids(kim.gifts_received)[0] == "putin-glasses-for-kim-2019"


def test_actor_pages_aggregate_visits_and_sanctions(site: Site) -> None:
    assert "putin-pyongyang-2024-06" in ids(site.actor_links["vladimir-putin"].visits_made)
    assert "putin-pyongyang-2024-06" in ids(site.actor_links["kim-jong-un"].visits_hosted)
    imposed = ids(site.actor_links["un-security-council"].sanctions_imposed)
    assert imposed == [
        "unsc-resolution-1718",
        "unsc-resolution-1874",
        "unsc-resolution-2094",
        "unsc-resolution-2397",
    ]
    assert "eu-sanctions-2024-05-31" in ids(site.actor_links["oleg-kozhemyako"].sanctions_targeted)


def test_claims_are_attributed_to_actors(site: Site) -> None:
    us = site.actor_links["united-states"].asserts
    assert [(m.record.id, m.part) for m in us] == [("kim-russia-2023-09", "a claim")]
    assert "putin-car-for-kim-2024" in ids([m.record for m in site.actor_links["kcna"].asserts])


def test_states_list_their_people(site: Site) -> None:
    assert "kim-jong-un" in ids(site.actor_links["dprk"].members)
    assert "un-1718-committee" in ids(site.actor_links["un-security-council"].members)


def test_sources_know_who_cites_them(site: Site) -> None:
    citers = ids(site.citers["seed-afp-putin-gifts-kim-car"])
    assert "putin-car-for-kim-2024" in citers and "un-panel-report-2021-lexus" in citers
    # Sources cited only inside an outcome or a role count too.
    assert "putin-pyongyang-2024-06" in ids(site.citers["tass-2024-10-26-ratification"])
    assert "kim-yo-jong" in ids(site.citers["tass-ru-21145879"])


def test_car_gifts_fall_within_luxury_and_vehicle_bans(site: Site) -> None:
    for gift in ["putin-car-for-kim-2024", "putin-aurus-dirk-tea-set-for-kim-2024"]:
        vehicle = {r.sanction.id for r in site.relevance_by_gift[gift] if r.item["category"] == "vehicle"}
        assert sorted(vehicle) == ["unsc-resolution-2094", "unsc-resolution-2397"]
    listed = ids([r.gift for r in site.relevance_by_sanction["unsc-resolution-2397"]])
    assert listed == ["putin-aurus-dirk-tea-set-for-kim-2024", "putin-car-for-kim-2024"]


def test_relevance_needs_category_target_and_dates(site: Site) -> None:
    # Animals fall in no covered category; Kim's gifts go to Russia, which no
    # UN measure targets; a veto covers no goods at all.
    for gift in [
        "kim-pungsan-dogs-for-putin-2024",
        "putin-zoo-animals-for-dprk-2024",
        "kim-rifle-for-putin-2023",
    ]:
        assert gift not in site.relevance_by_gift
    assert "unsc-veto-panel-of-experts-2024" not in site.relevance_by_sanction


def test_relevance_respects_adoption_date(site: Site) -> None:
    from generator.link import in_force_on
    from generator.model import PartialDate

    resolution = site.records["sanctions"]["unsc-resolution-2397"]
    assert not in_force_on(resolution, PartialDate.parse("2017-12-21"))
    assert not in_force_on(resolution, PartialDate.parse("2017-12"))  # may precede adoption
    assert in_force_on(resolution, PartialDate.parse("2017-12-22"))
    embargo = site.records["sanctions"]["unsc-resolution-1874"]
    assert not in_force_on(embargo, PartialDate.parse("2009-06"))  # may precede 12 June
    assert in_force_on(embargo, PartialDate.parse("2009-06-12"))
    assert in_force_on(embargo, PartialDate.parse("2024-05"))


def test_denials_are_attributed_too() -> None:
    from .conftest import FIXTURES, TODAY

    tree, diagnostics = load_and_validate(FIXTURES / "base", today=TODAY)
    assert diagnostics == []
    site = link(tree.records)
    denies = site.actor_links["alpha-state"].denies
    assert [(m.record.id, m.part) for m in denies] == [("bob-visits-alpha", "an outcome")]
    assert [m.record.id for m in site.actor_links["beta-state"].asserts] == ["bob-visits-alpha"]
