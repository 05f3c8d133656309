"""Throttling: past the limit, a 429 in the error shape that says when to come back."""

import pytest
from rest_framework.throttling import SimpleRateThrottle

pytestmark = pytest.mark.django_db


@pytest.fixture
def low_limits(monkeypatch):
    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/minute", "user": "5/minute"}
    )


def test_an_anonymous_client_past_its_limit_is_told_when_to_retry(anonymous, low_limits):
    answers = [anonymous.get("/api/v1/claims/") for _ in range(4)]

    assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
    refused = answers[-1]
    assert 0 < int(refused["Retry-After"]) <= 60
    assert refused.json()["errors"][0]["code"] == "throttled"


def test_an_authenticated_client_has_its_own_higher_limit(as_user, journalist, low_limits):
    client = as_user(journalist)
    answers = [client.get("/api/v1/claims/").status_code for _ in range(6)]

    assert answers == [200] * 5 + [429]
