"""A local web site on 127.0.0.1 standing in for the pages sources cite.

Its pages: one that quotes (/speech), one whose content changes (/changing), deleted ones (404
for any unknown path, 410 once deleted), a redirect (/moved), a huge one (/huge), an endless one
(/endless), a slow one (/slow), one that is not HTML (/data.json), a redirect to a file:
address (/to-file) and a failing server (/failing). /save/<address> stands in for a public web
archive's save endpoint (as the Wayback Machine's answers: a redirect to the archived copy). The
tests use it, and so can a person
trying the archive by hand (``manage.py archive_fixture_site``): GET /edit changes /changing,
GET /delete makes it answer 410.
"""

from __future__ import annotations

import contextlib
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

FIRST_VERSION = "<html><body><p>First version of the page.</p></body></html>"
QUOTE_PAGE = """<!doctype html><html lang="en"><head><title>Address to the nation</title>
<link rel="stylesheet" href="/style.css"><script>var hidden = "not text";</script></head>
<body><h1>Address to the nation</h1>
<p>The president said: \u201cWe faced   twenty thousand
terrorists\u201d in the city.</p><img src="/pixel.png" alt=""></body></html>"""


class FixtureSite:
    def __init__(self, port: int = 0) -> None:
        # What /changing serves; tests replace it.
        self.changing = FIRST_VERSION
        self.edits = 0
        self.gone: set[str] = set()
        self.requests: list[str] = []
        # What was sent to /save/, the public archive's stand-in.
        self.submitted: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site.requests.append(self.path)
                route = ROUTES.get(self.path.split("?")[0])
                if self.path.startswith(SAVE):
                    site.submitted.append(self.path.removeprefix(SAVE))
                    saved(self, self.path.removeprefix(SAVE))
                elif self.path in {"/edit", "/delete"}:
                    site.edit(self.path)
                    send(self, b"<p>Done.</p>", "text/html")
                elif self.path in site.gone:
                    self.send_error(410)
                elif route is None:
                    self.send_error(404)
                else:
                    route(self, site)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def edit(self, action: str) -> None:
        if action == "/delete":
            self.gone.add("/changing")
        else:
            self.edits += 1
            self.changing = (
                f"<html><body><p>Version {self.edits + 1} of the page.</p></body></html>"
            )

    @property
    def root(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return f"{self.root}{path}"

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def send(
    handler: BaseHTTPRequestHandler, body: bytes, content_type: str, status: int = 200
) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def quote_page(handler: BaseHTTPRequestHandler, site: FixtureSite) -> None:
    send(handler, QUOTE_PAGE.encode(), "text/html; charset=utf-8")


def changing(handler: BaseHTTPRequestHandler, site: FixtureSite) -> None:
    send(handler, site.changing.encode(), "text/html; charset=utf-8")


def redirect(handler: BaseHTTPRequestHandler, site: FixtureSite) -> None:
    handler.send_response(301)
    handler.send_header("Location", "/speech")
    handler.send_header("Content-Length", "0")
    handler.end_headers()


SAVE = "/save/"
SAVED_AT = "20261203000000"


def saved(handler: BaseHTTPRequestHandler, address: str) -> None:
    """A public archive's answer to a save request: where its copy of ``address`` is."""
    handler.send_response(302)
    handler.send_header("Location", f"/web/{SAVED_AT}/{address}")
    handler.send_header("Content-Length", "0")
    handler.end_headers()


def redirect_to_file(handler: BaseHTTPRequestHandler, site: FixtureSite) -> None:
    handler.send_response(302)
    handler.send_header("Location", "file:///etc/passwd")
    handler.send_header("Content-Length", "0")
    handler.end_headers()


def huge(handler: BaseHTTPRequestHandler, site: FixtureSite) -> None:
    # No Content-Length: the limit has to be enforced while reading.
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()
    try:
        for _ in range(64):
            handler.wfile.write(b"<p>" + b"x" * 16_384 + b"</p>")
    except OSError:
        pass


def endless(handler: BaseHTTPRequestHandler, site: FixtureSite) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()
    try:
        while True:
            handler.wfile.write(b"<p>more</p>")
            time.sleep(0.05)
    except OSError:
        pass


def slow(handler: BaseHTTPRequestHandler, site: FixtureSite) -> None:
    time.sleep(3)
    with contextlib.suppress(OSError):  # the fetcher gave up and hung up
        send(handler, b"<p>late</p>", "text/html")


def not_html(handler: BaseHTTPRequestHandler, site: FixtureSite) -> None:
    send(handler, b'{"deaths": 225}', "application/json")


def failing(handler: BaseHTTPRequestHandler, site: FixtureSite) -> None:
    send(handler, b"<p>try later</p>", "text/html", status=503)


ROUTES = {
    "/speech": quote_page,
    "/changing": changing,
    "/moved": redirect,
    "/to-file": redirect_to_file,
    "/huge": huge,
    "/endless": endless,
    "/slow": slow,
    "/data.json": not_html,
    "/failing": failing,
}
