"""Readers see a source's archive state and download its archived copies, served safely."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from claimtracker.archive.models import Capture, Outcome
from claimtracker.claims import services
from claimtracker.claims.models import Source
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


@pytest.fixture
def cited_on_5_january(editor):
    """A published source whose copy as cited was made on 5 January 2024; ``recheck`` adds the
    re-check of 1 March 2024 that found it gone, changed or unchanged."""
    address = "https://example.org/speech"
    source = Source.objects.create(title="Speech", language="en", url=address)
    services.record_publish(by=editor, record=source)

    def capture(day, outcome, content):
        at = datetime.datetime.combine(day, datetime.time(9), tzinfo=datetime.UTC)
        Capture.objects.create(
            key=f"{source.pk}-{day}",
            source=source,
            requested_at=at,
            captured_at=at,
            address=address,
            outcome=outcome,
            content_sha256=content,
            text_sha256="d" * 64 if content else "",
        )

    capture(datetime.date(2024, 1, 5), Outcome.CAPTURED, "a" * 64)

    def recheck(outcome, content):
        capture(datetime.date(2024, 3, 1), outcome, content)
        return source

    return recheck


@pytest.mark.parametrize(
    ("outcome", "content", "words"),
    [
        # Ablative before бастап (since), the copy's date describing it (-дағы), the day a
        # change was seen in the locative: never "1 наурыз 2024 ж. бастап".
        (
            Outcome.GONE,
            "",
            "(2024 жылғы 1 наурыздан бастап жоқ); 2024 жылғы 5 қаңтардағы мұрағат көшірмесі",
        ),
        (Outcome.CAPTURED, "b" * 64, "(өзгеріс алғаш 2024 жылғы 1 наурызда байқалды)"),
        (Outcome.CAPTURED, "a" * 64, "2024 жылғы 5 қаңтарда мұрағатталған;"),
    ],
)
def test_in_kazakh_a_source_page_gives_each_archive_date_the_case_its_phrase_needs(
    client, cited_on_5_january, outcome, content, words
):
    source = cited_on_5_january(outcome, content)

    with translation.override("kk"):
        page = client.get(source.get_absolute_url()).content.decode()

    assert words in " ".join(page.split())


def test_in_kazakh_the_notice_where_a_gone_page_is_cited_says_since_when_in_the_ablative(
    client, cited_on_5_january, editor, fact_checker
):
    source = cited_on_5_january(Outcome.GONE, "")
    statement = services.record_publish(by=editor, record=StatementFactory(source=source))
    claim = published_claim(fact_checker, statements=[statement])

    with translation.override("kk"):
        page = " ".join(client.get(claim.get_absolute_url()).content.decode().split())

    assert "(2024 жылғы 1 наурыздан бастап жоқ)." in page
    assert ">2024 жылғы 5 қаңтардағы мұрағаттық көшірмесі</a>" in page
