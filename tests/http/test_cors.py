"""Scripts on other sites revalidate what they read: the API lets them send If-None-Match and read
the ETag, and the Atom feeds and the ClaimReview feed are readable cross-origin too."""

import pytest
from django.urls import reverse

from tests.http.conftest import REFERENCE_CLAIM

pytestmark = pytest.mark.django_db

ORIGIN = "https://newsroom.example"


def header_set(value: str) -> set[str]:
    return {part.strip().lower() for part in value.split(",")}


def test_a_preflight_allows_if_none_match_on_the_api(client):
    response = client.options(
        "/api/v1/claims/",
        headers={
            "Origin": ORIGIN,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "if-none-match",
        },
    )

    assert response.status_code == 200
    assert "if-none-match" in header_set(response["Access-Control-Allow-Headers"])


def test_a_cross_origin_revalidation_of_an_api_record_gets_304_with_cors(client, reference):
    address = f"/api/v1/claims/{REFERENCE_CLAIM}/"
    first = client.get(address, headers={"Origin": ORIGIN})

    again = client.get(address, headers={"Origin": ORIGIN, "If-None-Match": first["ETag"]})

    assert "etag" in header_set(first["Access-Control-Expose-Headers"])
    assert again.status_code == 304
    assert again["Access-Control-Allow-Origin"] == "*"


FEEDS = {
    "status changes": lambda: reverse("web:feed"),
    "corrections": lambda: reverse("web:corrections-feed"),
    "one claim": lambda: reverse("web:claim-feed", kwargs={"slug": REFERENCE_CLAIM}),
    "claimreview": lambda: reverse("api:export:claimreview"),
}


@pytest.mark.parametrize("feed", FEEDS)
def test_a_feed_is_readable_from_another_origin_with_its_etag(client, reference, feed):
    response = client.get(FEEDS[feed](), headers={"Origin": ORIGIN})

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "etag" in header_set(response["Access-Control-Expose-Headers"])
    assert "Access-Control-Allow-Credentials" not in response


def test_a_feed_preflight_allows_if_none_match(client, reference):
    response = client.options(
        reverse("web:feed"),
        headers={
            "Origin": ORIGIN,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "if-none-match",
        },
    )

    assert "if-none-match" in header_set(response["Access-Control-Allow-Headers"])


def test_public_html_pages_stay_same_origin(client, reference):
    response = client.get(
        reverse("web:claim", kwargs={"slug": REFERENCE_CLAIM}), headers={"Origin": ORIGIN}
    )

    assert "Access-Control-Allow-Origin" not in response
