"""Pages that stay the same size however large the record grows (issue 13): an actor's page
shows their latest statements and links to every claim, page by page; a topic's page counts its
claims from the counters."""

import re

import pytest

from claimtracker.claims.dates import PartialDate
from claimtracker.web.views.actors import LATEST_STATEMENTS
from tests.factories import ActorFactory, StatementFactory, TopicFactory
from tests.web.published import published_claim
from tests.web.test_actor_page import tally

pytestmark = pytest.mark.django_db


def test_an_actor_page_shows_the_latest_statements_and_links_to_all_their_claims(
    client, fact_checker
):
    actor = ActorFactory(slug="busy")
    for number in range(LATEST_STATEMENTS + 2):
        statement = StatementFactory(
            speaker=actor, stated_on=PartialDate(2000 + number), quote=f"Quote number {number}."
        )
        published_claim(fact_checker, statements=[statement])

    html = client.get(actor.get_absolute_url()).content.decode()

    statements = html[html.index('id="statements"') :]
    quoted = [int(number) for number in re.findall(r"Quote number (\d+)\.", statements)]
    # The newest first, and only so many of them ...
    assert quoted == list(range(LATEST_STATEMENTS + 1, 1, -1))
    # ... with the way to every claim, paged, on the home page filtered to the actor.
    assert 'href="/en/?actor=busy"' in statements
    # The tally still counts every claim, and the scorecard every year.
    assert tally(html)["All"] == LATEST_STATEMENTS + 2
    assert "2000: 1 of 1 claim assessed" not in html  # nobody assessed them
    assert "2000: 0 of 1 claim assessed" in html


def test_an_actor_with_few_statements_shows_them_all_without_the_link(client, fact_checker):
    actor = ActorFactory(slug="quiet")
    published_claim(fact_checker, statements=[StatementFactory(speaker=actor)])

    html = client.get(actor.get_absolute_url()).content.decode()

    assert 'href="/en/?actor=quiet"' not in html[html.index('id="statements"') :]


def test_a_topic_page_counts_its_claims_from_the_counters(client, fact_checker):
    topic = TopicFactory(slug="events")
    for _ in range(3):
        published_claim(fact_checker, topics=[topic])

    html = client.get(topic.get_absolute_url()).content.decode()

    assert "3 published claims under this topic" in html
