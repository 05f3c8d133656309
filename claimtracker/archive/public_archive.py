"""Sending an address to a public web archive (the Wayback Machine's save endpoint or another
service that takes the address appended to its own), when ``ARCHIVE_PUBLIC_SUBMIT_URL`` is set.

The endpoint is the operator's configuration, so it is reached even where the SSRF guard would
refuse its address (a local archive in tests, an internal one in production); that is the guard's
one exception. Nothing else is: its redirects are recorded as its answer, never followed, and
the address sent is one the guard already let the worker fetch.
"""

from __future__ import annotations

import http.client
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings

from claimtracker.archive.fetching import USER_AGENT

# An archive's answer is a short page or a redirect; more is not read.
MAX_ANSWER_BYTES = 64 * 1024
ARCHIVED_AT = ("Content-Location", "Location")


@dataclass
class Answer:
    accepted: bool
    http_status: int | None = None
    archived_address: str = ""
    detail: str = ""


def submit(address: str, endpoint: str) -> Answer:
    """Ask the archive at ``endpoint`` to save ``address``; never raises for a bad answer."""
    parts = urlsplit(endpoint + address)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        return Answer(False, detail=f"The archive's address is not http or https: {endpoint}")
    connection_class = (
        http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    )
    connection = connection_class(
        parts.hostname, parts.port, timeout=settings.ARCHIVE_TIMEOUT_SECONDS
    )
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request("GET", path, headers={"User-Agent": USER_AGENT})
        response = connection.getresponse()
        response.read(MAX_ANSWER_BYTES)
    except (OSError, http.client.HTTPException) as error:
        return Answer(False, detail=f"Could not reach the archive: {error}")
    finally:
        connection.close()
    # Where the copy is: the Wayback Machine says so in Content-Location, or redirects to it.
    location = next((value for name in ARCHIVED_AT if (value := response.getheader(name))), "")
    accepted = 200 <= response.status < 400
    return Answer(
        accepted,
        http_status=response.status,
        archived_address=urljoin(endpoint, location) if accepted and location else "",
        detail="" if accepted else f"The archive answered {response.status} {response.reason}.",
    )
