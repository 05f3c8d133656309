"""A topic's page: its claims with their statuses, and one timeline of the statements, evidence
and status changes about them, in date order at each date's own precision."""

import re

import pytest
from django.urls import reverse

from claimtracker.claims import services
from claimtracker.claims.dates import PartialDate
from claimtracker.claims.models import ClaimStatus
from claimtracker.claims.selectors import topic_timeline
from claimtracker.seeding.reference import load_reference_case
from tests.factories import ClaimEvidenceFactory, ClaimFactory, StatementFactory, TopicFactory
from tests.web.published import published_claim

pytestmark = pytest.mark.django_db

TOPIC = reverse("web:topic", args=["january-2022-events-qandy-qantar"])


def test_the_reference_topic_shows_its_claims_with_statuses(client, role_groups):
    load_reference_case()

    html = client.get(TOPIC).content.decode()

    assert "7 published claims under this topic" in html
    terrorists = html[html.index("outside-terrorists-were-main-protagonists/") :]
    assert ">Unconfirmed</a>" in terrorists[: terrorists.index("</article>")]
    assert html.count('class="claim-card"') == 7


def test_the_reference_timeline_is_in_date_order_and_keeps_undated_items_apart(client, role_groups):
    load_reference_case()

    html = client.get(TOPIC).content.decode()

    dated = html[html.index('<ol class="timeline">') : html.index("</ol>", html.index("timeline"))]
    whens = re.findall(r'<time datetime="([^"]+)">', dated)
    assert whens == sorted(whens, key=lambda text: PartialDate.parse(text).sort_key())
    assert whens[0] == "2023"
    assert "2023-04" in whens
    assert "Unconfirmed</strong>" in dated
    undated = html[html.index('<ul class="timeline timeline--undated"') :]
    undated = undated[: undated.index("</ul>")]
    assert "<time" not in undated
    assert undated.count("not after 11 January 2024") >= 6
    assert "Date not given by the source" in html


def test_partial_dates_sort_vaguer_first_and_status_changes_by_their_as_of_date(
    client, fact_checker
):
    topic = TopicFactory(slug="events")
    year_only = services.record_publish(
        by=fact_checker, record=StatementFactory(stated_on=PartialDate(2023), quote="year only")
    )
    exact = services.record_publish(
        by=fact_checker,
        record=StatementFactory(stated_on=PartialDate(2023, 1, 5), quote="fifth of january"),
    )
    claim = ClaimFactory(statements=[exact, year_only])
    claim.topics.add(topic)
    link = ClaimEvidenceFactory(
        claim=claim, stance="contradicts", evidence__occurred_on=PartialDate(2022, 12)
    )
    services.record_publish(by=fact_checker, record=claim)  # with its evidence
    link.evidence.refresh_from_db()
    services.claim_change_status(
        by=fact_checker,
        claim=claim,
        new_status=ClaimStatus.REFUTED,
        expected_status="",
        reason="The record shows otherwise, in the ministry's own minutes.",
        as_of=PartialDate(2023, 1),
        evidence=[link.evidence],
    )

    html = client.get(topic.get_absolute_url()).content.decode()

    dated = html[html.index('<ol class="timeline">') :]
    whens = re.findall(r'<time datetime="([^"]+)">', dated[: dated.index("</ol>")])
    assert whens == ["2022-12", "2023", "2023-01", "2023-01-05"]
    assert "Contradicts: " in dated
    assert "no status → <strong>Refuted</strong>" in dated
    assert "The record shows otherwise, in the ministry&#x27;s own minutes." in dated
    assert "Date not given by the source" not in html


def test_drafts_stay_off_the_topic_page(client, fact_checker):
    topic = TopicFactory(slug="events")
    published_claim(fact_checker, text="Public claim.", topics=[topic])
    # A published claim cannot rest on draft statements or evidence (publishing it publishes
    # them), so the drafts are a draft claim's: asserted in draft words, with draft evidence.
    draft_claim = ClaimFactory(
        text="Draft claim.", statements=[StatementFactory(quote="draft words")]
    )
    draft_claim.topics.add(topic)
    ClaimEvidenceFactory(claim=draft_claim, evidence__title="Draft evidence")

    html = client.get(topic.get_absolute_url()).content.decode()

    assert "Public claim." in html
    for draft in ["draft words", "Draft evidence", "Draft claim."]:
        assert draft not in html
    assert "Nothing dated yet." in html


def test_a_big_topic_shows_the_newest_cards_and_links_to_the_full_list(client, fact_checker):
    topic = TopicFactory(slug="big")
    for _ in range(21):
        published_claim(fact_checker, topics=[topic])

    html = client.get(topic.get_absolute_url()).content.decode()

    assert html.count('class="claim-card"') == 20
    assert '<a href="/en/?topic=big">See all 21, with filters</a>' in html


def test_curators_text_on_the_topic_page_is_escaped(client, fact_checker):
    topic = TopicFactory(slug="events", description="<script>alert('topic')</script>")
    statement = services.record_publish(
        by=fact_checker, record=StatementFactory(quote="<script>alert('quote')</script>")
    )
    published_claim(
        fact_checker,
        text="<script>alert('claim')</script>",
        statements=[statement],
        topics=[topic],
    )

    html = client.get(topic.get_absolute_url()).content.decode()

    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#x27;claim&#x27;)&lt;/script&gt;" in html
    assert "&lt;script&gt;alert(&#x27;quote&#x27;)&lt;/script&gt;" in html


def test_an_unknown_topic_is_a_404(client, db):
    assert client.get(reverse("web:topic", args=["nothing"])).status_code == 404


@pytest.mark.parametrize("count", [1, 8])
def test_the_topic_page_runs_the_same_queries_however_much_it_shows(
    client, fact_checker, django_assert_num_queries, count
):
    topic = TopicFactory(slug="events")
    for number in range(count):
        statements = [
            services.record_publish(
                by=fact_checker, record=StatementFactory(stated_on=PartialDate(2022, 1 + number))
            )
            for _ in range(2)
        ]
        claim = ClaimFactory(statements=statements)
        claim.topics.add(topic)
        link = ClaimEvidenceFactory(
            claim=claim, stance="contradicts", evidence__occurred_on=PartialDate(2023)
        )
        services.record_publish(by=fact_checker, record=claim)  # with its evidence
        link.evidence.refresh_from_db()
        services.claim_change_status(
            by=fact_checker,
            claim=claim,
            new_status=ClaimStatus.DISPUTED,
            expected_status="",
            reason="Contested by the ruling linked below, published in full.",
            evidence=[link.evidence],
        )

    # stamp, topic, names, its corrections (topics are corrected in public); cards: claims,
    # statements, speakers' names, count (from the counters); timeline: statements, their
    # speakers' names and claims, evidence and its claim links, status changes
    with django_assert_num_queries(14):
        response = client.get(topic.get_absolute_url())

    assert response.content.decode().count("timeline__entry--status_change") == count


def test_a_long_timeline_keeps_exactly_the_latest_items_and_says_it_is_shortened(fact_checker):
    topic = TopicFactory(slug="long")
    for month in range(1, 7):
        statement = services.record_publish(
            by=fact_checker, record=StatementFactory(stated_on=PartialDate(2022, month))
        )
        claim = ClaimFactory(statements=[statement])
        claim.topics.add(topic)
        ClaimEvidenceFactory(claim=claim, evidence__occurred_on=PartialDate(2021, month))
        if month == 6:
            undated = StatementFactory()
            claim.statements.add(undated)
        services.record_publish(by=fact_checker, record=claim)

    shortened = topic_timeline(topic, limit=4)
    whole = topic_timeline(topic, limit=100)

    assert [entry.when and entry.when.isoformat() for entry in shortened.dated] == [
        "2022-03",
        "2022-04",
        "2022-05",
        "2022-06",
    ]
    assert shortened.shortened
    assert shortened.undated == []
    assert len(whole.dated) == 12
    assert [entry.record for entry in whole.undated] == [undated]
    assert not whole.shortened
