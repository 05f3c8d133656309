"""Conditional GET for public pages: an unchanged page is answered 304 without being rendered.

Every public page is validated by one site-wide value, "the record as it stands now", rather
than by per-page dependencies. A claim page alone depends on the claim, its statements and their
speakers and sources, its evidence links, its status history and the evidence that history
cites; an actor or topic page on more again. Tracking each page's own set is easy to get wrong
silently (a stale status served as current is this product's worst failure), while a site-wide
value is right by construction: any write anywhere in the record changes every page's
validator. Edits are rare next to reads, so the lost 304s cost little.

The value is read in ONE query over every table of the ``claims`` app (auto-created many-to-many
tables included): per table its row count and highest primary key (an insert or a delete shows
in one of them) and, where the table has one, its newest ``updated_at`` or ``recorded_at`` (an
edit). A status change inserts a ``StatusChange`` row; publishing and editing go through
``save()``, which stamps ``updated_at``. Link tables without timestamps (claim evidence, names,
many-to-many rows) are seen when rows are added or removed, and edited in place only through
their parent's admin form, which saves the parent too.

What else changes a page without touching the record, and is folded into the ETag: the
language the page is rendered in, the deployed code (``CACHE_RELEASE``, or the time this
process started), and the date (pages say "since 2022, 2 years", so a page is never reused
across midnight UTC).

Headers: ``Cache-Control: public, max-age=0, must-revalidate``: a browser or CDN keeps the
page and asks each time whether it is current, so a status change shows on the next request.
(No ``s-maxage``: even a few seconds of a CDN serving the old status is a reader misled.)
docs/security.md describes the policy.
"""

import datetime
import hashlib
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponseBase
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition

type View = Callable[..., HttpResponseBase]

# Columns that move when a row is edited; the first one a table has is read.
CHANGE_COLUMNS = ("updated_at", "recorded_at")
# The code serving pages changed at the latest when this process started.
PROCESS_STARTED = timezone.now().replace(microsecond=0)


@cache
def record_tables() -> tuple[tuple[str, str, str | None], ...]:
    """(table, primary key column, change column or None) for every table of the record."""
    tables = []
    for model in apps.get_app_config("claims").get_models(include_auto_created=True):
        columns = {field.attname: field.column for field in model._meta.concrete_fields}
        change = next((columns[name] for name in CHANGE_COLUMNS if name in columns), None)
        # A composite primary key has no column of its own; its first field stands in.
        key = model._meta.pk_fields[0].column or model._meta.pk_fields[0].attname
        tables.append((model._meta.db_table, key, change))
    return tuple(sorted(tables))


def stamp_query() -> str:
    # Identifiers come from model metadata, never from a request, and are quoted.
    quote = connection.ops.quote_name
    parts = []
    for table, pk, change in record_tables():
        parts.append(f"(SELECT COUNT(*) FROM {quote(table)})")  # noqa: S608
        parts.append(f"(SELECT MAX({quote(pk)}) FROM {quote(table)})")  # noqa: S608
        if change:
            parts.append(f"(SELECT MAX({quote(change)}) FROM {quote(table)})")  # noqa: S608
    return "SELECT " + ", ".join(parts)


def as_datetime(value: Any) -> datetime.datetime | None:
    # PostgreSQL returns datetimes; SQLite returns the stored text of a raw column.
    if isinstance(value, str):
        value = parse_datetime(value)
    if isinstance(value, datetime.datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value, datetime.UTC)
    return None


class RecordStamp:
    """The record's state as two validators: an ETag over everything, and its newest change."""

    def __init__(self, values: Sequence[Any]) -> None:
        self.values = tuple(values)
        changes = [moment for value in values if (moment := as_datetime(value))]
        self.last_change = max([PROCESS_STARTED, *changes])

    def etag(self) -> str:
        release = getattr(settings, "CACHE_RELEASE", "") or PROCESS_STARTED.isoformat()
        today = timezone.now().date().isoformat()
        text = repr((self.values, get_language(), release, today))
        # Weak: the same page may be sent compressed or not by a proxy.
        return f'W/"{hashlib.sha256(text.encode()).hexdigest()[:32]}"'

    def last_modified(self) -> datetime.datetime:
        # Not before today began (UTC): relative dates on the page change at midnight.
        today = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
        return max(self.last_change, today)


def record_stamp(request: HttpRequest) -> RecordStamp:
    """The record's stamp, read once per request (this runs one query)."""
    stamp: RecordStamp | None = getattr(request, "_record_stamp", None)
    if stamp is None:
        with connection.cursor() as cursor:
            cursor.execute(stamp_query())
            stamp = RecordStamp(cursor.fetchone() or ())
        request._record_stamp = stamp  # type: ignore[attr-defined]
    return stamp


def page_etag(request: HttpRequest, *args: Any, **kwargs: Any) -> str:
    return record_stamp(request).etag()


def page_last_modified(request: HttpRequest, *args: Any, **kwargs: Any) -> datetime.datetime:
    return record_stamp(request).last_modified()


def public_page(view: View) -> View:
    """Make a public page's view answer conditional GETs and say how it may be cached.

    Wrap the ``.as_view()`` of every public page in ``web/urls.py``. Cache-Control goes on the
    outside so that a 304 carries it too.
    """
    conditional = condition(etag_func=page_etag, last_modified_func=page_last_modified)(view)
    return cache_control(public=True, max_age=0, must_revalidate=True)(conditional)


def uncached_page(view: View) -> View:
    """For pages not worth validating (search results, one per query): always ask again."""
    return cache_control(no_cache=True)(view)
