"""The kind registry: kinds come from the schemas, and a new kind needs no code.

A toy kind is added to a copy of the project as one schema file and one page
template; the copy's own generator then gives it pages, an index, a place in
the navigation, a scaffold and an editor mapping.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from generator.kinds import enum_label, load_registry

from .conftest import ROOT, copy_project

TOY_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "toy.schema.json",
    "title": "Toy",
    "description": "A toy kind, added in a test.",
    "type": "object",
    "x-kind": {
        "folder": "toys",
        "label": "Toy",
        "plural": "Toys",
        "order": 6,
        "title_field": ["name"],
        "date_field": "made",
        "timeline": True,
        "columns": [
            {"heading": "Made", "value": "made", "show": "date", "sort": "date"},
            {"heading": "Toy", "show": "link", "sort": "text"},
            {"heading": "Owner", "value": "owner", "show": "actors", "filter": "actor"},
        ],
        "backlinks": [{"field": "owner", "heading": "Toys owned"}],
    },
    "additionalProperties": False,
    "required": ["name", "made", "owner", "summary", "claim"],
    "properties": {
        "name": {"$ref": "defs.schema.json#/$defs/text", "description": "The toy's name."},
        "made": {"$ref": "defs.schema.json#/$defs/date", "description": "When it was made."},
        "owner": {"$ref": "defs.schema.json#/$defs/actor_refs", "description": "Who owns it."},
        "claim": {"$ref": "defs.schema.json#/$defs/claim"},
        "summary": {"$ref": "defs.schema.json#/$defs/markdown", "description": "About it."},
    },
}
TOY_TEMPLATE = """{% import "_macros.md.j2" as m with context %}
# {{ data.name | heading }}

{{ m.claim_block(data.claim, "claim.note") }}

{{ prose(data.summary, "summary") }}
{{ m.sources_section(sources) }}
{{ m.record_footer(record, edit_url) }}
"""


def test_the_kinds_are_the_schemas_that_declare_one() -> None:
    registry = load_registry()
    assert [k.folder for k in registry] == ["gifts", "visits", "sanctions", "actors", "sources"]
    assert registry.lookup("Gift") is registry.lookup("gifts") is registry.by_name["gift"]
    assert [k.folder for k in registry.timeline_kinds()] == ["gifts", "visits", "sanctions"]


def test_enum_labels_are_declared_or_derived() -> None:
    assert enum_label({"x-labels": {"ko": "Korean"}}, "ko") == "Korean"
    assert enum_label({}, "in-force") == "In force"


def run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(project), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, *args], cwd=project, env=env, capture_output=True, text=True, check=False
    )


def test_a_toy_kind_needs_only_a_schema_and_a_template(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    schemas = project / "generator/schemas"
    (schemas / "toy.schema.json").write_text(json.dumps(TOY_SCHEMA, indent=2), "utf-8")
    (project / "site_templates/pages/toy.md.j2").write_text(TOY_TEMPLATE, "utf-8")
    # The copy's own package runs, not the installed one.
    where = run(project, "-c", "import generator; print(generator.__file__)")
    assert where.stdout.strip().startswith(str(project))

    scaffold = run(project, "-m", "generator", "new", "toy", "wooden-horse")
    assert scaffold.returncode == 0, scaffold.stderr
    skeleton = (project / "content/toys/wooden-horse.yaml").read_text("utf-8")
    assert "toy.schema.json" in skeleton and "name:" in skeleton
    (project / "content/toys/wooden-horse.yaml").write_text(
        "name: A wooden horse\nmade: 2019-04\nowner: [kim-jong-un]\n"
        "claim:\n  status: confirmed\n"
        "summary: A toy [@seed-afp-putin-gifts-kim-car].\n",
        "utf-8",
    )

    editor = run(project, "-m", "generator", "editor")
    assert editor.returncode == 0, editor.stderr
    mapping = json.loads((project / ".vscode/settings.json").read_text("utf-8"))["yaml.schemas"]
    assert mapping["./generator/schemas/toy.schema.json"] == "content/toys/*.yaml"

    built = run(project, "-m", "generator", "build")
    assert built.returncode == 0, built.stderr[-3000:]
    site = project / "site"
    page = (site / "toys/wooden-horse.html").read_text("utf-8")
    assert "A wooden horse" in page and "Confirmed" in page
    index = (site / "toys/index.html").read_text("utf-8")
    assert 'href="wooden-horse.html"' in index and "April 2019" in index
    home = (site / "index.html").read_text("utf-8")
    assert 'href="toys/index.html"' in home  # in the navigation and the home table
    actor = (site / "actors/kim-jong-un.html").read_text("utf-8")
    assert "Toys owned" in actor and "../toys/wooden-horse.html" in actor
    timeline = (site / "timeline.html").read_text("utf-8")
    assert "toys/wooden-horse.html" in timeline


def test_third_party_validators_accept_every_real_record() -> None:
    """check-jsonschema reads the records with its own YAML parser and our schemas.

    It is what an editor or another CI tool does; it must agree with the
    validator, so the loader's reading of YAML and the schemas match.
    """
    schemas = ROOT / "generator/schemas"
    for kind in load_registry():
        files = sorted(str(p) for p in (ROOT / "content" / kind.folder).glob("*.yaml"))
        completed = subprocess.run(
            [
                sys.executable,
                "-m",
                "check_jsonschema",
                "--base-uri",
                schemas.as_uri() + "/",
                "--schemafile",
                str(schemas / kind.schema_file),
                *files,
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        assert completed.returncode == 0, completed.stdout[-2000:] + completed.stderr[-2000:]
