"""Re-checks: a page that changed or disappeared after it was cited is shown as such."""

from urllib.request import urlopen

import pytest
from django.core.management import call_command

from claimtracker.archive.models import Capture
from claimtracker.archive.selectors import State, source_archive_state
from claimtracker.claims import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def cited(site, editor, django_capture_on_commit_callbacks):
    """A published source on the local site, captured when it was added."""
    with django_capture_on_commit_callbacks(execute=True):
        source = services.source_create(
            by=editor, title="Casualty figures", language="en", url=site.url("/changing")
        )
    services.record_publish(by=editor, record=source)
    return source


def recheck(django_capture_on_commit_callbacks, *args):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("recheck_sources", *args)


def test_an_unchanged_page_stays_archived(cited, django_capture_on_commit_callbacks):
    recheck(django_capture_on_commit_callbacks)

    assert Capture.objects.filter(source=cited).count() == 2
    assert source_archive_state(cited).state == State.ARCHIVED


def test_a_changed_page_is_changed_since_cited_and_both_copies_are_kept(
    cited, site, django_capture_on_commit_callbacks
):
    # As a person trying it by hand would (a fixed http address).
    urlopen(site.url("/edit"), timeout=5).close()  # noqa: S310

    recheck(django_capture_on_commit_callbacks)

    state = source_archive_state(cited)
    assert state.state == State.CHANGED
    assert state.latest is not None
    assert state.since == state.latest.captured_at
    assert len(state.copies) == 2
    assert state.copies[0].content_sha256 != state.copies[1].content_sha256


def test_a_deleted_page_is_gone_since_cited(cited, site, django_capture_on_commit_callbacks):
    site.gone.add("/changing")

    recheck(django_capture_on_commit_callbacks)

    state = source_archive_state(cited)
    assert state.state == State.GONE
    assert state.cited is not None
    assert state.latest is not None
    assert state.cited.outcome == "captured"
    assert state.since == state.latest.captured_at


def test_drafts_are_left_alone_unless_asked(site, journalist, django_capture_on_commit_callbacks):
    draft = services.source_create(by=journalist, title="D", language="en", url=site.url("/speech"))

    recheck(django_capture_on_commit_callbacks)
    assert not Capture.objects.filter(source=draft).exists()

    recheck(django_capture_on_commit_callbacks, "--drafts")
    assert Capture.objects.filter(source=draft).count() == 1
