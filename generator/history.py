"""When each content file was added and last changed, from the git history.

One ``git log`` over the content folder gives every file's dates, so the
cost does not grow with a process per file. The dates are commit dates
(committer time, in UTC), so two builds of one commit give the same dates.

Fallback, where git cannot say (no ``.git``, as in a source tarball; git not
installed; a file not yet committed): the date is ``SOURCE_DATE_EPOCH``
when that is set (the reproducible-builds convention for "the date of this
release"), otherwise unknown (``None``). Unknown dates are left out, never
replaced by the build time: the feed skips such records, the sitemap prints
no ``lastmod``, and JSON-LD has no ``dateModified``.

A shallow clone (CI's default ``fetch-depth: 1``) knows only its newest
commit, so every file would get that commit's date: deploy from a full
clone (``fetch-depth: 0``).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

# A line that starts a commit in the log output; file names follow it.
_MARK = "@@commit "  # no file under content/ starts so


@dataclass(frozen=True)
class FileDates:
    added: dt.datetime
    changed: dt.datetime


History = dict[str, FileDates]


def load_history(root: Path, folder: Path) -> History:
    """Dates of every file under ``folder``, keyed by path relative to ``root`` (``/``-separated).

    Files git does not know get the fallback date described above, or no
    entry at all: ask with :func:`dates_of`.
    """
    return _git_dates(root, folder)


def dates_of(history: History, path: str) -> FileDates | None:
    """The dates of one file, falling back to SOURCE_DATE_EPOCH, or None."""
    found = history.get(path)
    if found is not None:
        return found
    epoch = source_date_epoch()
    return FileDates(epoch, epoch) if epoch else None


def source_date_epoch() -> dt.datetime | None:
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value.isdigit():
        return None
    return dt.datetime.fromtimestamp(int(value), dt.UTC)


def _git_dates(root: Path, folder: Path) -> History:
    git = shutil.which("git")
    if git is None:
        return {}
    try:
        relative = folder.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return {}
    try:
        top = subprocess.run(
            [git, "rev-parse", "--show-toplevel"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        completed = subprocess.run(
            # Newest first; --no-renames so a moved file counts as added anew
            # at its new path, which is when its page appeared.
            [git, "log", "--no-renames", f"--format={_MARK}%ct", "--name-only", "--", relative],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "GIT_OPTIONAL_LOCKS": "0"},
        )
    except (OSError, subprocess.CalledProcessError):
        return {}  # not a repository, or no commits yet
    # git prints paths relative to the repository's top; make them relative to root.
    prefix = Path(root).resolve().relative_to(Path(top).resolve()).as_posix()
    prefix = "" if prefix == "." else prefix + "/"
    return _parse_log(completed.stdout, prefix)


def _parse_log(output: str, prefix: str) -> History:
    changed: dict[str, dt.datetime] = {}
    added: dict[str, dt.datetime] = {}
    when: dt.datetime | None = None
    for line in output.split("\n"):
        if line.startswith(_MARK):
            when = dt.datetime.fromtimestamp(int(line[len(_MARK) :]), dt.UTC)
            continue
        if not line or when is None or not line.startswith(prefix):
            continue
        path = line[len(prefix) :]
        changed.setdefault(path, when)  # the log is newest first
        added[path] = when  # ... so the last one seen is the oldest
    return {path: FileDates(added[path], changed[path]) for path in sorted(changed)}


def iso(moment: dt.datetime) -> str:
    """``2024-02-20T09:30:00Z``: RFC 3339 in UTC, as feeds and JSON-LD want it."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
