"""Diagnostics print on one line, whatever text they echo."""

from __future__ import annotations

import pytest

from generator.diagnostics import Diagnostic, Severity, sort_diagnostics, visible

FORGED = "persn\ncontent/actors/ann.yaml:1:1: error: forged [x]"


def diagnostic(path: str = "content/actors/bob.yaml", message: str = "x") -> Diagnostic:
    return Diagnostic(path, 2, 7, Severity.ERROR, message, "schema-enum")


@pytest.mark.parametrize("output", ["text", "github"])
def test_a_value_with_a_newline_cannot_forge_a_second_line(output: str) -> None:
    item = diagnostic(message=f"type: `{FORGED}` is not an allowed value")
    line = item.format_text() if output == "text" else item.format_github()
    assert len(line.splitlines()) == 1
    assert "`persn\\ncontent/actors/ann.yaml:1:1: error: forged [x]`" in line


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\n", "\\n"),
        ("\r", "\\r"),
        ("\t", "\\t"),
        ("\x1b[2J", "\\x1b[2J"),
        ("\x00", "\\x00"),
        ("\x7f", "\\x7f"),
        ("\x85", "\\x85"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
        ("\u202e", "\\u202e"),
        ("\u2066", "\\u2066"),
        ("\ufeff", "\\ufeff"),
        ("\udcff", "\\udcff"),  # an undecodable byte of a file name
    ],
)
def test_invisible_characters_print_as_escapes(raw: str, shown: str) -> None:
    item = diagnostic(path=f"content/a{raw}.yaml", message=f"value `a{raw}b`")
    text = item.format_text()
    assert text == f"content/a{shown}.yaml:2:7: error: value `a{shown}b` [schema-enum]"
    assert text.isprintable()
    github = item.format_github()
    assert github.isprintable() and f"a{shown}b" in github
    assert text.encode("utf-8")  # printable even where the name was not UTF-8


def test_ordinary_text_is_unchanged() -> None:
    text = "Ким Чен Ын 김정은 «quote» — é \\ %"
    assert visible(text) == text


def test_github_format_escapes_its_own_syntax() -> None:
    item = Diagnostic("a,b:c.yaml", 1, 1, Severity.WARNING, "50% done\nnext", "r")
    assert item.format_github() == (
        "::warning file=a%2Cb%3Ac.yaml,line=1,col=1,title=r::50%25 done\\nnext [r]"
    )


def test_sorting_is_by_file_then_position_and_diagnostics_do_not_compare() -> None:
    a = Diagnostic("b.yaml", 1, 1, Severity.ERROR, "m", "r")
    b = Diagnostic("a.yaml", 9, 1, Severity.WARNING, "m", "r")
    c = Diagnostic("a.yaml", 2, 5, Severity.ERROR, "m", "r")
    assert sort_diagnostics([a, b, c, a]) == [c, b, a]
    with pytest.raises(TypeError):
        _ = a < b  # type: ignore[operator]
