"""Background work, run by the worker (``manage.py db_worker``, docs/archiving.md).

Django's Tasks framework has no retries of its own: a capture that failed for a reason that
may pass (a network error, a timeout, a 5xx) enqueues itself again, ``ARCHIVE_RETRY_SECONDS``
later, then twice that, up to ``ARCHIVE_RETRIES`` times; then the failure is recorded. A
backend that cannot defer (the immediate one in tests) records it at once.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.tasks import task, task_backends
from django.utils import timezone

from claimtracker.archive.fetching import fetch
from claimtracker.archive.models import Capture
from claimtracker.archive.services import (
    capture_record,
    quote_check_record,
    quote_sha256,
    submission_record,
)
from claimtracker.claims.models import Source, Statement

QUEUE = "archive"


@task(queue_name=QUEUE)
def capture_source(source_id: int, key: str, requested_at: str, attempt: int = 1) -> str:
    """Fetch a source's address and record the capture under ``key`` (once)."""
    if capture := Capture.objects.filter(key=key).first():
        return f"already captured as capture {capture.pk}"
    source = Source.objects.filter(pk=source_id).first()
    if source is None or not source.url:
        return "nothing to capture: no such source, or it has no web address"
    result = fetch(source.url)
    if result.transient and attempt <= settings.ARCHIVE_RETRIES:
        backend = task_backends[capture_source.backend]
        if backend.supports_defer:
            delay = settings.ARCHIVE_RETRY_SECONDS * 2 ** (attempt - 1)
            capture_source.using(
                run_after=timezone.now() + datetime.timedelta(seconds=delay)
            ).enqueue(source_id=source_id, key=key, requested_at=requested_at, attempt=attempt + 1)
            return f"{result.outcome}: {result.detail}; trying again in {delay} s"
    capture = capture_record(
        source=source,
        key=key,
        requested_at=datetime.datetime.fromisoformat(requested_at),
        result=result,
        attempts=attempt,
    )
    return f"capture {capture.pk}: {capture.outcome}"


@task(queue_name=QUEUE)
def check_quote(statement_id: int, quote_hash: str) -> str:
    """Check a statement's quote against its source's latest copy, and store the result (once
    per capture and quote). A quote edited again since it was asked is left to its own task."""
    statement = Statement.objects.filter(pk=statement_id).only("pk", "quote", "source_id").first()
    if statement is None or quote_sha256(statement.quote) != quote_hash:
        return "nothing to check: no such statement, or its quote changed since"
    check = quote_check_record(statement=statement)
    if check is None:
        return "nothing to check: its source has no archived copy"
    return f"quote {'found' if check.found else 'not found'} in capture {check.capture_id}"


@task(queue_name=QUEUE)
def submit_capture(capture_id: int) -> str:
    """Send a capture's address to the public web archive and record its answer."""
    capture = Capture.objects.filter(pk=capture_id).first()
    if capture is None:
        return "nothing to send: no such capture"
    submission = submission_record(capture=capture)
    if submission.accepted:
        return f"sent; the archive's copy: {submission.archived_address or 'not said'}"
    return f"not accepted: {submission.detail}"
