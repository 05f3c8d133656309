"""A CDN's purge endpoint, played by a real HTTP server on loopback, and the reference case."""

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from claimtracker.cdn import purge
from claimtracker.seeding.reference import load_reference_case

REFERENCE_CLAIM = "outside-terrorists-were-main-protagonists"


@dataclass
class PurgeReceiver:
    """Records each purge request; answers ``status`` after ``delay`` seconds."""

    url: str = ""
    status: int = 200
    # How many requests, the first ones, get a 503 whatever ``status`` says.
    unavailable_first: int = 0
    delay: float = 0.0
    requests: list[dict[str, Any]] = field(default_factory=list)
    arrived: threading.Condition = field(default_factory=threading.Condition)

    def wait_for(self, count: int, seconds: float = 10) -> list[dict[str, Any]]:
        with self.arrived:
            self.arrived.wait_for(lambda: len(self.requests) >= count, timeout=seconds)
        return self.requests

    def purged_keys(self) -> set[str]:
        return {key for request in self.requests for key in request["surrogate_key"].split()}


@pytest.fixture
def purge_receiver(settings):
    """CDN_PURGE_URL pointing at a local server; the shared lifetimes purging allows."""
    receiver = PurgeReceiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            time.sleep(receiver.delay)
            with receiver.arrived:
                receiver.requests.append(
                    {
                        "path": self.path,
                        "surrogate_key": self.headers.get("Surrogate-Key", ""),
                        "authorization": self.headers.get("Authorization", ""),
                        "body": json.loads(body),
                    }
                )
                receiver.arrived.notify_all()
                unavailable = len(receiver.requests) <= receiver.unavailable_first
            self.send_response(503 if unavailable else receiver.status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/purge"
    settings.CDN_PURGE_URL = receiver.url
    settings.CDN_PURGE_AUTH_HEADER = "Authorization: Bearer purge-token"
    settings.CDN_PURGE_TIMEOUT = 1
    settings.CDN_PURGE_RETRIES = 2
    settings.CDN_PURGE_RETRY_SECONDS = 0.2
    settings.CACHE_SHARED_MAX_AGE = 300
    settings.CACHE_STALE_WHILE_REVALIDATE = 30
    # Keys a test before this one left pending (its transaction never committed).
    purge.pending.keys = None
    yield receiver
    server.shutdown()
    server.server_close()


@pytest.fixture
def reference(role_groups):
    load_reference_case()
