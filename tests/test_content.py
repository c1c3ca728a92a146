"""The published content: it validates cleanly and a sample of facts matches the dossier."""

from __future__ import annotations

from typing import Any

import pytest

from generator.model import PartialDate
from generator.validate import load_and_validate

from .conftest import ROOT


@pytest.fixture(scope="module")
def records() -> dict[str, dict[str, dict[str, Any]]]:
    tree, diagnostics = load_and_validate(ROOT)
    assert [d.format_text() for d in diagnostics] == [], "content must validate with no warnings"
    by_kind: dict[str, dict[str, dict[str, Any]]] = {}
    for record in tree.records:
        by_kind.setdefault(record.kind, {})[record.id] = record.data
    return by_kind


# Where each of the dossier's 39 facts lives. A fact may be part of a record
# (G2-G4 are statements about the G1 car) or span two (exchanged gifts).
DOSSIER = {
    "G1": ["gifts/putin-car-for-kim-2024"],
    "G2": ["gifts/putin-car-for-kim-2024"],
    "G3": ["gifts/putin-car-for-kim-2024", "actors/dmitry-peskov", "actors/maria-zakharova"],
    "G4": ["gifts/putin-car-for-kim-2024"],
    "G5": ["gifts/putin-rifle-and-glove-for-kim-2023", "gifts/kim-rifle-for-putin-2023"],
    "G6": ["gifts/kozhemyako-drones-for-kim-2023"],
    "G7": ["sanctions/eu-sanctions-2024-05-31"],
    "G8": ["gifts/putin-aurus-dirk-tea-set-for-kim-2024", "gifts/kim-artworks-for-putin-2024"],
    "G9": ["gifts/kim-pungsan-dogs-for-putin-2024"],
    "G10": ["gifts/kim-sword-for-putin-2019", "gifts/putin-glasses-for-kim-2019"],
    "G11": ["gifts/russia-goats-for-dprk-2024"],
    "G12": ["gifts/russia-orlov-trotters-for-dprk-2024"],
    "G13": ["gifts/putin-zoo-animals-for-dprk-2024"],
    "V1": ["visits/putin-pyongyang-2000-07"],
    "V2": ["visits/kim-vladivostok-2019-04"],
    "V3": ["visits/shoigu-pyongyang-2023-07"],
    "V4": ["visits/kim-russia-2023-09"],
    "V5": ["visits/kim-russia-2023-09"],
    "V6": ["visits/kim-russia-2023-09"],
    "V7": ["visits/russian-tourists-dprk-2024-02"],
    "V8": ["visits/lavrov-pyongyang-2023-10", "visits/lavrov-wonsan-2025-07"],
    "V9": ["visits/putin-pyongyang-2024-06"],
    "V10": ["visits/kim-putin-beijing-2025-09"],
    "S1": ["sanctions/unsc-resolution-1718"],
    "S2": ["sanctions/unsc-resolution-2094"],
    "S3": ["sanctions/unsc-resolution-2397"],
    "S4": ["sanctions/un-panel-report-2021-lexus"],
    "S5": ["sanctions/unsc-resolution-1874"],
    "S6": ["sanctions/unsc-veto-panel-of-experts-2024"],
    "S7": ["visits/putin-pyongyang-2024-06"],
    "S8": [
        "sanctions/us-sanctions-2024-01-11",
        "sanctions/us-sanctions-2024-02-23-aurus",
        "sanctions/us-sanctions-2024-05-16",
    ],
    "S9": ["sanctions/rok-sanctions-2024-04-02", "sanctions/rok-sanctions-2024-05-24"],
    "S10": [
        "sanctions/eu-sanctions-2024-02-kang-sun-nam",
        "sanctions/eu-sanctions-2024-05-31",
        "sanctions/eu-sanctions-2024-12-no-kwang-chol",
    ],
    "A1": ["actors/vladimir-putin"],
    "A2": ["actors/kim-jong-un"],
    "A3": ["actors/kim-yo-jong", "actors/pak-jong-chon"],
    "A4": ["actors/kcna"],
    "A5": ["actors/aurus"],
    "A6": ["actors/un-1718-committee"],
}


def test_every_dossier_fact_has_its_record(records: dict) -> None:
    assert len(DOSSIER) == 39
    for fact, places in DOSSIER.items():
        for place in places:
            kind, record_id = place.split("/")
            assert record_id in records[kind], f"{fact}: no record {place}"


def test_actors_named_by_the_facts_exist(records: dict) -> None:
    wanted = [
        "vladimir-putin",
        "kim-jong-un",
        "kim-yo-jong",
        "pak-jong-chon",
        "kim-jong-il",
        "dmitry-peskov",
        "maria-zakharova",
        "yuri-ushakov",
        "sergei-shoigu",
        "sergei-lavrov",
        "choe-son-hui",
        "oleg-kozhemyako",
        "denis-manturov",
        "vassily-nebenzia",
        "alexander-kozlov",
        "xi-jinping",
        "kcna",
        "tass",
        "aurus",
        "vostok-intur",
        "rosselkhoznadzor",
        "un-security-council",
        "un-1718-committee",
        "un-panel-of-experts",
        "council-of-the-eu",
        "ofac",
        "russia",
        "dprk",
        "south-korea",
        "united-states",
        "uae",
        "china",
    ]
    assert sorted(set(wanted) - set(records["actors"])) == []


def test_every_gift_visit_and_sanction_cites_a_source(records: dict) -> None:
    for kind in ("gifts", "visits", "sanctions"):
        for record_id, data in records[kind].items():
            assert data["sources"], f"{kind}/{record_id}"


def test_putin_visit_to_pyongyang_lasted_one_day(records: dict) -> None:
    visit = records["visits"]["putin-pyongyang-2024-06"]
    assert (visit["start"], visit["end"]) == ("2024-06-19", "2024-06-19")
    assert visit["claim"]["status"] == "confirmed"
    assert any("19–20 June" in c for c in visit["corrections"])


def test_the_2024_veto_vote(records: dict) -> None:
    veto = records["sanctions"]["unsc-veto-panel-of-experts-2024"]
    assert veto["adopted"] == "2024-03-28" and veto["legal_status"] == "vetoed"
    vote = veto["vote"]
    assert (vote["in_favour"], vote["against"], vote["abstentions"]) == (13, 1, 1)
    assert vote["against_by"] == ["russia"] and vote["abstained_by"] == ["china"]


def test_the_car_handed_over_on_18_and_reported_on_20_february(records: dict) -> None:
    car = records["gifts"]["putin-car-for-kim-2024"]
    assert (car["date"], car["reported"]) == ("2024-02-18", "2024-02-20")
    assert PartialDate.parse(car["date"]).precision == "day"
    [item] = car["items"]
    assert item["category"] == "vehicle" and item["model"] == "unknown"
    assert car["unverified"], "the Aurus model stays visibly unverified"


def test_the_24_orlov_trotters(records: dict) -> None:
    horses = records["gifts"]["russia-orlov-trotters-for-dprk-2024"]
    [item] = horses["items"]
    assert item["quantity"] == 24 and "Orlov" in item["description"]
    assert horses["date"] == "2024-08"  # month precision: the day is not known
    assert horses["claim"]["status"] == "reported"
    assert any("gift from Putin" in note for note in horses["unverified"])


def test_statuses_follow_the_dossier_codes(records: dict) -> None:
    gifts, sanctions = records["gifts"], records["sanctions"]
    assert gifts["kim-pungsan-dogs-for-putin-2024"]["claim"] == {
        "status": "reported",
        "asserted_by": ["kcna", "kctv"],
        "note": "Shown by North Korean state media.",
    }
    assert sanctions["eu-sanctions-2024-05-31"]["claim"]["status"] == "claimed"
    assert sanctions["eu-sanctions-2024-05-31"]["claim"]["asserted_by"] == ["council-of-the-eu"]
    assert sanctions["unsc-resolution-1718"]["claim"]["status"] == "confirmed"
    assert sanctions["un-panel-report-2021-lexus"]["claim"]["status"] == "claimed"


def test_corrections_to_the_seed_story_hold(records: dict) -> None:
    panel = records["sanctions"]["unsc-resolution-1874"]
    assert panel["adopted"] == "2009" and "1874" in panel["instrument"]
    lexus = records["sanctions"]["un-panel-report-2021-lexus"]
    assert any("Lexus SUVs only" in c for c in lexus["corrections"])
    assert any("document symbol" in u for u in lexus["unverified"])
    tour = records["visits"]["russian-tourists-dprk-2024-02"]
    assert "four-day" in tour["summary"] and any("five days" in c for c in tour["corrections"])
    assert any("HS" in u for u in records["sanctions"]["unsc-resolution-2397"]["unverified"])


def test_the_us_and_south_korea_claim_is_attributed(records: dict) -> None:
    trip = records["visits"]["kim-russia-2023-09"]
    claims = [o["claim"] for o in trip["outcomes"] if "claim" in o]
    assert claims == [
        {
            "status": "claimed",
            "asserted_by": ["united-states", "south-korea"],
            "note": "An allegation made by the US and South Korean governments, as the seed article reports it.",
        }
    ]


def test_native_script_names(records: dict) -> None:
    actors = records["actors"]
    assert actors["kim-jong-un"]["native_names"]["ko"] == "김정은"
    assert actors["vladimir-putin"]["native_names"]["ru"] == "Владимир Путин"
    assert actors["kcna"]["native_names"]["ko"] == "조선중앙통신"


def test_state_media_are_marked(records: dict) -> None:
    sources = records["sources"]
    assert sources["kcna-2023-07-27-shoigu"]["type"] == "state-media"
    assert sources["kcna-2023-07-27-shoigu"]["state_media_of"] == "dprk"
    for source_id, data in sources.items():
        if data["publisher"].startswith(("TASS", "KCNA", "Xinhua")):
            assert data["type"] == "state-media", source_id
        assert data["url"].startswith("https://"), source_id
