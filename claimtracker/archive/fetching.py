"""Fetching a cited address without being turned against our own network (SSRF).

Each hop's host is resolved once, every address it resolves to is checked, and the
connection goes to the checked address (a second lookup could answer differently: DNS
rebinding). Private, loopback, link-local and other non-public addresses are refused unless
``ARCHIVE_ALLOWED_NETWORKS`` lists them (tests allow a local server on 127.0.0.1). Redirects
are followed by hand, each one checked the same way. Size, time and content type are limited.

``fetch`` never raises for a bad target: it returns a result whose outcome says what happened,
and whether trying again later could help (``transient``).
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from django.conf import settings

from claimtracker.archive.models import Outcome

REDIRECTS = {301, 302, 303, 307, 308}
GONE = {404, 410}
CHUNK = 64 * 1024
USER_AGENT = "ClaimTracker-archiver/1.0 (archives pages cited as sources)"


@dataclass
class Exchange:
    """One request and its response, as the WARC records it."""

    url: str
    ip: str
    request_headers: list[tuple[str, str]]
    status: int
    reason: str
    response_headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str:
        return next((v for k, v in self.response_headers if k.lower() == name.lower()), "")


@dataclass
class FetchResult:
    address: str
    outcome: Outcome
    detail: str = ""
    transient: bool = False
    exchanges: list[Exchange] = field(default_factory=list)

    @property
    def final(self) -> Exchange | None:
        return self.exchanges[-1] if self.exchanges else None


class Refused(Exception):
    def __init__(self, outcome: Outcome, detail: str, *, transient: bool = False) -> None:
        super().__init__(detail)
        self.outcome = outcome
        self.detail = detail
        self.transient = transient


def allowed_networks() -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    return [ipaddress.ip_network(net, strict=False) for net in settings.ARCHIVE_ALLOWED_NETWORKS]


def is_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def checked_address(host: str, port: int) -> str:
    """The one address to connect to for ``host``, after checking every address it has."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise Refused(Outcome.UNREACHABLE, f"{host} does not resolve: {error}") from None
    addresses = [ipaddress.ip_address(info[4][0]) for info in infos]
    networks = allowed_networks()
    for ip in addresses:
        if not is_public(ip) and not any(ip in net for net in networks):
            raise Refused(
                Outcome.BLOCKED,
                f"{host} is at {ip}, a private, loopback or link-local address: not fetched.",
            )
    return str(addresses[0])


class PinnedHTTPConnection(http.client.HTTPConnection):
    """Talks to the checked address while naming the host in the request."""

    def __init__(self, host: str, port: int, *, ip: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self.ip = ip

    def connect(self) -> None:
        self.sock = socket.create_connection((self.ip, self.port), self.timeout)


class PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, *, ip: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.ip = ip

    def connect(self) -> None:
        sock = socket.create_connection((self.ip, self.port), self.timeout)
        # The certificate is checked against the host name, not the address.
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


def fetch(address: str) -> FetchResult:
    result = FetchResult(address=address, outcome=Outcome.CAPTURED)
    deadline = time.monotonic() + settings.ARCHIVE_TIMEOUT_SECONDS
    url = address
    try:
        for _hop in range(settings.ARCHIVE_MAX_REDIRECTS + 1):
            exchange = fetch_one(url, deadline)
            result.exchanges.append(exchange)
            location = exchange.header("Location")
            if exchange.status in REDIRECTS and location:
                url = urljoin(url, location)
                continue
            result.outcome, result.detail, result.transient = judge(exchange)
            return result
        raise Refused(
            Outcome.TOO_MANY_REDIRECTS,
            f"More than {settings.ARCHIVE_MAX_REDIRECTS} redirects.",
        )
    except Refused as refusal:
        result.outcome, result.detail = refusal.outcome, refusal.detail
        result.transient = refusal.transient
        return result


def judge(exchange: Exchange) -> tuple[Outcome, str, bool]:
    """The outcome of the last response: captured, gone, an error, or the wrong type."""
    status = exchange.status
    if status in GONE:
        return Outcome.GONE, f"The server answered {status} {exchange.reason}.", False
    if status >= 500:
        return Outcome.HTTP_ERROR, f"The server answered {status} {exchange.reason}.", True
    if status >= 400 or status < 200 or status in REDIRECTS:
        return Outcome.HTTP_ERROR, f"The server answered {status} {exchange.reason}.", False
    media_type = exchange.header("Content-Type").split(";")[0].strip().lower()
    if media_type not in settings.ARCHIVE_CONTENT_TYPES:
        return Outcome.WRONG_TYPE, f"The address serves {media_type or 'no type'}.", False
    return Outcome.CAPTURED, "", False


def fetch_one(url: str, deadline: float) -> Exchange:
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise Refused(Outcome.BLOCKED, f"Only http and https addresses are fetched, not {url}.")
    if parts.username or parts.password:
        raise Refused(Outcome.BLOCKED, "Addresses with credentials are not fetched.")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    ip = checked_address(parts.hostname, port)
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise Refused(Outcome.TIMED_OUT, "Gave up: the time limit ran out.", transient=True)
    connection_class = PinnedHTTPSConnection if parts.scheme == "https" else PinnedHTTPConnection
    connection = connection_class(parts.hostname, port, ip=ip, timeout=remaining)
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    request_headers = [
        ("Host", parts.netloc),
        ("User-Agent", USER_AGENT),
        ("Accept", "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1"),
        # Bodies are stored as served; no compression keeps the WARC and the hashes simple.
        ("Accept-Encoding", "identity"),
        ("Connection", "close"),
    ]
    try:
        connection.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
        for name, value in request_headers:
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        declared = response.getheader("Content-Length")
        if declared and declared.isdigit() and int(declared) > settings.ARCHIVE_MAX_BYTES:
            raise Refused(Outcome.TOO_LARGE, too_large_detail())
        body = read_limited(response, connection, deadline)
        return Exchange(
            url=url,
            ip=ip,
            request_headers=request_headers,
            status=response.status,
            reason=response.reason,
            response_headers=list(response.getheaders()),
            body=body,
        )
    except TimeoutError:
        raise Refused(
            Outcome.TIMED_OUT, "Gave up: the server was too slow.", transient=True
        ) from None
    except ssl.SSLError as error:
        raise Refused(Outcome.UNREACHABLE, f"TLS failed: {error}") from None
    except (OSError, http.client.HTTPException) as error:
        raise Refused(Outcome.UNREACHABLE, f"Could not connect: {error}", transient=True) from None
    finally:
        connection.close()


def too_large_detail() -> str:
    return f"Larger than {settings.ARCHIVE_MAX_BYTES} bytes: not stored."


def read_limited(response: http.client.HTTPResponse, connection: Any, deadline: float) -> bytes:
    """The body, up to the size limit and before the deadline (an endless or trickling
    response ends in a refusal, not a hung worker)."""
    chunks: list[bytes] = []
    size = 0
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise Refused(Outcome.TIMED_OUT, "Gave up: the page took too long.", transient=True)
        if connection.sock is not None:
            connection.sock.settimeout(remaining)
        chunk = response.read1(CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > settings.ARCHIVE_MAX_BYTES:
            raise Refused(Outcome.TOO_LARGE, too_large_detail())
        chunks.append(chunk)
