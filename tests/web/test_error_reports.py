"""The public "Report an error" form and the editors' queue of what readers send."""

import threading

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import translation

from claimtracker.reports.models import ErrorReport, ReportStatus
from claimtracker.reports.services import reports_set_status
from tests.factories import ClaimFactory, SourceFactory
from tests.web.published import published_claim

REPORT = {
    "problem": "The quote is from 2021, not 2022: the video is dated 5 March 2021.",
    "source_url": "https://example.org/video",
    "contact_email": "reader@example.org",
}


def report_url(kind, record):
    return reverse("reports:new", args=[kind, record.pk])


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    # The counts live in the cache, which outlives a test's database transaction.
    cache.clear()


@pytest.fixture
def claim(fact_checker):
    return published_claim(fact_checker)


def test_an_anonymous_reader_sends_a_report_and_lands_on_a_thank_you_page(client, claim):
    form = client.get(report_url("claim", claim))
    assert form.status_code == 200
    assert claim.text in form.content.decode()

    response = client.post(report_url("claim", claim), REPORT)

    assert response.status_code == 302
    assert response["Location"] == reverse("reports:thanks", args=["claim", claim.pk])
    report = ErrorReport.objects.get()
    assert (report.record_kind, report.record_id) == ("claim", claim.pk)
    assert report.problem == REPORT["problem"]
    assert report.source_url == REPORT["source_url"]
    assert report.status == ReportStatus.NEW
    thanks = client.get(response["Location"])
    assert "Thank you for your report" in thanks.content.decode()
    assert thanks.cookies == {}


def test_every_record_page_links_to_its_report_form(client, claim):
    statement = claim.statements.get()
    pages = {
        "claim": (claim.get_absolute_url(), claim),
        "statement": (statement.get_absolute_url(), statement),
        "source": (statement.source.get_absolute_url(), statement.source),
        "actor": (statement.speaker.get_absolute_url(), statement.speaker),
    }
    for kind, (url, record) in pages.items():
        page = client.get(url)
        assert page.status_code == 200
        assert f'href="{report_url(kind, record)}"' in page.content.decode(), kind
        # The link costs the record page no cookie: only the form page sets one.
        assert page.cookies == {}


def test_a_report_without_the_csrf_token_is_refused(claim):
    strict = Client(enforce_csrf_checks=True)

    response = strict.post(report_url("claim", claim), REPORT)

    assert response.status_code == 403
    assert not ErrorReport.objects.exists()


def test_the_form_page_sets_the_csrf_cookie_and_its_token_is_accepted(claim):
    strict = Client(enforce_csrf_checks=True)
    form = strict.get(report_url("claim", claim))
    token = form.cookies["csrftoken"].value
    # A page carrying a cookie and a per-visitor token is kept by no cache.
    assert "no-store" in form["Cache-Control"]
    assert "private" in form["Cache-Control"]

    response = strict.post(report_url("claim", claim), {**REPORT, "csrfmiddlewaretoken": token})

    assert response.status_code == 302
    assert ErrorReport.objects.count() == 1


def test_the_sixth_report_within_the_hour_answers_429(client, claim, settings):
    settings.REPORTS_PER_HOUR = 5
    for _ in range(5):
        assert client.post(report_url("claim", claim), REPORT).status_code == 302

    response = client.post(report_url("claim", claim), REPORT)

    assert response.status_code == 429
    assert "Too many reports for now" in response.content.decode()
    assert response["Retry-After"] == "3600"
    assert ErrorReport.objects.count() == 5
    # Another address still may.
    other = client.post(report_url("claim", claim), REPORT, REMOTE_ADDR="192.0.2.9")
    assert other.status_code == 302


def test_reports_sent_at_the_same_moment_from_one_address_never_pass_the_limit(
    transactional_db, fact_checker, settings
):
    settings.REPORTS_PER_HOUR = 3
    claim = published_claim(fact_checker)
    senders = 8
    start = threading.Barrier(senders)
    answers: list[int] = []

    def send() -> None:
        try:
            start.wait()
            answers.append(Client().post(report_url("claim", claim), REPORT).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(senders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(answers) == [302] * 3 + [429] * 5
    assert ErrorReport.objects.count() == 3


def test_a_draft_record_cannot_be_reported(client, db):
    draft = ClaimFactory()
    draft_source = SourceFactory()

    assert client.get(report_url("claim", draft)).status_code == 404
    assert client.post(report_url("claim", draft), REPORT).status_code == 404
    assert client.get(report_url("source", draft_source)).status_code == 404
    assert client.get(reverse("reports:new", args=["user", 1])).status_code == 404
    assert not ErrorReport.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("problem", "", "This field is required."),
        ("problem", "x" * 2001, "at most 2000 characters"),
        ("source_url", "javascript:alert(1)", "Enter a valid URL."),
        ("source_url", "ftp://example.org/file", "Enter a valid URL."),
        ("contact_email", "not an address", "Enter a valid email address."),
    ],
)
def test_bad_input_answers_400_with_the_form_and_says_what_is_wrong(
    client, claim, field, value, message
):
    response = client.post(report_url("claim", claim), {**REPORT, field: value})

    assert response.status_code == 400
    content = response.content.decode()
    assert "The report was not sent" in content
    assert message in content
    assert not ErrorReport.objects.exists()


def test_reports_are_never_public(client, claim, journalist):
    client.post(report_url("claim", claim), REPORT)
    report = ErrorReport.objects.get()

    page = client.get(claim.get_absolute_url())
    admin_page = client.get(reverse("admin:reports_errorreport_changelist"))

    assert REPORT["problem"] not in page.content.decode()
    assert admin_page.status_code == 302  # to the admin's login
    detail = client.get(reverse("admin:reports_errorreport_change", args=[report.pk]))
    assert detail.status_code == 302


def test_editors_see_the_queue_newest_first_and_close_reports(client, claim, editor):
    client.post(report_url("claim", claim), {**REPORT, "problem": "Older report."})
    client.post(report_url("claim", claim), {**REPORT, "problem": "Newer report."})
    older, newer = ErrorReport.objects.order_by("pk")
    client.force_login(editor)

    queue = client.get(reverse("admin:reports_errorreport_changelist"))

    assert queue.status_code == 200
    assert [row.pk for row in queue.context["cl"].result_list] == [newer.pk, older.pk]
    content = queue.content.decode()
    assert reverse("admin:claims_claim_change", args=[claim.pk]) in content
    public = client.get(reverse("admin:reports_errorreport_public", args=[newer.pk]))
    assert public["Location"] == claim.get_absolute_url()
    response = client.post(
        reverse("admin:reports_errorreport_changelist"),
        {"action": "mark_resolved", "_selected_action": [older.pk]},
    )
    assert response.status_code == 302
    older.refresh_from_db()
    assert (older.status, older.handled_by) == (ReportStatus.RESOLVED, editor)
    new_only = client.get(reverse("admin:reports_errorreport_changelist"), {"status__exact": "new"})
    assert [row.pk for row in new_only.context["cl"].result_list] == [newer.pk]
    detail = client.get(reverse("admin:reports_errorreport_change", args=[newer.pk]))
    assert f'href="{claim.get_absolute_url()}"' in detail.content.decode()


def test_journalists_read_the_queue_but_cannot_close_reports(client, claim, journalist):
    client.post(report_url("claim", claim), REPORT)
    report = ErrorReport.objects.get()
    client.force_login(journalist)

    assert client.get(reverse("admin:reports_errorreport_changelist")).status_code == 200
    client.post(
        reverse("admin:reports_errorreport_changelist"),
        {"action": "mark_dismissed", "_selected_action": [report.pk]},
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.NEW
    with pytest.raises(PermissionDenied):
        reports_set_status(by=journalist, reports=[report], status=ReportStatus.DISMISSED)


def test_the_report_form_speaks_the_language_of_the_page_it_came_from(client, claim):
    with translation.override("ru"):
        form_address = reverse("reports:new", args=["claim", claim.pk])
    page = client.get(form_address).content.decode()

    assert form_address.startswith("/ru/report/")
    assert '<html lang="ru"' in page
    assert "Сообщить об ошибке" in page  # noqa: RUF001 - Russian


def test_a_report_posted_to_the_old_unprefixed_address_keeps_its_body(client, claim):
    # A page cached before the form moved under the language prefixes posts to /report/…: the
    # 308 tells the browser to post the same report again to the English form.
    response = client.post(f"/report/claim/{claim.pk}/", REPORT)

    assert response.status_code == 308
    assert response["Location"] == f"/en/report/claim/{claim.pk}/"
