"""After each commit that changes records, ask the CDN to drop the pages that show them.

Every write path saves through the ORM (the services the admin, the API and the commands share),
so the hook is Django's own model signals for the ``claims`` app: ``post_save``, ``post_delete``
and ``m2m_changed`` collect the keys a write changes (``keys.written``: the record's own and
those of the records it points at) and always ``keys.LISTS``. The keys of one transaction go out
together, once it has committed (``transaction.on_commit``); a write that rolls back purges
nothing (its keys may ride along with the next purge, which costs a needless purge, never a
stale page).

The request is sent by one background thread per process, with a short timeout
(``CDN_PURGE_TIMEOUT``), so a slow or failing CDN neither slows nor fails the write. A purge the
CDN did not take (no answer, a timeout, a 5xx or 429) is sent again ``CDN_PURGE_RETRIES`` times,
``CDN_PURGE_RETRY_SECONDS`` apart and doubling; a 4xx (a wrong key or address) is not, since
asking again cannot mend it. Each failure is logged (logger ``claimtracker.cdn``); a purge that
never gets through leaves the page in the CDN for at most ``CACHE_SHARED_MAX_AGE`` seconds, as
does a purge lost with its process (retries live in memory: a queue in the database would cost
every write an extra row for what the shared lifetime already bounds). Writes that bypass the
ORM's signals (a bulk ``update()``, raw SQL) are bounded the same way.

The request: ``POST CDN_PURGE_URL`` with the keys in a ``Surrogate-Key`` header, space-separated
(Fastly's purge of several keys), and as ``{"tags": [...]}`` in a JSON body (Cloudflare's purge
by tag); ``CDN_PURGE_AUTH_HEADER`` ("Name: value") is added when set. Off when ``CDN_PURGE_URL``
is empty.
"""

from __future__ import annotations

import json
import logging
import queue
import threading
import urllib.error
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from claimtracker.cdn import keys

logger = logging.getLogger("claimtracker.cdn")

# Keys written since the last purge was handed over, for this thread's transaction.
pending = threading.local()
# Purges waiting for the sender thread.
outbox: queue.SimpleQueue[Purge] = queue.SimpleQueue()
sender_lock = threading.Lock()
sender: threading.Thread | None = None


def enabled() -> bool:
    return bool(getattr(settings, "CDN_PURGE_URL", ""))


def is_record(model: type[models.Model]) -> bool:
    return model._meta.app_label == "claims"


def collect(written: Iterable[str]) -> None:
    """Add keys to this thread's pending purge, sent once the transaction commits."""
    keys_so_far: set[str] | None = getattr(pending, "keys", None)
    if keys_so_far is None:
        keys_so_far = pending.keys = set()
    keys_so_far.update(written)
    keys_so_far.add(keys.LISTS)
    # Each write asks; the first callback to run after the commit takes every key.
    transaction.on_commit(hand_over)


def hand_over() -> None:
    written: set[str] | None = getattr(pending, "keys", None)
    pending.keys = None
    if written:
        send_in_background(sorted(written))


def on_save(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if enabled() and is_record(sender):
        collect(keys.written(instance))


def on_m2m_change(
    sender: type[models.Model],
    instance: models.Model,
    action: str,
    model: type[models.Model],
    pk_set: set[Any] | None,
    **kwargs: Any,
) -> None:
    if not (enabled() and action.startswith("post_") and is_record(type(instance))):
        return
    written = keys.written(instance)
    if keys.is_named(model):
        written |= {keys.key(model, pk) for pk in pk_set or ()}
    collect(written)


def connect() -> None:
    post_save.connect(on_save, dispatch_uid="cdn_purge_save")
    post_delete.connect(on_save, dispatch_uid="cdn_purge_delete")
    m2m_changed.connect(on_m2m_change, dispatch_uid="cdn_purge_m2m")


@dataclass(frozen=True)
class Purge:
    """One purge request, built when its transaction committed (with that moment's settings)."""

    keys: list[str]
    request: urllib.request.Request
    timeout: float
    retries_left: int = 0
    retry_seconds: float = 0.0


def send_in_background(written: list[str]) -> None:
    """Queue a purge for the sender thread, starting it if this process has none yet."""
    outbox.put(
        Purge(
            written,
            purge_request(written),
            settings.CDN_PURGE_TIMEOUT,
            retries_left=settings.CDN_PURGE_RETRIES,
            retry_seconds=settings.CDN_PURGE_RETRY_SECONDS,
        )
    )
    start_sender()


def start_sender() -> None:
    global sender
    with sender_lock:
        if sender is None or not sender.is_alive():
            sender = threading.Thread(target=send_forever, name="cdn-purge", daemon=True)
            sender.start()


def send_forever() -> None:
    while True:
        purge = outbox.get()
        try:
            send(purge)
        except Exception as error:
            if purge.retries_left and worth_retrying(error):
                logger.warning(
                    "CDN purge of %s failed (%s); trying again in %s s",
                    " ".join(purge.keys),
                    error,
                    purge.retry_seconds,
                )
                retry_later(purge)
            else:
                logger.exception("CDN purge of %s failed", " ".join(purge.keys))


def worth_retrying(error: Exception) -> bool:
    """A CDN that did not answer, or answered that it is busy or broken, may take it later."""
    if isinstance(error, urllib.error.HTTPError):
        return error.code >= 500 or error.code == 429
    return isinstance(error, OSError)  # refused, reset, timed out, name not resolved


def retry_later(purge: Purge) -> None:
    again = replace(
        purge, retries_left=purge.retries_left - 1, retry_seconds=purge.retry_seconds * 2
    )

    def requeue() -> None:
        outbox.put(again)
        start_sender()

    timer = threading.Timer(purge.retry_seconds, requeue)
    timer.daemon = True
    timer.start()


def purge_request(written: list[str]) -> urllib.request.Request:
    headers = {"Content-Type": "application/json", "Surrogate-Key": " ".join(written)}
    name, _, value = settings.CDN_PURGE_AUTH_HEADER.partition(":")
    if name.strip() and value.strip():
        headers[name.strip()] = value.strip()
    body = json.dumps({"tags": written}).encode()
    return urllib.request.Request(  # noqa: S310 - the operator's own URL
        settings.CDN_PURGE_URL, data=body, headers=headers, method="POST"
    )


def send(purge: Purge) -> None:
    """Send one purge request now (the sender thread calls this)."""
    with urllib.request.urlopen(purge.request, timeout=purge.timeout) as answer:  # noqa: S310
        logger.info("CDN purge of %s: %s", " ".join(purge.keys), answer.status)
