"""Public reads from read replicas; writes, and reads that may follow a write, from the primary.

With ``DATABASE_REPLICA_URLS`` set (settings.py makes an alias for each, ``replica1``…), a
reader's GET or HEAD with no session cookie and no ``Authorization`` header reads from a replica,
and everything else from the primary (docs/operations.md, "Read replicas"):

- **Never older than the primary.** Before a request reads from a replica, the replica's record
  revision (the one row every write of the record bumps, claims/models/revision.py) is compared
  with the primary's; a replica that has not replayed the latest write is passed over for this
  request. A page is thus never built from an older record than its validator says (the ETag
  comes from the primary's revision, web/caching.py), and a status change shows at once, however
  far a replica lags. The price is one small query on each side per public request.
- **Your own writes.** A signed-in person (a session cookie) or an API client sending
  credentials reads from the primary, so a curator sees what they just saved. Within any request,
  the first write sends every later read of that request to the primary too.
- **A replica that is down** (its check fails to connect or query) is left alone for
  ``DATABASE_REPLICA_RETRY_SECONDS`` and the request reads from the primary. A replica that
  fails later, in the middle of a request, costs that request an error; the next requests skip it.
- **What is always on the primary**: Django's database cache (the API's throttle counts and the
  report limit must be read where they are written) and every migration.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.http import HttpRequest, HttpResponseBase

from claimtracker.claims.models import revision

# The database this request's reads go to; None: the primary.
_reads_from: ContextVar[str | None] = ContextVar("claimtracker_reads_from", default=None)
# Replicas found down, and until when (time.monotonic()) they are left alone; per process.
_down_until: dict[str, float] = {}
# Django's database cache: its reads must see its own writes (throttles, the report limit).
PRIMARY_ONLY_APPS = {"django_cache"}
SAFE_METHODS = {"GET", "HEAD"}


class ReplicaRouter:
    """Django's database router for the rules above (settings.DATABASE_ROUTERS)."""

    def db_for_read(self, model: type[Any], **hints: Any) -> str:
        if model._meta.app_label in PRIMARY_ONLY_APPS:
            return DEFAULT_DB_ALIAS
        return _reads_from.get() or DEFAULT_DB_ALIAS

    def db_for_write(self, model: type[Any], **hints: Any) -> str:
        if model._meta.app_label not in PRIMARY_ONLY_APPS:
            # What follows a write in this request reads what it wrote.
            _reads_from.set(None)
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # replicas hold the primary's rows

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == DEFAULT_DB_ALIAS


def record_revision(alias: str) -> tuple[Any, ...]:
    """The record's revision (number and time) as the database ``alias`` has it."""
    with connections[alias].cursor() as cursor:
        cursor.execute(
            f"SELECT revision, changed_at FROM {revision.TABLE} "  # noqa: S608 - constants
            f"WHERE id = {revision.ROW}"
        )
        return tuple(cursor.fetchone() or ())


def may_use_replica(request: HttpRequest) -> bool:
    """A reader's read: no write, no session (a signed-in person), no credentials."""
    return (
        request.method in SAFE_METHODS
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


def fresh_replica() -> str | None:
    """A replica that is up and has replayed the primary's latest write of the record, if any."""
    replicas = [
        alias
        for alias in settings.DATABASE_REPLICAS
        if _down_until.get(alias, 0.0) <= time.monotonic()
    ]
    if not replicas:
        return None
    primary = record_revision(DEFAULT_DB_ALIAS)
    random.shuffle(replicas)  # spread readers over the replicas
    for alias in replicas:
        try:
            if record_revision(alias) == primary:
                return alias
        except DatabaseError:
            _down_until[alias] = time.monotonic() + settings.DATABASE_REPLICA_RETRY_SECONDS
            connections[alias].close()
    return None


class ReplicaReadsMiddleware:
    """Choose, once per request, where its reads go (see the module's docstring)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        alias = None
        if settings.DATABASE_REPLICAS and may_use_replica(request):
            alias = fresh_replica()
        token = _reads_from.set(alias)
        try:
            return self.get_response(request)
        finally:
            _reads_from.reset(token)
