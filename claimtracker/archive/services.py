"""Writes of the archive: asking for a capture, recording one, checking quotes against it.

Captures are asked for on commit (a rolled-back source is never fetched) and run by the worker
(``tasks.py``). Recording is idempotent on the capture's key: a task that runs twice, or is
retried from the admin, finds its capture already there and adds nothing.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import platform
import uuid
from importlib.metadata import version

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from claimtracker.archive.fetching import FetchResult
from claimtracker.archive.models import Capture, Outcome, QuoteCheck, Submission
from claimtracker.archive.public_archive import submit
from claimtracker.archive.rendering import chromium_version, render
from claimtracker.archive.storage import read_blob, store_blob
from claimtracker.archive.text import extract_text, find_quote
from claimtracker.archive.warc import build_warc, warcio_version
from claimtracker.claims.models import Source, Statement


def capture_key(source: Source) -> str:
    return f"source-{source.pk}-{uuid.uuid4()}"


def capture_on_commit(source: Source) -> None:
    """Once the current transaction commits, ask the worker to capture ``source``.

    Nothing for a source with no web address (the reference case has none), nor when
    ``ARCHIVE_ON_CREATE`` is off."""
    if source.url and settings.ARCHIVE_ON_CREATE:
        capture_request(source=source)


def capture_request(*, source: Source) -> str:
    """Queue a capture of ``source`` once the current transaction commits; the capture's key."""
    # Imported here: the task module imports this one.
    from claimtracker.archive.tasks import capture_source

    key = capture_key(source)
    requested_at = timezone.now().isoformat()
    transaction.on_commit(
        lambda: capture_source.enqueue(source_id=source.pk, key=key, requested_at=requested_at)
    )
    return key


def tool_versions() -> dict[str, str]:
    return {
        "claimtracker-archiver": "1",
        "python": platform.python_version(),
        "django": version("django"),
        "warcio": warcio_version(),
        "chromium": chromium_version(),
    }


def capture_record(
    *,
    source: Source,
    key: str,
    requested_at: datetime.datetime,
    result: FetchResult,
    attempts: int = 1,
) -> Capture:
    """Store the artefacts of ``result`` under their hashes and add the capture (once per key),
    then check the quotes of the source's statements against it."""
    if existing := Capture.objects.filter(key=key).first():
        return existing
    final = result.final
    hashes: dict[str, str] = {}
    if result.exchanges:
        hashes["warc"] = store_blob(build_warc(result.exchanges))
    if final is not None and result.outcome == Outcome.CAPTURED:
        content_type = final.header("Content-Type")
        hashes["content"] = store_blob(final.body)
        hashes["text"] = store_blob(extract_text(final.body, content_type).encode())
        screenshot, pdf = render(final.url, final.body, content_type)
        if screenshot:
            hashes["screenshot"] = store_blob(screenshot)
        if pdf:
            hashes["pdf"] = store_blob(pdf)
    elif final is not None and result.outcome == Outcome.GONE:
        hashes["content"] = store_blob(final.body)
    captured_at = timezone.now()
    manifest = {
        "address": result.address,
        "final_address": final.url if final else "",
        "status": final.status if final else None,
        "outcome": str(result.outcome),
        "detail": result.detail,
        "requested_at": requested_at.isoformat(),
        "captured_at": captured_at.isoformat(),
        "attempts": attempts,
        "tools": tool_versions(),
        "sha256": hashes,
    }
    manifest_sha256 = store_blob(json.dumps(manifest, indent=2, sort_keys=True).encode())
    capture = Capture(
        key=key,
        source=source,
        requested_at=requested_at,
        captured_at=captured_at,
        address=result.address,
        final_address=final.url if final else "",
        outcome=result.outcome,
        http_status=final.status if final else None,
        content_type=final.header("Content-Type")[:200] if final else "",
        detail=result.detail,
        attempts=attempts,
        content_sha256=hashes.get("content", ""),
        text_sha256=hashes.get("text", ""),
        warc_sha256=hashes.get("warc", ""),
        screenshot_sha256=hashes.get("screenshot", ""),
        pdf_sha256=hashes.get("pdf", ""),
        manifest_sha256=manifest_sha256,
        manifest=manifest,
    )
    try:
        with transaction.atomic():
            capture.save()
            quote_checks_record(capture=capture)
            submission_on_commit(capture)
    except IntegrityError:
        # Another run of the same request got there first (the key is unique).
        return Capture.objects.get(key=key)
    return capture


def quote_sha256(quote: str) -> str:
    return hashlib.sha256(quote.encode()).hexdigest()


def quote_check(*, statement: Statement, capture: Capture, text: str) -> QuoteCheck:
    """The check of ``statement``'s quote in ``text``, the capture's text (not saved)."""
    found = find_quote(statement.quote, text)
    return QuoteCheck(
        statement=statement,
        capture=capture,
        quote_sha256=quote_sha256(statement.quote),
        found=found is not None,
        position=found[0] if found else None,
        excerpt=found[1] if found else "",
    )


def quote_checks_record(*, capture: Capture) -> list[QuoteCheck]:
    """Look for each quote of the capture's source in its captured text; flags, never blocks."""
    if capture.outcome != Outcome.CAPTURED or not capture.text_sha256:
        return []
    text = read_blob(capture.text_sha256).decode()
    checks = [
        quote_check(statement=statement, capture=capture, text=text)
        for statement in Statement.objects.filter(source_id=capture.source_id).only("pk", "quote")
    ]
    return QuoteCheck.objects.bulk_create(checks, ignore_conflicts=True)


def latest_copy(source_id: int) -> Capture | None:
    """The source's latest capture that stored a text to look quotes up in (runs a query)."""
    return (
        Capture.objects.filter(source_id=source_id, outcome=Outcome.CAPTURED)
        .exclude(text_sha256="")
        .order_by("-captured_at", "-pk")
        .first()
    )


def quote_check_on_commit(statement: Statement) -> None:
    """Once the current transaction commits, have the worker check ``statement``'s quote against
    its source's latest copy: for a statement entered, or its quote or source edited, after the
    source was captured (a capture checks the statements there are). Runs a query."""
    # Imported here: the task module imports this one.
    from claimtracker.archive.tasks import check_quote

    if statement.source_id is None or latest_copy(statement.source_id) is None:
        return
    statement_id, quote_hash = statement.pk, quote_sha256(statement.quote)
    transaction.on_commit(
        lambda: check_quote.enqueue(statement_id=statement_id, quote_hash=quote_hash)
    )


def quote_check_record(*, statement: Statement) -> QuoteCheck | None:
    """Store the check of ``statement``'s quote against its source's latest copy, once per
    capture and quote; None when there is no copy to check against."""
    capture = latest_copy(statement.source_id)
    if capture is None:
        return None
    check = quote_check(
        statement=statement, capture=capture, text=read_blob(capture.text_sha256).decode()
    )
    QuoteCheck.objects.bulk_create([check], ignore_conflicts=True)
    return QuoteCheck.objects.get(
        statement=statement, capture=capture, quote_sha256=check.quote_sha256
    )


def submission_on_commit(capture: Capture) -> None:
    """Have the worker send a new copy's address to the public web archive, when one is set
    (``ARCHIVE_PUBLIC_SUBMIT_URL``). Only a copy that differs from the source's previous one:
    a daily re-check of an unchanged page asks nothing of the archive. Runs a query."""
    # Imported here: the task module imports this one.
    from claimtracker.archive.tasks import submit_capture

    if not settings.ARCHIVE_PUBLIC_SUBMIT_URL or capture.outcome != Outcome.CAPTURED:
        return
    previous = (
        Capture.objects.filter(source_id=capture.source_id, outcome=Outcome.CAPTURED)
        .exclude(pk=capture.pk)
        .filter(captured_at__lte=capture.captured_at)
        .order_by("-captured_at", "-pk")
        .first()
    )
    if previous is not None and previous.content_sha256 == capture.content_sha256:
        return
    capture_id = capture.pk
    transaction.on_commit(lambda: submit_capture.enqueue(capture_id=capture_id))


def submission_record(*, capture: Capture) -> Submission:
    """Send the capture's address to the public archive and record its answer (once a
    capture: a task run twice sends once more at most, and records the first answer)."""
    if existing := Submission.objects.filter(capture=capture).first():
        return existing
    endpoint = settings.ARCHIVE_PUBLIC_SUBMIT_URL
    # The address the worker fetched and the guard allowed, not one that redirects led to.
    answer = submit(capture.address, endpoint)
    submission = Submission(
        capture=capture,
        submitted_at=timezone.now(),
        endpoint=endpoint,
        accepted=answer.accepted,
        http_status=answer.http_status,
        archived_address=answer.archived_address[:2000],
        detail=answer.detail,
    )
    try:
        with transaction.atomic():
            submission.save()
    except IntegrityError:
        return Submission.objects.get(capture=capture)
    return submission
