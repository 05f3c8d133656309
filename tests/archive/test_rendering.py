"""The screenshot and PDF come from Debian's chromium, which never fetches anything itself."""

import pytest

from claimtracker.archive.models import Capture, Outcome
from claimtracker.archive.storage import read_blob
from claimtracker.claims import services

pytestmark = pytest.mark.django_db


def test_a_capture_has_a_screenshot_and_a_pdf_rendered_from_the_archived_bytes(
    site, journalist, settings, django_capture_on_commit_callbacks
):
    settings.ARCHIVE_CHROMIUM = "/usr/bin/chromium"
    settings.ARCHIVE_TIMEOUT_SECONDS = 10

    with django_capture_on_commit_callbacks(execute=True):
        source = services.source_create(
            by=journalist, title="Address", language="en", url=site.url("/speech")
        )

    capture = Capture.objects.get(source=source)
    assert capture.outcome == Outcome.CAPTURED
    assert read_blob(capture.screenshot_sha256).startswith(b"\x89PNG")
    assert read_blob(capture.pdf_sha256).startswith(b"%PDF")
    assert capture.manifest["tools"]["chromium"].startswith("Chromium")
    # The page's stylesheet and image were asked of the capture proxy, never of the site.
    assert site.requests == ["/speech"]
