"""The published content: it validates cleanly and a sample of facts matches the dossier."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import markdown
from generator.link import record_sources
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


@pytest.fixture(scope="module")
def cited() -> dict[str, list[str]]:
    """Each record's sources, in the order its page numbers them."""
    tree, _ = load_and_validate(ROOT)
    return {record.id: record_sources(record).order for record in tree.records}


# The dossier's facts as a table: which records hold each fact, with the
# dates, statuses and source addresses the records must keep.
FACTS: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "facts.yaml").read_text("utf-8")
)
FACT_RECORDS = [
    pytest.param(fact["fact"], entry, id=f"{fact['fact']}-{entry['record']}")
    for fact in FACTS
    for entry in fact["records"]
]


def _value(data: dict[str, Any], path: str) -> Any:
    """``outcomes[2].date`` -> data["outcomes"][2]["date"], or None when absent."""
    value: Any = data
    for part in re.findall(r"[^.\[\]]+", path):
        try:
            value = value[int(part)] if part.isdigit() else value[part]
        except (KeyError, IndexError, TypeError):
            return None
    return value


def test_the_fact_table_covers_the_dossier() -> None:
    ids = [fact["fact"] for fact in FACTS]
    expected = [f"G{n}" for n in range(1, 14)] + [f"V{n}" for n in range(1, 11)]
    expected += [f"S{n}" for n in range(1, 13)] + [f"A{n}" for n in range(1, 7)]
    assert sorted(ids) == sorted(expected)


@pytest.mark.parametrize(("fact", "entry"), FACT_RECORDS)
def test_each_fact_keeps_its_record_dates_status_and_sources(
    records: dict, cited: dict[str, list[str]], fact: str, entry: dict[str, Any]
) -> None:
    kind, record_id = entry["record"].split("/")
    assert record_id in records[kind], f"{fact}: the record {entry['record']} is gone"
    data = records[kind][record_id]
    for field, want in entry.get("dates", {}).items():
        got = _value(data, field)
        assert got == want["value"], (
            f"{fact}: {entry['record']} {field} is {got}, not {want['value']}"
        )
        assert PartialDate.parse(got).precision == want["precision"], f"{fact}: {field} precision"
    for field, want in entry.get("statuses", {}).items():
        got = _value(data, field)
        status = got.get("status") if isinstance(got, dict) else got
        assert status == want, f"{fact}: {entry['record']} {field} is {status}, not {want}"
    urls = {records["sources"][sid]["url"] for sid in cited[record_id]}
    for url in entry.get("source_urls", []):
        assert url in urls, f"{fact}: {entry['record']} no longer cites {url}"


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


def test_every_gift_visit_and_sanction_cites_a_source(
    records: dict, cited: dict[str, list[str]]
) -> None:
    for kind in ("gifts", "visits", "sanctions"):
        for record_id in records[kind]:
            assert cited[record_id], f"{kind}/{record_id}"


def test_the_car_page_says_which_source_supports_which_sentence(records: dict) -> None:
    summary = records["gifts"]["putin-car-for-kim-2024"]["summary"]
    for paragraph in markdown.paragraphs(summary):
        assert paragraph.citations, paragraph.text
    first = markdown.paragraphs(summary)[0]
    # Not one list of nine sources pasted under each paragraph.
    assert len({c.source_id for c in first.citations}) <= 3


def test_putin_visit_to_pyongyang_lasted_one_day(records: dict) -> None:
    visit = records["visits"]["putin-pyongyang-2024-06"]
    assert (visit["start"], visit["end"]) == ("2024-06-19", "2024-06-19")
    assert visit["claim"]["status"] == "confirmed"
    assert any("18 and 19 June" in c and "19 June only" in c for c in visit["corrections"])


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
    listing = sanctions["eu-sanctions-2024-05-31"]
    assert listing["claim"]["status"] == "confirmed"
    [grounds] = listing["claims"]
    assert grounds["status"] == "claimed" and grounds["asserted_by"] == ["council-of-the-eu"]
    assert listing["grounds"] == ["kozhemyako-drones-for-kim-2023"]
    assert sanctions["unsc-resolution-1718"]["claim"]["status"] == "confirmed"
    assert sanctions["un-panel-report-2021-lexus"]["claim"]["status"] == "claimed"


def test_corrections_to_the_seed_story_hold(records: dict) -> None:
    panel = records["sanctions"]["unsc-resolution-1874"]
    assert panel["adopted"] == "2009-06-12" and "1874" in panel["instrument"]
    lexus = records["sanctions"]["un-panel-report-2021-lexus"]
    assert any("Lexus SUVs only" in c for c in lexus["corrections"])
    assert any("document symbol" in u for u in lexus["unverified"])
    tour = records["visits"]["russian-tourists-dprk-2024-02"]
    assert "four-day" in tour["summary"] and any("five days" in c for c in tour["corrections"])
    assert any("HS" in u for u in records["sanctions"]["unsc-resolution-2397"]["unverified"])


def test_the_us_and_south_korea_claim_is_attributed(records: dict) -> None:
    trip = records["visits"]["kim-russia-2023-09"]
    [allegation] = trip["claims"]
    assert allegation["status"] == "claimed"
    assert allegation["asserted_by"] == ["united-states", "south-korea"]
    knevichi = [o for o in trip["outcomes"] if "Knevichi" in o["summary"]]
    assert [o["claim"]["status"] for o in knevichi] == ["reported"]
    assert trip["claim"]["status"] == "confirmed"


def test_the_arms_embargo_has_direction_and_an_unverified_extension(records: dict) -> None:
    r1718 = records["sanctions"]["unsc-resolution-1718"]["measures"]
    r1874 = records["sanctions"]["unsc-resolution-1874"]["measures"]
    assert [(m["direction"], m["covers"]) for m in r1718 if "covers" in m] == [
        ("both", ["major-arms"])
    ]
    by_direction = {m["direction"]: m for m in r1874 if "covers" in m and "unverified" not in m}
    assert "small-arms" in by_direction["procurement"]["covers"]
    assert "small-arms" not in by_direction["supply"]["covers"]
    [later] = [m for m in r1874 if "unverified" in m]
    assert later["covers"] == ["small-arms"] and "2270" in later["unverified"]
    # The luxury list is 2094's: 1718's luxury measure names no item category.
    assert not [m for m in r1718 if "luxury-goods" in m["categories"] and m.get("covers")]


def test_no_reader_sees_the_words_seed_or_dossier() -> None:
    for path in sorted((ROOT / "content").rglob("*")):
        if path.is_file():
            text = path.read_text("utf-8").casefold()
            body = text.replace("seed-afp-putin-gifts-kim-car", "")
            assert "seed" not in body and "dossier" not in body, path


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


def test_every_copy_says_what_it_copies(records: dict) -> None:
    state_agencies = {"tass": "russia", "ria novosti": "russia", "sputnik": "russia"}
    state_agencies |= {"kcna": "dprk", "xinhua": "china"}
    for source_id, data in records["sources"].items():
        if data["type"] == "reprint" or "copy" in data["publisher"].casefold():
            assert data.get("copy_of"), source_id
        original = str(data.get("copy_of", "")).casefold()
        if original in state_agencies:
            assert data.get("state_media_of") == state_agencies[original], source_id


def test_official_releases_name_the_body_that_issued_them(records: dict) -> None:
    sources = records["sources"]
    for source_id in ("un-sc8853-2006", "un-sc9679-2009", "un-sc13256-2018"):
        assert sources[source_id]["issued_by"] == "un-security-council"
    eu_release = sources["killerrobots-eu-council-2024-06-02"]
    assert (eu_release["type"], eu_release["issued_by"]) == ("reprint", "council-of-the-eu")
