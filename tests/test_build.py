"""The build: a strict MkDocs build of the real content, deterministic, incremental, safe."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.build import BuildError, build_site
from generator.bundle import make_bundle
from generator.kinds import load_registry
from generator.pipeline import generate, render_pages
from generator.settings import load_settings

from .conftest import FIXTURES, ROOT, copy_project


def digest_tree(folder: Path, skip: tuple[str, ...] = ()) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.startswith(".") and p.name not in skip
    }


def test_every_record_has_a_page(built_site: Path) -> None:
    for record in sorted((ROOT / "content").glob("*/*.yaml")):
        kind, stem = record.parent.name, record.stem
        assert (built_site / kind / f"{stem}.html").is_file(), f"no page for {kind}/{stem}"
    for page in ["index.html", "timeline.html", "methodology.html", "reference.html", "404.html"]:
        assert (built_site / page).is_file(), page
    for kind in (k.folder for k in load_registry()):
        assert (built_site / kind / "index.html").is_file()


def test_offline_search_index_and_local_shim(built_site: Path) -> None:
    assert (built_site / "search/search_index.js").is_file()
    html = (built_site / "gifts/putin-car-for-kim-2024.html").read_text("utf-8")
    assert "unpkg.com" not in html and "fonts.googleapis" not in html
    assert "assets/javascripts/iframe-worker-shim.js" in html
    # Sections, not every record, in the navigation: pages stay small.
    assert html.count('class="md-nav__link"') < 40


def test_record_page_shows_status_dates_parties_and_citations(built_site: Path) -> None:
    html = (built_site / "gifts/putin-car-for-kim-2024.html").read_text("utf-8")
    assert 'fs-status--confirmed">Confirmed<' in html
    assert "18 February 2024, made public 20 February 2024" in html
    assert 'href="../actors/vladimir-putin.html">Vladimir Putin</a>' in html
    assert (
        "Edit this record" in html
        and "/edit/main/content/gifts/putin-car-for-kim-2024.yaml" in html
    )
    assert html.count("Read the source") == 9


def test_no_page_escapes_its_own_markup(tmp_path: Path) -> None:
    """Template markup escaped twice shows up as literal ** or <span> on the page."""
    _, pages = render_pages(load_settings(copy_project(tmp_path / "p")))
    assert pages is not None
    for path, text in pages.items():
        for sign in (r"\*\*", "&lt;span", r"\[Source record\]", "\\\n"):
            assert sign not in text, f"{path} contains {sign!r}"


def test_generated_markdown_is_byte_identical_across_runs(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    settings = load_settings(project)
    _, first = render_pages(settings)
    _, second = render_pages(settings)
    assert first is not None and first == second
    generate(settings)
    before = digest_tree(settings.docs_dir)
    report = generate(settings).report
    assert report is not None and report.written == [] and report.removed == []
    assert digest_tree(settings.docs_dir) == before


def test_two_builds_give_identical_html(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    generate(load_settings(project))
    first = digest_tree(
        build_site(project, project / "site-a"), skip=("sitemap.xml.gz", "sitemap.xml")
    )
    second = digest_tree(
        build_site(project, project / "site-b"), skip=("sitemap.xml.gz", "sitemap.xml")
    )
    assert first == second


def test_incremental_writes_and_removal_of_deleted_records(corpus: Path) -> None:
    settings = load_settings(corpus)
    first = generate(settings).report
    assert first is not None and "gifts/ann-car-for-bob.md" in first.written
    (corpus / "content/gifts/ann-car-for-bob.yaml").unlink()
    report = generate(settings).report
    assert report is not None
    assert report.removed == ["gifts/ann-car-for-bob.md"]
    # The pages that listed the gift changed; the rest were left alone.
    assert "gifts/index.md" in report.written and "actors/ann-leader.md" in report.written
    assert "sources/wire-2024-02-20.md" in report.written
    assert report.unchanged > 0
    assert not (settings.docs_dir / "gifts/ann-car-for-bob.md").exists()


def test_invalid_content_writes_nothing(corpus: Path) -> None:
    settings = load_settings(corpus)
    generate(settings)
    before = digest_tree(settings.docs_dir)
    (corpus / "content/actors/bob-leader.yaml").write_text("name: Bob\ntype: persn\nsummary: x\n")
    result = generate(settings)
    assert result.report is None and result.diagnostics
    assert digest_tree(settings.docs_dir) == before


def test_failed_build_keeps_the_previous_site(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    generate(load_settings(project))
    site = build_site(project)
    before = digest_tree(site)
    page = project / "content/pages/methodology.md"
    page.write_text(page.read_text() + "\n[broken](no-such-page.md)\n")
    with pytest.raises(BuildError, match="previous site"):
        build_site(project)
    assert digest_tree(site) == before
    assert not list(project.glob(".site-*")), "temporary build folder left behind"


def test_plain_mkdocs_build_regenerates_first(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    docs = project / "build/docs"
    assert not (docs / "index.md").exists()
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "out")],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert (docs / "index.md").is_file() and (tmp_path / "out/index.html").is_file()


def test_bundle_is_a_reproducible_zip_of_the_site(built_site: Path, tmp_path: Path) -> None:
    first = make_bundle(built_site, tmp_path / "a")
    second = make_bundle(built_site, tmp_path / "b")
    assert first.name == "russia-north-korea-fact-sheets-offline.zip"
    assert first.read_bytes() == second.read_bytes()
    import zipfile

    names = zipfile.ZipFile(first).namelist()
    assert "russia-north-korea-fact-sheets-offline/index.html" in names
    assert "russia-north-korea-fact-sheets-offline/search/search_index.js" in names


def test_base_fixture_builds_with_the_real_templates(corpus: Path) -> None:
    diagnostics, pages = render_pages(load_settings(corpus))
    assert diagnostics == [] and pages is not None
    assert FIXTURES.is_dir()


HOSTILE_TITLE = "</title><script>window.__pwned=1</script> &lt;script&gt; \"q\" 'a' & <b>"
HOSTILE_DESCRIPTION = "\"><script>window.__pwned=2</script> &amp; 'x'"
HOSTILE_JSONLD_NAME = "</script><script>window.__pwned=3</script>"


def build_hostile(corpus: Path) -> Path:
    """The small corpus with markup in a title, a description and JSON-LD; built.

    The title goes through the validator (it is plain text, so it is
    allowed). The front matter is planted in the generated Markdown, past
    the validator, as a generator bug or a future bypass would put it.
    """
    from generator.pipeline import generate

    from .buildable import make_buildable

    project = make_buildable(corpus)
    gift = project / "content/gifts/ann-car-for-bob.yaml"
    quoted = HOSTILE_TITLE.replace("\\", "\\\\").replace('"', '\\"')
    gift.write_text(gift.read_text().replace("title: Ann gives Bob a car", f'title: "{quoted}"'))
    assert generate(load_settings(project)).report is not None
    page = project / "build/docs/methodology.md"
    front = yaml.safe_dump(
        {
            "description": HOSTILE_DESCRIPTION,
            "og_type": 'article" onload="x',
            "jsonld": {"@type": "WebPage", "name": HOSTILE_JSONLD_NAME},
        }
    )
    page.write_text(f"---\n{front}---\n\n" + page.read_text("utf-8"), "utf-8")
    return build_site(project, generated=True)


def test_hostile_title_and_front_matter_stay_text_in_head(corpus: Path) -> None:
    from selectolax.lexbor import LexborHTMLParser

    site = build_hostile(corpus)  # the audit passed, or this raised
    gift = LexborHTMLParser((site / "gifts/ann-car-for-bob.html").read_text("utf-8"))
    assert gift.css_first("title").text() == f"{HOSTILE_TITLE} - Russia–North Korea fact sheets"
    assert gift.css_first("h1").text(deep=False).strip() == HOSTILE_TITLE  # without its ¶ mark
    assert gift.css_first('meta[property="og:title"]').attributes["content"] == HOSTILE_TITLE
    head = gift.head
    assert head is not None
    for script in head.css("script"):  # files of the site, or data that does not run
        assert "src" in script.attributes or script.attributes.get("type") == "application/ld+json"

    methodology = LexborHTMLParser((site / "methodology.html").read_text("utf-8"))
    description = methodology.css_first('meta[name="description"]').attributes["content"]
    assert description == HOSTILE_DESCRIPTION
    og = methodology.css_first('meta[property="og:description"]').attributes["content"]
    assert og == HOSTILE_DESCRIPTION
    og_type = methodology.css_first('meta[property="og:type"]').attributes
    assert og_type["content"] == 'article" onload="x' and "onload" not in og_type
    [jsonld] = methodology.css('script[type="application/ld+json"]')
    assert json.loads(jsonld.text()) == {"@type": "WebPage", "name": HOSTILE_JSONLD_NAME}
    # The first element after the charset is the policy.
    first = [n for n in methodology.head.iter(include_text=False)][:2]
    assert first[1].attributes.get("http-equiv") == "Content-Security-Policy"


def test_site_folder_without_marker_is_never_replaced(corpus: Path) -> None:
    from .buildable import make_buildable

    project = make_buildable(corpus)
    (project / "site").mkdir()
    (project / "site/thesis.tex").write_text("years of work")
    with pytest.raises(BuildError, match=r"site/ holds files this build did not write.*move"):
        build_site(project)
    assert (project / "site/thesis.tex").read_text() == "years of work"
    (project / "elsewhere.html").write_text("a file")
    with pytest.raises(BuildError, match="not a folder this build wrote"):
        build_site(project, project / "elsewhere.html")
    assert (project / "elsewhere.html").read_text() == "a file"


def test_a_generation_with_nothing_changed_reads_nothing(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = load_settings(corpus)
    first = generate(settings)
    assert first.report is not None and first.report.written
    import generator.pipeline as pipeline

    def must_not_run(*_: object, **__: object) -> None:
        raise AssertionError("loaded the content although nothing changed")

    monkeypatch.setattr(pipeline, "load_and_validate", must_not_run)
    again = generate(settings)
    assert again.report is not None and again.report.written == []
    assert again.report.unchanged == len(first.report.written)
    monkeypatch.undo()
    # An edit, or a generated file deleted by hand, makes the next one run.
    record = corpus / "content/actors/ann-leader.yaml"
    record.write_text(record.read_text("utf-8").replace("name: Ann Leader", "name: Ann Leaderin"))
    assert generate(settings).report.written
    (settings.docs_dir / "actors/ann-leader.md").unlink()
    assert generate(settings).report.written == ["actors/ann-leader.md"]
