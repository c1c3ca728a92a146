"""The broken-record corpus: each case yields exactly its expected diagnostic lines.

A case is a folder under fixtures/broken/ whose files are laid over the valid
base corpus (fixtures/base/); expected.txt holds the exact output of
`python -m generator validate`, one line per problem.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.validate import load_and_validate

from .conftest import FIXTURES, TODAY

CASES = sorted(p for p in (FIXTURES / "broken").iterdir() if p.is_dir())


def test_base_corpus_is_clean(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "base", tmp_path, dirs_exist_ok=True)
    _, diagnostics = load_and_validate(tmp_path, today=TODAY)
    assert diagnostics == []


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_broken_case(case: Path, tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "base", tmp_path, dirs_exist_ok=True)
    shutil.copytree(case, tmp_path, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.txt"))
    _, diagnostics = load_and_validate(tmp_path, today=TODAY)
    actual = [d.format_text() for d in diagnostics]
    expected = (case / "expected.txt").read_text("utf-8").splitlines()
    assert actual == expected


def test_every_case_has_a_problem() -> None:
    for case in CASES:
        assert (case / "expected.txt").read_text("utf-8").strip(), case.name
