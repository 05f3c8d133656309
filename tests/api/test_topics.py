"""/api/v1/topics/: narratives and events that group claims."""

import pytest

from tests.api.records import rich_topic

pytestmark = pytest.mark.django_db

LIST = "/api/v1/topics/"


def slugs(response):
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["results"]]


@pytest.mark.parametrize(
    "persona", ["anonymous", "outsider", "journalist", "fact_checker", "editor"]
)
def test_every_reader_sees_every_topic(readers, persona):
    topic = rich_topic()

    assert slugs(readers[persona].get(LIST)) == [topic.slug]


def test_a_topic_gives_its_names_and_links_to_its_claims(anonymous):
    topic = rich_topic()

    body = anonymous.get(f"/api/v1/topics/{topic.slug}/").json()

    assert body["name"] == topic.name
    assert [(name["value"], name["language"]) for name in body["names"]] == [("Қаңтар", "kk")]
    assert body["claims_url"] == f"http://testserver/api/v1/claims/?topic={topic.slug}"
    assert body["page_url"] == f"http://testserver/topics/{topic.slug}/"


def test_a_topics_name_follows_the_readers_language(anonymous):
    topic = rich_topic()

    body = anonymous.get(f"/api/v1/topics/{topic.slug}/", headers={"Accept-Language": "kk"}).json()

    assert body["name"] == "Қаңтар"


def test_the_topic_list_takes_no_filters(anonymous):
    response = anonymous.get(LIST, {"name": "x"})

    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "unknown_parameter"


def test_the_topic_list_runs_as_many_queries_for_many_topics_as_for_one(
    anonymous, django_assert_num_queries
):
    rich_topic()
    # The page, then the names with their sources.
    with django_assert_num_queries(2):
        one = anonymous.get(LIST)
    for _ in range(4):
        rich_topic()

    with django_assert_num_queries(2):
        many = anonymous.get(LIST)

    assert (len(slugs(one)), len(slugs(many))) == (1, 5)
