"""An actor's page: what exists (names, roles, statements), and the tally of their claims'
statuses over a range of statement dates the reader sets, with the range said in words."""

import re

import pytest
from django.urls import reverse

from claimtracker.claims import services
from claimtracker.claims.dates import PartialDate
from claimtracker.claims.models import ClaimStatus
from claimtracker.seeding.reference import load_reference_case
from tests.factories import ActorFactory, ClaimFactory, StatementFactory
from tests.web.published import change_status
from tests.web.published import published_claim as claim_with

pytestmark = pytest.mark.django_db


def tally(html):
    """{status label: count} read from the tally table."""
    table = html[html.index('<table class="tally__table">') : html.index("</table>")]
    rows = re.findall(r'<th scope="row">([^<]+)</th><td>(?:<a [^>]*>)?(\d+)', table)
    return {label: int(count) for label, count in rows}


def caption(html):
    found = re.search(r"<caption>(.*?)</caption>", html, re.S)
    assert found, "the tally has a caption"
    return " ".join(found[1].split())


def published_claim(by, statement, status=""):
    # Evidence contradicting it, linked before publishing, is what any verdict may cite.
    claim = claim_with(by, statements=[statement], stances=["contradicts"])
    if status:
        change_status(by, claim, status, as_of=None)
    return claim


@pytest.fixture
def speaker(fact_checker):
    """An actor with claims asserted in 2022, May 2023 and 2024, and one undated."""
    actor = ActorFactory(slug="speaker")
    for stated_on, status in [
        (PartialDate(2022, 1, 5), ClaimStatus.REFUTED),
        (PartialDate(2023, 5), ClaimStatus.UNCONFIRMED),
        (PartialDate(2024), ClaimStatus.UNCONFIRMED),
        (None, ""),
    ]:
        published_claim(fact_checker, StatementFactory(speaker=actor, stated_on=stated_on), status)
    return actor


def test_tokayevs_page_tallies_his_claims_and_says_his_statements_give_no_date(client, role_groups):
    load_reference_case()

    html = client.get(reverse("web:actor", args=["kassym-jomart-tokayev"])).content.decode()

    assert tally(html) == {
        "Confirmed": 0,
        "Partly confirmed": 0,
        "Unconfirmed": 1,
        "Disputed": 1,
        "Refuted": 0,
        "No status yet": 3,
        "All": 5,
    }
    assert "6 statements, whose sources give no date" in caption(html)
    # What the page showed before the tally is still there.
    assert "Тоқаев" in html or "Токаев" in html
    assert "Statements" in html


def test_over_all_dates_the_tally_says_which_dates_are_on_record(client, speaker):
    html = client.get(speaker.get_absolute_url()).content.decode()

    assert tally(html)["All"] == 4
    assert caption(html) == (
        "Published claims asserted in statements of all dates on record: "
        "5 January 2022 \u2013 2024, and 1 statement whose source gives no date"
    )


def test_a_range_counts_only_statements_certainly_within_it_and_says_the_range(client, speaker):
    html = client.get(
        speaker.get_absolute_url(), {"stated_from": "2023", "stated_to": "2024"}
    ).content.decode()

    assert tally(html)["Unconfirmed"] == 2
    assert tally(html)["Refuted"] == 0
    assert tally(html)["No status yet"] == 0
    assert caption(html) == "Published claims asserted in statements made from 2023 to 2024"


def test_an_open_ended_range_says_so(client, speaker):
    since = client.get(speaker.get_absolute_url(), {"stated_from": "2023-06"}).content.decode()
    until = client.get(speaker.get_absolute_url(), {"stated_to": "2022"}).content.decode()

    assert caption(since) == "Published claims asserted in statements made from June 2023 on"
    assert tally(since)["All"] == 1
    assert caption(until) == "Published claims asserted in statements made up to 2022"
    assert tally(until) == {**tally(until), "Refuted": 1, "All": 1}


def test_tokayevs_tally_up_to_year_9999_counts_all_his_claims_and_from_year_1_none(
    client, role_groups
):
    load_reference_case()
    page = reverse("web:actor", args=["kassym-jomart-tokayev"])

    to_year_9999 = client.get(page, {"stated_to": "9999"})
    from_year_1 = client.get(page, {"stated_from": "0001"})

    # His statements give no date but were all made by 11 January 2024.
    assert to_year_9999.status_code == 200
    assert tally(to_year_9999.content.decode()) == {
        "Confirmed": 0,
        "Partly confirmed": 0,
        "Unconfirmed": 1,
        "Disputed": 1,
        "Refuted": 0,
        "No status yet": 3,
        "All": 5,
    }
    # Nothing says how early an undated statement was made.
    assert from_year_1.status_code == 200
    assert tally(from_year_1.content.decode())["All"] == 0


@pytest.mark.parametrize(
    ("query", "counted"),
    [
        ({"stated_from": "0001"}, 3),
        ({"stated_to": "9999"}, 3),
        ({"stated_from": "0001-01-01", "stated_to": "9999-12-31"}, 3),
    ],
)
def test_a_range_reaching_year_1_or_year_9999_counts_every_dated_statement(
    client, speaker, query, counted
):
    response = client.get(speaker.get_absolute_url(), query)

    assert response.status_code == 200
    assert tally(response.content.decode())["All"] == counted


def test_each_count_links_to_the_same_claims_on_the_list(client, speaker):
    html = client.get(speaker.get_absolute_url(), {"stated_from": "2023"}).content.decode()

    link = re.search(r'<a href="(/en/\?actor=speaker&amp;status=unconfirmed[^"]*)">2</a>', html)
    assert link
    listed = client.get(link[1].replace("&amp;", "&")).content.decode()
    assert "2 claims" in listed


def test_drafts_never_count(client, fact_checker):
    actor = services.record_publish(by=fact_checker, record=ActorFactory(slug="drafty"))
    ClaimFactory(statements=[StatementFactory(speaker=actor)])
    # A published statement asserting only a draft claim. (A published claim cannot rest on a
    # draft statement: publishing the claim publishes its statements.)
    published_statement = services.record_publish(
        by=fact_checker, record=StatementFactory(speaker=actor)
    )
    ClaimFactory(statements=[published_statement])

    html = client.get(actor.get_absolute_url()).content.decode()

    assert tally(html)["All"] == 0


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"stated_from": "2023-02-30"}, "2023-02 has no day 30"),
        ({"stated_to": "soon"}, "is not a date like 2023, 2023-04 or 2023-04-17"),
        (
            {"stated_from": "2024-02", "stated_to": "2024-01"},
            "The start of the range (February 2024) is after its end (January 2024).",
        ),
    ],
)
def test_a_bad_range_is_a_400_showing_the_page_and_the_error(client, speaker, query, message):
    response = client.get(speaker.get_absolute_url(), query)

    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'role="alert"' in html
    assert '<table class="tally__table">' not in html
    assert "<h1>speaker</h1>" in html


def test_an_unknown_actor_is_a_404(client, db):
    assert client.get(reverse("web:actor", args=["nobody"])).status_code == 404


def test_curators_text_on_the_actor_page_is_escaped(client, fact_checker):
    actor = ActorFactory(slug="hostile", description="<script>alert(1)</script>")
    published_claim(fact_checker, StatementFactory(speaker=actor, quote="<script>q</script>"))

    html = client.get(actor.get_absolute_url(), {"stated_to": "<script>x"}).content.decode()

    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize("count", [1, 12])
@pytest.mark.parametrize(
    ("query", "queries"),
    [
        # the stamp, the actor with its prefetches (its own corrections among them, since
        # actors are corrected in public), its latest statements with their claims, and one
        # grouped query for the tally, the dates on record and the scorecard's counts per year
        ({}, 10),
        ({"stated_from": "2020", "stated_to": "2025"}, 10),
    ],
)
def test_the_actor_page_runs_the_same_queries_however_much_it_shows(
    client, fact_checker, django_assert_num_queries, count, query, queries
):
    actor = ActorFactory(slug="busy")
    for number in range(count):
        status = [ClaimStatus.CONFIRMED, ClaimStatus.REFUTED, ""][number % 3]
        statement = StatementFactory(speaker=actor, stated_on=PartialDate(2022, 1 + number % 12))
        published_claim(fact_checker, statement, status)

    with django_assert_num_queries(queries):
        response = client.get(actor.get_absolute_url(), query)

    assert tally(response.content.decode())["All"] == count
