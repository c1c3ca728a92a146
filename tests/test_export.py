"""The data behind the pages: JSON, CSV data package, FtM, JSON-LD, feed, history."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any

import jinja2
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from generator.diagnostics import Severity
from generator.exports import export_files, page_meta
from generator.exports.common import site_url
from generator.exports.meta import json_text, jsonld_type
from generator.exports.statements import statements
from generator.frontmatter import Block, front_matter
from generator.history import FileDates, load_history
from generator.kinds import load_registry
from generator.link import Site, link
from generator.schema import walk
from generator.settings import Settings, load_settings
from generator.validate import load_and_validate

from .conftest import ROOT

ATOM = "{http://www.w3.org/2005/Atom}"
KINDS = load_registry().folders()  # folder -> schema name


def linked(settings: Settings) -> Site:
    tree, _ = load_and_validate(settings.root, settings.content_dir)
    return link(tree.records)


@pytest.fixture(scope="module")
def real() -> tuple[Settings, Site, dict[str, str]]:
    settings = load_settings(ROOT)
    site = linked(settings)
    return settings, site, export_files(site, settings)


@pytest.fixture
def small(corpus: Path) -> tuple[Settings, Site, dict[str, str]]:
    settings = load_settings(corpus)
    site = linked(settings)
    return settings, site, export_files(site, settings)


def write_out(files: dict[str, str], folder: Path) -> Path:
    for path, text in files.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))
    return folder


def published_validator(files: dict[str, str], name: str) -> Draft202012Validator:
    """A validator built from the published schema files alone, as a reuser would."""
    resources = {
        path.removeprefix("schemas/"): Resource.from_contents(json.loads(text))
        for path, text in files.items()
        if path.startswith("schemas/")
    }
    registry = Registry().with_resources(resources.items())
    schema = json.loads(files[f"schemas/{name}.schema.json"])
    return Draft202012Validator(schema, registry=registry)


# --- JSON --------------------------------------------------------------------


@pytest.mark.parametrize("which", ["real", "small"])
def test_every_exported_record_validates_against_its_published_schema(
    which: str, request: pytest.FixtureRequest
) -> None:
    _settings, site, files = request.getfixturevalue(which)
    records = json.loads(files["data/records.json"])["records"]
    assert len(records) == sum(len(site.records[k]) for k in KINDS)
    for kind in KINDS:
        validator = published_validator(files, KINDS[kind])
        per_kind = json.loads(files[f"data/{kind}.json"])["records"]
        assert [e["id"] for e in per_kind] == list(site.records[kind])
        for entry in per_kind:
            errors = [e.message for e in validator.iter_errors(entry["data"])]
            assert not errors, f"{kind}/{entry['id']}: {errors}"


def test_a_broken_record_fails_the_published_schema(real) -> None:
    _, _, files = real
    entry = json.loads(files["data/gifts.json"])["records"][0]
    entry["data"]["claim"]["status"] = "rumoured"
    assert list(published_validator(files, "gift").iter_errors(entry["data"]))


def test_references_resolve_to_kind_id_name_and_page(real) -> None:
    _, site, files = real
    records = {(e["kind"], e["id"]): e for e in json.loads(files["data/records.json"])["records"]}
    car = records[("gifts", "putin-car-for-kim-2024")]["resolved"]
    assert car["givers"] == [
        {
            "kind": "actors",
            "id": "vladimir-putin",
            "name": "Vladimir Putin",
            "url": "actors/vladimir-putin.html",
        }
    ]
    listing = records[("sanctions", "eu-sanctions-2024-05-31")]["resolved"]
    assert listing["grounds"][0]["kind"] == "gifts"
    assert listing["grounds"][0]["url"] == "gifts/kozhemyako-drones-for-kim-2023.html"
    # Every reference anywhere points at a record that exists, by its page URL.
    count = 0
    for (kind, record_id), entry in records.items():
        for found in walk(KINDS[kind], site.records[kind][record_id].data):
            if "x-ref" in found.schema and isinstance(found.value, str):
                node: Any = entry["resolved"]
                for part in found.path:
                    node = node[part]
                assert node["url"] == f"{node['kind']}/{node['id']}.html"
                assert node["id"] in site.records[node["kind"]]
                count += 1
    assert count > 150  # every reference of the real content was checked


def test_markdown_fields_become_plain_statements_with_their_sources(real) -> None:
    _, site, files = real
    entry = next(
        e
        for e in json.loads(files["data/records.json"])["records"]
        if e["id"] == "putin-car-for-kim-2024"
    )
    summary = entry["resolved"]["summary"]
    assert summary["markdown"] == site.records["gifts"]["putin-car-for-kim-2024"].data["summary"]
    assert len(summary["statements"]) == 4  # four paragraphs
    assert summary["statements"][0]["text"].startswith("KCNA reported that Kim was presented")
    for statement in summary["statements"]:
        assert "\n" not in statement["text"]
        assert all(s in site.records["sources"] for s in statement["sources"])


def test_inline_citations_become_statement_sources(corpus: Path) -> None:
    gift = corpus / "content/gifts/ann-car-for-bob.yaml"
    text = gift.read_text("utf-8").replace(
        "summary: Ann gave Bob a car, her office said [@wire-2024-02-20].",
        "summary: |-\n  Ann gave Bob a *car* [@wire-2024-02-20].\n\n  Her office said so [@wire-2024-02-20].",
    )
    gift.write_text(text, "utf-8")
    settings = load_settings(corpus)
    tree, diagnostics = load_and_validate(settings.root, settings.content_dir)
    assert not [d for d in diagnostics if d.severity is Severity.ERROR], diagnostics
    files = export_files(link(tree.records), settings)
    entry = json.loads(files["data/gifts.json"])["records"][0]
    assert entry["resolved"]["summary"]["statements"] == [
        {"text": "Ann gave Bob a car.", "sources": ["wire-2024-02-20"]},
        {"text": "Her office said so.", "sources": ["wire-2024-02-20"]},
    ]


def test_citations_are_read_from_markdown() -> None:
    found = statements("Kim got a *car* [@tass-1].\n\nPutin [said so](https://x.org) [@a; @b].")
    assert found == [
        {"text": "Kim got a car.", "sources": ["tass-1"]},
        {"text": "Putin said so.", "sources": ["a", "b"]},
    ]


# --- CSV and the data package -----------------------------------------------


def test_csv_files_round_trip_through_the_csv_module(real) -> None:
    _, site, files = real
    package = json.loads(files["data/datapackage.json"])
    # One table per kind, and one per list of groups of fields (items, places …).
    assert len(package["resources"]) >= len(list(site.registry)) + 5
    for resource in package["resources"]:
        text = files["data/" + resource["path"]]
        assert text.endswith("\r\n")
        rows = list(csv.reader(io.StringIO(text, newline="")))
        assert rows[0] == [f["name"] for f in resource["schema"]["fields"]]
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerows(rows)
        assert buffer.getvalue() == text, resource["name"]
    gifts = list(csv.DictReader(io.StringIO(files["data/gifts.csv"], newline="")))
    car = next(r for r in gifts if r["id"] == "putin-car-for-kim-2024")
    assert car["claim.status"] == "confirmed"
    assert car["reported_by"] == "kcna; dmitry-peskov"
    assert car["summary"].count("\n") >= 3  # multi-line cells survive quoting
    actors = list(csv.DictReader(io.StringIO(files["data/actors.csv"], newline="")))
    kim = next(r for r in actors if r["id"] == "kim-jong-un")
    assert json.loads(kim["aliases"]) == ["Kim Jong-un", "Kim"]
    assert json.loads(kim["native_names"]) == {"ko": "김정은", "ru": "Ким Чен Ын"}
    items = list(csv.DictReader(io.StringIO(files["data/gifts-items.csv"], newline="")))
    assert len(items) == sum(len(g.data["items"]) for g in site.records["gifts"].values())


def test_table_schema_follows_the_json_schema(real) -> None:
    _, _, files = real
    package = json.loads(files["data/datapackage.json"])
    gifts = next(r for r in package["resources"] if r["name"] == "gifts")
    fields = {f["name"]: f for f in gifts["schema"]["fields"]}
    assert fields["claim.status"]["constraints"]["enum"] == [
        "confirmed",
        "reported",
        "claimed",
        "disputed",
        "denied",
    ]
    assert fields["title"]["constraints"]["required"] is True
    assert (
        "constraints" not in fields["reported_by"]
        or "required" not in fields["reported_by"]["constraints"]
    )
    assert fields["date"]["description"].startswith("When the items were handed over")
    items = next(r for r in package["resources"] if r["name"] == "gifts-items")
    assert {"fields": "gift_id", "reference": {"resource": "gifts", "fields": "id"}} in items[
        "schema"
    ]["foreignKeys"]
    quantity = next(f for f in items["schema"]["fields"] if f["name"] == "quantity")
    assert quantity["type"] == "integer"


@pytest.mark.parametrize("which", ["real", "small"])
def test_frictionless_validates_the_data_package(
    which: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    frictionless = pytest.importorskip("frictionless")
    _, _, files = request.getfixturevalue(which)
    out = write_out(files, tmp_path)
    report = frictionless.validate(out / "data/datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


@pytest.mark.parametrize(
    ("path", "old", "new", "error"),
    [
        ("data/gifts.csv", ",confirmed,", ",rumoured,", "constraint-error"),
        (
            "data/gifts-items.csv",
            "\r\nkim-artworks-for-putin-2024,",
            "\r\nno-such-gift,",
            "foreign-key",
        ),
    ],
)
def test_frictionless_notices_broken_tables(
    real, tmp_path: Path, path: str, old: str, new: str, error: str
) -> None:
    frictionless = pytest.importorskip("frictionless")
    _, _, files = real
    broken = dict(files)
    broken[path] = files[path].replace(old, new, 1)
    assert broken[path] != files[path]
    report = frictionless.validate(write_out(broken, tmp_path) / "data/datapackage.json")
    assert not report.valid
    assert error in {row[0] for row in report.flatten(["type"])}


# --- FollowTheMoney ----------------------------------------------------------


def ftm_entities(files: dict[str, str]) -> list[dict[str, Any]]:
    return [json.loads(line) for line in files["data/entities.ftm.jsonl"].splitlines()]


@pytest.mark.parametrize("which", ["real", "small"])
def test_ftm_entities_load_through_the_model_without_losing_a_value(
    which: str, request: pytest.FixtureRequest
) -> None:
    from followthemoney import model

    _, _, files = request.getfixturevalue(which)
    raw = ftm_entities(files)
    ids = {e["id"]: e["schema"] for e in raw}
    assert len(ids) == len(raw), "entity ids must be unique"
    for data in raw:
        proxy = model.get_proxy(data, cleaned=False)
        for prop_name, values in data["properties"].items():
            prop = proxy.schema.get(prop_name)
            assert prop is not None, f"{data['id']}: {data['schema']} has no {prop_name}"
            kept = sorted(proxy.get(prop))
            assert kept == sorted(values), f"{data['id']}.{prop_name}: {values} -> {kept}"
            if prop.type.name == "entity":
                for target in values:
                    assert target in ids, f"{data['id']}.{prop_name} -> missing {target}"
                    assert model.get(ids[target]).is_a(prop.range), (data["id"], prop_name)
        for required in proxy.schema.required:
            assert proxy.get(required), f"{data['id']} lacks {required}"


def test_ftm_mapping(real) -> None:
    _, _, files = real
    by_id = {e["id"]: e for e in ftm_entities(files)}
    assert by_id["fs-actor-kim-jong-un"]["schema"] == "Person"
    assert by_id["fs-actor-kim-jong-un"]["properties"]["country"] == ["kp"]
    assert by_id["fs-actor-dprk"]["schema"] == "PublicBody"
    assert by_id["fs-actor-aurus"]["schema"] == "Company"
    sanction = by_id["fs-sanction-us-sanctions-2024-02-23-aurus-aurus"]
    assert sanction["schema"] == "Sanction"
    assert sanction["properties"]["entity"] == ["fs-actor-aurus"]
    assert sanction["properties"]["authority"] == ["US Treasury Office of Foreign Assets Control"]
    assert sanction["properties"]["startDate"] == ["2024-02-23"]
    assert sanction["properties"]["sourceUrl"]
    gift = by_id["fs-gift-putin-car-for-kim-2024"]
    assert gift["schema"] == "Event"
    assert gift["properties"]["organizer"] == ["fs-actor-vladimir-putin"]
    assert by_id["fs-visit-putin-pyongyang-2024-06"]["schema"] == "Event"
    assert by_id["fs-source-47news-kcna-car"]["schema"] == "Article"
    documented = {
        e["properties"]["entity"][0] for e in by_id.values() if e["schema"] == "Documentation"
    }
    assert "fs-gift-putin-car-for-kim-2024" in documented


# --- JSON-LD and page metadata ----------------------------------------------

EXPECTED_TYPES = {
    ("actors", "vladimir-putin"): "Person",
    ("actors", "russia"): "GovernmentOrganization",
    ("actors", "tass"): "NewsMediaOrganization",
    ("actors", "aurus"): "Corporation",
    ("actors", "un-security-council"): "GovernmentOrganization",
    ("gifts", "putin-car-for-kim-2024"): "GiveAction",
    ("visits", "putin-pyongyang-2024-06"): "Event",
    ("sanctions", "unsc-resolution-2397"): "Legislation",
    ("sources", "47news-kcna-car"): "CreativeWork",
}


def test_json_ld_of_every_record_parses_with_its_type_and_citations(real) -> None:
    settings, site, _ = real
    history = load_history(settings.root, settings.content_dir)
    descriptions = set()
    for kind in KINDS:
        for record in site.records[kind].values():
            meta = page_meta(record, site, settings, history)
            doc = json.loads(meta["jsonld"])  # one JSON string in the front matter
            assert doc["@context"] == "https://schema.org"
            assert doc["@type"] == jsonld_type(record)
            if kind != "sources":  # a source's url is the document's own
                # Relative links resolve against the page, one folder below the root.
                assert doc["url"] == (site_url(settings) or "../") + f"{kind}/{record.id}.html"
            expected = EXPECTED_TYPES.get((kind, record.id))
            if expected:
                assert doc["@type"] == expected, record.id
            cited = site.cites(record).order
            assert len(doc.get("citation", [])) == len(cited)
            for citation in doc.get("citation", []):
                assert citation["@type"] == "CreativeWork" and citation["url"].startswith("http")
                assert citation["publisher"]["name"]
            assert meta["og_type"] == "article"
            assert 20 < len(meta["description"]) <= 160
            assert '"' not in meta["description"]  # Material prints it unescaped in an attribute
            descriptions.add(meta["description"])
    assert len(descriptions) == sum(len(site.records[k]) for k in KINDS), "descriptions repeat"


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(), st.text() | st.lists(st.text())))
def test_json_ld_text_survives_the_front_matter_exactly(value: dict[str, Any]) -> None:
    """The front matter carries JSON-LD as text; no character may change on the way back."""
    text = front_matter({"jsonld": Block(json_text(value))})
    read = yaml.load(text.split("---\n")[1], Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    assert json.loads(read["jsonld"]) == value


def test_page_meta_dates_come_from_history(real) -> None:
    settings, site, _ = real
    record = site.records["gifts"]["putin-car-for-kim-2024"]
    changed = dt.datetime(2024, 3, 1, 12, 0, tzinfo=dt.UTC)
    history = {record.path: FileDates(changed - dt.timedelta(days=9), changed)}
    meta = page_meta(record, site, settings, history)
    assert json.loads(meta["jsonld"])["dateModified"] == "2024-03-01T12:00:00Z"
    assert meta["updated"] == "2024-03-01"
    unknown = page_meta(record, site, settings, {})
    if "SOURCE_DATE_EPOCH" not in os.environ:
        assert "updated" not in unknown and "dateModified" not in json.loads(unknown["jsonld"])


# --- Feed ---------------------------------------------------------------------


def test_feed_is_atom_newest_first_dated_by_history(corpus: Path) -> None:
    settings = load_settings(corpus)
    site = linked(settings)
    paths = sorted(r.path for kind in KINDS for r in site.records[kind].values())
    base = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    history = {p: FileDates(base, base + dt.timedelta(days=n)) for n, p in enumerate(paths)}
    feed = export_files(site, settings, history)["feed.xml"]
    root = ET.fromstring(feed.encode("utf-8"))
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{required}") is not None, required
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == len(paths)
    updated = [e.findtext(f"{ATOM}updated") for e in entries]
    assert updated == sorted(updated, reverse=True)
    assert root.findtext(f"{ATOM}updated") == updated[0]
    newest = (base + dt.timedelta(days=len(paths) - 1)).date().isoformat()
    assert updated[0].startswith(newest)
    for entry in entries:
        assert entry.findtext(f"{ATOM}id").startswith("urn:uuid:")
        assert entry.find(f"{ATOM}link").get("href").endswith(".html")
        assert entry.findtext(f"{ATOM}summary")


def test_feed_without_history_has_no_build_date(small) -> None:
    if "SOURCE_DATE_EPOCH" in os.environ:
        pytest.skip("the fallback date is set")
    _, _, files = small
    root = ET.fromstring(files["feed.xml"].encode("utf-8"))
    assert root.findall(f"{ATOM}entry") == []
    assert root.findtext(f"{ATOM}updated").startswith("1970-01-01")


# --- History -----------------------------------------------------------------


def git(folder: Path, *args: str, when: str = "2024-01-01T00:00:00Z") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    subprocess.run(["git", *args], cwd=folder, env=env, check=True, capture_output=True)


def test_history_gives_added_and_changed_dates_from_one_git_log(corpus: Path) -> None:
    git(corpus, "init", "-q")
    git(corpus, "add", ".")
    git(corpus, "commit", "-qm", "one", when="2024-01-01T10:00:00Z")
    gift = corpus / "content/gifts/ann-car-for-bob.yaml"
    gift.write_text(gift.read_text("utf-8") + "\n", "utf-8")
    git(corpus, "commit", "-qam", "two", when="2024-02-02T10:00:00Z")
    history = load_history(corpus, corpus / "content")
    dates = history["content/gifts/ann-car-for-bob.yaml"]
    assert dates.added.isoformat() == "2024-01-01T10:00:00+00:00"
    assert dates.changed.isoformat() == "2024-02-02T10:00:00+00:00"
    actor = history["content/actors/ann-leader.yaml"]
    assert actor.added == actor.changed == dates.added
    # The feed follows: the changed gift first, dated by its commit.
    settings = load_settings(corpus)
    feed = export_files(linked(settings), settings)["feed.xml"]
    first = ET.fromstring(feed.encode()).find(f"{ATOM}entry")
    assert (
        first.findtext(f"{ATOM}title")
        == linked(settings).records["gifts"]["ann-car-for-bob"].data["title"]
    )
    assert first.findtext(f"{ATOM}updated").startswith("2024-02-02T10:00:00")


def test_history_falls_back_to_source_date_epoch(corpus: Path, monkeypatch) -> None:
    from generator.history import dates_of

    assert load_history(corpus, corpus / "content") == {}  # not a repository
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert dates_of({}, "content/gifts/ann-car-for-bob.yaml") is None
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    dates = dates_of({}, "content/gifts/ann-car-for-bob.yaml")
    assert dates is not None and dates.changed.isoformat() == "2023-11-14T22:13:20+00:00"


# --- Determinism, index, Data page, sitemap ----------------------------------

_DIGEST = (
    "import hashlib, json, sys; from pathlib import Path;"
    "from generator.exports import export_files; from generator.link import link;"
    "from generator.settings import load_settings; from generator.validate import load_and_validate;"
    "s = load_settings(Path(sys.argv[1])); t, _ = load_and_validate(s.root, s.content_dir);"
    "f = export_files(link(t.records), s);"
    "print(json.dumps({p: hashlib.sha256(v.encode()).hexdigest() for p, v in f.items()}))"
)


def test_two_runs_give_byte_identical_files() -> None:
    """Separate processes, with different hash seeds, so set order cannot leak in."""
    digests = []
    for seed in ("1", "2"):
        completed = subprocess.run(
            [sys.executable, "-c", _DIGEST, str(ROOT)],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": seed},
        )
        digests.append(json.loads(completed.stdout))
    assert digests[0] == digests[1]
    assert len(digests[0]) >= 25


def test_index_lists_every_file_with_size_count_and_sha256(real) -> None:
    _, site, files = real
    index = json.loads(files["data/index.json"])["files"]
    listed = {f["path"]: f for f in index}
    assert set(listed) == set(files) - {"data/index.json", "data.md"}
    for path, entry in listed.items():
        data = files[path].encode("utf-8")
        assert entry["bytes"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
    assert listed["data/gifts.json"]["records"] == len(site.records["gifts"])
    assert listed["data/records.json"]["records"] == sum(len(v) for v in site.records.values())


def test_data_page_links_every_file_with_size_and_count(real) -> None:
    _, site, files = real
    page = files["data.md"]
    for path in files:
        if path != "data.md":
            assert f"]({path})" in page, path
    assert "| [data/gifts.csv](data/gifts.csv) | " in page
    row = next(line for line in page.splitlines() if line.startswith("| [data/gifts.json]"))
    assert f"| {len(site.records['gifts'])} |" in row and "KB |" in row
    assert "How to cite" in page


def render_sitemap(pages: list[dict[str, Any]]) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "site_templates/overrides"))

    class Page:
        def __init__(self, url: str, meta: dict[str, Any]) -> None:
            self.is_link = False
            self.abs_url = url
            self.canonical_url = "https://example.org" + url
            self.meta = meta
            self.update_date = "2099-12-31"  # the build date MkDocs would print

    class File:
        def __init__(self, page: Page) -> None:
            self.page = page

    return env.get_template("sitemap.xml").render(
        pages=[File(Page(p["url"], p["meta"])) for p in pages]
    )


def test_sitemap_prints_record_dates_not_the_build_date() -> None:
    xml = render_sitemap(
        [
            {"url": "/gifts/a.html", "meta": {"updated": "2024-03-01"}},
            {"url": "/index.html", "meta": {}},
        ]
    )
    root = ET.fromstring(xml.encode())
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    urls = {u.findtext(f"{ns}loc"): u.findtext(f"{ns}lastmod") for u in root.findall(f"{ns}url")}
    assert urls == {
        "https://example.org/gifts/a.html": "2024-03-01",
        "https://example.org/index.html": None,
    }
    assert "2099" not in xml


def test_mkdocs_copies_the_data_into_the_site_and_the_offline_zip(
    built_site: Path, tmp_path: Path
) -> None:
    from generator.bundle import make_bundle

    for path in [
        "data/records.json",
        "data/gifts.csv",
        "data/datapackage.json",
        "data/entities.ftm.jsonl",
        "data/index.json",
        "schemas/gift.schema.json",
        "feed.xml",
        "data.html",
    ]:
        assert (built_site / path).is_file(), path
    index = json.loads((built_site / "data/index.json").read_text("utf-8"))["files"]
    for entry in index:
        data = (built_site / entry["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], entry["path"]
    html = (built_site / "data.html").read_text("utf-8")
    assert 'href="data/records.json"' in html
    with zipfile.ZipFile(make_bundle(built_site, tmp_path)) as archive:
        names = archive.namelist()
    assert any(n.endswith("/data/records.json") for n in names)
    assert any(n.endswith("/feed.xml") for n in names)
