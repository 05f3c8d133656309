"""Every list and detail answer of a populated database passes a strict OpenAPI validator.

openapi-core validates against the schema exactly as /api/v1/schema/ serves it, as a strictly
generated client would. (The schemathesis check every API test client runs, conftest.py,
forgives OpenAPI 3.0's ``nullable`` next to a reference; openapi-core reads the OpenAPI
specification to the letter, as client generators do, and refused every statement whose
``first_appearance`` was null.)
"""

import pytest
from django.test import override_settings
from openapi_core import OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse
from rest_framework.test import APIClient

from claimtracker.seeding.reference import load_reference_case
from tests.api.records import (
    rich_actor,
    rich_claim,
    rich_correction,
    rich_evidence,
    rich_link,
    rich_statement,
)
from tests.factories import StatementFactory

pytestmark = pytest.mark.django_db

COLLECTIONS = [
    "actors",
    "sources",
    "statements",
    "claims",
    "evidence",
    "contradiction-links",
    "topics",
    "status-changes",
    "corrections",
]
LOOKUP = {"actors": "slug", "claims": "slug", "topics": "slug"}


@pytest.fixture
def populated(role_groups, editor):
    """The reference case, records with every nested list filled, and drafts, among them a
    statement that names no first appearance."""
    load_reference_case()
    rich_claim(editor)
    rich_statement(editor)
    rich_evidence(editor)
    rich_actor(editor)
    rich_link(editor)
    rich_correction(editor)
    StatementFactory(first_appearance=None)


@pytest.fixture
def strict_openapi(client):
    # The address the test client uses, so that the validator finds the schema's server.
    with override_settings(SITE_URL="http://testserver"):
        served = client.get("/api/v1/schema/", {"format": "json"})
    return OpenAPI.from_dict(served.json())


def readers(editor):
    anonymous = APIClient()
    staff = APIClient()
    staff.force_login(editor)
    return {"anonymous": anonymous, "editor": staff}


def every_answer(client, collection):
    """Each page of the list, then each record's detail."""
    url = f"/api/v1/{collection}/"
    records = []
    while url:
        page = client.get(url)
        yield page
        records += page.json()["results"]
        url = page.json()["next"]
    for record in records:
        yield client.get(f"/api/v1/{collection}/{record[LOOKUP.get(collection, 'id')]}/")


def test_every_list_and_detail_answer_passes_a_strict_openapi_validator(
    populated, strict_openapi, editor
):
    refused = []
    checked = 0
    for reader, client in readers(editor).items():
        for collection in COLLECTIONS:
            for response in every_answer(client, collection):
                assert response.status_code == 200, (reader, response.content)
                result = strict_openapi.unmarshal_response(
                    DjangoOpenAPIRequest(response.wsgi_request), DjangoOpenAPIResponse(response)
                )
                checked += 1
                refused += [
                    f"{reader} {response.wsgi_request.path}: {error.__cause__ or error}"[:500]
                    for error in result.errors
                ]

    assert not refused, "\n".join(refused)
    assert checked > 100
