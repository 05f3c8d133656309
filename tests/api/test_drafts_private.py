"""The API keeps a journalist's new actor, topic and sources private until a fact-checker
publishes what cites them, as the public pages do (tests/web/test_drafts_private.py);
curators see them all along."""

import pytest

from claimtracker.claims import services
from claimtracker.claims.models import ActorRelation, RelationKind
from tests.drafts import journalists_investigation, publish_investigation
from tests.factories import ActorFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def investigation(journalist):
    return journalists_investigation(journalist)


def details(investigation):
    return [
        f"/api/v1/actors/{investigation.actor.slug}/",
        f"/api/v1/topics/{investigation.topic.slug}/",
        f"/api/v1/sources/{investigation.statement_source.pk}/",
        f"/api/v1/sources/{investigation.name_source.pk}/",
    ]


def listed(client, path, **params):
    response = client.get(path, params)
    assert response.status_code == 200, response.content
    return {item.get("slug") or item["id"] for item in response.json()["results"]}


def visible_to(client, investigation):
    """What of the investigation this client finds in the lists, searches and filters."""
    return {
        "actors": investigation.actor.slug in listed(client, "/api/v1/actors/"),
        "actor search": bool(listed(client, "/api/v1/actors/", q="Dambuilder")),
        "topics": investigation.topic.slug in listed(client, "/api/v1/topics/"),
        "topic search": bool(listed(client, "/api/v1/topics/", q="River dam")),
        "sources": {investigation.statement_source.pk, investigation.name_source.pk}
        <= listed(client, "/api/v1/sources/"),
    }


@pytest.mark.parametrize("persona", ["anonymous", "outsider"])
def test_the_public_finds_none_of_a_journalists_unpublished_work(readers, persona, investigation):
    client = readers[persona]

    for path in details(investigation):
        assert client.get(path).status_code == 404, path
    assert not any(visible_to(client, investigation).values())
    for path, name in [
        ("/api/v1/claims/", "actor"),
        ("/api/v1/statements/", "actor"),
        ("/api/v1/claims/", "topic"),
    ]:
        slug = investigation.actor.slug if name == "actor" else investigation.topic.slug
        response = client.get(path, {name: slug})
        # The same answer as for a slug nobody ever entered.
        assert response.status_code == 400, (path, name)
        assert f"There is no {name} with the slug “{slug}”." in response.text


@pytest.mark.parametrize("persona", ["journalist", "fact_checker", "editor"])
def test_curators_see_drafts_of_actors_topics_and_sources(readers, persona, investigation):
    client = readers[persona]

    for path in details(investigation):
        assert client.get(path).status_code == 200, path
    assert all(visible_to(client, investigation).values())
    claims = client.get("/api/v1/claims/", {"actor": investigation.actor.slug}).json()
    assert [claim["slug"] for claim in claims["results"]] == [investigation.claim.slug]


def test_publishing_the_claim_makes_what_it_cites_public(anonymous, fact_checker, investigation):
    publish_investigation(fact_checker, investigation)

    for path in details(investigation):
        assert anonymous.get(path).status_code == 200, path
    assert all(visible_to(anonymous, investigation).values())
    for name, slug in [("actor", investigation.actor.slug), ("topic", investigation.topic.slug)]:
        claims = anonymous.get("/api/v1/claims/", {name: slug}).json()
        assert [claim["slug"] for claim in claims["results"]] == [investigation.claim.slug]
    claim = anonymous.get(f"/api/v1/claims/{investigation.claim.slug}/").json()
    assert [topic["slug"] for topic in claim["topics"]] == [investigation.topic.slug]


def test_a_draft_actors_tie_to_a_published_actor_is_shown_to_curators_only(
    anonymous, as_user, journalist, fact_checker
):
    public = services.record_publish(by=fact_checker, record=ActorFactory(slug="public-figure"))
    ActorRelation.objects.create(
        subject=ActorFactory(slug="secret-relative"),
        kind=RelationKind.CHILD_OF,
        other=public,
        source=SourceFactory(),
    )
    path = f"/api/v1/actors/{public.slug}/"

    assert anonymous.get(path).json()["related_as_other"] == []
    (tie,) = as_user(journalist).get(path).json()["related_as_other"]
    assert tie["subject"]["slug"] == "secret-relative"
