"""A broken mkdocs.yml or an unwritable folder: one line naming the problem, never a traceback.

Also the writer's promise: it deletes only what it wrote, so a docs_dir
pointed at the project, at content/ or outside never loses a file.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from generator.write import MANIFEST

from .conftest import run_generator

BAD_CONFIGS = [
    ("- site_name: x\n", "expected a mapping of settings", "found a list"),
    ("site_name: x\nextra: 5\n", "extra must be a mapping", "number (5)"),
    ("site_name: x\nextra:\n  factsheets: 5\n", "extra.factsheets must be a mapping", "(5)"),
    ("site_name: x\ndocs_dir: 5\n", "docs_dir must be a folder name", "(5)"),
    ("site_name: x\ndocs_dir: [a]\n", "docs_dir must be a folder name", "list"),
    ("site_name: [unclosed\n", "not valid YAML", "mkdocs.yml:2:1"),
]


def one_line_error(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


@pytest.mark.parametrize(("text", "what", "detail"), BAD_CONFIGS, ids=lambda v: repr(v)[:24])
def test_unusable_config_is_one_line_and_exit_2(
    corpus: Path, text: str, what: str, detail: str
) -> None:
    (corpus / "mkdocs.yml").write_text(text, "utf-8")
    completed = run_generator("generate", cwd=corpus)
    assert completed.returncode == 2
    line = one_line_error(completed.stderr)
    assert line.startswith("error: mkdocs.yml") and what in line and detail in line


def test_config_not_utf8(corpus: Path) -> None:
    (corpus / "mkdocs.yml").write_bytes("site_name: caf\xe9\n".encode("latin-1"))
    completed = run_generator("generate", cwd=corpus)
    assert completed.returncode == 2
    assert "mkdocs.yml: not UTF-8" in one_line_error(completed.stderr)


def test_config_missing(corpus: Path) -> None:
    (corpus / "mkdocs.yml").unlink()
    completed = run_generator("generate", cwd=corpus)
    assert completed.returncode == 2
    assert "mkdocs.yml: not found" in one_line_error(completed.stderr)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads and writes anything")
def test_config_unreadable(corpus: Path) -> None:
    (corpus / "mkdocs.yml").chmod(0)
    completed = run_generator("generate", cwd=corpus)
    assert completed.returncode == 2
    assert "mkdocs.yml: cannot be read" in one_line_error(completed.stderr)


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("docs_dir", [".", "content", "build", "../outside", "ABSOLUTE"])
def test_docs_dir_outside_build_deletes_nothing(
    corpus: Path, tmp_path_factory: pytest.TempPathFactory, docs_dir: str
) -> None:
    outside = tmp_path_factory.mktemp("outside")
    (outside / "precious.md").write_text("keep me")
    if docs_dir == "ABSOLUTE":
        docs_dir = str(outside)
    elif docs_dir == "../outside":
        docs_dir = os.path.relpath(outside, corpus)
    config = corpus / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace("docs_dir: build/docs", f"docs_dir: {docs_dir}")
    )
    before, before_outside = snapshot(corpus), snapshot(outside)
    completed = run_generator("generate", cwd=corpus)
    assert completed.returncode == 2
    line = one_line_error(completed.stderr)
    assert "docs_dir" in line and "not inside the project's build/ folder" in line
    assert snapshot(corpus) == before and snapshot(outside) == before_outside


def test_docs_dir_with_foreign_files_is_refused_before_writing(corpus: Path) -> None:
    docs = corpus / "build/docs"
    docs.mkdir(parents=True)
    (docs / "notes.md").write_text("mine")
    completed = run_generator("generate", cwd=corpus)
    assert completed.returncode == 1
    line = one_line_error(completed.stderr)
    assert "did not write (notes.md)" in line and "nothing was written or deleted" in line
    assert sorted(p.name for p in docs.iterdir()) == ["notes.md"]


def test_writer_removes_only_its_own_files_and_temp_leftovers(corpus: Path) -> None:
    assert run_generator("generate", cwd=corpus).returncode == 0
    docs = corpus / "build/docs"
    manifest = (docs / MANIFEST).read_text()
    assert '"gifts/ann-car-for-bob.md"' in manifest
    (docs / "gifts/.ann-car-for-bob.md.abc123_x.tmp").write_text("half a page")
    (docs / ".editor-notes").write_text("a dotfile of someone's")
    (corpus / "content/gifts/ann-car-for-bob.yaml").unlink()
    assert run_generator("generate", cwd=corpus).returncode == 0
    assert not (docs / "gifts/ann-car-for-bob.md").exists()
    assert not (docs / "gifts/.ann-car-for-bob.md.abc123_x.tmp").exists()
    assert (docs / ".editor-notes").read_text() == "a dotfile of someone's"
    assert '"gifts/ann-car-for-bob.md"' not in (docs / MANIFEST).read_text()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_docs_dir_is_one_line_exit_1(corpus: Path) -> None:
    docs = corpus / "build/docs"
    docs.mkdir(parents=True)
    docs.chmod(0o555)
    try:
        completed = run_generator("generate", cwd=corpus)
    finally:
        docs.chmod(0o755)
    assert completed.returncode == 1
    assert "check that the folder is writable" in one_line_error(completed.stderr)


def test_docs_dir_that_is_a_file_is_one_line_exit_1(corpus: Path) -> None:
    """What a read-only folder gives too, in a form that root cannot write past."""
    (corpus / "build").mkdir()
    (corpus / "build/docs").write_text("not a folder")
    completed = run_generator("generate", cwd=corpus)
    assert completed.returncode == 1
    line = one_line_error(completed.stderr)
    assert "cannot write the generated pages" in line and "writable" in line
    assert (corpus / "build/docs").read_text() == "not a folder"
