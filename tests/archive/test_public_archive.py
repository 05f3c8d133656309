"""Submitting to a public web archive: off by default; when set, each new copy's address is
sent by the worker and the archive's answer is recorded on the capture."""

import pytest
from django.core.management import call_command
from django.test import Client

from claimtracker.archive.fixture_site import SAVED_AT
from claimtracker.archive.models import Capture, Outcome, Submission
from claimtracker.archive.tasks import submit_capture
from claimtracker.claims import services

pytestmark = pytest.mark.django_db


def add_source(editor, site, path, capture_callbacks):
    with capture_callbacks(execute=True):
        return services.source_create(by=editor, title="Speech", language="en", url=site.url(path))


def recheck(source, capture_callbacks):
    with capture_callbacks(execute=True):
        call_command("recheck_sources", "--drafts", "--source", str(source.pk))


def test_nothing_is_sent_to_a_public_archive_unless_it_is_configured(
    site, editor, django_capture_on_commit_callbacks
):
    add_source(editor, site, "/speech", django_capture_on_commit_callbacks)

    assert Capture.objects.get().outcome == Outcome.CAPTURED
    assert not Submission.objects.exists()
    assert site.submitted == []


def test_a_new_copy_is_sent_and_the_archives_address_for_it_is_recorded_on_the_capture(
    site, editor, settings, django_capture_on_commit_callbacks
):
    settings.ARCHIVE_PUBLIC_SUBMIT_URL = site.url("/save/")

    source = add_source(editor, site, "/speech", django_capture_on_commit_callbacks)

    capture = Capture.objects.get(source=source)
    submission = capture.submission
    assert site.submitted == [source.url]
    assert submission.accepted
    assert submission.http_status == 302
    assert submission.archived_address == site.url(f"/web/{SAVED_AT}/{source.url}")
    client = Client()
    client.force_login(editor)
    page = client.get(f"/admin/archive/capture/{capture.pk}/change/").content.decode()
    assert submission.archived_address in page


def test_an_unchanged_page_is_not_sent_again_and_a_changed_one_is(
    site, editor, settings, django_capture_on_commit_callbacks
):
    settings.ARCHIVE_PUBLIC_SUBMIT_URL = site.url("/save/")
    source = add_source(editor, site, "/changing", django_capture_on_commit_callbacks)

    recheck(source, django_capture_on_commit_callbacks)
    assert Capture.objects.filter(source=source).count() == 2
    assert len(site.submitted) == 1

    site.edit("/edit")
    recheck(source, django_capture_on_commit_callbacks)
    assert Capture.objects.filter(source=source).count() == 3
    assert len(site.submitted) == 2
    assert Submission.objects.count() == 2


def test_a_failed_capture_is_not_sent(site, editor, settings, django_capture_on_commit_callbacks):
    settings.ARCHIVE_PUBLIC_SUBMIT_URL = site.url("/save/")

    add_source(editor, site, "/data.json", django_capture_on_commit_callbacks)

    assert Capture.objects.get().outcome == Outcome.WRONG_TYPE
    assert site.submitted == []


def test_an_archive_that_cannot_be_reached_is_recorded_and_the_capture_stands(
    site, editor, settings, django_capture_on_commit_callbacks
):
    # Port 1 on loopback: nothing listens there.
    settings.ARCHIVE_PUBLIC_SUBMIT_URL = "http://127.0.0.1:1/save/"

    source = add_source(editor, site, "/speech", django_capture_on_commit_callbacks)

    capture = Capture.objects.get(source=source)
    assert capture.outcome == Outcome.CAPTURED
    assert not capture.submission.accepted
    assert "Could not reach the archive" in capture.submission.detail
    assert capture.submission.archived_address == ""


def test_under_production_rules_only_the_configured_archive_is_reachable_on_loopback(
    site, editor, settings, django_capture_on_commit_callbacks
):
    captured = add_source(editor, site, "/speech", django_capture_on_commit_callbacks)
    settings.ARCHIVE_ALLOWED_NETWORKS = []  # production: no private or loopback targets
    settings.ARCHIVE_PUBLIC_SUBMIT_URL = site.url("/save/")

    blocked = add_source(editor, site, "/changing", django_capture_on_commit_callbacks)
    submit_capture.enqueue(capture_id=Capture.objects.get(source=captured).pk)

    assert Capture.objects.get(source=blocked).outcome == Outcome.BLOCKED
    assert site.requests == ["/speech", f"/save/{captured.url}"]
    assert Submission.objects.get().accepted


def test_a_submission_task_run_twice_sends_and_records_once(
    site, editor, settings, django_capture_on_commit_callbacks
):
    settings.ARCHIVE_PUBLIC_SUBMIT_URL = site.url("/save/")
    source = add_source(editor, site, "/speech", django_capture_on_commit_callbacks)

    submit_capture.enqueue(capture_id=Capture.objects.get(source=source).pk)

    assert Submission.objects.count() == 1
    assert len(site.submitted) == 1
