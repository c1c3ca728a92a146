"""`new <kind> <id>`: skeletons that validate once their placeholders are filled in."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.validate import load_and_validate

from .conftest import TODAY, run_generator

# What a contributor would type in place of each placeholder, by YAML key.
FILL = {
    "title": "A filled-in title",
    "name": "A filled-in name",
    "publisher": "A publisher",
    "about": "What the document is",
    "summary": "A filled-in summary [@wire-2024-02-20; @alpha-gazette-2024-02-17].",
    "description": "An item",
    "instrument": "Resolution 1",
    "givers": "ann-leader",
    "recipients": "bob-leader",
    "visitors": "bob-leader",
    "hosts": "ann-leader",
    "imposed_by": "alpha-state",
    "sources": "wire-2024-02-20",
    "country": "alpha-state",
    "city": "Alpha City",
    "date": "2024-02",
    "start": "2024-02-17",
    "adopted": '"2020"',
    "url": "https://example.org/new",
    "language": "en",
    "type": {"actors": "person", "sources": "media"},
    "category": "animal",
    "status": "confirmed",
    "record_type": "report",
}
PLACEHOLDER = re.compile(r'^(\s*(?:- )?)(?:(\w+): )?"TODO: [^"]*"$')


def fill(text: str, kind: str) -> str:
    lines, key = [], None
    for line in text.splitlines():
        match = PLACEHOLDER.match(line)
        if match:
            key = match.group(2) or key  # a list item takes its list's key
            value = FILL[key]
            value = value[kind] if isinstance(value, dict) else value
            line = f"{match.group(1)}{key + ': ' if match.group(2) else ''}{value}"
        elif line.rstrip().endswith(":") and not line.lstrip().startswith("#"):
            key = line.strip().lstrip("- ").rstrip(":")
        lines.append(line)
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("kind", ["actor", "gift", "visit", "sanction", "source"])
def test_new_record_validates_once_filled(corpus: Path, kind: str) -> None:
    completed = run_generator("new", kind, "fresh-record", cwd=corpus)
    assert completed.returncode == 0, completed.stderr
    path = next(corpus.glob("content/*/fresh-record.yaml"))
    text = path.read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../generator/schemas/")

    _, unfilled = load_and_validate(corpus, today=TODAY)
    assert unfilled and {d.rule for d in unfilled} <= {"unfilled-placeholder", "unused-source"}

    path.write_text(fill(text, path.parent.name), "utf-8")
    _, diagnostics = load_and_validate(corpus, today=TODAY)
    problems = [d.format_text() for d in diagnostics if d.rule != "unused-source"]
    assert problems == []


def test_new_refuses_an_existing_id(corpus: Path) -> None:
    completed = run_generator("new", "visit", "ann-leader", cwd=corpus)
    assert completed.returncode == 2
    assert "already used by content/actors/ann-leader.yaml" in completed.stderr


@pytest.mark.parametrize("bad_id", ["Kim_Jong_Un", "kim--jong", "kim-", "kim jong"])
def test_new_refuses_an_invalid_id(corpus: Path, bad_id: str) -> None:
    completed = run_generator("new", "actor", bad_id, cwd=corpus)
    assert completed.returncode == 2 and "is not a valid id" in completed.stderr


def test_new_refuses_an_unknown_kind(corpus: Path) -> None:
    completed = run_generator("new", "treaty", "x", cwd=corpus)
    assert completed.returncode == 2 and "unknown kind `treaty`" in completed.stderr
