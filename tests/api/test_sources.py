"""/api/v1/sources/: what every other record cites."""

import datetime

import pytest

from tests.api.records import published_source
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/sources/"


def ids(response):
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


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
def test_curators_see_every_source_and_everyone_else_published_ones(
    readers, fact_checker, persona, sees_drafts
):
    published = published_source(fact_checker)
    draft = SourceFactory()

    expected = [draft.pk, published.pk] if sees_drafts else [published.pk]
    assert ids(readers[persona].get(LIST)) == expected
    status = readers[persona].get(f"{LIST}{draft.pk}/").status_code
    assert status == (200 if sees_drafts else 404)


def test_a_source_gives_its_web_address_apart_from_its_api_address(anonymous, fact_checker):
    source = published_source(
        fact_checker,
        url="https://example.org/report",
        archive_url="https://web.archive.org/web/2024/https://example.org/report",
        accessed_on=datetime.date(2024, 2, 1),
    )

    body = anonymous.get(f"/api/v1/sources/{source.pk}/").json()

    assert body["url"] == f"http://testserver/api/v1/sources/{source.pk}/"
    assert body["page_url"] == f"http://testserver/sources/{source.pk}/"
    assert body["web_url"] == "https://example.org/report"
    assert body["archive_url"].startswith("https://web.archive.org/")
    assert (body["published_on"], body["accessed_on"]) == ("2024-01-11", "2024-02-01")


def test_an_offline_source_has_no_web_address(anonymous, fact_checker):
    source = published_source(fact_checker)

    assert anonymous.get(f"/api/v1/sources/{source.pk}/").json()["web_url"] is None


def test_sources_filter_by_language(anonymous, fact_checker):
    russian = published_source(fact_checker, language="ru")
    published_source(fact_checker, language="en")

    assert ids(anonymous.get(LIST, {"language": "ru"})) == [russian.pk]
    assert anonymous.get(LIST, {"language": "r"}).status_code == 400


@pytest.mark.parametrize("path", ["/api/v1/sources/0/", "/api/v1/sources/99999999999999999999999/"])
def test_an_id_that_names_no_source_is_not_found(anonymous, path):
    assert anonymous.get(path).status_code == 404


def test_the_source_list_runs_four_queries_whatever_its_length(
    anonymous, fact_checker, django_assert_num_queries
):
    published_source(fact_checker)
    # The page, then the corrections and the archive's captures of the sources on it.
    # (First the record's stamp: an anonymous reader's page is kept under it, web.caching.)
    with django_assert_num_queries(4):
        one = anonymous.get(LIST)
    for _ in range(4):
        published_source(fact_checker)

    with django_assert_num_queries(4):
        many = anonymous.get(LIST)

    assert (len(ids(one)), len(ids(many))) == (1, 5)
