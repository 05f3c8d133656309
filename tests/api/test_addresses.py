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


def test_the_api_root_lists_every_collection_the_exports_auth_the_schema_and_the_docs(anonymous):
    response = anonymous.get("/api/v1/")

    assert response.json() == {
        "actors": "http://testserver/api/v1/actors/",
        "sources": "http://testserver/api/v1/sources/",
        "statements": "http://testserver/api/v1/statements/",
        "claims": "http://testserver/api/v1/claims/",
        "evidence": "http://testserver/api/v1/evidence/",
        "contradiction-links": "http://testserver/api/v1/contradiction-links/",
        "topics": "http://testserver/api/v1/topics/",
        "status-changes": "http://testserver/api/v1/status-changes/",
        "corrections": "http://testserver/api/v1/corrections/",
        "export": "http://testserver/api/v1/export/",
        "auth": "http://testserver/api/v1/auth/token/",
        "schema": "http://testserver/api/v1/schema/",
        "docs": "http://testserver/api/v1/docs/",
    }
    for address in response.json().values():
        # The token endpoint asks for credentials; every other address answers a GET.
        assert anonymous.get(address).status_code in {200, 401}, address
