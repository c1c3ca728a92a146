"""The strict YAML loader: each trap gets one clear diagnostic, never a traceback."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from generator.load import MAX_FILE_BYTES, load_file, parse_yaml


def messages(text: str) -> list[str]:
    _, problems = parse_yaml(text, "x.yaml")
    return [p.format_text() for p in problems]


def test_plain_values_follow_yaml_1_2_and_dates_stay_text() -> None:
    document, problems = parse_yaml(
        "a: 2024-02-20\nb: '2024-02'\nc: 2024\nd: true\ne: 1:20\nf: ~\ng: 1.5\n", "x.yaml"
    )
    assert problems == []
    assert document is not None
    assert document.data == {
        "a": "2024-02-20",
        "b": "2024-02",
        "c": 2024,
        "d": True,
        "e": "1:20",
        "f": None,
        "g": 1.5,
    }
    # The loader remembers what was typed, so a text field gets "2024" back.
    assert document.plain_scalars[("c",)] == "2024"


def test_positions_are_one_based_and_point_at_keys_and_values() -> None:
    document, _ = parse_yaml("title: x\nitems:\n  - model: unknown\n", "x.yaml")
    assert document is not None
    mark = document.mark(("items", 0, "model"))
    assert (mark.line, mark.col) == (3, 12)
    key = document.mark(("items", 0, "model"), key=True)
    assert (key.line, key.col) == (3, 5)


@pytest.mark.parametrize("word", ["yes", "No", "NO", "on", "OFF"])
def test_yaml_1_1_booleans_are_refused(word: str) -> None:
    [line] = messages(f"language: {word}\n")
    assert line.startswith("x.yaml:1:11: error: ")
    assert line.endswith("[yaml-boolean-trap]")


def test_quoted_boolean_words_are_text() -> None:
    document, problems = parse_yaml('language: "no"\n', "x.yaml")
    assert problems == [] and document is not None and document.data == {"language": "no"}


def test_octal_looking_numbers_are_refused() -> None:
    [line] = messages("code: 0755\n")
    assert "[yaml-number-trap]" in line


def test_duplicate_key_names_both_lines() -> None:
    [line] = messages("title: a\nsummary: b\ntitle: c\n")
    assert line.startswith("x.yaml:3:1: error: the key `title` appears twice")
    assert "first set on line 1" in line


def test_alias_bomb_is_refused_quickly() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8)
    )
    started = time.perf_counter()
    [line] = messages(bomb)
    assert time.perf_counter() - started < 1.0
    assert "[yaml-alias]" in line


def test_deep_nesting_is_refused() -> None:
    [line] = messages("a: " + "[" * 5000 + "]" * 5000 + "\n")
    assert "[yaml-too-deep]" in line


@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system", "!custom", "!!binary"])
def test_tags_are_refused(tag: str) -> None:
    [line] = messages(f"a: {tag} x\n")
    assert "[yaml-tag]" in line


def test_several_documents_are_refused() -> None:
    [line] = messages("a: 1\n---\nb: 2\n")
    assert line.startswith("x.yaml:2:1:") and "[yaml-multiple-documents]" in line


def test_syntax_error_points_at_the_tab() -> None:
    [line] = messages("a:\n\tb: 1\n")
    assert line.startswith("x.yaml:2:1: error: this is not valid YAML")
    assert "not tabs" in line


@pytest.mark.parametrize("text", ["", "# only a comment\n", "- a\n- b\n", "just text\n"])
def test_non_mapping_documents_are_refused(text: str) -> None:
    [line] = messages(text)
    assert "[empty-file]" in line or "[yaml-not-mapping]" in line


def test_not_utf8_points_at_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(b"name: Kim\nsummary: caf" + b"\xe9\n")
    document, [problem] = load_file(path, "x.yaml")
    assert document is None
    assert (problem.line, problem.col, problem.rule) == (2, 13, "not-utf8")


def test_oversized_file_is_refused_without_parsing(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("summary: " + "x" * MAX_FILE_BYTES + "\n")
    document, [problem] = load_file(path, "x.yaml")
    assert document is None and problem.rule == "file-too-large"
    assert "256 KiB limit" in problem.message


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(b"\xef\xbb\xbfname: Kim\n")
    document, problems = load_file(path, "x.yaml")
    assert problems == [] and document is not None and document.data == {"name": "Kim"}
