"""The way around (issue 14): a header nav on every page, indexes of people and topics with
counts, and an About page each deployment fills in."""

import re

import pytest
from django.urls import reverse

from claimtracker.claims import services
from claimtracker.seeding.reference import load_reference_case
from tests.factories import ActorFactory, StatementFactory, TopicFactory
from tests.web.published import published_claim

pytestmark = pytest.mark.django_db

# "Search" shows on phones only, where it replaces the header's search field.
NAV = ["Claims", "People", "Topics", "Methodology", "Corrections", "About", "Search"]


def nav_of(html: str) -> list[tuple[str, str]]:
    match = re.search(r'<nav class="site-nav".*?</nav>', html, re.S)
    assert match, "no site navigation"
    return re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', match.group(0))


@pytest.mark.parametrize(
    "route", ["web:home", "web:actors", "web:topics", "web:methodology", "web:about"]
)
def test_every_page_has_the_same_navigation_and_marks_where_the_reader_is(client, db, route):
    html = client.get(reverse(route)).content.decode()

    links = nav_of(html)
    assert [label for _, label in links] == NAV
    for address, _ in links:
        assert client.get(address).status_code == 200
    current = re.findall(r'<a href="([^"]+)" aria-current="page">', html)
    assert current == [reverse(route)]


def test_the_reference_case_is_reachable_from_the_navigation(client, db):
    load_reference_case()

    people = client.get(reverse("web:actors")).content.decode()
    topics = client.get(reverse("web:topics")).content.decode()

    assert '<a href="/en/actors/kassym-jomart-tokayev/">Kassym-Jomart Tokayev</a>' in people
    assert "Karim Massimov" in people
    assert re.search(r"\(Qandy Qantar\)</a> <span[^>]*>7 claims</span>", topics)


def test_indexes_count_only_what_is_published_and_hide_drafts(client, fact_checker):
    speaker = ActorFactory(slug="speaker")
    services.record_publish(by=fact_checker, record=StatementFactory(speaker=speaker))
    StatementFactory(speaker=speaker)  # a draft: not counted
    ActorFactory(slug="draft-actor")
    topic = services.record_publish(by=fact_checker, record=TopicFactory(name="Elections"))
    published_claim(fact_checker, topics=[topic])
    draft = TopicFactory(name="Secret plans")

    people = client.get(reverse("web:actors")).content.decode()
    topics = client.get(reverse("web:topics")).content.decode()

    assert re.search(r'href="/en/actors/speaker/">[^<]+</a> <span[^>]*>1 statement</span>', people)
    assert "draft-actor" not in people
    assert re.search(r"Elections</a> <span[^>]*>1 claim</span>", topics)
    assert draft.name not in topics


@pytest.mark.parametrize("count", [1, 8])
def test_indexes_run_the_same_queries_however_many_they_list(
    client, fact_checker, django_assert_num_queries, count
):
    for number in range(count):
        actor = ActorFactory(slug=f"actor-{number}")
        services.record_publish(by=fact_checker, record=StatementFactory(speaker=actor))
        services.record_publish(by=fact_checker, record=TopicFactory(slug=f"topic-{number}"))

    # The conditional-GET stamp, the count for the pager, the page, the names.
    for route in ["web:actors", "web:topics"]:
        with django_assert_num_queries(4):
            assert client.get(reverse(route)).status_code == 200


def test_a_page_number_that_is_not_one_is_a_404_not_an_error(client, db):
    assert client.get(reverse("web:actors"), {"page": "x"}).status_code == 404
    assert client.get(reverse("web:topics"), {"page": "999"}).status_code == 404


def test_the_about_page_says_what_the_deployment_set_and_what_it_did_not(client, db, settings):
    html = client.get(reverse("web:about")).content.decode()
    assert "It is run by ClaimTracker." in html
    assert "This deployment has not stated who funds it." in html
    assert "This deployment has not published a contact address." in html

    settings.PUBLISHER_NAME = "Newsroom <Ltd>"
    settings.ABOUT_FUNDING = "Reader donations."
    settings.CONTACT_EMAIL = "desk@example.org"
    settings.ABOUT_TEXT = "First paragraph.\n\nSecond <b>paragraph</b>."
    html = client.get(reverse("web:about")).content.decode()

    assert "It is run by Newsroom &lt;Ltd&gt;." in html
    assert "<p>First paragraph.</p>" in html
    assert "<p>Second &lt;b&gt;paragraph&lt;/b&gt;.</p>" in html
    assert "Reader donations." in html
    assert '<a href="mailto:desk@example.org">desk@example.org</a>' in html
