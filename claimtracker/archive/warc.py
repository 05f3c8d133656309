"""The WARC file of a capture: every request and response of the fetch, redirects included."""

from __future__ import annotations

import io
from importlib.metadata import version
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from claimtracker.archive.fetching import Exchange

# Removed from the recorded response: the body is stored decoded from its transfer encoding,
# so a WARC reader must not try to undo it again.
TRANSFER_HEADERS = {"transfer-encoding"}


def warcio_version() -> str:
    return version("warcio")


def build_warc(exchanges: list[Exchange]) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    writer.write_record(
        writer.create_warcinfo_record(
            "capture.warc.gz", {"software": f"ClaimTracker archiver, warcio {warcio_version()}"}
        )
    )
    for exchange in exchanges:
        parts = urlsplit(exchange.url)
        path = f"{parts.path or '/'}{'?' if parts.query else ''}{parts.query}"
        request = writer.create_warc_record(
            exchange.url,
            "request",
            payload=io.BytesIO(b""),
            http_headers=StatusAndHeaders(
                f"GET {path} HTTP/1.1", exchange.request_headers, is_http_request=True
            ),
        )
        headers = [
            (name, value)
            for name, value in exchange.response_headers
            if name.lower() not in TRANSFER_HEADERS
        ]
        response = writer.create_warc_record(
            exchange.url,
            "response",
            payload=io.BytesIO(exchange.body),
            http_headers=StatusAndHeaders(
                f"{exchange.status} {exchange.reason}", headers, protocol="HTTP/1.1"
            ),
            warc_headers_dict={"WARC-IP-Address": exchange.ip},
        )
        writer.write_request_response_pair(request, response)
    return buffer.getvalue()
