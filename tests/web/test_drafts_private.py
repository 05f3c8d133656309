"""Nothing a journalist saves is public before a fact-checker publishes it: not the claim and
statement, and not the new actor, topic and sources they cite (issue 11, "drafts stay private").

An anonymous reader asks for every public page that could show them; each answers as if they
did not exist. Once the claim is published, with what it cites, all of it is there.
"""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from claimtracker.claims import services
from claimtracker.claims.models import ActorRelation, RelationKind
from tests.drafts import journalists_investigation, publish_investigation
from tests.factories import ActorFactory, ClaimFactory, SourceFactory, StatementFactory

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def investigation(journalist):
    return journalists_investigation(journalist)


def pages_of(investigation):
    return {
        "actor": investigation.actor.get_absolute_url(),
        "actor feed": reverse("web:actor-feed", args=[investigation.actor.slug]),
        "topic": investigation.topic.get_absolute_url(),
        "topic feed": reverse("web:topic-feed", args=[investigation.topic.slug]),
        "statement's source": investigation.statement_source.get_absolute_url(),
        "name's source": investigation.name_source.get_absolute_url(),
        "statement": investigation.statement.get_absolute_url(),
        "claim": investigation.claim.get_absolute_url(),
    }


def sitemap_addresses(client):
    """Every address in every child sitemap the index (/sitemap.xml) lists."""
    index = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 (our own output)
    addresses = set()
    for child in index.findall(f"{SITEMAP}sitemap/{SITEMAP}loc"):
        assert child.text
        path = child.text.split("://", 1)[1].split("/", 1)[1]
        root = ET.fromstring(client.get(f"/{path}").content)  # noqa: S314 (our own output)
        addresses |= {url.findtext(f"{SITEMAP}loc") for url in root.findall(f"{SITEMAP}url")}
    return addresses


def search(client, query):
    return client.get(reverse("web:search"), {"q": query}).content.decode()


def test_a_journalists_new_actor_topic_and_sources_answer_404_to_the_public(client, investigation):
    for page, address in pages_of(investigation).items():
        assert client.get(address).status_code == 404, page


def test_the_sitemap_search_and_home_filters_do_not_know_them(client, investigation):
    assert not any(
        "aigerim-dambuilder" in address or "river-dam-affair" in address
        for address in sitemap_addresses(client)
    )
    for query in ("Dambuilder", "River dam affair", "dammed"):
        html = search(client, query)
        assert "0 results" in html, query
        assert "/en/actors/aigerim-dambuilder/" not in html, query
        assert "/en/topics/river-dam-affair/" not in html, query

    home = reverse("web:home")
    by_actor = client.get(home, {"actor": "aigerim-dambuilder"})
    assert by_actor.status_code == 400
    assert "Nobody on record is called “aigerim-dambuilder”" in by_actor.text
    by_topic = client.get(home, {"topic": "river-dam-affair"})
    assert by_topic.status_code == 400
    # Nor does the topic menu of the filter form offer it.
    assert "River dam affair" not in client.get(home).text


def test_once_the_claim_is_published_everything_it_cites_is_public(
    client, fact_checker, investigation
):
    publish_investigation(fact_checker, investigation)

    for page, address in pages_of(investigation).items():
        assert client.get(address).status_code == 200, page
    assert {
        f"http://127.0.0.1:8000{investigation.actor.get_absolute_url()}",
        f"http://127.0.0.1:8000{investigation.topic.get_absolute_url()}",
    } <= sitemap_addresses(client)
    assert 'href="/en/actors/aigerim-dambuilder/"' in search(client, "Dambuilder")
    assert 'href="/en/topics/river-dam-affair/"' in search(client, "River dam affair")
    home = reverse("web:home")
    assert "the-river-will-be-dammed" in client.get(home, {"actor": "aigerim-dambuilder"}).text
    assert "the-river-will-be-dammed" in client.get(home, {"topic": "river-dam-affair"}).text
    source_page = client.get(investigation.statement_source.get_absolute_url()).text
    assert "The river will be dammed before spring." in source_page


def test_a_source_cited_only_by_drafts_stays_private_when_another_is_published(
    client, fact_checker
):
    shared_speaker = ActorFactory(slug="shared-speaker")
    published = StatementFactory(speaker=shared_speaker)
    services.record_publish(by=fact_checker, record=ClaimFactory(statements=[published]))
    draft = StatementFactory(speaker=shared_speaker, source=SourceFactory(title="Draft notes"))

    assert client.get(published.source.get_absolute_url()).status_code == 200
    assert client.get(draft.source.get_absolute_url()).status_code == 404
    actor_page = client.get(shared_speaker.get_absolute_url()).text
    assert "Draft notes" not in actor_page


def test_a_draft_actors_tie_to_a_published_one_stays_off_its_page_and_search(client, fact_checker):
    public = ActorFactory(slug="public-figure", primary_name__value="Public Figure")
    services.record_publish(by=fact_checker, record=public)
    ActorRelation.objects.create(
        subject=ActorFactory(slug="secret-relative", primary_name__value="Secret Relative"),
        kind=RelationKind.CHILD_OF,
        other=public,
        source=SourceFactory(),
    )

    assert "Secret Relative" not in client.get(public.get_absolute_url()).text
    assert "secret-relative" not in search(client, "Relative")
