"""The home page: published claims as cards, newest change first, filtered by plain GET forms."""

import datetime
import re

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from claimtracker.claims import services
from claimtracker.claims.dates import PartialDate
from claimtracker.claims.models import ClaimStatus
from claimtracker.claims.selectors import status_held_for
from claimtracker.seeding.reference import load_reference_case
from tests.factories import (
    ActorFactory,
    ClaimEvidenceFactory,
    ClaimFactory,
    StatementFactory,
    TopicFactory,
)
from tests.web.published import change_status, published_claim

pytestmark = pytest.mark.django_db

HOME = reverse("web:home")


def card_titles(html):
    return re.findall(r'<h3 class="claim-card__text"[^>]*><a href="/en/claims/([^/]+)/">', html)


@pytest.fixture
def reference(role_groups):
    load_reference_case()


def test_the_home_page_shows_the_outside_terrorists_claim_as_unconfirmed_since_january_2024(
    client, reference
):
    html = client.get(HOME).content.decode()

    card = html[html.index("outside-terrorists-were-main-protagonists") :]
    card = card[: card.index("</article>")]
    assert "“outside terrorists”" in card
    assert ">Unconfirmed</a>" in card
    assert "since 11 January 2024, " in card
    assert ">Kassym-Jomart Tokayev</a>" in card
    # The one statement by one actor is named above: no line repeats it as counts.
    assert "Asserted in 1 statement" not in card
    # The reason for the status, on one line.
    assert "This version has not been confirmed over the past two years" in card
    assert "7 claims" in html


def test_filtering_the_reference_case_to_unconfirmed_leaves_the_outside_terrorists_claim(
    client, reference
):
    html = client.get(HOME, {"status": "unconfirmed"}).content.decode()

    assert card_titles(html) == ["outside-terrorists-were-main-protagonists"]
    assert '<option value="unconfirmed" selected>' in html


@pytest.mark.parametrize("name", ["Tokayev", "Токаев", "Тоқаев", "kassym-jomart-tokayev"])
def test_the_actor_filter_takes_a_name_in_any_script_or_the_page_address(client, reference, name):
    by_name = client.get(HOME, {"actor": name})

    assert by_name.status_code == 200
    by_address = client.get(HOME, {"actor": "kassym-jomart-tokayev"}).content.decode()
    assert card_titles(by_name.content.decode()) == card_titles(by_address)
    assert len(card_titles(by_address)) == 5
    # The field keeps what the reader typed.
    assert f'value="{name}"' in by_name.content.decode()


def test_a_name_that_fits_several_people_offers_them_as_links(client, fact_checker):
    for slug in ("aidar-first", "aidar-second"):
        services.record_publish(by=fact_checker, record=ActorFactory(slug=slug))
    ActorFactory(slug="aidar-draft")

    response = client.get(HOME, {"actor": "Aidar"})

    assert response.status_code == 400
    html = response.content.decode()
    assert "“Aidar” could be more than one person or institution: choose one." in html
    assert '<a href="?actor=aidar-first">aidar-first</a>' in html
    assert '<a href="?actor=aidar-second">aidar-second</a>' in html
    assert "aidar-draft" not in html


def test_a_name_only_alike_is_refused_with_the_people_it_may_mean(client, reference):
    response = client.get(HOME, {"actor": "Tokayef"})

    assert response.status_code == 400
    html = response.content.decode()
    assert "Nobody on record is called “Tokayef”." in html
    assert '<a href="?actor=kassym-jomart-tokayev">Kassym-Jomart Tokayev</a>' in html


def test_no_status_yet_is_a_filter_of_its_own_not_unconfirmed(client, reference):
    html = client.get(HOME, {"status": "none"}).content.decode()

    assert len(card_titles(html)) == 5
    assert "outside-terrorists-were-main-protagonists" not in card_titles(html)


def test_filters_by_actor_and_topic_use_the_apis_names(client, reference):
    by_actor = client.get(HOME, {"actor": "prosecutor-generals-office"}).content.decode()
    by_topic = client.get(HOME, {"topic": "january-2022-events-qandy-qantar"}).content.decode()

    assert sorted(card_titles(by_actor)) == [
        "massimov-among-organizers-of-january-events",
        "peaceful-protests-exploited-for-parallel-coup",
    ]
    assert len(card_titles(by_topic)) == 7


def test_an_empty_form_filters_nothing(client, reference):
    html = client.get(
        HOME, {"status": "", "actor": "", "topic": "", "stated_from": "", "stated_to": ""}
    ).content.decode()
    assert len(card_titles(html)) == 7


def test_newest_change_first_counts_publication_for_claims_nobody_assessed(client, fact_checker):
    assessed_as_draft = ClaimFactory(slug="assessed-as-draft")
    change_status(fact_checker, assessed_as_draft, ClaimStatus.DISPUTED)
    published_claim(fact_checker, slug="never-assessed")
    assessed_later = published_claim(fact_checker, slug="assessed-later", stances=["contradicts"])
    change_status(fact_checker, assessed_later, ClaimStatus.REFUTED)
    services.record_publish(by=fact_checker, record=assessed_as_draft)

    html = client.get(HOME).content.decode()

    assert card_titles(html) == ["assessed-as-draft", "assessed-later", "never-assessed"]


def test_drafts_and_what_only_drafts_say_stay_off_the_list(client, fact_checker):
    claim = published_claim(fact_checker, slug="public", statements=[StatementFactory()])
    # A draft never joins a published claim behind readers' backs: the database refuses it
    # outside a correction, and a correction publishes what the claim newly cites.
    with pytest.raises(IntegrityError), transaction.atomic():
        claim.statements.add(StatementFactory())
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimEvidenceFactory(claim=claim, stance="supports")
    # A draft claim, asserted by the published claim's statement, supported by draft evidence.
    draft = ClaimFactory(slug="draft-claim", statements=[claim.statements.get()])
    ClaimEvidenceFactory(claim=draft, stance="supports")

    html = client.get(HOME).content.decode()

    assert card_titles(html) == ["public"]
    # A line that would only repeat the one statement named above, or say "0", is left out.
    assert "Asserted in 1 statement" not in html
    assert "evidence support" not in html


def test_a_card_counts_statements_speakers_and_evidence_by_stance(client, fact_checker):
    first, second = StatementFactory(), StatementFactory()
    third = StatementFactory(speaker=first.speaker)
    published_claim(
        fact_checker,
        statements=[first, second, third],
        stances=["supports", "contradicts", "contradicts", "context"],
    )

    html = client.get(HOME).content.decode()

    assert "Asserted in 3 statements, by 2 actors" in html
    assert "1 piece of evidence supports it" in html
    assert "2 pieces of evidence contradict it" in html


def test_a_card_names_who_asserted_it_and_when_at_the_sources_precision(client, fact_checker):
    statement = StatementFactory(speaker__slug="speaker-one", stated_on=PartialDate(2022, 1))
    published_claim(fact_checker, statements=[statement])

    html = client.get(HOME).content.decode()

    assert '<a href="/en/actors/speaker-one/">speaker-one</a>' in html
    assert f'<a href="/en/statements/{statement.pk}/">January 2022</a>' in html


def test_a_month_only_status_date_is_never_given_a_day(client, fact_checker):
    claim = published_claim(fact_checker)
    change_status(fact_checker, claim, ClaimStatus.UNCONFIRMED, as_of=PartialDate(2024, 1))

    html = client.get(HOME).content.decode()

    assert re.search(r"since January 2024, \d+", html)
    assert "1 January 2024" not in html


@pytest.mark.parametrize(
    ("as_of", "today", "held_for"),
    [
        (PartialDate(2024, 1, 11), datetime.date(2026, 1, 15), "2\xa0years"),
        # January 2024 may mean the 31st: count from there, never longer than certain.
        (PartialDate(2024, 1), datetime.date(2026, 1, 15), "1\xa0year"),
        (PartialDate(2024), datetime.date(2025, 6, 1), "5\xa0months"),
        (PartialDate(2026, 1, 15), datetime.date(2026, 1, 15), ""),
        (PartialDate(2026), datetime.date(2026, 1, 15), ""),
    ],
)
def test_how_long_a_status_has_held_counts_from_the_last_day_its_date_can_mean(
    as_of, today, held_for
):
    assert status_held_for(as_of, today) == held_for


def test_the_date_range_is_of_the_asserting_statements_certainly_within_it(client, fact_checker):
    for slug, stated_on in [
        ("in-2022", PartialDate(2022, 5, 1)),
        ("in-2023", PartialDate(2023)),
        ("in-april-2023", PartialDate(2023, 4)),
        ("undated", None),
    ]:
        published_claim(
            fact_checker,
            slug=slug,
            statements=[
                StatementFactory(
                    stated_on=stated_on,
                    stated_not_after=None if stated_on else datetime.date(2023, 1, 1),
                )
            ],
        )

    from_april = client.get(HOME, {"stated_from": "2023-04"}).content.decode()
    to_2022 = client.get(HOME, {"stated_to": "2022"}).content.decode()

    # "2023" may mean January: not certainly from April on.
    assert card_titles(from_april) == ["in-april-2023"]
    # Undated, but said not after 1 January 2023: too late for "until 2022" to be certain.
    assert card_titles(to_2022) == ["in-2022"]


def test_year_1_and_year_9999_bound_the_reference_case_like_any_other_year(client, reference):
    from_year_1 = client.get(HOME, {"stated_from": "0001"})
    to_year_9999 = client.get(HOME, {"stated_to": "9999"})

    # Only the Prosecutor General's 2023 statement gives a date; an undated statement can
    # never be certainly after a start.
    assert from_year_1.status_code == 200
    assert card_titles(from_year_1.content.decode()) == [
        "massimov-among-organizers-of-january-events"
    ]
    # Every statement is dated or said not after 11 January 2024: all seven claims.
    assert to_year_9999.status_code == 200
    assert len(card_titles(to_year_9999.content.decode())) == 7


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"stated_from": "0001"}, ["dated"]),
        ({"stated_from": "0001-01-01"}, ["dated"]),
        ({"stated_to": "9999"}, ["dated", "undated-with-bound"]),
        ({"stated_to": "9999-12-31"}, ["dated", "undated-with-bound"]),
        ({"stated_from": "0001", "stated_to": "9999"}, ["dated"]),
    ],
)
def test_a_range_reaching_year_1_or_year_9999_holds_every_dated_statement(
    client, fact_checker, query, expected
):
    dated = StatementFactory(stated_on=PartialDate(2022, 1, 5))
    bounded = StatementFactory(stated_not_after=datetime.date(2024, 1, 11))
    for slug, statement in [("dated", dated), ("undated-with-bound", bounded)]:
        published_claim(fact_checker, slug=slug, statements=[statement])
    published_claim(fact_checker, slug="undated", statements=[StatementFactory()])

    response = client.get(HOME, query)

    assert response.status_code == 200
    assert sorted(card_titles(response.content.decode())) == expected


def test_actor_and_dates_must_hold_for_the_same_statement(client, fact_checker):
    early = StatementFactory(speaker__slug="early-speaker", stated_on=PartialDate(2020))
    late = StatementFactory(stated_on=PartialDate(2024))
    published_claim(fact_checker, slug="both", statements=[early, late])

    said_late = client.get(HOME, {"actor": "early-speaker", "stated_from": "2024"})
    said_early = client.get(HOME, {"actor": "early-speaker", "stated_to": "2021"})

    assert card_titles(said_late.content.decode()) == []
    assert card_titles(said_early.content.decode()) == ["both"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"status": "bogus"}, "“bogus” is not a status; choose one from the list."),
        ({"stated_from": "2023-13"}, "month 13 is out of range 1-12"),
        ({"stated_to": "yesterday"}, "is not a date like 2023, 2023-04 or 2023-04-17"),
        ({"actor": "nobody-at-all"}, "Nobody on record is called “nobody-at-all”."),
        ({"topic": "no-such-topic"}, "There is no topic with the address name “no-such-topic”."),
        (
            {"stated_from": "2024", "stated_to": "2022"},
            "The start of the range (2024) is after its end (2022).",
        ),
    ],
)
def test_a_bad_filter_value_is_a_friendly_400_that_shows_the_form_again(client, query, message):
    response = client.get(HOME, query)

    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html
    assert message in html
    # The folded filters come unfolded, with the form and the values sent.
    assert '<details class="filters" open>' in html
    assert '<form method="get" action="/en/"' in html
    for name in query:
        assert f'name="{name}"' in html


def test_a_hostile_filter_value_comes_back_escaped(client, db):
    html = client.get(HOME, {"actor": "<script>alert(1)</script>"}).content.decode()

    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_curators_text_is_escaped_on_cards(client, fact_checker):
    statement = StatementFactory(speaker__slug="x")
    statement.speaker.names.update(value="<script>alert('name')</script>")
    published_claim(fact_checker, text="<script>alert(1)</script>", statements=[statement])

    html = client.get(HOME).content.decode()

    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_pages_split_at_twenty_claims_and_keep_the_filters(client, fact_checker):
    topic = TopicFactory(slug="many")
    for number in range(23):
        published_claim(fact_checker, slug=f"claim-{number:02d}", topics=[topic])

    first = client.get(HOME, {"topic": "many"}).content.decode()
    second = client.get(HOME, {"topic": "many", "page": "2"}).content.decode()

    assert len(card_titles(first)) == 20
    assert "Page 1 of 2" in first
    assert 'href="?topic=many&amp;page=2" rel="next"' in first
    assert len(card_titles(second)) == 3
    assert set(card_titles(first)).isdisjoint(card_titles(second))


@pytest.mark.parametrize("page", ["3", "0", "abc", "-1", "99999999999999999999"])
def test_a_page_that_does_not_exist_is_a_404_never_a_500(client, fact_checker, page):
    published_claim(fact_checker)
    assert client.get(HOME, {"page": page}).status_code == 404


def test_the_last_page_can_be_asked_for_by_name(client, fact_checker):
    published_claim(fact_checker, slug="only")
    assert card_titles(client.get(HOME, {"page": "last"}).content.decode()) == ["only"]


def test_an_empty_list_says_so(client, db):
    response = client.get(HOME, {"status": "refuted"})

    assert response.status_code == 200
    assert "No published claim matches these filters." in response.content.decode()


def test_the_home_page_sets_no_cookie(client, reference):
    assert client.get(HOME).cookies == {}


@pytest.mark.parametrize("count", [1, 25])
@pytest.mark.parametrize(
    ("query", "queries"),
    [
        # stamp, topics for the select, the status tabs' counts (from the counters, which
        # give the number of pages too), claims, statements, speakers' names
        ({}, 6),
        # the same plus looking up the actor and the topic named; counted, not from counters
        ({"status": "unconfirmed", "actor": "speaker", "topic": "events"}, 8),
        ({"stated_from": "2020", "stated_to": "2025"}, 6),
    ],
)
def test_the_home_page_runs_the_same_queries_however_many_claims_it_shows(
    client, fact_checker, django_assert_num_queries, count, query, queries
):
    topic = TopicFactory(slug="events")
    speaker = StatementFactory(speaker__slug="speaker").speaker
    for _ in range(count):
        statements = [
            StatementFactory(speaker=speaker, stated_on=PartialDate(2022, 1, 5)) for _ in range(4)
        ]
        claim = published_claim(
            fact_checker, statements=statements, topics=[topic], stances=["supports"]
        )
        change_status(fact_checker, claim, ClaimStatus.UNCONFIRMED)

    with django_assert_num_queries(queries):
        response = client.get(HOME, query)

    assert response.status_code == 200
    assert len(card_titles(response.content.decode())) == min(count, 20)
