"""/api/v1/actors/: people and institutions with their names, posts and ties."""

import pytest

from claimtracker.claims.models import ActorKind
from tests.api.records import publish, rich_actor
from tests.factories import ActorFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/actors/"


def detail(actor):
    return f"/api/v1/actors/{actor.slug}/"


def slugs(response):
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["results"]]


@pytest.mark.parametrize(
    ("persona", "sees_drafts"),
    [
        ("anonymous", False),
        ("outsider", False),
        ("journalist", True),
        ("fact_checker", True),
        ("editor", True),
    ],
)
def test_curators_see_every_actor_and_everyone_else_published_ones(
    readers, fact_checker, persona, sees_drafts
):
    published = publish(ActorFactory(), fact_checker)
    draft = ActorFactory()

    expected = [draft.slug, published.slug] if sees_drafts else [published.slug]
    assert slugs(readers[persona].get(LIST)) == expected
    assert readers[persona].get(detail(published)).status_code == 200
    assert readers[persona].get(detail(draft)).status_code == (200 if sees_drafts else 404)


def test_an_actor_lists_names_in_every_script_with_their_sources(anonymous, fact_checker):
    actor = rich_actor(fact_checker)

    names = anonymous.get(detail(actor)).json()["names"]

    assert {(name["value"], name["script"], name["kind"]) for name in names} == {
        (actor.slug, "Latn", "primary"),
        ("Актёр", "Cyrl", "alias"),
    }
    assert all(
        name["source"]["url"].startswith("http://testserver/api/v1/sources/") for name in names
    )


def test_an_actors_name_follows_the_readers_language(anonymous, fact_checker):
    actor = rich_actor(fact_checker)

    english = anonymous.get(detail(actor), headers={"Accept-Language": "en"}).json()
    russian = anonymous.get(detail(actor), headers={"Accept-Language": "ru"}).json()

    assert (english["name"], russian["name"]) == (actor.slug, "Актёр")


def test_an_actor_gives_posts_with_partial_dates_and_family_ties_both_ways(anonymous, fact_checker):
    actor = rich_actor(fact_checker)

    body = anonymous.get(detail(actor)).json()

    (role,) = body["roles"]
    assert (role["title"], role["start"], role["end"]) == ("President", "2019-03", None)
    assert role["organisation"]["url"].startswith("http://testserver/api/v1/actors/actor-")
    (relation,) = body["relations"]
    assert (relation["kind"], relation["kind_label"]) == ("sibling_of", "is a sibling of")
    (inverse,) = body["related_as_other"]
    assert (inverse["kind"], inverse["kind_label"]) == ("child_of", "is a child of")
    assert inverse["subject"]["slug"] != actor.slug


def test_an_actor_links_to_its_statements_and_claims_instead_of_embedding_them(
    anonymous, fact_checker
):
    actor = publish(ActorFactory(), fact_checker)

    body = anonymous.get(detail(actor)).json()

    assert body["statements_url"] == f"http://testserver/api/v1/statements/?actor={actor.slug}"
    assert body["claims_url"] == f"http://testserver/api/v1/claims/?actor={actor.slug}"
    assert body["page_url"] == f"http://testserver/actors/{actor.slug}/"
    assert "statements" not in body


def test_actors_filter_by_kind(anonymous, fact_checker):
    publish(ActorFactory(), fact_checker)
    institution = publish(ActorFactory(kind=ActorKind.INSTITUTION), fact_checker)

    assert slugs(anonymous.get(LIST, {"kind": "institution"})) == [institution.slug]
    assert anonymous.get(LIST, {"kind": "robot"}).json()["errors"][0]["field"] == "kind"


def test_an_unknown_actor_is_not_found(anonymous):
    assert anonymous.get("/api/v1/actors/nobody/").status_code == 404


def test_the_actor_list_runs_as_many_queries_for_many_actors_as_for_one(
    anonymous, fact_checker, django_assert_num_queries
):
    rich_actor(fact_checker)
    # The page, then corrections, names (with sources), roles (with organisations and
    # sources), the organisations' names, ties from the actor, their other ends' names, ties
    # to the actor and their subjects' names. Every published actor a rich actor creates is a
    # row of its own, too.
    # (First the record's stamp: an anonymous reader's page is kept under it, web.caching.)
    with django_assert_num_queries(10):
        one = anonymous.get(LIST)
    for _ in range(4):
        rich_actor(fact_checker)

    with django_assert_num_queries(10):
        many = anonymous.get(LIST)

    assert (len(slugs(one)), len(slugs(many))) == (4, 20)
