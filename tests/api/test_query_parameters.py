"""Every endpoint refuses query parameters it does not know, instead of ignoring them."""

import pytest

from tests.api.records import publish
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/v1/actors/",
    "/api/v1/sources/",
    "/api/v1/statements/",
    "/api/v1/claims/",
    "/api/v1/evidence/",
    "/api/v1/contradiction-links/",
    "/api/v1/topics/",
    "/api/v1/status-changes/",
    "/api/v1/corrections/",
]


@pytest.mark.parametrize("path", LISTS)
def test_an_unknown_query_parameter_is_a_400_naming_it(anonymous, path):
    response = anonymous.get(path, {"sort": "newest"})

    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert (error["field"], error["code"]) == ("sort", "unknown_parameter")
    assert "cursor, page_size" in error["message"]


@pytest.mark.parametrize("path", LISTS)
def test_pagination_and_format_parameters_are_known_everywhere(anonymous, path):
    response = anonymous.get(path, {"page_size": 10, "format": "json"})

    assert response.status_code == 200


def test_a_misspelt_filter_is_refused_rather_than_returning_everything(anonymous, fact_checker):
    publish(ClaimFactory(), fact_checker)

    response = anonymous.get("/api/v1/claims/", {"stauts": "refuted"})

    assert response.status_code == 400
    assert "status" in response.json()["errors"][0]["message"]


def test_a_parameter_given_twice_is_a_400(anonymous):
    response = anonymous.get("/api/v1/claims/?status=refuted&status=disputed")

    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"code": "repeated_parameter", "message": "Give “status” once.", "field": "status"}
    ]


def test_every_unknown_parameter_is_named_at_once(anonymous):
    response = anonymous.get("/api/v1/claims/", {"a": 1, "b": 2})

    assert {error["field"] for error in response.json()["errors"]} == {"a", "b"}


def test_a_detail_takes_no_filter_parameters(anonymous, fact_checker):
    claim = publish(ClaimFactory(), fact_checker)

    response = anonymous.get(f"/api/v1/claims/{claim.slug}/", {"status": "refuted"})

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "status"
    assert anonymous.get(f"/api/v1/claims/{claim.slug}/", {"format": "json"}).status_code == 200
