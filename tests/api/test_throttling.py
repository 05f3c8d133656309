"""Throttling: past the limit, a 429 in the error shape that says when to come back."""

import ipaddress

import pytest
from rest_framework.throttling import SimpleRateThrottle

pytestmark = pytest.mark.django_db

CLAIMS = "/api/v1/claims/"


@pytest.fixture
def low_limits(monkeypatch):
    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/minute", "user": "5/minute"}
    )


def test_an_anonymous_client_past_its_limit_is_told_when_to_retry(anonymous, low_limits):
    answers = [anonymous.get(CLAIMS) for _ in range(4)]

    assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
    refused = answers[-1]
    assert 0 < int(refused["Retry-After"]) <= 60
    assert refused.json()["errors"][0]["code"] == "throttled"


def test_an_authenticated_client_has_its_own_higher_limit(as_user, journalist, low_limits):
    client = as_user(journalist)
    answers = [client.get(CLAIMS).status_code for _ in range(6)]

    assert answers == [200] * 5 + [429]


# Addresses (RFC 5737 documentation ranges): the deployment's reverse proxy, a client behind it,
# and someone else whom that client would like to get throttled.
PROXY = "10.0.0.2"
CLIENT = "203.0.113.9"
VICTIM = "198.51.100.7"


def forged(number):
    """The number-th of many made-up addresses a client puts in X-Forwarded-For."""
    return str(ipaddress.ip_address("198.18.0.1") + number)


def test_two_hundred_forged_forwarded_addresses_are_throttled_as_one_client(anonymous, low_limits):
    # No trusted proxy (the default): the header is the client's own words.
    answers = [
        anonymous.get(CLAIMS, REMOTE_ADDR=CLIENT, HTTP_X_FORWARDED_FOR=forged(n)).status_code
        for n in range(200)
    ]

    assert answers == [200] * 3 + [429] * 197


def test_behind_one_proxy_addresses_the_client_prepends_do_not_make_it_another_client(
    anonymous, low_limits, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    # The client sends its forged header; the proxy appends the address it saw.
    answers = [
        anonymous.get(
            CLAIMS, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"{forged(n)}, {CLIENT}"
        ).status_code
        for n in range(200)
    ]

    assert answers == [200] * 3 + [429] * 197


def test_a_forged_forwarded_address_does_not_get_its_owner_throttled(anonymous, low_limits):
    for _ in range(5):
        anonymous.get(CLAIMS, REMOTE_ADDR=CLIENT, HTTP_X_FORWARDED_FOR=VICTIM)

    assert anonymous.get(CLAIMS, REMOTE_ADDR=VICTIM).status_code == 200


def test_behind_one_proxy_each_client_has_its_own_count_and_cannot_spend_anothers(
    anonymous, low_limits, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    attacker = [
        anonymous.get(
            CLAIMS, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"{VICTIM}, {CLIENT}"
        ).status_code
        for _ in range(5)
    ]
    victim = [
        anonymous.get(CLAIMS, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=VICTIM).status_code
        for _ in range(4)
    ]

    assert attacker == [200] * 3 + [429] * 2
    assert victim == [200] * 3 + [429]


def test_an_anonymous_client_gets_exactly_the_anonymous_rate_whatever_the_user_rate(
    anonymous, monkeypatch
):
    # The user rate counts signed-in users only, so a lower one does not cut anonymous clients.
    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"anon": "4/minute", "user": "2/minute"}
    )

    answers = [anonymous.get(CLAIMS).status_code for _ in range(5)]

    assert answers == [200] * 4 + [429]


def test_a_signed_in_user_gets_exactly_the_user_rate_whatever_the_anonymous_rate(
    as_user, journalist, monkeypatch
):
    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"anon": "2/minute", "user": "4/minute"}
    )
    client = as_user(journalist)

    answers = [client.get(CLAIMS).status_code for _ in range(5)]

    assert answers == [200] * 4 + [429]
