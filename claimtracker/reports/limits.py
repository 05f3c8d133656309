"""How many reports one client address may send: REPORTS_PER_HOUR, counted in the shared cache.

The count lives in the default cache (the ``claimtracker_cache`` table, shared by every server
process, like the API's throttles) under a keyed hash of the address, never the address itself,
and expires with its hour. A fixed window: simple, and an hour's worth of reports from one
address is already more than a reader needs.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac

WINDOW_SECONDS = 3600


def _key(address: str | None) -> str:
    # No address (a misconfigured proxy chain) shares one bucket: better than no limit.
    digest = salted_hmac(
        "claimtracker.reports.limit", address or "unknown", algorithm="sha256"
    ).hexdigest()
    return f"reports:sent:{digest}"


def reports_left(address: str | None) -> int:
    """How many more reports this address may send in the current hour."""
    sent: int = cache.get(_key(address), 0)
    return max(settings.REPORTS_PER_HOUR - sent, 0)


def count_report(address: str | None) -> None:
    key = _key(address)
    # add() starts the hour's window only if none is running; incr() keeps its expiry.
    if not cache.add(key, 1, WINDOW_SECONDS):
        try:
            cache.incr(key)
        except ValueError:  # expired between the two calls: a new window
            cache.set(key, 1, WINDOW_SECONDS)
