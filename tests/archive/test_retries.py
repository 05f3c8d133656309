"""A fetch that may succeed later is tried again with a growing wait; then its failure stands."""

import datetime

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from claimtracker.archive.models import Capture, Outcome
from claimtracker.archive.tasks import capture_source
from claimtracker.claims import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def failing_source(site, journalist, settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "archive"]}
    }
    return services.source_create(by=journalist, title="T", language="en", url=site.url("/failing"))


@pytest.mark.parametrize(("attempt", "wait"), [(1, 60), (2, 120), (3, 240)])
def test_a_server_error_is_tried_again_later_each_wait_twice_the_last(
    failing_source, attempt, wait
):
    before = timezone.now()

    said = capture_source.call(
        source_id=failing_source.pk, key="k", requested_at=before.isoformat(), attempt=attempt
    )

    assert f"trying again in {wait} s" in said
    assert not Capture.objects.exists()
    queued = DBTaskResult.objects.get()
    assert queued.args_kwargs["kwargs"]["attempt"] == attempt + 1
    assert queued.run_after >= before + datetime.timedelta(seconds=wait)


def test_after_the_last_retry_the_failure_is_recorded_with_its_attempts(failing_source):
    capture_source.call(
        source_id=failing_source.pk, key="k", requested_at=timezone.now().isoformat(), attempt=4
    )

    capture = Capture.objects.get()
    assert (capture.outcome, capture.http_status, capture.attempts) == (Outcome.HTTP_ERROR, 503, 4)
    assert not DBTaskResult.objects.exists()


def test_a_refused_target_is_not_retried(site, journalist, settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "archive"]}
    }
    source = services.source_create(by=journalist, title="T", language="en", url=site.url("/huge"))

    capture_source.call(source_id=source.pk, key="k", requested_at=timezone.now().isoformat())

    assert Capture.objects.get().outcome == Outcome.TOO_LARGE
    assert not DBTaskResult.objects.exists()
