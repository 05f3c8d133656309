"""API test fixtures: a client for each persona (tests/conftest.py says what each may do).

Every client checks every API response it receives against the OpenAPI schema: its status is
documented for the operation, and its body matches the documented shape. Clients log in
through a real session, as the browsable API does, so query counts include what
authentication costs.
"""

import json

import pytest
import requests
import schemathesis
from django.core.cache import cache
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from rest_framework.test import APIClient


@pytest.fixture(scope="session")
def openapi_schema():
    """The schema served at /api/v1/schema/, as plain data."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(schema))


@pytest.fixture(scope="session")
def openapi(openapi_schema):
    return schemathesis.openapi.from_dict(openapi_schema)


class SchemaCheckedClient(APIClient):
    """An APIClient that fails the test when a response contradicts the OpenAPI schema."""

    def __init__(self, openapi, **kwargs):
        super().__init__(**kwargs)
        self.openapi = openapi

    def request(self, *args, **kwargs):
        response = super().request(*args, **kwargs)
        method, path = response.request["REQUEST_METHOD"], response.request["PATH_INFO"]
        # HEAD has no body to check; the docs and static files are not API operations.
        operation = None if method == "HEAD" else self.openapi.find_operation_by_path(method, path)
        if operation is not None:
            operation.validate_response(
                schemathesis.Response(
                    status_code=response.status_code,
                    headers={name.lower(): [value] for name, value in response.headers.items()},
                    content=response.content,
                    request=requests.Request(method, f"http://testserver{path}").prepare(),
                    elapsed=0,
                    verify=True,
                )
            )
        return response


@pytest.fixture(autouse=True)
def fresh_throttles():
    # The throttles count requests in the cache, which outlives a test (tests/conftest.py keeps
    # it in process memory; test_throttling_shared.py runs inside a rolled-back transaction).
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def anonymous(openapi):
    """An anonymous reader: sees published statements, claims and evidence only."""
    return SchemaCheckedClient(openapi)


@pytest.fixture
def as_user(openapi):
    """A client logged in as a persona: ``as_user(editor).get(...)``."""

    def log_in(user):
        client = SchemaCheckedClient(openapi)
        client.force_login(user)
        return client

    return log_in


@pytest.fixture
def readers(anonymous, as_user, journalist, fact_checker, editor, outsider):
    """Every persona's client, by name: the three roles see drafts, the others do not."""
    return {
        "anonymous": anonymous,
        "outsider": as_user(outsider),
        "journalist": as_user(journalist),
        "fact_checker": as_user(fact_checker),
        "editor": as_user(editor),
    }
