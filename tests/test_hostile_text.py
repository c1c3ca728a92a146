"""Any text a contributor types shows as exactly that text on the built page.

Hypothesis draws strings full of markup (HTML, Markdown, entities, quotes,
control-free Unicode); each becomes the title of a gift, the name of an
actor and a source's publisher in one small project, which is then built
with MkDocs and Material. The built HTML is parsed as a browser would: the
page heading, the `<title>`, the links to the record and the index cells
must hold the text exactly, and no element or attribute may come from it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from generator.build import build_site
from generator.pipeline import generate
from generator.settings import load_settings

# Characters that mean something to HTML, Markdown, Jinja, YAML or JSON.
SPECIAL = [
    *list("<>&\"'`*_[](){}#|\\!:-=~+.@;/"),
    "&lt;",
    "&amp;",
    "</title>",
    "<script>",
    "{{",
    "{%",
    "é",
    "김",
    "Путин",
]
TEXT = (
    st.lists(
        st.one_of(st.sampled_from(SPECIAL), st.text(alphabet="abc xyz", min_size=1, max_size=4)),
        min_size=1,
        max_size=12,
    )
    .map("".join)
    .map(lambda s: " ".join(s.split()))
    .filter(lambda s: s.strip() != "")
)

SIZE = 16  # strings per build: one build checks them all


def _yaml(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML string


@settings(max_examples=3, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(TEXT, min_size=SIZE, max_size=SIZE, unique=True))
def test_any_text_appears_exactly_as_written(corpus_factory, texts: list[str]) -> None:
    project = corpus_factory()
    gifts = project / "content/gifts"
    template = (gifts / "ann-car-for-bob.yaml").read_text("utf-8")
    for index, text in enumerate(texts):
        body = template.replace("title: Ann gives Bob a car", f"title: {_yaml(text)}")
        (gifts / f"hostile-{index}.yaml").write_text(
            body.replace("occasion: bob-visits-alpha\n", ""), "utf-8"
        )
    settings_ = load_settings(project)
    assert generate(settings_).report is not None
    site = build_site(project, generated=True)
    for index, text in enumerate(texts):
        page = HTMLParser((site / f"gifts/hostile-{index}.html").read_text("utf-8"))
        heading = page.css_first("article h1")
        assert heading is not None
        for link in heading.css("a.headerlink"):
            link.decompose()
        assert heading.text().strip() == text
        title = page.css_first("title").text()
        assert title.startswith(text + " - "), (title, text)
        assert not page.css("article script"), text
        for node in page.css("article *"):
            assert not any(name.startswith("on") for name in node.attributes), text
    index_page = HTMLParser((site / "gifts/index.html").read_text("utf-8"))
    linked = {a.text() for a in index_page.css("table a")}
    assert set(texts) <= linked


@pytest.fixture
def corpus_factory(tmp_path_factory: pytest.TempPathFactory):
    """A fresh copy of the small corpus for each example (hypothesis reuses fixtures)."""
    import shutil

    from .conftest import FIXTURES, copy_project

    def make() -> Path:
        root = copy_project(tmp_path_factory.mktemp("hostile") / "project")
        shutil.rmtree(root / "content")
        shutil.copytree(FIXTURES / "base/content", root / "content")
        return root

    return make
