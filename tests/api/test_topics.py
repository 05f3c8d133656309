"""/api/v1/topics/: narratives and events that group claims."""

import pytest

from tests.api.records import rich_topic
from tests.factories import TopicFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/topics/"


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
def test_curators_see_every_topic_and_everyone_else_published_ones(
    readers, fact_checker, persona, sees_drafts
):
    topic = rich_topic(fact_checker)
    draft = TopicFactory(name="A draft topic")

    expected = {draft.slug, topic.slug} if sees_drafts else {topic.slug}
    assert set(slugs(readers[persona].get(LIST))) == expected
    status = readers[persona].get(f"{LIST}{draft.slug}/").status_code
    assert status == (200 if sees_drafts else 404)


def test_a_topic_gives_its_names_and_links_to_its_claims(anonymous, fact_checker):
    topic = rich_topic(fact_checker)

    body = anonymous.get(f"/api/v1/topics/{topic.slug}/").json()

    assert body["name"] == topic.name
    assert [(name["value"], name["language"]) for name in body["names"]] == [("Қаңтар", "kk")]
    assert body["claims_url"] == f"http://testserver/api/v1/claims/?topic={topic.slug}"
    assert body["page_url"] == f"http://testserver/topics/{topic.slug}/"


def test_a_topics_name_follows_the_readers_language(anonymous, fact_checker):
    topic = rich_topic(fact_checker)

    body = anonymous.get(f"/api/v1/topics/{topic.slug}/", headers={"Accept-Language": "kk"}).json()

    assert body["name"] == "Қаңтар"


def test_the_topic_list_takes_no_filters(anonymous):
    response = anonymous.get(LIST, {"name": "x"})

    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "unknown_parameter"


def test_the_topic_list_runs_as_many_queries_for_many_topics_as_for_one(
    anonymous, fact_checker, django_assert_num_queries
):
    rich_topic(fact_checker)
    # The page, then corrections, the names with their sources, and the translations.
    # (First the record's stamp: an anonymous reader's page is kept under it, web.caching.)
    with django_assert_num_queries(5):
        one = anonymous.get(LIST)
    for _ in range(4):
        rich_topic(fact_checker)

    with django_assert_num_queries(5):
        many = anonymous.get(LIST)

    assert (len(slugs(one)), len(slugs(many))) == (1, 5)
