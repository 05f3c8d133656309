"""The API's throttles: anonymous clients by address, signed-in users by account, never both.

DRF's own classes name a client by ``X-Forwarded-For`` as sent (forgeable) and let the user
throttle count anonymous clients by address too, so that the lower of the two rates applied to
them. Here each rate counts only its own kind of client (docs/api.md, "Limits"), and the
address is claimtracker.clients', the same the lockout and the security log use.
"""

from __future__ import annotations

from typing import Any

from rest_framework import throttling
from rest_framework.request import Request

from claimtracker.clients import client_address


class ClientAddressThrottle(throttling.BaseThrottle):
    def get_ident(self, request: Request) -> str:
        return client_address(request) or ""


class AnonRateThrottle(ClientAddressThrottle, throttling.AnonRateThrottle):
    """``API_THROTTLE_ANON`` per address, for anonymous requests only (as DRF's)."""


class UserRateThrottle(ClientAddressThrottle, throttling.UserRateThrottle):
    """``API_THROTTLE_USER`` per account, for signed-in requests only."""

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)
