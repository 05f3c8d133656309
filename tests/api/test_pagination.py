"""Cursor pagination: stable while rows are added, bounded pages, no COUNT over the table."""

import base64

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.records import publish, published_source
from tests.factories import ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db


def page(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()


def test_paging_through_while_rows_are_added_repeats_and_skips_nothing(anonymous, fact_checker):
    before = {publish(ClaimFactory(), fact_checker).slug for _ in range(5)}

    first = page(anonymous, "/api/v1/claims/", page_size=2)
    added = publish(ClaimFactory(), fact_checker)  # newest: it belongs before page one
    second = page(anonymous, first["next"])
    added_later = publish(ClaimFactory(), fact_checker)
    third = page(anonymous, second["next"])

    seen = [item["slug"] for body in (first, second, third) for item in body["results"]]
    assert len(seen) == len(set(seen)) == 5
    assert set(seen) == before
    assert third["next"] is None
    assert {added.slug, added_later.slug}.isdisjoint(seen)


def test_the_previous_link_leads_back_to_the_same_rows(anonymous, fact_checker):
    for _ in range(5):
        published_source(fact_checker)

    first = page(anonymous, "/api/v1/sources/", page_size=2)
    second = page(anonymous, first["next"])
    back = page(anonymous, second["previous"])

    assert first["previous"] is None
    assert back["results"] == first["results"]


def test_lists_are_newest_first(anonymous, fact_checker):
    older, newer = published_source(fact_checker), published_source(fact_checker)

    results = page(anonymous, "/api/v1/sources/")["results"]

    assert [item["id"] for item in results] == [newer.pk, older.pk]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/actors/",
        "/api/v1/sources/",
        "/api/v1/statements/",
        "/api/v1/claims/",
        "/api/v1/evidence/",
        "/api/v1/contradiction-links/",
        "/api/v1/topics/",
        "/api/v1/status-changes/",
    ],
)
def test_no_list_counts_the_table(anonymous, path):
    with CaptureQueriesContext(connection) as queries:
        anonymous.get(path)

    assert not [query for query in queries if "COUNT(" in query["sql"].upper()]


def test_a_client_chooses_the_page_size_up_to_the_maximum(anonymous, fact_checker):
    for _ in range(3):
        published_source(fact_checker)

    assert len(page(anonymous, "/api/v1/sources/", page_size=2)["results"]) == 2
    assert (
        len(page(anonymous, "/api/v1/sources/", page_size=settings.API_MAX_PAGE_SIZE)["results"])
        == 3
    )


# "\u0661" is an Arabic-Indic one: a digit to str.isdigit(), not to the API.
@pytest.mark.parametrize(
    "size", ["0", "-1", "abc", "2.5", "\u0661", str(settings.API_MAX_PAGE_SIZE + 1)]
)
def test_a_page_size_out_of_bounds_is_a_400_naming_it(anonymous, size):
    response = anonymous.get("/api/v1/sources/", {"page_size": size})

    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert (error["field"], error["code"]) == ("page_size", "invalid_page_size")
    assert str(settings.API_MAX_PAGE_SIZE) in error["message"]


@pytest.mark.parametrize(
    "cursor",
    [
        "not base64!",
        base64.b64encode(b"p=abc").decode(),
        base64.b64encode(b"p=-1").decode(),
        base64.b64encode(b"o=x").decode(),
    ],
)
def test_a_forged_or_garbled_cursor_is_not_found_and_named(anonymous, cursor):
    SourceFactory()

    response = anonymous.get("/api/v1/sources/", {"cursor": cursor})

    assert response.status_code == 404
    (error,) = response.json()["errors"]
    assert (error["field"], error["code"]) == ("cursor", "invalid_cursor")


def test_a_cursor_past_the_largest_id_is_an_empty_page_not_an_error(anonymous, fact_checker):
    published_source(fact_checker)
    cursor = base64.b64encode(b"r=1&p=99999999999999999999999999").decode()

    assert page(anonymous, "/api/v1/sources/", cursor=cursor)["results"] == []


def test_a_garbled_cursor_is_a_documented_answer(anonymous):
    """The schema-checking client fails the test if the 404 of a list is undocumented."""
    assert anonymous.get("/api/v1/claims/", {"cursor": "\u00c3"}).status_code == 404
