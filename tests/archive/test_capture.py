"""A new source with a web address is fetched and archived; bad targets end in a clear state."""

import hashlib
import io
from typing import Any

import pytest
from django.db import DatabaseError, transaction
from warcio.archiveiterator import ArchiveIterator

from claimtracker.archive.fixture_site import QUOTE_PAGE
from claimtracker.archive.models import Capture, Outcome
from claimtracker.archive.storage import read_blob
from claimtracker.archive.tasks import capture_source
from claimtracker.claims import services
from claimtracker.claims.models import RecordRevision

pytestmark = pytest.mark.django_db


@pytest.fixture
def add_source(journalist, django_capture_on_commit_callbacks):
    """Adds a source as a journalist would, and lets its transaction commit."""

    def add(url: str | None, title: str = "Address to the nation"):
        with django_capture_on_commit_callbacks(execute=True):
            return services.source_create(by=journalist, title=title, language="en", url=url)

    return add


def warc_records(capture):
    """(type, address, HTTP status, body) of each record; read while iterating (a stream)."""
    stream = io.BytesIO(read_blob(capture.warc_sha256))
    return [
        (
            record.rec_type,
            record.rec_headers.get_header("WARC-Target-URI"),
            record.http_headers.get_statuscode() if record.rec_type == "response" else None,
            record.content_stream().read(),
        )
        for record in ArchiveIterator(stream)
    ]


def test_a_new_source_with_a_web_address_is_captured_with_its_hashes(site, add_source):
    source = add_source(site.url("/speech"))

    capture = Capture.objects.get(source=source)
    assert capture.outcome == Outcome.CAPTURED
    assert capture.http_status == 200
    assert capture.content_sha256 == hashlib.sha256(QUOTE_PAGE.encode()).hexdigest()
    assert read_blob(capture.content_sha256) == QUOTE_PAGE.encode()
    text = read_blob(capture.text_sha256).decode()
    assert "We faced twenty thousand terrorists" in " ".join(text.split())
    assert "not text" not in text
    manifest = capture.manifest
    assert manifest["address"] == site.url("/speech")
    assert manifest["status"] == 200
    assert manifest["sha256"]["content"] == capture.content_sha256
    assert set(manifest["tools"]) >= {"warcio", "python", "django", "chromium"}
    assert hashlib.sha256(read_blob(capture.manifest_sha256)).hexdigest() == capture.manifest_sha256


def test_the_warc_holds_the_request_and_the_response_as_served(site, add_source):
    capture = Capture.objects.get(source=add_source(site.url("/speech")))

    records = warc_records(capture)
    kinds = [(kind, uri) for kind, uri, _status, _body in records]
    assert ("request", site.url("/speech")) in kinds
    response = next(record for record in records if record[0] == "response")
    assert response[1:] == (site.url("/speech"), "200", QUOTE_PAGE.encode())


def test_a_source_without_a_web_address_is_not_fetched(site, add_source):
    source = add_source(None, title="Interview printed in a newspaper")

    assert not Capture.objects.filter(source=source).exists()
    assert site.requests == []


def test_a_source_whose_transaction_rolls_back_is_never_fetched(
    site, journalist, django_capture_on_commit_callbacks
):
    def add_then_fail():
        with transaction.atomic():
            services.source_create(by=journalist, title="T", language="en", url=site.url("/speech"))
            raise RuntimeError("the request failed after the source was saved")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        add_then_fail()

    assert not Capture.objects.exists()
    assert site.requests == []


def test_a_capture_that_runs_twice_is_recorded_once(site, journalist):
    source = services.source_create(
        by=journalist, title="T", language="en", url=site.url("/speech")
    )

    def enqueue() -> Any:
        return capture_source.enqueue(
            source_id=source.pk, key="retry-me", requested_at="2026-12-03T10:00:00+00:00"
        )

    first = enqueue()
    second = enqueue()

    assert Capture.objects.filter(source=source).count() == 1
    assert first.return_value.startswith("capture ")
    assert second.return_value.startswith("already captured")


def test_a_redirect_is_followed_and_both_hops_are_in_the_warc(site, add_source):
    capture = Capture.objects.get(source=add_source(site.url("/moved")))

    assert capture.outcome == Outcome.CAPTURED
    assert capture.address == site.url("/moved")
    assert capture.final_address == site.url("/speech")
    responses = [record[1] for record in warc_records(capture) if record[0] == "response"]
    assert responses == [site.url("/moved"), site.url("/speech")]


@pytest.mark.parametrize(
    ("path", "outcome", "says"),
    [
        ("/deleted", Outcome.GONE, "404"),
        ("/huge", Outcome.TOO_LARGE, "Larger than"),
        ("/endless", Outcome.TIMED_OUT, "too long"),
        ("/slow", Outcome.TIMED_OUT, "too slow"),
        ("/data.json", Outcome.WRONG_TYPE, "application/json"),
        ("/to-file", Outcome.BLOCKED, "file:///etc/passwd"),
        ("/failing", Outcome.HTTP_ERROR, "503"),
    ],
)
def test_a_bad_target_ends_in_a_clear_state_on_the_capture(site, add_source, path, outcome, says):
    source = add_source(site.url(path))

    capture = Capture.objects.get(source=source)
    assert capture.outcome == outcome
    assert says in capture.detail
    assert not capture.text_sha256
    source.refresh_from_db()  # the source itself is untouched and still there


def test_a_removed_page_answering_410_is_gone(site, add_source):
    site.gone.add("/speech")

    capture = Capture.objects.get(source=add_source(site.url("/speech")))

    assert capture.outcome == Outcome.GONE
    assert capture.http_status == 410


def test_loopback_is_refused_without_the_allow_list(site, add_source, settings):
    settings.ARCHIVE_ALLOWED_NETWORKS = []  # as in production

    capture = Capture.objects.get(source=add_source(site.url("/speech")))

    assert capture.outcome == Outcome.BLOCKED
    assert "127.0.0.1" in capture.detail
    assert site.requests == []


def test_a_capture_cannot_be_rewritten(site, add_source):
    capture = Capture.objects.get(source=add_source(site.url("/speech")))

    with pytest.raises(DatabaseError, match="Cannot update"), transaction.atomic():
        Capture.objects.filter(pk=capture.pk).update(content_sha256="0" * 64)


def test_a_new_capture_changes_the_public_pages_validators(site, journalist):
    source = services.source_create(
        by=journalist, title="T", language="en", url=site.url("/speech")
    )
    before = RecordRevision.objects.get().revision

    capture_source.enqueue(source_id=source.pk, key="k", requested_at="2026-12-03T10:00:00+00:00")

    assert RecordRevision.objects.get().revision > before
