"""Contributor tooling: the generated field reference, editor and pre-commit wiring."""

from __future__ import annotations

import json

import yaml

from generator.commands import editor
from generator.kinds import load_registry
from generator.reference import BEGIN, END, embed, render_reference
from generator.settings import load_settings

from .conftest import ROOT


def test_committed_field_reference_matches_the_schemas() -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    assert BEGIN in text and END in text
    assert text == embed(text, render_reference()), (
        "CONTRIBUTING.md's field reference is out of date: run `python3 -m invoke reference`"
    )


def test_reference_covers_every_field_of_every_kind() -> None:
    reference = render_reference()
    for title in ["Actor", "Gift", "Visit", "Sanction", "Source"]:
        assert f"## {title}\n" in reference
    for field in ["`items[].model`", "`claim.status`", "`places[].country`", "`vote.in_favour`"]:
        assert field in reference
    assert "| `items[].model` | when `category` is `vehicle` |" in reference


def test_editor_schema_mapping_is_current_and_covers_every_kind() -> None:
    committed = (ROOT / ".vscode/settings.json").read_text("utf-8")
    assert committed == editor.render(load_settings(ROOT)), "run `python -m generator editor`"
    mapping = json.loads(committed)["yaml.schemas"]
    for kind in load_registry():
        schema = f"./generator/schemas/{kind.schema_file}"
        assert mapping[schema] == f"content/{kind.folder}/*.yaml"
        assert (ROOT / schema).is_file()


def test_pre_commit_runs_the_validator_on_records() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text("utf-8"))
    [hook] = config["repos"][0]["hooks"]
    assert hook["entry"] == "python3 -m generator validate"
    assert hook["files"] == r"^content/.*\.ya?ml$"


def test_pr_template_has_a_sourcing_checklist() -> None:
    template = (ROOT / ".github/pull_request_template.md").read_text("utf-8")
    assert "## Sourcing checklist" in template and template.count("- [ ]") >= 5
