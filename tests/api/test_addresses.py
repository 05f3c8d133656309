"""Every address under /api/v1/ answers in JSON, the unknown ones with a 404 in the error shape."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/claims/no-such-claim/",
        "/api/v1/claims/%C2%84/",
        "/api/v1/topics//",
        "/api/v1/statements/first/",
        "/api/v1/statements/-1/",
        "/api/v1/evidence/99999999999999999999999999/",
        "/api/v1/nothing-here/",
        "/api/v1/claims/a/b/",
    ],
)
def test_an_address_that_names_nothing_is_a_json_404(anonymous, path):
    response = anonymous.get(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["errors"][0]["code"] == "not_found"


def test_an_address_without_its_trailing_slash_is_redirected(client):
    response = client.get("/api/v1/claims")

    assert response.status_code == 301
    assert response["Location"] == "/api/v1/claims/"


def test_the_api_root_lists_every_collection(anonymous):
    response = anonymous.get("/api/v1/")

    assert set(response.json()) == {
        "actors",
        "sources",
        "statements",
        "claims",
        "evidence",
        "contradiction-links",
        "topics",
        "status-changes",
    }
