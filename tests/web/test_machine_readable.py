"""Every public page names its machine-readable versions, in the head and visibly in the footer:
its JSON twin in the API, and the Atom feed of the status changes it is about."""

import html as html_lib
import re

import pytest
from django.urls import reverse

from claimtracker.claims import services
from claimtracker.claims.dates import PartialDate
from claimtracker.claims.models import ClaimStatus
from tests.factories import ActorFactory, ClaimFactory, StatementFactory, TopicFactory

pytestmark = pytest.mark.django_db

SITE_FEED = (
    "application/atom+xml",
    "/en/feeds/status-changes/",
    "Status changes of all claims (Atom feed)",
)


@pytest.fixture
def record(fact_checker):
    """A published, assessed claim asserted by an actor's published statement, under a topic."""
    actor = ActorFactory(slug="tokayev")
    topic = TopicFactory(slug="january-events")
    statement = services.record_publish(by=fact_checker, record=StatementFactory(speaker=actor))
    claim = ClaimFactory(slug="outside-terrorists", statements=[statement])
    claim.topics.add(topic)
    services.record_publish(by=fact_checker, record=claim)
    services.claim_change_status(
        by=fact_checker,
        claim=claim,
        new_status=ClaimStatus.UNCONFIRMED,
        expected_status="",
        reason="No investigation, court or document has confirmed it yet.",
        as_of=PartialDate(2024, 1, 11),
    )
    return claim


def alternates(html):
    """(type, href, title) of every <link rel="alternate"> in the head."""
    return [
        (kind, html_lib.unescape(href), html_lib.unescape(title))
        for kind, href, title in re.findall(
            r'<link rel="alternate" type="([^"]+)" href="([^"]+)"(?: title="([^"]*)")?>', html
        )
    ]


def footer_links(html):
    """(class, href, text) of the machine-readable links in the footer."""
    footer = html[html.index('<footer class="site-footer">') :]
    return [
        (kind, html_lib.unescape(href), html_lib.unescape(text))
        for kind, href, text in re.findall(
            r'<a class="(json-twin|feed-link)" href="([^"]+)"[^>]*>([^<]*)</a>', footer
        )
    ]


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("url", "feed", "feed_title"),
    [
        (
            "/en/claims/outside-terrorists/",
            "/en/claims/outside-terrorists/feed/",
            "This claim's status changes (Atom feed)",
        ),
        (
            "/en/actors/tokayev/",
            "/en/actors/tokayev/feed/",
            "Status changes of the claims this actor asserted (Atom feed)",
        ),
        (
            "/en/topics/january-events/",
            "/en/topics/january-events/feed/",
            "Status changes of the claims under this topic (Atom feed)",
        ),
    ],
)
def test_claim_actor_and_topic_pages_offer_their_own_feed_and_json_twin(
    client, record, url, feed, feed_title
):
    html = page(client, url)

    twin = "/api/v1" + url.removeprefix("/en")
    assert alternates(html) == [
        ("application/json", twin, ""),
        ("application/atom+xml", feed, feed_title),
    ]
    assert footer_links(html) == [
        ("json-twin", f"{twin}?format=json", "This page's data as JSON (REST API)"),
        ("feed-link", feed, feed_title),
    ]
    assert client.get(twin).status_code == 200
    feed_response = client.get(feed)
    assert feed_response.status_code == 200
    assert "◌ No status → ? Unconfirmed".encode() in feed_response.content


def test_the_home_page_offers_the_site_feed_and_the_api_claim_list(client, record):
    html = page(client, reverse("web:home"))

    site_feed = (
        "application/atom+xml",
        "/en/feeds/status-changes/",
        "Status changes of all claims (Atom feed)",
    )
    assert alternates(html) == [("application/json", "/api/v1/claims/", ""), site_feed]
    assert [link[:2] for link in footer_links(html)] == [
        ("json-twin", "/api/v1/claims/?format=json"),
        ("feed-link", "/en/feeds/status-changes/"),
    ]


def test_the_home_pages_twin_carries_the_filters_the_api_takes_and_drops_the_rest(client, record):
    url = reverse("web:home") + (
        "?status=unconfirmed&actor=tokayev&topic=january-events&stated_from=2022&page=1"
    )

    (twin, _feed) = alternates(page(client, url))

    assert twin[1] == "/api/v1/claims/?status=unconfirmed&actor=tokayev&topic=january-events"
    answer = client.get(twin[1])
    assert answer.status_code == 200
    assert [claim["slug"] for claim in answer.json()["results"]] == ["outside-terrorists"]


def test_the_home_pages_twin_leaves_out_empty_filters(client, record):
    (twin, _feed) = alternates(
        page(client, reverse("web:home") + "?status=&actor=&topic=january-events")
    )

    assert twin[1] == "/api/v1/claims/?topic=january-events"


def test_the_methodology_page_offers_the_site_feed_and_no_json_twin(client, db):
    html = page(client, reverse("web:methodology"))

    assert alternates(html) == [
        (
            "application/atom+xml",
            "/en/feeds/status-changes/",
            "Status changes of all claims (Atom feed)",
        )
    ]
    assert [kind for kind, _href, _text in footer_links(html)] == ["feed-link"]


def test_a_statement_page_offers_its_json_twin_and_no_feed(client, record):
    statement = record.statements.get()

    html = page(client, statement.get_absolute_url())

    assert alternates(html) == [("application/json", f"/api/v1/statements/{statement.pk}/", "")]


def test_the_corrections_page_offers_the_api_list_of_corrections(client, db):
    html = page(client, reverse("web:corrections"))

    assert ("application/json", "/api/v1/corrections/", "") in alternates(html)
    assert ("json-twin", "/api/v1/corrections/?format=json") in [
        (kind, href) for kind, href, _text in footer_links(html)
    ]
