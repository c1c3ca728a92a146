"""Publishing the built site: replace ``site/`` so that a kill at any moment
leaves the old site or the new one, complete, never neither.

How:

- MkDocs builds into a temporary folder next to ``site/``, named
  ``.site-build-<pid>-<random>`` and holding an ownership marker
  (``.factsheets-build-owner.json``). MkDocs keeps dotfiles when it cleans
  its output folder, so the marker survives the build.
- A manifest (``.factsheets-build.json``: every file and its SHA-256) is
  written into the finished tree, then the tree and ``site/`` trade places
  in one atomic ``renameat2(RENAME_EXCHANGE)``. The old tree, now under the
  temporary name, is deleted. Without renameat2 (not Linux, or a file
  system that lacks it) two renames are used, with a short window in which
  ``site/`` is missing.
- ``site/`` must carry the manifest to be replaced: a ``site/`` folder of
  someone else's is never deleted.
- The next build deletes leftovers of killed builds: folders with the
  prefix and one of the two markers whose process is gone. Nothing else.
- The engine runs in its own process group and dies with the build
  (``PR_SET_PDEATHSIG``); SIGTERM and SIGINT kill it and clean up.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import hashlib
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from types import FrameType

TEMP_PREFIX = ".site-build-"
OWNER_MARKER = ".factsheets-build-owner.json"
SITE_MARKER = ".factsheets-build.json"


class BuildError(Exception):
    """The build stopped; the message says why and what to do."""


def publish_site(root: Path, site_dir: Path, command: Sequence[str], env: dict[str, str]) -> Path:
    """Run ``command`` (which gets ``--site-dir <temp>`` appended) and publish its output."""
    shown = _shown(root, site_dir)
    check_replaceable(site_dir, shown)
    remove_leftovers(site_dir.parent)
    temp = make_temp_folder(site_dir.parent)
    try:
        with _terminate_on_signals() as children:
            code = run_engine([*command, "--site-dir", str(temp)], root, env, children)
        if code != 0:
            raise BuildError(
                f"mkdocs build failed (exit {code}); the previous site in {shown}/ "
                "was left as it was"
            )
        write_manifest(temp)
        (temp / OWNER_MARKER).unlink()  # the manifest now marks it as ours
        swap_into_place(temp, site_dir)
    except OSError as error:
        raise BuildError(
            f"cannot write the site next to {shown}/: {error.strerror or error}; "
            "check that the folder is writable"
        ) from error
    finally:
        shutil.rmtree(temp, ignore_errors=True)
    return site_dir


def _shown(root: Path, path: Path) -> str:
    try:
        return os.path.relpath(path, root)
    except ValueError:
        return str(path)


def check_replaceable(site_dir: Path, shown: str) -> None:
    """Refuse to replace a ``site/`` that this tool did not write."""
    if site_dir.is_symlink() or (site_dir.exists() and not site_dir.is_dir()):
        raise BuildError(
            f"{shown} is not a folder this build wrote; move it elsewhere, then build again"
        )
    if not site_dir.is_dir() or (site_dir / SITE_MARKER).is_file():
        return
    if any(site_dir.iterdir()):
        raise BuildError(
            f"{shown}/ holds files this build did not write (no {SITE_MARKER}); "
            "move the folder elsewhere, then build again"
        )


def make_temp_folder(parent: Path) -> Path:
    pid = os.getpid()
    temp = parent / f"{TEMP_PREFIX}{pid}-{_start_time(pid) or 0}-{secrets.token_hex(4)}"
    temp.mkdir()
    marker = {"tool": "factsheets", "pid": os.getpid()}
    (temp / OWNER_MARKER).write_text(json.dumps(marker) + "\n", "utf-8")
    return temp


def remove_leftovers(parent: Path) -> list[Path]:
    """Delete the temporary folders of builds that were killed; return them."""
    removed = []
    for folder in sorted(parent.glob(TEMP_PREFIX + "*")):
        owner = _owner(folder)
        if owner is None or _alive(*owner):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def _owner(folder: Path) -> tuple[int, str | None] | None:
    """The pid and start time in an ours-for-sure folder's name; None if not ours.

    Names are ``.site-build-PID-START-TOKEN``; folders of earlier versions,
    ``.site-build-PID-TOKEN``, carry no start time.
    """
    if folder.is_symlink() or not folder.is_dir():
        return None
    marked = (folder / OWNER_MARKER).is_file() or (folder / SITE_MARKER).is_file()
    # A build killed between creating its folder and marking it leaves it
    # empty: there is nothing in it to lose, so the name alone will do.
    if not marked and not (folder.is_dir() and not folder.is_symlink() and _empty(folder)):
        return None
    parts = folder.name[len(TEMP_PREFIX) :].split("-")
    if not parts[0].isdigit():
        return None
    started = parts[1] if len(parts) >= 3 and parts[1] != "0" else None
    return int(parts[0]), started


def _empty(folder: Path) -> bool:
    try:
        return next(folder.iterdir(), None) is None
    except OSError:
        return False


def _alive(pid: int, started: str | None = None) -> bool:
    """Whether the build that made a folder still runs.

    Pids come round again (after 32,768 on many systems), so a live process
    with the pid but another start time is not that build.
    """
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # someone else's process: alive, unless it started at another time
    now = _start_time(pid)
    return started is None or now is None or now == started


def _start_time(pid: int) -> str | None:
    """When the process started, in clock ticks since boot (Linux /proc), else None."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # Field 22 of stat; the command name (field 2) may hold spaces and ")".
    return stat.rsplit(")", 1)[1].split()[19]


def manifest(folder: Path) -> dict[str, str]:
    """Every file of a built site (markers excepted) and its SHA-256."""
    files = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if path.is_file() and relative not in {SITE_MARKER, OWNER_MARKER}:
            files[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
    return files


def write_manifest(folder: Path) -> None:
    data = {"tool": "factsheets", "files": manifest(folder)}
    temp = folder / (SITE_MARKER + ".tmp")
    temp.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", "utf-8")
    os.replace(temp, folder / SITE_MARKER)


def read_manifest(site_dir: Path) -> dict[str, str]:
    return json.loads((site_dir / SITE_MARKER).read_text("utf-8"))["files"]


# --- the swap -----------------------------------------------------------

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _renameat2() -> object | None:
    if not sys.platform.startswith("linux"):
        return None
    libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
    function = getattr(libc, "renameat2", None)
    if function is not None:
        function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
        function.argtypes += [ctypes.c_uint]
        function.restype = ctypes.c_int
    return function


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically; False when the system cannot."""
    function = _renameat2()
    if function is None:
        return False
    result = function(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def swap_into_place(new: Path, target: Path) -> None:
    """Make ``new`` the ``target``; the old target ends up at ``new``'s path."""
    if not target.exists():
        os.rename(new, target)
        return
    if exchange(new, target):
        return
    # Two renames: between them there is no target, for a moment.
    old = new.with_name(new.name + "-old")
    os.rename(target, old)
    os.rename(new, target)
    os.rename(old, new)


# --- the engine process ---------------------------------------------------

_PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int) -> None:
    """Runs in the child before exec: SIGKILL it when the build process dies."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def run_engine(command: Sequence[str], cwd: Path, env: dict[str, str], children: list[int]) -> int:
    parent = os.getpid()
    kwargs: dict[str, object] = {"start_new_session": True}
    if sys.platform.startswith("linux"):
        kwargs["preexec_fn"] = lambda: _die_with_parent(parent)
    process = subprocess.Popen(list(command), cwd=cwd, env=env, **kwargs)
    children.append(process.pid)
    try:
        return process.wait()
    finally:
        if process.poll() is None:
            _kill_group(process.pid)
            process.wait()
        children.remove(process.pid)


def _kill_group(pid: int) -> None:
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


@contextmanager
def _terminate_on_signals() -> Iterator[list[int]]:
    """On SIGTERM or SIGINT: kill the engine's process group, then stop."""
    children: list[int] = []

    def stop(signum: int, frame: FrameType | None) -> None:
        for pid in list(children):
            _kill_group(pid)
        raise KeyboardInterrupt if signum == signal.SIGINT else SystemExit(128 + signum)

    previous = {}
    try:
        for signum in (signal.SIGTERM, signal.SIGINT):
            previous[signum] = signal.signal(signum, stop)
    except ValueError:
        pass  # not the main thread: signals stay as they are
    try:
        yield children
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
