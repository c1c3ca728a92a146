"""Finding and driving Debian's Chromium with Playwright, for the browser tests."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# Without these, Chromium tries to reach Google's services at start-up; the
# network here is closed, so each attempt is a failed request in the log.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def find_chromium() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if candidate and Path(candidate).is_file():
            return candidate
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    return found


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def _serve(handler: Callable[..., SimpleHTTPRequestHandler], path: str = "") -> Iterator[str]:
    """Run an HTTP server on 127.0.0.1 at a free port; yield its base URL plus ``path``."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/{path}"
    finally:
        server.shutdown()
        server.server_close()


def serve_directory(directory: Path) -> AbstractContextManager[str]:
    """Serve ``directory`` at the root of a local server; yield its base URL."""
    return _serve(partial(_QuietHandler, directory=str(directory)))


class _PagesHandler(_QuietHandler):
    """Answers a missing path with the site's 404.html, as GitHub Pages does."""

    def __init__(self, *args: object, not_found: Path, **kwargs: object) -> None:
        self.not_found = not_found  # read when needed: the site may be built after start
        super().__init__(*args, **kwargs)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404 or not self.not_found.is_file():
            super().send_error(code, message, explain)
            return
        page = self.not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        self.wfile.write(page)


def serve_like_pages(parent: Path, prefix: str) -> AbstractContextManager[str]:
    """Serve ``parent`` (which holds the site in ``prefix/``) with a Pages-style 404."""
    not_found = parent / prefix / "404.html"
    return _serve(partial(_PagesHandler, directory=str(parent), not_found=not_found), f"{prefix}/")
