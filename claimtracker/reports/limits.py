"""How many reports one client address may send: REPORTS_PER_HOUR, counted in the shared cache.

The count lives in the default cache (the ``claimtracker_cache`` table, shared by every server
process, like the API's throttles) under a keyed hash of the address, never the address itself,
and expires with its hour. A fixed window: simple, and an hour's worth of reports from one
address is already more than a reader needs.

Checking the count and counting a report are two steps, so ``one_sender_at_a_time`` holds a
PostgreSQL advisory lock on the address for both: two reports sent at the same moment from one
address cannot both take the hour's last place. The cache table is on the same database
connection, so its reads and writes happen inside that lock's transaction.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils.crypto import salted_hmac

WINDOW_SECONDS = 3600


def _digest(address: str | None) -> str:
    # No address (a misconfigured proxy chain) shares one bucket: better than no limit.
    return salted_hmac(
        "claimtracker.reports.limit", address or "unknown", algorithm="sha256"
    ).hexdigest()


def _key(address: str | None) -> str:
    return f"reports:sent:{_digest(address)}"


@contextmanager
def one_sender_at_a_time(address: str | None) -> Iterator[None]:
    """Run the check, the report's write and its count as one step per address."""
    # 60 bits of the keyed hash: a lock number no other address is likely to share.
    lock = int(_digest(address)[:15], 16)
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [lock])
        yield


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
