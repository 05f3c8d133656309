"""Writes of the archive: asking for a capture, recording one, checking quotes against it.

Captures are asked for on commit (a rolled-back source is never fetched) and run by the worker
(``tasks.py``). Recording is idempotent on the capture's key: a task that runs twice, or is
retried from the admin, finds its capture already there and adds nothing.
"""

from __future__ import annotations

import datetime
import json
import platform
import uuid
from importlib.metadata import version

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from claimtracker.archive.fetching import FetchResult
from claimtracker.archive.models import Capture, Outcome, QuoteCheck
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
    except IntegrityError:
        # Another run of the same request got there first (the key is unique).
        return Capture.objects.get(key=key)
    return capture


def quote_checks_record(*, capture: Capture) -> list[QuoteCheck]:
    """Look for each quote of the capture's source in its captured text; flags, never blocks."""
    if capture.outcome != Outcome.CAPTURED or not capture.text_sha256:
        return []
    text = read_blob(capture.text_sha256).decode()
    checks = []
    for statement in Statement.objects.filter(source_id=capture.source_id).only("pk", "quote"):
        found = find_quote(statement.quote, text)
        checks.append(
            QuoteCheck(
                statement=statement,
                capture=capture,
                found=found is not None,
                position=found[0] if found else None,
                excerpt=found[1] if found else "",
            )
        )
    return QuoteCheck.objects.bulk_create(checks, ignore_conflicts=True)
