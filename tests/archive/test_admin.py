"""Editors see the queue, its failures, and retry a failed task from the admin."""

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from claimtracker.archive.models import Capture
from claimtracker.archive.tasks import capture_source
from claimtracker.claims import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "archive"]}
    }


def test_an_editor_retries_a_failed_capture_and_it_is_recorded_once(
    client, editor, site, database_queue, settings
):
    source = services.source_create(by=editor, title="T", language="en", url=site.url("/speech"))
    queued = capture_source.enqueue(
        source_id=source.pk, key="once", requested_at="2026-12-03T10:00:00+00:00"
    )
    failed = DBTaskResult.objects.get(pk=queued.id)
    failed.set_failed(RuntimeError("the worker was killed"))
    client.force_login(editor)

    listing = client.get(reverse("admin:django_tasks_database_dbtaskresult_changelist"))
    assert listing.status_code == 200
    assert "capture_source" in listing.content.decode()

    settings.TASKS = {
        "default": {
            "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "archive"],
        }
    }
    for _ in range(2):  # pressing the button twice still records one capture
        response = client.post(
            reverse("admin:django_tasks_database_dbtaskresult_changelist"),
            {"action": "retry", "_selected_action": [failed.pk]},
        )
        assert response.status_code == 302

    assert Capture.objects.filter(source=source).count() == 1


def test_a_journalist_sees_captures_but_may_not_retry(client, journalist, site):
    client.force_login(journalist)

    response = client.get(reverse("admin:archive_capture_changelist"))

    assert response.status_code == 200
    assert "capture_again" not in response.content.decode()
