"""Command line: ``python -m generator <command>``.

The edge of the program: it parses arguments, reads the settings, calls a
command from :mod:`generator.commands`, prints, and exits. Exit codes: 0
clean (warnings allowed), 1 content errors or a failed build, 2 usage
errors. No input makes it print a traceback: an unexpected failure is one
line, with a request to report it.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from .cli_output import print_diagnostics, progress
from .commands import EXIT_ERRORS, EXIT_OK, EXIT_USAGE, CommandError
from .diagnostics import has_errors
from .kinds import load_registry
from .settings import Settings, SettingsError, load_settings

ISSUES_URL = "https://github.com/example/factsheets/issues"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Validate fact records and generate the fact-sheet site.",
    )
    parser.add_argument(
        "--root",
        type=Path,
        default=Path.cwd(),
        help="the project root, holding mkdocs.yml; paths in messages are relative to it "
        "(default: .)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser(
        "validate",
        help="check records and report every problem",
        description="Check every record and page in the content folder and report every "
        "problem, one per line. With PATHS, only problems in those files or folders are shown "
        "(the whole content is still read, so references are checked).",
    )
    validate.add_argument("paths", nargs="*", type=Path, metavar="PATHS")
    validate.add_argument(
        "--format",
        choices=["text", "github"],
        default="text",
        help="text: path:line:col lines; github: GitHub Actions annotations",
    )

    generate = commands.add_parser(
        "generate", help="validate, then write the Markdown pages into the docs directory"
    )
    generate.add_argument("--quiet", action="store_true", help="print nothing on success")

    commands.add_parser(
        "build", help="validate, generate, then build the site into site/ (kept if it fails)"
    )

    names = ", ".join(kind.name for kind in load_registry())
    new = commands.add_parser("new", help="write a skeleton record to fill in")
    new.add_argument("kind", help=f"the kind of record: {names}")
    new.add_argument("id", help="the new record's id, such as kim-jong-un")

    commands.add_parser(
        "reference", help="regenerate the field and rule reference in CONTRIBUTING.md"
    )
    commands.add_parser("editor", help="write the editor's schema mapping (.vscode/settings.json)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except CommandError as error:
        print(f"error: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return EXIT_ERRORS
    except Exception as error:  # the last guard: one line, never a traceback
        if os.environ.get("FACTSHEETS_DEBUG") == "1":
            raise
        print(
            f"error: internal error ({type(error).__name__}: {error}) while running "
            f"`{args.command}`. This is a bug in the generator, not in your records: please "
            f"report it at {ISSUES_URL} with the command you ran (FACTSHEETS_DEBUG=1 shows "
            "the details)",
            file=sys.stderr,
        )
        return EXIT_ERRORS


def _settings(args: argparse.Namespace) -> Settings:
    root: Path = args.root.resolve()
    if not root.is_dir():
        raise CommandError(f"--root {args.root} is not a folder", EXIT_USAGE)
    try:
        settings = load_settings(root)
    except SettingsError as error:
        raise CommandError(str(error), EXIT_USAGE) from error
    if args.command in ("validate", "generate", "build") and not settings.content_dir.is_dir():
        shown = os.path.relpath(settings.content_dir, root)
        raise CommandError(
            f"no content folder `{shown}/` in {root}: run this from the repository root, pass "
            "--root, or set extra.factsheets.content_dir in mkdocs.yml",
            EXIT_USAGE,
        )
    return settings


def _run(args: argparse.Namespace) -> int:
    settings = _settings(args)
    if args.command == "validate":
        from .commands import validate

        shown = validate.run(settings, args.paths)
        print_diagnostics(shown, args.format)
        return EXIT_ERRORS if has_errors(shown) else EXIT_OK
    if args.command in ("generate", "build"):
        return _generate_or_build(settings, args.command, quiet=getattr(args, "quiet", False))
    if args.command == "new":
        from .commands import new

        path = new.run(settings, args.kind, args.id)
        print(
            f"wrote {path.relative_to(settings.root).as_posix()}: fill in every TODO, then validate"
        )
        return EXIT_OK
    if args.command == "reference":
        from .commands import reference

        if reference.run(settings):
            progress("updated the field reference in CONTRIBUTING.md")
        return EXIT_OK
    if args.command == "editor":
        from .commands import editor

        if editor.run(settings):
            progress(f"wrote {editor.SETTINGS_FILE}")
        return EXIT_OK
    return EXIT_USAGE  # pragma: no cover - argparse rejects unknown commands


def _generate_or_build(settings: Settings, command: str, *, quiet: bool) -> int:
    from .commands import build, generate

    started = time.perf_counter()
    if command == "build":
        result = build.run(settings)
        generated = result.generated
    else:
        generated = generate.run(settings)
    print_diagnostics(generated.diagnostics)
    if generated.report is None:
        print("error: the content has errors, so no pages were written", file=sys.stderr)
        return EXIT_ERRORS
    if not quiet:
        docs = os.path.relpath(settings.docs_dir, settings.root)
        elapsed = time.perf_counter() - started
        progress(f"generated {docs}/: {generated.report.summary()}")
        if command == "build":
            progress(f"site built in site/ in {elapsed:.1f} s (open site/index.html)")
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
