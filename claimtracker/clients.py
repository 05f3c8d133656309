"""Who is asking: the client's address, the one rule for throttles, lockout and the security log.

``X-Forwarded-For`` is whatever the client sent, plus one address appended by each proxy on the
way. Only the proxies that are ours (``TRUSTED_PROXY_COUNT``, docs/security.md) append truthfully:
the N-th entry from the right is the address the outermost of N trusted proxies received the
request from. Everything to its left the client wrote, and trusting it would let a client pose
as a new one at each request (dodging the API throttles and the sign-in lockout) or as someone
else (getting them throttled or locked out).
"""

from __future__ import annotations

import ipaddress
from typing import Any, Protocol

from django.conf import settings


class HasMeta(Protocol):
    """A Django ``HttpRequest`` or a DRF ``Request`` (which hands ``META`` through)."""

    @property
    def META(self) -> dict[str, Any]: ...


def client_address(request: HasMeta) -> str | None:
    """The client's address, or the peer's (``REMOTE_ADDR``) when proxies vouch for none.

    Falls back to the peer when there are fewer forwarded entries than trusted proxies or the
    chosen entry is not an address: such a request did not come through every proxy, and the
    peer is at least a real address (the lockout stores it in an ``inet`` column).
    """
    peer: str | None = request.META.get("REMOTE_ADDR") or None
    proxies: int = settings.TRUSTED_PROXY_COUNT
    if proxies == 0:
        return peer
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    if len(forwarded) < proxies:
        return peer
    try:
        return str(ipaddress.ip_address(forwarded[-proxies].strip()))
    except ValueError:
        return peer
