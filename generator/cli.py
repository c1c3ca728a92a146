"""Command line: ``python -m generator <command>``.

Exit codes: 0 clean (warnings allowed), 1 content errors, 2 usage errors.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .cli_output import print_diagnostics
from .diagnostics import Diagnostic, has_errors
from .load import relpath
from .validate import load_and_validate

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Validate fact records and generate the fact-sheet site.",
    )
    parser.add_argument(
        "--root",
        type=Path,
        default=Path.cwd(),
        help="the project root; paths in messages are relative to it (default: .)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser(
        "validate",
        help="check records and report every problem",
        description="Check every record under content/ and report every problem, one per "
        "line. With PATHS, only problems in those files or folders are shown (the whole "
        "content is still read, so references are checked).",
    )
    validate.add_argument("paths", nargs="*", type=Path, metavar="PATHS")
    validate.add_argument(
        "--format",
        choices=["text", "github"],
        default="text",
        help="text: path:line:col lines; github: GitHub Actions annotations",
    )

    generate = commands.add_parser(
        "generate",
        help="validate, then write the Markdown pages into the docs directory",
    )
    generate.add_argument("--quiet", action="store_true", help="print nothing on success")

    new = commands.add_parser("new", help="write a skeleton record to fill in")
    new.add_argument("kind", help="actor, gift, visit, sanction or source")
    new.add_argument("id", help="the new record's id, such as kim-jong-un")

    commands.add_parser(
        "reference",
        help="regenerate the field reference from the schemas",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    root: Path = args.root.resolve()
    if not root.is_dir():
        print(f"error: --root {args.root} is not a folder", file=sys.stderr)
        return EXIT_USAGE
    if args.command in ("validate", "generate") and not (root / "content").is_dir():
        print(
            f"error: no content/ folder in {root}: run this from the repository root, "
            "or pass --root",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if args.command == "validate":
        return run_validate(root, args.paths, args.format)
    if args.command == "generate":
        from .build import generate_command

        return generate_command(root, quiet=args.quiet)
    if args.command == "new":
        from .scaffold import new_command

        return new_command(root, args.kind, args.id)
    if args.command == "reference":
        from .reference import reference_command

        return reference_command(root)
    return EXIT_USAGE  # pragma: no cover - argparse rejects unknown commands


def run_validate(root: Path, paths: Sequence[Path], output_format: str) -> int:
    wanted: list[str] = []
    for path in paths:
        if not path.exists():
            print(f"error: {path} does not exist", file=sys.stderr)
            return EXIT_USAGE
        wanted.append(relpath(path, root))
    _, diagnostics = load_and_validate(root)
    shown = [d for d in diagnostics if _selected(d, wanted)]
    print_diagnostics(shown, output_format)
    return EXIT_ERRORS if has_errors(shown) else EXIT_OK


def _selected(diagnostic: Diagnostic, wanted: list[str]) -> bool:
    if not wanted:
        return True
    return any(
        prefix in (".", "") or diagnostic.path == prefix or diagnostic.path.startswith(prefix + "/")
        for prefix in wanted
    )


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
