"""Conditional GET for public pages: an unchanged page is answered 304 without being rendered.

Every public page is validated by one site-wide value, "the record as it stands now", rather
than by per-page dependencies. A claim page alone depends on the claim, its statements and their
speakers and sources, its evidence links, its status history and the evidence that history
cites; an actor or topic page on more again. Tracking each page's own set is easy to get wrong
silently (a stale status served as current is this product's worst failure), while a site-wide
value is right by construction: any write anywhere in the record changes every page's
validator. Edits are rare next to reads, so the lost 304s cost little.

The value is the record's revision (``claims.models.RecordRevision``), read in ONE query of one
row: a counter the database itself bumps, by a trigger on every table of the ``claims`` app,
whenever a statement writes to it, and the time of that write. Triggers see every write path
(the ORM, bulk ``update()``, raw SQL, a database shell), and a table added later gets its
trigger at the next ``migrate`` (claims/models/revision.py). This replaced counting rows and
reading the newest key and timestamp of every table, which cost 42 ms a request at 20 000
claims (docs/development.md, Performance).

Why it stays right:

- The stamp is read before the page's data, each in its own snapshot (autocommit), so a page is
  never older than its validator: at worst newer, and the next request revalidates.
- The bump belongs to the writing transaction: a rolled-back write rolls its bump back, and a
  committed one becomes visible together with the bump. No page is built from data its stamp
  has not counted.
- The price: writing transactions queue on the one revision row from their first write until
  they commit. Curators' edits are few and short; docs/security.md says so too.

What else changes a page without touching the record, and is folded into the ETag: the
language the page is rendered in, the deployed code (``claimtracker.cdn.release``:
``CACHE_RELEASE``, else a digest of the code's files, the same in every worker, on every server
and after a restart, never the time a process started), and the date (pages say "since 2022,
2 years", so a page is never reused across midnight UTC).

Headers (``claimtracker.cdn.policy``): ``Cache-Control: public, max-age=0, s-maxage=N,
stale-while-revalidate=M``. A browser keeps the page and asks each time whether it is current,
so a reader who reloads sees a status change at once. A CDN may serve its copy for N seconds
(and M more while it revalidates). This file once refused ``s-maxage``: seconds of a CDN serving
an old status would mislead readers, and nothing told the CDN a page had changed. Now something
does: each page names the records it shows in ``Surrogate-Key``/``Cache-Tag``, and every commit
that changes records sends the CDN a purge of their keys (``claimtracker.cdn.purge``), so a
status change leaves the CDN as soon as it is committed. N bounds only what a purge cannot
reach (a lost purge request, a copy the CDN was fetching while the write committed and stored
after the purge, a write by raw SQL), and without ``CDN_PURGE_URL`` N and M default
to 0: the CDN revalidates every request, as before. docs/operations.md ("Caching and CDNs") and
docs/security.md describe the policy.
"""

import datetime
import hashlib
from collections.abc import Callable, Sequence
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.core.signals import setting_changed
from django.db import connection
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.template.response import SimpleTemplateResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition

from claimtracker.cdn import keys, policy
from claimtracker.cdn.release import release, released_at
from claimtracker.claims.models import revision

type View = Callable[..., HttpResponseBase]


def stamp_query() -> str:
    # No row only right after a test database's flush: the stamp is then empty until a write.
    return (
        f"SELECT revision, changed_at FROM {revision.TABLE} "  # noqa: S608 - constants
        f"WHERE id = {revision.ROW}"
    )


def as_datetime(value: Any) -> datetime.datetime | None:
    # The stamp's values are the revision number and its time: only the time is a moment.
    if isinstance(value, datetime.datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value, datetime.UTC)
    return None


class RecordStamp:
    """The record's state as two validators: an ETag over its revision (the number and when it
    was reached, so a revision number that restarts after a restore is not mistaken for the old
    one), and its newest change."""

    def __init__(self, values: Sequence[Any]) -> None:
        self.values = tuple(values)
        changes = [moment for value in values if (moment := as_datetime(value))]
        # Not before the deployed code last changed: a deploy re-renders pages.
        self.last_change = max([released_at(), *changes])

    def etag(self) -> str:
        today = timezone.now().date().isoformat()
        text = repr((self.values, get_language(), release(), today))
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


def name_for_purging(response: HttpResponseBase) -> HttpResponseBase:
    """Give a page its surrogate keys: the records it shows, read once it is rendered."""
    if response.status_code == 304:
        # A CDN keeps the keys of the copy it revalidates.
        return response
    if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
        response.add_post_render_callback(
            lambda rendered: policy.set_keys(rendered, keys.page_keys(rendered.context_data))
        )
    else:
        policy.set_keys(response, [keys.LISTS])
    return response


def kept_rendered(view: View) -> View:
    """Keep each rendered public page in this process's ``pages`` cache under its address and
    its ETag, and answer the next reader of the same page from there.

    Rendering a page of claim cards costs far more than reading its data (about 130 ms against
    8 ms in queries at 200 000 claims: a few hundred template nodes and URL reversals). The ETag
    already names everything a public page depends on (the record's revision, the language, the
    release and the date), so a page kept under it can never be served after a write changed
    it: the next request's ETag differs, and the old copy is simply never asked for again. Only
    what is the same for everyone is kept: a GET or HEAD without credentials, answered 200, not
    streamed (exports), with no cookie and not varying on ``Cookie`` or ``Authorization``.
    """

    @wraps(view)
    def kept(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        key = kept_key(request)
        if key is None:
            return name_for_purging(view(request, *args, **kwargs))
        pages = caches[PAGE_CACHE]
        found: HttpResponseBase | None = pages.get(key)
        if found is not None:
            return found
        response = name_for_purging(view(request, *args, **kwargs))
        if isinstance(response, SimpleTemplateResponse):
            response.render()  # now, so that its surrogate keys are set and it can be kept
        if isinstance(response, HttpResponse) and keepable(response):
            # One chunk: a feed is written in thousands of small pieces, and the server would
            # send each of them with a system call of its own, every time the page is given.
            response.content = response.content
            pages.set(key, response)
        return response

    return kept


def kept_key(request: HttpRequest, *more: str) -> str | None:
    """The key a reader's answer is kept under (``kept_rendered``, the API's lists): the
    record's ETag (its revision, the language, the release, the date), the host and scheme
    (absolute links in an answer use them) and the address, plus ``more``; None when it must
    not be kept: a write, or a request with credentials."""
    if request.method not in ("GET", "HEAD") or policy.carries_credentials(request):
        return None
    forget_older_pages(record_stamp(request))
    address = " ".join(
        [
            page_etag(request),
            str(request.scheme),
            request.get_host(),
            request.get_full_path(),
            *more,
        ]
    )
    return hashlib.sha256(address.encode()).hexdigest()


# The cache alias of rendered pages (settings.CACHES) and the largest page kept in it.
PAGE_CACHE = "pages"
PAGE_CACHE_MAX_BYTES = 256 * 1024
# The record's revision the kept pages were rendered at (per process).
_kept_revision: tuple[Any, ...] | None = None


def forget_older_pages(stamp: RecordStamp) -> None:
    """Every kept page's key holds the record's revision, so once a request sees a newer one,
    the pages kept before can never be asked for again: drop them at once rather than let
    them fill the process's memory until the cache culls them. The stamp is read from the
    primary (never a replica), so a revision once seen does not come back."""
    global _kept_revision
    if stamp.values != _kept_revision:
        if _kept_revision is not None:
            caches[PAGE_CACHE].clear()
        _kept_revision = stamp.values


@receiver(setting_changed)
def forget_kept_pages(**kwargs: Any) -> None:
    """A page may show settings (the about page shows who runs the site). They change only
    with a restart, which empties a process's kept pages, or in a test (``override_settings``),
    which this covers."""
    if PAGE_CACHE in settings.CACHES:  # a test may set CACHES without it
        caches[PAGE_CACHE].clear()


def keepable(response: HttpResponseBase) -> bool:
    return (
        response.status_code == 200
        and isinstance(response, HttpResponse)
        and not response.cookies
        and not (policy.varies_on(response) & policy.PERSONAL_VARY)
        and len(response.content) <= PAGE_CACHE_MAX_BYTES
    )


def public_page(view: View) -> View:
    """Make a public page's view (a feed's, an export's) answer conditional GETs, say how it
    may be cached, name the records it shows for purging, and keep it rendered
    (``kept_rendered``).

    Wrap the ``.as_view()`` of every public page in ``web/urls.py``. Cache-Control goes on the
    outside so that a 304 carries it too.
    """
    conditional = condition(etag_func=page_etag, last_modified_func=page_last_modified)(
        kept_rendered(view)
    )

    @wraps(view)
    def cached(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = conditional(request, *args, **kwargs)
        response["Cache-Control"] = policy.shared_cache_control()
        policy.mark_shared(response)
        return response

    return cached


def uncached_page(view: View) -> View:
    """For pages not worth validating (search results, one per query): always ask again."""
    return cache_control(no_cache=True)(view)
