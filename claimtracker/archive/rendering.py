"""A screenshot and a PDF of a captured page, rendered by Debian's chromium in headless mode.

Chromium never fetches anything itself: that would bypass the SSRF guard
(``fetching.py``). It loads the page through a proxy on 127.0.0.1 that this module runs for the
one rendering, which answers the page's address with the captured bytes and every other request
(images, styles, scripts, other hosts) with 404. The screenshot shows the page as the archive
holds it, which is also what the WARC holds. Scripts are off (a policy header).
"""

from __future__ import annotations

import contextlib
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
    # Every request, loopback included, goes to the capture proxy.
    "--proxy-bypass-list=<-loopback>",
]
RENDER_TIMEOUT_SECONDS = 60


def chromium_version() -> str:
    binary = settings.ARCHIVE_CHROMIUM
    if not binary or not Path(binary).exists():
        return ""
    try:
        completed = subprocess.run(  # noqa: S603 - a configured path, no shell
            [binary, "--version"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return completed.stdout.strip()


def rendered_address(address: str) -> str:
    # Plain http, so chromium asks the proxy for it instead of tunnelling (CONNECT) to it.
    parts = urlsplit(address)
    return urlunsplit(("http", parts.netloc, parts.path or "/", parts.query, ""))


@contextmanager
def capture_proxy(address: str, body: bytes, content_type: str) -> Iterator[int]:
    """A proxy on 127.0.0.1 serving ``body`` for ``address`` and 404 for anything else."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == address:
                self.send_response(200)
                self.send_header("Content-Type", content_type or "text/html")
                self.send_header("Content-Length", str(len(body)))
                # Scripts off (chromium's own switch for that breaks --screenshot).
                self.send_header("Content-Security-Policy", "script-src 'none'")
                self.end_headers()
                self.wfile.write(body)
            else:
                self.send_error(404)

        def do_CONNECT(self) -> None:
            self.send_error(403)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def render(address: str, body: bytes, content_type: str) -> tuple[bytes, bytes]:
    """The PNG screenshot and the PDF of the captured page; empty bytes where chromium failed
    or is not configured."""
    binary = settings.ARCHIVE_CHROMIUM
    if not binary or not Path(binary).exists():
        return b"", b""
    url = rendered_address(address)
    with (
        capture_proxy(url, body, content_type) as port,
        tempfile.TemporaryDirectory(prefix="claimtracker-render-") as folder,
    ):
        work = Path(folder)
        common = [
            binary,
            *FLAGS,
            f"--user-data-dir={work / 'profile'}",
            f"--proxy-server=http://127.0.0.1:{port}",
        ]
        screenshot = work / "page.png"
        pdf = work / "page.pdf"
        run([*common, f"--screenshot={screenshot}", "--window-size=1280,1600", url])
        run([*common, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", url])
        return read(screenshot), read(pdf)


def run(command: list[str]) -> None:
    # A failure shows as the missing output file.
    with contextlib.suppress(OSError, subprocess.TimeoutExpired):
        subprocess.run(  # noqa: S603 - a configured path and our own arguments, no shell
            command, capture_output=True, timeout=RENDER_TIMEOUT_SECONDS, check=False
        )


def read(path: Path) -> bytes:
    return path.read_bytes() if path.exists() else b""
