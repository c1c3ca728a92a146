"""The command line as a contributor and CI use it: output format and exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import run_generator


def test_real_content_is_clean_and_silent() -> None:
    completed = run_generator("validate")
    assert (completed.returncode, completed.stdout, completed.stderr) == (0, "", "")


def break_actor(corpus: Path) -> None:
    (corpus / "content/actors/bob-leader.yaml").write_text("name: Bob\ntype: persn\nsummary: x\n")


def test_errors_exit_1_with_one_line_each(corpus: Path) -> None:
    break_actor(corpus)
    completed = run_generator("validate", cwd=corpus)
    assert completed.returncode == 1
    assert completed.stdout.splitlines() == [
        "content/actors/bob-leader.yaml:2:7: error: type: `persn` is not an allowed value "
        "(did you mean `person`?); use one of: person, state, organization, media, company, "
        "international-body [schema-enum]"
    ]
    assert completed.stderr.strip() == "1 error, 0 warnings in 1 file"
    assert "Traceback" not in completed.stderr


def test_github_format_prints_annotations(corpus: Path) -> None:
    break_actor(corpus)
    completed = run_generator("validate", "--format", "github", cwd=corpus)
    [line] = completed.stdout.splitlines()
    assert line.startswith(
        "::error file=content/actors/bob-leader.yaml,line=2,col=7,title=schema-enum::type: `persn`"
    )


def test_paths_limit_what_is_reported(corpus: Path) -> None:
    break_actor(corpus)
    other = run_generator("validate", "content/gifts", cwd=corpus)
    assert (other.returncode, other.stdout) == (0, "")
    same = run_generator("validate", "content/actors/bob-leader.yaml", cwd=corpus)
    assert same.returncode == 1 and same.stdout.startswith("content/actors/bob-leader.yaml:2:7")


def test_warnings_alone_exit_0(corpus: Path) -> None:
    (corpus / "content/sources/spare.yaml").write_text(
        "publisher: P\nabout: A\nurl: https://example.org/\nlanguage: en\ntype: media\n"
    )
    completed = run_generator("validate", cwd=corpus)
    assert completed.returncode == 0
    assert completed.stdout.startswith("content/sources/spare.yaml:1:1: warning: ")


def test_usage_errors_exit_2(corpus: Path) -> None:
    assert run_generator("validate", "no/such/file.yaml", cwd=corpus).returncode == 2
    assert run_generator("validate", "--format", "xml", cwd=corpus).returncode == 2
    assert run_generator("frobnicate", cwd=corpus).returncode == 2


def test_generate_reports_progress_and_refuses_bad_content(corpus: Path) -> None:
    ok = run_generator("generate", cwd=corpus)
    assert ok.returncode == 0 and "written" in ok.stderr
    break_actor(corpus)
    bad = run_generator("generate", cwd=corpus)
    assert bad.returncode == 1 and "no pages were written" in bad.stderr
    assert bad.stdout.startswith("content/actors/bob-leader.yaml:2:7: error:")


def test_running_outside_the_repository_is_a_usage_error(tmp_path: Path) -> None:
    completed = run_generator("validate", cwd=tmp_path)
    assert completed.returncode == 2 and "run this from the repository root" in completed.stderr


def test_every_command_reads_the_content_folder_the_settings_name(corpus: Path) -> None:
    (corpus / "content").rename(corpus / "records")
    config = corpus / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace(
            "  factsheets:\n", "  factsheets:\n    content_dir: records\n"
        ),
        "utf-8",
    )
    break_actor_in = corpus / "records/actors/bob-leader.yaml"
    break_actor_in.write_text("name: Bob\ntype: persn\nsummary: x\n")
    validated = run_generator("validate", cwd=corpus)
    assert validated.returncode == 1 and "records/actors/bob-leader.yaml:2:7:" in validated.stdout
    generated = run_generator("--root", str(corpus), "generate", cwd=corpus.parent)
    assert generated.returncode == 1 and "records/actors/bob-leader.yaml:2:7:" in generated.stdout
    break_actor_in.write_text(
        "name: Bob Leader\ntype: person\nsummary: Leader of Beta.\nstate: beta-state\n"
    )
    made = run_generator("new", "actor", "carl-leader", cwd=corpus)
    assert made.returncode == 0 and (corpus / "records/actors/carl-leader.yaml").is_file()
    (corpus / "records/actors/carl-leader.yaml").unlink()
    assert run_generator("--root", str(corpus), "generate", cwd=corpus.parent).returncode == 0
    assert (corpus / "build/docs/actors/bob-leader.md").is_file()


def test_an_unexpected_failure_is_one_line_not_a_traceback(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from generator import cli
    from generator.commands import validate

    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("something no input should cause")

    monkeypatch.setattr(validate, "run", broken)
    assert cli.main(["--root", str(corpus), "validate"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "internal error (RuntimeError" in err
    assert "please report it" in err and "Traceback" not in err
