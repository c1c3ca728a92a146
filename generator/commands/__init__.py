"""The commands, one module each: they take settings and return results.

Nothing here prints or exits. The command line (``generator/cli.py``), the
invoke tasks and the MkDocs hook call these functions and decide how to
report; a command that cannot go on raises :class:`CommandError` with a
message for the person who ran it.
"""

from __future__ import annotations

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


class CommandError(Exception):
    """A command refused to run or failed; the message says why and what to do."""

    def __init__(self, message: str, exit_code: int = EXIT_ERRORS) -> None:
        super().__init__(message)
        self.exit_code = exit_code
