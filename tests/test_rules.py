"""One test (at least) per validation rule, on small records laid over the base corpus."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.diagnostics import Severity
from generator.model import PartialDate
from generator.rules import ALL_RULES
from generator.validate import load_and_validate

from .conftest import FIXTURES, TODAY

CITE = "[@wire-2024-02-20; @alpha-gazette-2024-02-17]"


class _Gift(str):
    """The gift template; ``format`` cites two independent sources in the summary."""

    def format(self, *, date: str, summary: str) -> str:  # type: ignore[override]
        if summary[:1] in ("'", '"'):
            summary = f"{summary[:-1]} {CITE}{summary[-1]}"
        else:
            summary = f"{summary} {CITE}"
        return str.format(self, date=date, summary=summary)


GIFT = _Gift("""title: Ann gives Bob a car
givers: [ann-leader]
recipients: [bob-leader]
date: {date}
items:
  - description: A car
    category: vehicle
    model: unknown
claim:
  status: confirmed
summary: {summary}
""")


def diagnose(tmp_path: Path, files: dict[str, str]) -> list[tuple[str, str]]:
    """``(rule, line)`` for every diagnostic after writing ``files`` over the base corpus."""
    shutil.copytree(FIXTURES / "base", tmp_path, dirs_exist_ok=True)
    for name, text in files.items():
        path = tmp_path / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    _, diagnostics = load_and_validate(tmp_path, today=TODAY)
    return [(d.rule, d.format_text()) for d in diagnostics]


def gift(date: str = "2024-02-18", summary: str = "Ann gave Bob a car.") -> dict[str, str]:
    return {"gifts/ann-car-for-bob.yaml": GIFT.format(date=date, summary=summary)}


def rules_of(found: list[tuple[str, str]]) -> list[str]:
    return [rule for rule, _ in found]


def test_every_rule_module_declares_an_id_and_a_check() -> None:
    for rule in ALL_RULES:
        assert isinstance(rule.RULE, str) and callable(rule.check), rule.__name__


def test_valid_gift_passes(tmp_path: Path) -> None:
    assert diagnose(tmp_path, gift()) == []


@pytest.mark.parametrize("date", ["2024-02", "2024-02-18", "'2024-02-18'", '"2024"'])
def test_dates_of_every_precision_quoted_or_not(tmp_path: Path, date: str) -> None:
    assert diagnose(tmp_path, gift(date=date)) == []


def test_an_unquoted_year_is_a_number_to_every_yaml_tool(tmp_path: Path) -> None:
    # Editors and check-jsonschema read `2024` as a number: the schema says
    # text, so the validator asks for quotes rather than silently fixing it.
    [(rule, line)] = diagnose(tmp_path, gift(date="2024"))
    assert rule == "schema-type" and 'write it in quotes, `"2024"`' in line


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("2024-02-30", "February 2024 has 29 days, not 30"),
        ("2023-13", "2023-13 has no month 13"),
        ("2023-02-29", "February 2023 has 28 days, not 29"),
    ],
)
def test_invalid_calendar_dates(tmp_path: Path, date: str, message: str) -> None:
    [(rule, line)] = diagnose(tmp_path, gift(date=date))
    assert rule == "invalid-date" and message in line


def test_future_date(tmp_path: Path) -> None:
    [(rule, line)] = diagnose(tmp_path, gift(date="2026-01-02"))
    assert rule == "future-date" and "today is 2026-01-01" in line
    # The same month as today is not in the future: it may be today.
    assert diagnose(tmp_path, gift(date="2026-01")) == []


def test_date_order_respects_precision(tmp_path: Path) -> None:
    visit = (FIXTURES / "base/content/visits/bob-visits-alpha.yaml").read_text()
    same_month = visit.replace(
        "start: 2024-02-17\nend: 2024-02-19", "start: 2024-02\nend: 2024-02-01"
    )
    assert diagnose(tmp_path, {"visits/bob-visits-alpha.yaml": same_month}) == []
    reversed_ = visit.replace("end: 2024-02-19", "end: 2024-02-16")
    [(rule, line)] = diagnose(tmp_path, {"visits/bob-visits-alpha.yaml": reversed_})
    assert rule == "date-order" and "visits/bob-visits-alpha.yaml:5:6:" in line


@pytest.mark.parametrize(
    ("actor", "hint"),
    [
        ("bob-leeder", "(did you mean `bob-leader`?)"),
        ("zhou-enlai", "add `content/actors/zhou-enlai.yaml` if the actor is new"),
    ],
)
def test_unknown_reference_says_what_to_do(tmp_path: Path, actor: str, hint: str) -> None:
    text = GIFT.format(date='"2024"', summary="x").replace("[bob-leader]", f"[{actor}]")
    [(rule, line)] = diagnose(tmp_path, {"gifts/ann-car-for-bob.yaml": text})
    assert rule == "unknown-reference" and hint in line


def test_reference_of_wrong_kind_is_unknown(tmp_path: Path) -> None:
    # A source id where an actor id belongs does not resolve.
    files = {
        "gifts/ann-car-for-bob.yaml": GIFT.format(date='"2024"', summary="x").replace(
            "[bob-leader]", "[wire-2024-02-20]"
        )
    }
    assert rules_of(diagnose(tmp_path, files)) == ["unknown-reference"]


def test_cited_source_must_exist(tmp_path: Path) -> None:
    files = {
        "gifts/ann-car-for-bob.yaml": GIFT.format(date='"2024"', summary="x").replace(
            "@wire-2024-02-20;", "@wire-2024-02-20; @wire-2024-02-21;"
        )
    }
    [(rule, line)] = diagnose(tmp_path, files)
    assert rule == "unknown-source"
    assert "cites `[@wire-2024-02-21]`" in line and "(did you mean `wire-2024-02-20`?)" in line


def test_a_citation_in_a_code_span_is_not_a_citation(tmp_path: Path) -> None:
    summary = "'Write `[@missing-report]` to cite.'"
    assert diagnose(tmp_path, gift(summary=summary)) == []


def test_every_summary_paragraph_cites_a_source(tmp_path: Path) -> None:
    text = (
        GIFT.format(date='"2024"', summary="|-\n  First.\n\n  Second, uncited.")
        .replace(f"Second, uncited. {CITE}", "Second, uncited.")
        .replace("First.", f"First. {CITE}")
    )
    [(rule, line)] = diagnose(tmp_path, {"gifts/ann-car-for-bob.yaml": text})
    assert rule == "uncited-paragraph" and "paragraph 2 (“Second, uncited.”)" in line


SOURCE = """publisher: {publisher}
about: A report
url: https://example.org/{id}
language: en
type: {type}
"""


def source(source_id: str, publisher: str, kind: str = "media", **extra: str) -> dict[str, str]:
    text = SOURCE.format(publisher=publisher, id=source_id, type=kind)
    text += "".join(f"{key}: {value}\n" for key, value in extra.items())
    return {f"sources/{source_id}.yaml": text}


def confirmed_gift(*source_ids: str) -> dict[str, str]:
    cites = "; ".join(f"@{s}" for s in source_ids)
    text = GIFT.format(date='"2024"', summary="x").replace(CITE, f"[{cites}]")
    return {"gifts/ann-car-for-bob.yaml": text}


def test_confirmed_on_two_independent_sources_passes(tmp_path: Path) -> None:
    files = {**source("a", "Paper A"), **source("b", "Paper B"), **confirmed_gift("a", "b")}
    assert diagnose(tmp_path, files) == []


def test_confirmed_on_a_primary_record_of_the_acting_party_passes(tmp_path: Path) -> None:
    # The giver's state issued it: one primary record is enough.
    files = {
        **source("notice", "Alpha Gazette", "official-document", issued_by="alpha-state"),
        **confirmed_gift("notice"),
    }
    assert diagnose(tmp_path, files) == []


def test_confirmed_on_state_media_of_both_sides_passes(tmp_path: Path) -> None:
    files = {
        **source("a-tv", "Alpha TV", "state-media", state_media_of="alpha-state"),
        **source("b-tv", "Beta TV", "state-media", state_media_of="beta-state"),
        **confirmed_gift("a-tv", "b-tv"),
    }
    assert diagnose(tmp_path, files) == []


def test_confirmed_on_two_state_media_of_one_side_fails(tmp_path: Path) -> None:
    files = {
        **source("b-tv", "Beta TV", "state-media", state_media_of="beta-state"),
        **source("b-radio", "Beta Radio", "state-media", state_media_of="beta-state"),
        **confirmed_gift("b-tv", "b-radio"),
    }
    [(rule, line)] = diagnose(tmp_path, files)
    assert rule == "corroboration" and "state media of one state" in line
    assert "b-tv (state media of beta-state)" in line


def test_a_primary_record_of_an_uninvolved_body_does_not_confirm(tmp_path: Path) -> None:
    files = {
        **source("other", "Gamma Gazette", "official-document", issued_by="bob-leader"),
        **confirmed_gift("other"),
    }
    # bob-leader is the recipient: his own record counts ...
    assert diagnose(tmp_path, files) == []
    files = {
        **source("other", "Gamma Gazette", "official-document", issued_by="beta-state"),
        **confirmed_gift("other"),
        "actors/bob-leader.yaml": "name: Bob\ntype: person\nsummary: x [@other]\n",
    }
    # ... and so does his state's, but not once he no longer belongs to it.
    assert rules_of(diagnose(tmp_path, files)) == ["corroboration"]


def test_duplicate_id_across_kinds(tmp_path: Path) -> None:
    files = {"actors/ann-car-for-bob.yaml": "name: X\ntype: media\nsummary: x\n"}
    [(rule, line)] = diagnose(tmp_path, files)
    assert rule == "duplicate-id" and line.startswith("content/gifts/ann-car-for-bob.yaml:1:1")


def test_yml_is_reported_not_read_as_a_duplicate(tmp_path: Path) -> None:
    # Only `.yaml` is read; a `.yml` file is reported with a rename hint.
    files = {"actors/ann-leader.yml": "name: X\ntype: media\nsummary: x\n"}
    assert rules_of(diagnose(tmp_path, files)) == ["wrong-extension"]


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.org/x",
        "javascript:alert(1)",
        "https://",
        "example.org/x",
        "https://ex ample.org",
    ],
)
def test_urls_must_be_http_or_https(tmp_path: Path, url: str) -> None:
    source = (FIXTURES / "base/content/sources/wire-2024-02-20.yaml").read_text()
    source = source.replace("https://example.org/wire/2024-02-20", f'"{url}"')
    assert rules_of(diagnose(tmp_path, {"sources/wire-2024-02-20.yaml": source})) == ["invalid-url"]


@pytest.mark.parametrize(
    ("summary", "rule"),
    [
        ("'Text <script>alert(1)</script>'", "markdown-html"),
        ("'<div>block</div>'", "markdown-html"),
        ("'<!-- hidden -->'", "markdown-html"),
        ("'[x](javascript:alert(1))'", "markdown-link"),
        ("'![x](https://example.org/a.png)'", "markdown-image"),
        ("'# Heading'", "markdown-heading"),
    ],
)
def test_markdown_fields_refuse_html_and_unsafe_links(
    tmp_path: Path, summary: str, rule: str
) -> None:
    found = rules_of(diagnose(tmp_path, gift(summary=summary)))
    # An HTML block swallows the citations on its line, so the status is
    # then uncorroborated as well.
    assert rule in found and set(found) <= {rule, "corroboration"}


def test_markdown_fields_accept_emphasis_links_and_literal_angle_brackets(tmp_path: Path) -> None:
    summary = "'*Quoted*, **bold**, [a link](https://example.org/a), 3 &lt; 4 and a < b.'"
    assert diagnose(tmp_path, gift(summary=summary)) == []


def test_unused_source_is_a_warning(tmp_path: Path) -> None:
    files = {
        "sources/spare.yaml": "publisher: P\nabout: A\nurl: https://example.org/\nlanguage: en\ntype: media\n"
    }
    _, diagnostics = load_and_validate_files(tmp_path, files)
    [warning] = diagnostics
    assert warning.rule == "unused-source" and warning.severity is Severity.WARNING


def load_and_validate_files(tmp_path: Path, files: dict[str, str]):
    diagnose(tmp_path, files)
    return load_and_validate(tmp_path, today=TODAY)


def test_schema_messages_name_the_field_and_the_fix(tmp_path: Path) -> None:
    text = GIFT.format(date='"2024"', summary="x").replace("category: vehicle", "category: car")
    [(rule, line)] = diagnose(tmp_path, {"gifts/ann-car-for-bob.yaml": text})
    assert rule == "schema-enum"
    assert line.startswith(
        "content/gifts/ann-car-for-bob.yaml:7:15: error: items[0].category: `car`"
    )
    assert "use one of: vehicle, small-arms, major-arms, weapon" in line


def test_unquoted_number_in_text_field_asks_for_quotes(tmp_path: Path) -> None:
    text = GIFT.format(date='"2024"', summary="x").replace("model: unknown", "model: 1.10")
    [(rule, line)] = diagnose(tmp_path, {"gifts/ann-car-for-bob.yaml": text})
    assert rule == "schema-type" and 'write it in quotes, `"1.10"`' in line


def test_claim_status_requires_attribution(tmp_path: Path) -> None:
    text = GIFT.format(date='"2024"', summary="x").replace("status: confirmed", "status: denied")
    [(rule, line)] = diagnose(tmp_path, {"gifts/ann-car-for-bob.yaml": text})
    assert rule == "schema-required" and "`denied_by`" in line


def test_placeholder_left_from_scaffold(tmp_path: Path) -> None:
    text = GIFT.format(date='"2024"', summary='"TODO: write this"')
    assert rules_of(diagnose(tmp_path, {"gifts/ann-car-for-bob.yaml": text})) == [
        "unfilled-placeholder"
    ]


def test_all_problems_are_reported_in_one_run_sorted(tmp_path: Path) -> None:
    files = {
        "gifts/ann-car-for-bob.yaml": GIFT.format(date="2024-02-30", summary="'<b>x</b>'"),
        "actors/bob-leader.yaml": "name: Bob\ntype: persn\nsummary: x\n",
    }
    found = diagnose(tmp_path, files)
    assert rules_of(found) == ["schema-enum", "invalid-date", "markdown-html"]
    lines = [line for _, line in found]
    assert lines == sorted(lines, key=lambda s: (s.split(":")[0], int(s.split(":")[1])))


@pytest.mark.parametrize(
    ("text", "human"),
    [("2024", "2024"), ("2024-02", "February 2024"), ("2024-02-20", "20 February 2024")],
)
def test_partial_dates_keep_their_precision(text: str, human: str) -> None:
    date = PartialDate.parse(text)
    assert date.human() == human and date.iso() == text


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/a\\",
        "javascript:alert(1)",
        "https://exa mple.org/",
        "https://localhost/",
    ],
)
def test_addresses_readers_cannot_follow_safely_are_refused(url: str) -> None:
    from generator.urls import url_problem

    assert url_problem(url) is not None
    assert url_problem("https://example.org/a_(b)?q=1#x") is None
