"""The API's sources carry the archive's state and the hashes of every capture."""

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from claimtracker.archive.models import Capture
from claimtracker.claims import services

pytestmark = pytest.mark.django_db


def test_a_source_in_the_api_says_it_changed_since_cited_with_both_captures_hashes(
    site, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        source = services.source_create(
            by=editor, title="Casualty figures", language="en", url=site.url("/changing")
        )
    services.record_publish(by=editor, record=source)
    site.changing = "<html><body><p>Revised.</p></body></html>"
    with django_capture_on_commit_callbacks(execute=True):
        call_command("recheck_sources")

    archive = APIClient().get(f"/api/v1/sources/{source.pk}/").json()["archive"]

    first, second = Capture.objects.filter(source=source).order_by("captured_at")
    assert archive["state"] == "changed"
    assert [capture["id"] for capture in archive["captures"]] == [first.pk, second.pk]
    assert [capture["content_sha256"] for capture in archive["captures"]] == [
        first.content_sha256,
        second.content_sha256,
    ]
    assert archive["captures"][0]["screenshot_sha256"] is None  # rendering is off in tests
