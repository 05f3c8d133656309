"""Edits that change what was archived: a draft's new address is captured, and a quote entered
or edited after its source was captured is checked and stored at once."""

import pytest
from django.test import Client

from claimtracker.archive.models import Capture, QuoteCheck
from claimtracker.claims import services
from tests.factories import ActorFactory

pytestmark = pytest.mark.django_db

SAID = '"We faced twenty thousand terrorists"'


@pytest.fixture
def speech(site, editor, django_capture_on_commit_callbacks):
    """A draft source on the local site's speech page, captured when it was added."""
    with django_capture_on_commit_callbacks(execute=True):
        source = services.source_create(
            by=editor, title="Speech", language="en", url=site.url("/speech")
        )
    assert Capture.objects.filter(source=source).count() == 1
    return source


def test_a_drafts_edited_address_is_captured_again_at_once(
    speech, site, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.source_update(by=editor, source=speech, changes={"url": site.url("/changing")})

    latest = Capture.objects.filter(source=speech).order_by("-captured_at").first()
    assert latest is not None
    assert Capture.objects.filter(source=speech).count() == 2
    assert latest.address == site.url("/changing")
    assert latest.outcome == "captured"


def test_a_drafts_edit_that_keeps_its_address_fetches_nothing(
    speech, site, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.source_update(by=editor, source=speech, changes={"title": "The speech"})

    assert Capture.objects.filter(source=speech).count() == 1


def test_a_published_sources_corrected_address_waits_for_the_recheck(
    speech, site, editor, django_capture_on_commit_callbacks
):
    services.record_publish(by=editor, record=speech)
    with django_capture_on_commit_callbacks(execute=True):
        services.source_update(
            by=editor,
            source=speech,
            changes={"url": site.url("/changing")},
            correction_note="The speech moved to a new address.",
        )

    # The copy as cited stays the first; the next re-check fetches the new address.
    assert Capture.objects.filter(source=speech).count() == 1


def test_a_statement_entered_after_its_source_was_captured_has_its_quote_check_stored(
    speech, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        statement = services.statement_create(
            by=editor, speaker=ActorFactory(), quote=SAID, language="en", source=speech
        )

    check = QuoteCheck.objects.get(statement=statement)
    assert check.found
    assert check.capture.source == speech
    assert "The president said" in check.excerpt


def test_an_edited_quote_is_checked_again_and_the_curator_sees_the_new_result(
    speech, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        statement = services.statement_create(
            by=editor, speaker=ActorFactory(), quote=SAID, language="en", source=speech
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.statement_update(
            by=editor,
            statement=statement,
            changes={"quote": "We faced two thousand terrorists"},
        )

    checks = QuoteCheck.objects.filter(statement=statement).order_by("checked_at", "pk")
    assert [check.found for check in checks] == [True, False]
    client = Client()
    client.force_login(editor)
    page = client.get(f"/admin/claims/statement/{statement.pk}/change/").content.decode()
    assert "Quote not found in the archived source" in page
    assert "Quote found in the archived source" not in page


def test_a_corrected_quote_of_a_published_statement_is_checked_again(
    speech, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        statement = services.statement_create(
            by=editor,
            speaker=ActorFactory(),
            quote="We faced two thousand",
            language="en",
            source=speech,
        )
    services.record_publish(by=editor, record=statement)
    with django_capture_on_commit_callbacks(execute=True):
        services.record_correct(
            by=editor,
            record=statement,
            changes={"quote": SAID},
            note="The quote said twenty thousand, as the recording has it.",
        )

    checks = QuoteCheck.objects.filter(statement=statement).order_by("checked_at", "pk")
    assert [check.found for check in checks] == [False, True]


def test_a_statement_whose_source_is_not_archived_queues_no_check(
    site, editor, django_capture_on_commit_callbacks, settings
):
    settings.ARCHIVE_ON_CREATE = False
    source = services.source_create(
        by=editor, title="Speech", language="en", url=site.url("/speech")
    )
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.statement_create(
            by=editor, speaker=ActorFactory(), quote=SAID, language="en", source=source
        )

    assert callbacks == []
    assert not QuoteCheck.objects.exists()
