"""Public data is readable from scripts on other sites; nothing is writable cross-origin."""

import pytest

from tests.api.records import published_source

pytestmark = pytest.mark.django_db

ORIGIN = "https://newsroom.example"


def test_a_get_from_another_origin_is_allowed_and_can_read_the_etag(anonymous, fact_checker):
    source = published_source(fact_checker)

    response = anonymous.get(f"/api/v1/sources/{source.pk}/", headers={"Origin": ORIGIN})

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]


def test_a_list_from_another_origin_is_allowed(anonymous):
    response = anonymous.get("/api/v1/claims/", headers={"Origin": ORIGIN})

    assert response["Access-Control-Allow-Origin"] == "*"


def test_a_preflight_offers_reads_only(anonymous):
    response = anonymous.options(
        "/api/v1/claims/",
        headers={"Origin": ORIGIN, "Access-Control-Request-Method": "POST"},
    )

    allowed = {method.strip() for method in response["Access-Control-Allow-Methods"].split(",")}
    assert allowed == {"GET", "HEAD", "OPTIONS"}
    assert "Access-Control-Allow-Credentials" not in response
