"""The broken-record corpus: each case yields exactly its expected diagnostic lines.

A case is a folder under fixtures/broken/ whose files are laid over the valid
base corpus (fixtures/base/); expected.txt holds the exact output of
`python -m generator validate`, one line per problem.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from generator.validate import load_and_validate

from .conftest import FIXTURES, ROOT, TODAY

CASES = sorted(p for p in (FIXTURES / "broken").iterdir() if p.is_dir())


def test_base_corpus_is_clean(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "base", tmp_path, dirs_exist_ok=True)
    _, diagnostics = load_and_validate(tmp_path, today=TODAY)
    assert diagnostics == []


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_broken_case(case: Path, tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "base", tmp_path, dirs_exist_ok=True)
    shutil.copytree(
        case, tmp_path, dirs_exist_ok=True, ignore=shutil.ignore_patterns("expected.txt")
    )
    _, diagnostics = load_and_validate(tmp_path, today=TODAY)
    actual = [d.format_text() for d in diagnostics]
    expected = (case / "expected.txt").read_text("utf-8").splitlines()
    assert actual == expected


def test_every_case_has_a_problem() -> None:
    for case in CASES:
        assert (case / "expected.txt").read_text("utf-8").strip(), case.name


# Cases git cannot carry (symbolic links, a pipe, a newline in a file name)
# are made at run time, then checked line for line like the others.
SECRET = "TOP-SECRET-VALUE"
LINK = "is a symbolic link, which is never followed: replace it with the file or folder itself"


def _validate(project: Path) -> list[str]:
    return [d.format_text() for d in load_and_validate(project, today=TODAY)[1]]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "base", tmp_path / "p")
    return tmp_path / "p"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder outside the project holding a valid record and a secret."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "carl-leader.yaml").write_text(f"name: {SECRET}\ntype: persn\nsummary: x\n")
    (folder / "secret.md").write_text(f"{SECRET}\n")
    return folder


def test_symlinked_record_is_refused_and_never_read(project: Path, outside: Path) -> None:
    (project / "content/actors/carl-leader.yaml").symlink_to(outside / "carl-leader.yaml")
    assert _validate(project) == [
        f"content/actors/carl-leader.yaml:1:1: error: `content/actors/carl-leader.yaml` {LINK} "
        "[symlink]"
    ]


def test_symlinked_page_is_refused_and_not_published(project: Path, outside: Path) -> None:
    (project / "content/pages").mkdir()
    (project / "content/pages/methodology.md").symlink_to(outside / "secret.md")
    tree, diagnostics = load_and_validate(project, today=TODAY)
    assert [d.format_text() for d in diagnostics] == [
        f"content/pages/methodology.md:1:1: error: `content/pages/methodology.md` {LINK} [symlink]"
    ]
    assert tree.pages == []


def test_symlinked_kind_folder_is_refused(project: Path, outside: Path) -> None:
    shutil.rmtree(project / "content/sanctions")
    (project / "content/sanctions").symlink_to(outside, target_is_directory=True)
    lines = _validate(project)
    assert f"content/sanctions:1:1: error: `content/sanctions` {LINK} [symlink]" in lines
    assert not any(SECRET in line or str(outside) in line for line in lines)


def test_symlinked_content_folder_is_refused(tmp_path: Path, project: Path) -> None:
    linked = tmp_path / "linked"
    linked.mkdir()
    (linked / "content").symlink_to(project / "content", target_is_directory=True)
    assert _validate(linked) == [f"content:1:1: error: `content` {LINK} [symlink]"]


def test_dangling_and_looping_symlinks_are_refused(project: Path) -> None:
    (project / "content/actors/gone.yaml").symlink_to(project / "no-such-file")
    (project / "content/actors/loop.yaml").symlink_to(project / "content/actors/loop.yaml")
    assert _validate(project) == [
        f"content/actors/gone.yaml:1:1: error: `content/actors/gone.yaml` {LINK} [symlink]",
        f"content/actors/loop.yaml:1:1: error: `content/actors/loop.yaml` {LINK} [symlink]",
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_named_pipe_is_reported_without_blocking(project: Path) -> None:
    os.mkfifo(project / "content/actors/pipe.yaml")
    assert _validate(project) == [
        "content/actors/pipe.yaml:1:1: error: this is not a regular file or folder (a device, "
        "socket or pipe): delete it [not-a-regular-file]"
    ]


def test_file_name_ending_in_a_newline_is_not_an_id(project: Path) -> None:
    (project / "content/actors/kim\n.yaml").write_text("name: Kim\ntype: person\nsummary: x\n")
    assert _validate(project) == [
        "content/actors/kim\\n.yaml:1:1: error: the file name `kim\\n.yaml` is not a valid record "
        "id: rename it to lowercase letters, digits and single hyphens, such as `kim.yaml` "
        "[invalid-id]"
    ]


# Rule ids that a file in the repository cannot carry (links, pipes, a file
# that vanishes, an internal failure, a 256 KiB file): each is made at run
# time by the test named beside it.
MADE_AT_RUN_TIME = {
    "symlink": "test_symlinked_record_is_refused_and_never_read",
    "not-a-regular-file": "test_named_pipe_is_reported_without_blocking",
    "unreadable-file": "tests/test_loader.py, a link swapped in after discovery",
    "internal-error": "tests/test_loader.py, one crashing file",
    "file-too-large": "tests/test_loader.py, a file over the size limit",
}


def test_every_rule_has_a_broken_fixture_and_every_fixture_a_declared_rule() -> None:
    from generator.rules import catalog

    declared = set(catalog())
    covered: set[str] = set()
    for case in CASES:
        text = (case / "expected.txt").read_text("utf-8")
        covered |= set(re.findall(r"\[([a-z0-9-]+)\]$", text, flags=re.M))
    assert covered - declared == set(), "fixtures print rule ids no rule declares"
    missing = declared - covered - set(MADE_AT_RUN_TIME)
    assert missing == set(), "add a fixture under tests/fixtures/broken/ for each"


def test_the_rule_list_in_contributing_names_every_rule() -> None:
    from generator.rules import catalog

    text = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    for rule in catalog().values():
        assert f"| `{rule.id}` | {rule.severity.value} |" in text, rule.id
