"""Readers see a source's archive state and download its archived copies, served safely."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from claimtracker.archive.models import Capture
from claimtracker.claims import services
from tests.factories import StatementFactory
from tests.web.published import published_claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def published_source(site, editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        source = services.source_create(
            by=editor, title="Casualty figures", language="en", url=site.url("/changing")
        )
    return services.record_publish(by=editor, record=source)


def test_the_source_page_says_changed_since_cited_and_offers_both_copies(
    client, published_source, site, django_capture_on_commit_callbacks
):
    site.changing = "<html><body><p>Revised.</p></body></html>"
    with django_capture_on_commit_callbacks(execute=True):
        from django.core.management import call_command

        call_command("recheck_sources")

    page = client.get(published_source.get_absolute_url()).content.decode()

    assert "Changed since cited" in page
    for capture in Capture.objects.filter(source=published_source):
        assert reverse("archive:artefact", args=[capture.pk, "warc"]) in page
        assert capture.content_sha256 in page


def test_the_statement_page_says_gone_since_cited(
    client, published_source, site, editor, django_capture_on_commit_callbacks
):
    statement = services.record_publish(by=editor, record=StatementFactory(source=published_source))
    site.gone.add("/changing")
    with django_capture_on_commit_callbacks(execute=True):
        from django.core.management import call_command

        call_command("recheck_sources")

    page = client.get(statement.get_absolute_url()).content.decode()

    assert "Gone since cited" in page
    assert "deleted after it was cited" in page


def test_the_claim_page_says_where_a_cited_page_changed_since_it_was_cited(
    client, published_source, site, editor, fact_checker, django_capture_on_commit_callbacks
):
    statement = services.record_publish(by=editor, record=StatementFactory(source=published_source))
    claim = published_claim(fact_checker, statements=[statement])
    page = client.get(claim.get_absolute_url()).content.decode()
    assert "since cited" not in page

    site.changing = "<html><body><p>Revised.</p></body></html>"
    with django_capture_on_commit_callbacks(execute=True):
        call_command("recheck_sources")
    page = client.get(claim.get_absolute_url()).content.decode()

    assert "Changed since cited:" in page
    assert "the cited page changed after it was cited" in page
    assert f"{published_source.get_absolute_url()}#archive" in page


@pytest.mark.parametrize(
    ("kind", "media_type", "disposition"),
    [
        ("text", "text/plain; charset=utf-8", "inline"),
        ("warc", "application/warc", "attachment"),
    ],
)
def test_an_archived_copy_is_served_sandboxed(
    client, published_source, kind, media_type, disposition
):
    capture = Capture.objects.get(source=published_source)

    response = client.get(reverse("archive:artefact", args=[capture.pk, kind]))

    assert response.status_code == 200
    assert response["Content-Type"] == media_type
    assert response["Content-Disposition"].startswith(disposition)
    assert response["Content-Security-Policy"].startswith("sandbox")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert not response.cookies


def test_a_drafts_archived_copies_stay_private(
    client, site, journalist, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        draft = services.source_create(
            by=journalist, title="D", language="en", url=site.url("/speech")
        )
    capture = Capture.objects.get(source=draft)

    response = client.get(reverse("archive:artefact", args=[capture.pk, "text"]))

    assert response.status_code == 404


def test_the_curator_sees_whether_the_quote_was_found_on_the_statement_admin_page(
    admin_client, site, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        source = services.source_create(
            by=editor, title="S", language="en", url=site.url("/speech")
        )
    found = StatementFactory(source=source, quote="twenty thousand terrorists")
    missing = StatementFactory(source=source, quote="two thousand terrorists")

    def admin_page(statement):
        url = reverse("admin:claims_statement_change", args=[statement.pk])
        return admin_client.get(url).content.decode()

    assert "Quote found in the archived source" in admin_page(found)
    assert "Quote not found in the archived source" in admin_page(missing)


@pytest.mark.parametrize("rechecks", [0, 3])
def test_the_source_page_runs_the_same_queries_however_many_captures_it_lists(
    client,
    published_source,
    rechecks,
    django_assert_num_queries,
    django_capture_on_commit_callbacks,
):
    from django.core.management import call_command

    for _ in range(rechecks):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("recheck_sources")

    # The page's own queries (web/views/records.py), plus one for the source's captures.
    with django_assert_num_queries(6):
        assert client.get(published_source.get_absolute_url()).status_code == 200
