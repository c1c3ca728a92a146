"""The strict YAML loader: each trap gets one clear diagnostic, never a traceback."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from generator.load import (
    MAX_FILE_BYTES,
    discover,
    id_problem,
    load_content,
    load_file,
    parse_yaml,
)
from generator.model import (
    ID_PATTERN,
    DateFormatError,
    ImpossibleDateError,
    Mark,
    PartialDate,
    Span,
)


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


# --- Both parsers: libyaml's and PyYAML's pure-Python one give the same result.

PARSERS = [pytest.param(yaml.SafeLoader, id="python")]
if getattr(yaml, "__with_libyaml__", False):
    PARSERS.insert(0, pytest.param(yaml.CSafeLoader, id="libyaml"))

NESTING = {
    # libyaml refuses 1,000 levels of flow nesting itself, while scanning ahead.
    "flow": ("a: " + "[" * 5000 + "]" * 5000 + "\n", (1, 15)),
    "flow-past-other-keys": ("b: ok\nlanguage: no\na: " + "[" * 2000 + "\n", (3, 15)),
    "flow-mapping": ("a: " + "{a: " * 2000 + "}" * 2000 + "\n", (1, 48)),
    "block": ("a: " + "- " * 2000 + "x\n", None),
    "block-indented": ("".join(" " * i + "- \n" for i in range(1100)) + "x\n", (13, 13)),
}


@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize("case", NESTING, ids=list(NESTING))
def test_deep_nesting_is_one_diagnostic_whatever_the_parser(parser: type, case: str) -> None:
    text, where = NESTING[case]
    document, problems = parse_yaml(text, "x.yaml", parser=parser)
    assert document is None
    if where is None:  # `a: - - x` is a syntax error before any depth
        assert [p.rule for p in problems] == ["yaml-syntax"]
        return
    too_deep = [p for p in problems if p.rule == "yaml-too-deep"]
    assert [(p.line, p.col) for p in too_deep] == [where]
    assert "yaml-syntax" not in [p.rule for p in problems]


def test_nesting_diagnostics_match_between_parsers() -> None:
    if len(PARSERS) < 2:
        pytest.skip("libyaml is not installed")
    for text, _ in NESTING.values():
        results = [
            [d.format_text() for d in parse_yaml(text, "x.yaml", parser=p.values[0])[1]]
            for p in PARSERS
        ]
        assert results[0] == results[1] or all("yaml-syntax" in r[0] for r in results)


def test_deep_nesting_is_refused_quickly_with_the_python_parser() -> None:
    started = time.perf_counter()
    [line] = messages_with("a: " + "[" * 250_000 + "\n", yaml.SafeLoader)
    assert "[yaml-too-deep]" in line
    assert time.perf_counter() - started < 10


def messages_with(text: str, parser: type) -> list[str]:
    return [p.format_text() for p in parse_yaml(text, "x.yaml", parser=parser)[1]]


# --- Honest positions.

CONTROLS = {
    "\x00": "U+0000 NULL",
    "\x1b": "U+001B ESCAPE",
    "\x0b": "U+000B LINE TABULATION",
    "\x7f": "U+007F DELETE",
    "\x85": "U+0085 NEXT LINE",
    "\x9b": "U+009B C1 CONTROL CHARACTER",
    "\u2028": "U+2028 LINE SEPARATOR",
    "\u2029": "U+2029 PARAGRAPH SEPARATOR",
    "\u202e": "U+202E RIGHT-TO-LEFT OVERRIDE",
    "\u2066": "U+2066 LEFT-TO-RIGHT ISOLATE",
    "\ufeff": "U+FEFF BYTE ORDER MARK",
}


LINE_LIKE = "\x0b\x85\u2028\u2029"


@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize("char", CONTROLS, ids=[v.split()[0] for v in CONTROLS.values()])
def test_control_character_is_reported_where_it_is(parser: type, char: str) -> None:
    text = f"name: Kim\nsummary: caf\u00e9 {char}x\nlanguage: no\n"
    document, problems = parse_yaml(text, "x.yaml", parser=parser)
    assert document is None  # what is left is not what the file says
    instead = "line break" if char in LINE_LIKE else "space"
    assert [p.format_text() for p in problems][:1] == [
        f"x.yaml:2:15: error: invisible character {CONTROLS[char]} here: delete it, or type "
        f"a plain {instead} if one was meant [control-character]"
    ]
    # The rest of the file is still checked, and later lines are not shifted.
    assert [(p.line, p.col, p.rule) for p in problems][1:] == [(3, 11, "yaml-boolean-trap")]


def test_many_control_characters_are_summarised() -> None:
    lines = messages("a: " + "\x00" * 1000 + "\n")
    assert len(lines) == 11 and lines[-1].startswith("x.yaml:1:14: error: and 990 more")


def test_leading_bom_is_not_a_control_character() -> None:
    document, problems = parse_yaml("\ufeffname: Kim\n", "x.yaml")
    assert problems == [] and document is not None


@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_lines_count_only_real_line_breaks(parser: type, newline: str) -> None:
    text = newline.join(['name: "K\u00e9m \U0001f600"', "summary: |", "  a", "  b", "x: no", ""])
    _, problems = parse_yaml(text, "x.yaml", parser=parser)
    assert [(p.line, p.col, p.rule) for p in problems] == [(5, 4, "yaml-boolean-trap")]


def test_syntax_error_after_non_ascii_text_points_at_the_character() -> None:
    [line] = messages("name: \U0001f600\u00e9\u00e9\nsummary: [a\nb: c\n")
    assert line.startswith("x.yaml:3:2: error: this is not valid YAML")


def test_byte_counting_parsers_are_converted(monkeypatch: pytest.MonkeyPatch) -> None:
    from generator import load

    monkeypatch.setattr(load, "_counts_bytes", lambda parser: True)
    positions = load._Positions("\u00e9\U0001f600: x\n", yaml.SafeLoader)
    assert positions.index(6 + 2) == 4  # byte 8 is character 4, the `x`
    assert positions.mark(8) == Mark(1, 5)


@pytest.mark.parametrize("parser", PARSERS)
def test_the_parsers_count_characters_or_are_converted(parser: type) -> None:
    document, _ = parse_yaml("\u00e9\U0001f600: x\nb: \u00e9y\n", "x.yaml", parser=parser)
    assert document is not None
    assert document.mark(("b",)) == Mark(2, 4)
    assert document.spans[("b",)] == Span(9, 11, "")


# --- Values that used to raise.


@pytest.mark.parametrize("parser", PARSERS)
def test_integer_past_pythons_digit_limit_is_kept_as_text(parser: type) -> None:
    digits = "9" * 4301
    document, [problem] = parse_yaml(f"model: {digits}\n", "x.yaml", parser=parser)
    assert document is not None and document.data == {"model": digits}
    assert (problem.line, problem.col, problem.rule) == (1, 8, "yaml-number-too-large")


def test_float_overflow_is_kept_as_text() -> None:
    document, [problem] = parse_yaml("a: 1e999\n", "x.yaml")
    assert document is not None and document.data == {"a": "1e999"}
    assert problem.rule == "yaml-number-too-large"


# --- Ids and discovery.


@pytest.mark.parametrize(
    ("stem", "rule"),
    [
        ("kim\n", "invalid-id"),
        ("kim\r", "invalid-id"),
        ("Kim", "invalid-id"),
        ("a" * 101, "id-too-long"),
        ("a" * 240, "id-too-long"),
        ("index", "reserved-id"),
    ],
)
def test_bad_ids_are_refused(stem: str, rule: str) -> None:
    problem = id_problem(stem, stem + ".yaml")
    assert problem is not None and problem[1] == rule
    assert ID_PATTERN.match("kim\n") is None


def test_good_ids_pass() -> None:
    assert id_problem("a" * 100, "x") is None and id_problem("kim-jong-un", "x") is None


def test_discovery_takes_the_folder_mapping(tmp_path: Path) -> None:
    (tmp_path / "content/people").mkdir(parents=True)
    (tmp_path / "content/people/kim.yaml").write_text("x: 1\n")
    (tmp_path / "content/actors").mkdir()
    (tmp_path / "content/pages").mkdir()
    (tmp_path / "content/pages/about.md").write_text("# About\n")
    found = discover(tmp_path / "content", {"people": "person"}, root=tmp_path)
    assert [(k, s) for k, _, s in found.records] == [("people", "content/people/kim.yaml")]
    assert [s for _, s in found.pages] == ["content/pages/about.md"]
    assert [d.format_text() for d in found.diagnostics] == [
        "content/actors:1:1: error: unknown folder `actors`. Nothing in "
        "it is read: records go in a kind's folder (people) and hand-written pages in `pages` "
        "[unknown-folder]"
    ]


def test_pages_are_returned_with_their_text(tmp_path: Path) -> None:
    (tmp_path / "content/pages").mkdir(parents=True)
    (tmp_path / "content/pages/b.md").write_text("# B\n")
    (tmp_path / "content/pages/a.md").write_text("# A\u2028\n")
    tree = load_content(tmp_path)
    assert [(p.name, p.shown, p.text) for p in tree.pages] == [
        ("a.md", "content/pages/a.md", "# A\u2028\n"),
        ("b.md", "content/pages/b.md", "# B\n"),
    ]
    assert [(d.path, d.line, d.col, d.rule) for d in tree.diagnostics] == [
        ("content/pages/a.md", 1, 4, "control-character")
    ]


def test_one_crashing_file_does_not_hide_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator import load

    (tmp_path / "content/actors").mkdir(parents=True)
    (tmp_path / "content/actors/a.yaml").write_text("name: boom\n")
    (tmp_path / "content/actors/b.yaml").write_text("language: no\n")
    real = load.parse_yaml

    def fragile(text: str, shown: str, **kwargs: object):
        if "boom" in text:
            raise RecursionError("maximum recursion depth exceeded")
        return real(text, shown)

    monkeypatch.setattr(load, "parse_yaml", fragile)
    tree = load_content(tmp_path)
    assert [(d.path, d.rule) for d in tree.diagnostics] == [
        ("content/actors/a.yaml", "internal-error"),
        ("content/actors/b.yaml", "yaml-boolean-trap"),
    ]
    assert tree.diagnostics[0].message.endswith("please report it, with this file attached")
    assert ("actors", "a") in tree.unparsed


def test_a_link_swapped_in_after_discovery_is_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("name: SECRET\n")
    link = tmp_path / "x.yaml"
    link.symlink_to(secret)
    document, [problem] = load_file(link, "x.yaml")
    assert document is None and problem.rule == "unreadable-file"
    assert "SECRET" not in problem.message and str(secret) not in problem.message


# --- Positions inside values: Document.locate.


def located(text: str, path: tuple, needle: str, parser: type | None = None) -> Mark:
    document, problems = parse_yaml(text, "x.yaml", parser=parser)
    assert document is not None, problems
    value = document.value_at(path)
    return document.locate(path, value.index(needle))


@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize(
    ("text", "path", "needle", "where"),
    [
        ("summary: |\n  one\n  two\n  three [bad]\n", ("summary",), "[bad]", (4, 9)),
        ("summary: |-  # note\n  one\n\n  two bad\n", ("summary",), "bad", (4, 7)),
        ("summary: >\n  first words\n  middle word\n  last\n", ("summary",), "middle word", (3, 3)),
        ("summary: >\n  a\n\n    kept indent bad\n", ("summary",), "bad", (4, 17)),
        ('summary: "a\\tb \\u00e9 \\"q\\" bad"\n', ("summary",), "bad", (1, 29)),
        ('summary: "a \\\n   folded bad"\n', ("summary",), "bad", (2, 11)),
        ('summary: "\\u00e9"\n', ("summary",), "\u00e9", (1, 11)),
        ("summary: 'it''s bad'\n", ("summary",), "bad", (1, 17)),
        ("summary: 'it''s bad'\n", ("summary",), "'", (1, 13)),
        ("summary: plain text\n  continues bad\n", ("summary",), "bad", (2, 13)),
        ("items: [a, 'b c', bad]\n", ("items", 2), "bad", (1, 19)),
        ("name: \U0001f600 \uae40 bad\n", ("name",), "bad", (1, 11)),
    ],
)
def test_locate_points_inside_every_scalar_style(
    parser: type, text: str, path: tuple, needle: str, where: tuple[int, int]
) -> None:
    assert located(text, path, needle, parser) == Mark(*where)


def test_locate_of_a_space_points_after_the_character_before() -> None:
    document, _ = parse_yaml("summary: |\n  ab\n  cd\n", "x.yaml")
    assert document is not None
    assert document.locate(("summary",), 2) == Mark(2, 5)  # the newline after `ab`


def test_locate_falls_back_to_the_value() -> None:
    document, _ = parse_yaml("a: 5\nb: text\n", "x.yaml")
    assert document is not None
    assert document.locate(("a",), 0) == Mark(1, 4)  # not a string
    assert document.locate(("b",), 99) == Mark(2, 4)  # past the end
    assert document.locate(("c",), 0) == Mark(1, 1)  # no such field


# Characters that keep the requested style (plain, quoted, literal, folded),
# and ones that force escapes.
SIMPLE = st.sampled_from([*"abyz09", " ", "\n", "\n\n", "'", "#", "\u00e9", "\uae40", "."])
ANY = st.sampled_from(
    [
        *"ab yz09",
        "\n",
        "\n\n",
        "'",
        '"',
        "\\",
        "#",
        ": ",
        "- ",
        "\t",
        "\u00e9",
        "\uae40",
        "\U0001f600",
        "\x07",
        "\u00a0",
        "  ",
    ]
)
STYLES = ["", "'", '"', "|", ">"]


def _index(source: str, mark: Mark) -> int:
    """Line and column back to an index, counting only LF (the emitter's line break)."""
    lines = source.split("\n")
    return sum(len(line) + 1 for line in lines[: mark.line - 1]) + mark.col - 1


@pytest.mark.parametrize("parser", PARSERS)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    words=st.one_of(
        st.lists(SIMPLE, min_size=1, max_size=40), st.lists(ANY, min_size=1, max_size=40)
    ),
    style=st.sampled_from(STYLES),
    width=st.integers(min_value=8, max_value=60),
    indent=st.sampled_from(["", "  "]),
)
def test_locate_points_at_the_same_character_in_the_file(
    parser: type, words: list[str], style: str, width: int, indent: str
) -> None:
    value = "".join(words)
    body = yaml.safe_dump(
        {"summary": value}, default_style=style or None, width=width, allow_unicode=True
    )
    source = f"outer:\n{indent}{body.replace(chr(10), chr(10) + indent)}" if indent else body
    path = ("outer", "summary") if indent else ("summary",)
    document, _ = parse_yaml(source, "x.yaml", parser=parser)
    assume(document is not None and document.value_at(path) == value)
    assert document is not None
    for offset, char in enumerate(value):
        if char in " \t\n\r":
            continue
        at = source[_index(source, document.locate(path, offset)) :]
        if document.spans[path].style == '"' and at.startswith("\\"):
            continue  # an escape such as \u00e9 or \" stands for the character
        assert at.startswith(char), (offset, char, source)


# --- PartialDate: typed errors, no year 0, nothing but ASCII digits.


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("0000", ImpossibleDateError),
        ("0000-01-01", ImpossibleDateError),
        ("2024-13", ImpossibleDateError),
        ("2023-02-29", ImpossibleDateError),
        ("2024-02-20\n", DateFormatError),
        ("\u0662\u0660\u0662\u0664", DateFormatError),  # Arabic-Indic 2024
        ("20/02/2024", DateFormatError),
    ],
)
def test_impossible_and_malformed_dates_raise_typed_errors(text: str, error: type) -> None:
    with pytest.raises(error):
        PartialDate.parse(text)
    assert issubclass(error, ValueError)


def test_partial_dates_sort_by_key_not_by_comparison() -> None:
    dates = [PartialDate.parse(t) for t in ["2024-02-20", "2024", "2024-02"]]
    assert [d.iso() for d in sorted(dates, key=PartialDate.sort_key)] == [
        "2024",
        "2024-02",
        "2024-02-20",
    ]
    with pytest.raises(TypeError):
        _ = dates[0] < dates[1]  # type: ignore[operator]
