"""Schema-driven fuzzing: schemathesis generates requests for every operation in the OpenAPI
schema, valid and invalid, and checks each answer. No 5xx may come back, and no answer may
contradict the schema (status, headers, body shape).

Bounded for CI: a fixed number of examples per operation, derandomized (a fixed seed), no
deadline. Run harder by hand with FUZZ_EXAMPLES=500.
"""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from rest_framework.throttling import SimpleRateThrottle

from claimtracker.seeding.reference import load_reference_case
from claimtracker.wsgi import application

# The schema as /api/v1/schema/ serves it, generated in-process: a request at import time would
# touch the database (the throttle counts live there), which pytest forbids outside a test.
schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
schema.app = application
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "15"))


@pytest.fixture
def reference_data(db, role_groups):
    """The reference case, so that reads find real records as well as missing ones."""
    load_reference_case()


@pytest.fixture(autouse=True)
def connection_kept_open():
    # The WSGI handler closes the database connection when a request finishes, which would
    # end the test's transaction; Django's own test client switches that off the same way.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def no_throttling(monkeypatch):
    # Hundreds of requests a minute are the point here; throttling has its own tests.
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": None, "user": None})


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_request_gets_a_server_error_or_an_answer_the_schema_does_not_describe(
    case, reference_data
):
    case.call_and_validate(
        # The WSGI client does not decompress, so it asks for none (tests/http checks that the
        # compressed answers decompress to these bytes).
        headers={"Accept-Encoding": "identity"},
        checks=[
            schemathesis.checks.not_a_server_error,
            schemathesis.checks.status_code_conformance,
            schemathesis.checks.content_type_conformance,
            schemathesis.checks.response_schema_conformance,
            schemathesis.checks.response_headers_conformance,
        ],
    )
