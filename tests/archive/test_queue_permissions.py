"""Who may see the task queue and who may retry its failed tasks: the least each role needs."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from claimtracker.archive.models import Capture
from claimtracker.archive.tasks import capture_source
from claimtracker.claims import services
from claimtracker.claims.roles import GROUP_NAMES, QUEUE_PERMISSIONS

pytestmark = pytest.mark.django_db

QUEUE = "admin:django_tasks_database_dbtaskresult_changelist"


@pytest.fixture
def failed_capture(site, editor, settings):
    """A capture task the worker failed to run, in the database queue."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "archive"]}
    }
    source = services.source_create(by=editor, title="T", language="en", url=site.url("/speech"))
    queued = capture_source.enqueue(
        source_id=source.pk, key="failed-once", requested_at="2026-12-03T10:00:00+00:00"
    )
    failed = DBTaskResult.objects.get(pk=queued.id)
    failed.set_failed(RuntimeError("the worker was killed"))
    settings.TASKS = {
        "default": {
            "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "archive"],
        }
    }
    return failed


def retry(client, failed):
    return client.post(reverse(QUEUE), {"action": "retry", "_selected_action": [failed.pk]})


def test_the_migrations_give_each_role_group_exactly_its_queue_permissions():
    # No sync_role_groups() here: what a freshly migrated database holds.
    for role, codenames in QUEUE_PERMISSIONS.items():
        group = Group.objects.get(name=GROUP_NAMES[role])
        held = group.permissions.filter(content_type__app_label="django_tasks_database")
        assert set(held.values_list("codename", flat=True)) == codenames, role


def test_a_journalist_sees_their_sources_captures_but_not_the_queue(
    client, journalist, failed_capture
):
    client.force_login(journalist)

    assert client.get(reverse("admin:archive_capture_changelist")).status_code == 200
    assert client.get(reverse(QUEUE)).status_code == 403
    assert retry(client, failed_capture).status_code == 403
    assert not Capture.objects.exists()


def test_a_fact_checker_sees_the_queue_and_its_failures_but_may_not_retry(
    client, fact_checker, failed_capture
):
    client.force_login(fact_checker)

    listing = client.get(reverse(QUEUE)).content.decode()
    assert "capture_source" in listing
    assert 'value="retry"' not in listing
    detail = client.get(
        reverse("admin:django_tasks_database_dbtaskresult_change", args=[failed_capture.pk])
    ).content.decode()
    assert "the worker was killed" in detail

    retry(client, failed_capture)
    assert not Capture.objects.exists()


def test_an_editor_sees_the_queue_and_retries_a_failed_task_but_cannot_edit_or_delete_it(
    client, editor, failed_capture
):
    client.force_login(editor)

    assert 'value="retry"' in client.get(reverse(QUEUE)).content.decode()
    assert retry(client, failed_capture).status_code == 302
    assert Capture.objects.count() == 1
    delete = reverse("admin:django_tasks_database_dbtaskresult_delete", args=[failed_capture.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert DBTaskResult.objects.filter(pk=failed_capture.pk).exists()
