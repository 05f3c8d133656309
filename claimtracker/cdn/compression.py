"""gzip and brotli for what the site writes itself: HTML, JSON, feeds and exports, streamed ones
too. Static files are WhiteNoise's: it serves them precompressed, with Content-Encoding set,
which this leaves alone.

Never compressed (BREACH): a response that carries a CSRF token or session data, because an
attacker who can put text into such a page (a search term, a form's echo) and watch the
compressed size can read the secret out of it a byte at a time. So a response is sent as is
when its request used the CSRF token (a form page, the admin's login), read a session holding
data (the admin, the browsable API signed in), or when it sets a cookie. Public pages read no
session and hold no token (docs/security.md), so every one of them is compressed; Django's own
GZipMiddleware pads with random bytes instead, which would make identical pages differ.

Brotli when the client accepts it (``br``), else gzip; ``Vary: Accept-Encoding`` on everything
of a compressible type, so a CDN keeps one copy per encoding. A strong ETag becomes weak (the
bytes differ by encoding); public pages' ETags are weak already.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

import brotli
from django.http import HttpRequest, HttpResponseBase, StreamingHttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.text import compress_sequence, compress_string

from claimtracker.cdn import policy

# Below this the headers outweigh the saving (Django's GZipMiddleware's threshold).
MIN_SIZE = 200
# Brotli's quality 4-5 costs what gzip's level 6 does and saves more; 11 is for static files.
BROTLI_QUALITY = 5
BROTLI_STREAM_QUALITY = 4
COMPRESSIBLE = re.compile(
    r"^(text/(html|plain|csv|xml|css|javascript)"
    r"|application/(json|ld\+json|x-ndjson|xml|atom\+xml|rss\+xml|javascript|[\w.+-]+\+json)"
    r"|image/svg\+xml)\s*(;|$)",
    re.IGNORECASE,
)
ACCEPTED = re.compile(r"^\s*([\w*-]+)\s*(?:;\s*q\s*=\s*([0-9.]+))?\s*$")


def accepted_encodings(header: str) -> set[str]:
    """The codings ``Accept-Encoding`` allows (a q of 0 refuses one)."""
    allowed = set()
    for part in header.split(","):
        match = ACCEPTED.match(part)
        if match is None:
            continue
        name, quality = match.group(1).lower(), match.group(2)
        try:
            if quality is None or float(quality) > 0:
                allowed.add(name)
        except ValueError:
            continue
    return allowed


def carries_secrets(request: HttpRequest, response: HttpResponseBase) -> bool:
    """Whether the body may hold a CSRF token or session data (see the module docstring)."""
    return bool(
        response.cookies
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or policy.holds_session_data(request)
    )


def brotli_sequence(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """A stream compressed chunk by chunk, each flushed so the client gets it as it comes."""
    compressor = brotli.Compressor(quality=BROTLI_STREAM_QUALITY)
    for chunk in chunks:
        out = compressor.process(chunk) + compressor.flush()
        if out:
            yield out
    yield compressor.finish()


def compress(response: HttpResponseBase, coding: str) -> bool:
    """Compress the body in ``coding``; False when that would not make it smaller."""
    if isinstance(response, StreamingHttpResponse):
        chunks = response.streaming_content
        if response.is_async:  # not served here: the site runs under WSGI
            return False
        response.streaming_content = (
            brotli_sequence(chunks) if coding == "br" else compress_sequence(chunks)  # type: ignore[arg-type]
        )
        del response.headers["Content-Length"]
        return True
    content = response.content  # type: ignore[attr-defined]
    if len(content) < MIN_SIZE:
        return False
    compressed = (
        brotli.compress(content, quality=BROTLI_QUALITY)
        if coding == "br"
        else compress_string(content)
    )
    if len(compressed) >= len(content):
        return False
    response.content = compressed  # type: ignore[attr-defined]
    response.headers["Content-Length"] = str(len(compressed))
    return True


class CompressionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if (
            response.has_header("Content-Encoding")
            or response.status_code in {204, 206, 304}
            or not COMPRESSIBLE.match(response.get("Content-Type", ""))
            or carries_secrets(request, response)
        ):
            return response
        patch_vary_headers(response, ["Accept-Encoding"])
        allowed = accepted_encodings(request.headers.get("Accept-Encoding", ""))
        coding = "br" if "br" in allowed else "gzip" if allowed & {"gzip", "*"} else None
        if coding is None or not compress(response, coding):
            return response
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            response.headers["ETag"] = f"W/{etag}"
        response.headers["Content-Encoding"] = coding
        return response
