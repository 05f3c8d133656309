"""The bulk export's sources file says what the archive knows, as the pages and the API do."""

import datetime
import json

import pytest
from django.core.cache import cache
from django.db import connection

from claimtracker.api.export.collections import COLLECTIONS
from claimtracker.archive.models import Capture, Outcome
from claimtracker.archive.selectors import State, source_archive_state
from claimtracker.claims import services
from claimtracker.claims.models import Source

A, B, C = "a" * 64, "b" * 64, "c" * 64
# Each history: the captures of one source, oldest first (outcome, content hash), and the
# state and "since" (the index of the capture it dates from) a reader is told.
HISTORIES = {
    "never fetched": ([], State.NOT_ARCHIVED, None),
    "refused": ([(Outcome.BLOCKED, "")], State.FAILED, None),
    "archived once": ([(Outcome.CAPTURED, A)], State.ARCHIVED, None),
    "unchanged": ([(Outcome.CAPTURED, A), (Outcome.CAPTURED, A)], State.ARCHIVED, None),
    "changed": ([(Outcome.CAPTURED, A), (Outcome.CAPTURED, B)], State.CHANGED, 1),
    "changed back": (
        [(Outcome.CAPTURED, A), (Outcome.CAPTURED, B), (Outcome.CAPTURED, A)],
        State.ARCHIVED,
        None,
    ),
    "changed twice": (
        [(Outcome.CAPTURED, A), (Outcome.CAPTURED, B), (Outcome.CAPTURED, C)],
        State.CHANGED,
        1,
    ),
    "gone": ([(Outcome.CAPTURED, A), (Outcome.GONE, C), (Outcome.GONE, C)], State.GONE, 1),
    "gone, back, gone again": (
        [(Outcome.CAPTURED, A), (Outcome.GONE, C), (Outcome.CAPTURED, A), (Outcome.GONE, C)],
        State.GONE,
        3,
    ),
    "changed, then gone": (
        [(Outcome.CAPTURED, A), (Outcome.CAPTURED, B), (Outcome.GONE, C)],
        State.GONE,
        2,
    ),
    "a failed re-check": ([(Outcome.CAPTURED, A), (Outcome.TIMED_OUT, "")], State.ARCHIVED, None),
    "failures around a change": (
        [
            (Outcome.TIMED_OUT, ""),
            (Outcome.CAPTURED, A),
            (Outcome.CAPTURED, B),
            (Outcome.UNREACHABLE, ""),
        ],
        State.CHANGED,
        2,
    ),
}


def when(index):
    return datetime.datetime(2026, 12, 1, 4, index, 0, 123456, tzinfo=datetime.UTC)


def source_with_history(editor, name, history):
    source = Source.objects.create(
        title=name,
        language="en",
        url=f"https://example.org/{name.replace(' ', '-').replace(',', '')}",
    )
    services.record_publish(by=editor, record=source)
    assert source.url
    for index, (outcome, content) in enumerate(history):
        Capture.objects.create(
            key=f"{source.pk}-{index}",
            source=source,
            requested_at=when(index),
            captured_at=when(index),
            address=source.url,
            outcome=outcome,
            content_sha256=content,
            text_sha256="d" * 64 if outcome == Outcome.CAPTURED else "",
            manifest_sha256="e" * 64,
        )
    return source


def exported_sources():
    """The sources file's rows, by id, from the export's own SELECT."""
    with connection.cursor() as cursor:
        cursor.execute(COLLECTIONS["sources"].select_sql())
        names = [column.name for column in cursor.description]
        return {row[0]: dict(zip(names, row, strict=True)) for row in cursor.fetchall()}


def stamp(value):
    return value.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@pytest.mark.django_db
def test_every_archive_state_is_exported_as_the_source_page_and_the_api_tell_it(editor):
    sources = {
        name: source_with_history(editor, name, history)
        for name, (history, _state, _since) in HISTORIES.items()
    }

    rows = exported_sources()

    for name, (history, state, since) in HISTORIES.items():
        source = sources[name]
        row = rows[source.pk]
        assert row["archive_state"] == state == source_archive_state(source).state, name
        assert row["archive_since"] == (None if since is None else stamp(when(since))), name
        copies = [content for outcome, content in history if outcome == Outcome.CAPTURED]
        assert row["archive_cited_sha256"] == (copies[0] if copies else None), name
        if history:
            outcome, content = history[-1]
            assert row["archive_latest_at"] == stamp(when(len(history) - 1)), name
            assert row["archive_latest_outcome"] == outcome, name
            assert row["archive_latest_sha256"] == {
                "content": content or None,
                "text": "d" * 64 if outcome == Outcome.CAPTURED else None,
                "warc": None,
                "screenshot": None,
                "pdf": None,
                "manifest": "e" * 64,
            }, name
        else:
            assert row["archive_latest_at"] is None
            assert row["archive_latest_outcome"] is None
            assert row["archive_latest_sha256"] is None


@pytest.mark.django_db(transaction=True)
def test_the_downloaded_files_carry_a_real_captures_hashes(
    client, site, editor, django_capture_on_commit_callbacks
):
    cache.clear()  # the export's throttle counts requests in the cache
    with django_capture_on_commit_callbacks(execute=True):
        source = services.source_create(
            by=editor, title="Speech", language="en", url=site.url("/speech")
        )
    services.record_publish(by=editor, record=source)
    capture = Capture.objects.get(source=source)

    response = client.get("/api/v1/export/sources.ndjson")
    body = b"".join(response.streaming_content).decode()
    (line,) = [line for line in body.splitlines() if json.loads(line)["id"] == source.pk]
    row = json.loads(line)
    assert row["archive_state"] == "archived"
    assert row["archive_cited_sha256"] == capture.content_sha256
    assert row["archive_latest_sha256"]["warc"] == capture.warc_sha256
    assert row["archive_latest_sha256"]["manifest"] == capture.manifest_sha256

    response = client.get("/api/v1/export/sources.csv")
    csv_text = b"".join(response.streaming_content).decode()
    assert "archive_state,archive_since,archive_cited_sha256" in csv_text.splitlines()[0]
    assert capture.content_sha256 in csv_text
