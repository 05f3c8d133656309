"""Whose request is it: the client's address, trusting X-Forwarded-For only as far as the proxies.

TRUSTED_PROXY_COUNT says how many reverse proxies of our own stand in front of the app. Each
appends the address it received the request from, so the N-th entry from the right is what the
outermost one saw; anything to its left came from the client and may be forged.
"""

import pytest
from django.test import RequestFactory

from claimtracker.clients import client_address
from tests.test_settings import manage

PROXY = "10.0.0.2"
CLIENT = "203.0.113.9"


def request(forwarded=None):
    factory = RequestFactory(REMOTE_ADDR=PROXY)
    if forwarded is None:
        return factory.get("/")
    return factory.get("/", HTTP_X_FORWARDED_FOR=forwarded)


def test_with_no_trusted_proxy_it_ignores_the_forwarded_header(settings):
    settings.TRUSTED_PROXY_COUNT = 0

    assert client_address(request(f"192.0.2.1, {CLIENT}")) == PROXY


def test_behind_one_proxy_it_takes_the_address_the_proxy_appended(settings):
    settings.TRUSTED_PROXY_COUNT = 1

    assert client_address(request(CLIENT)) == CLIENT
    assert client_address(request(f"192.0.2.1, 192.0.2.2,{CLIENT}")) == CLIENT


def test_behind_two_proxies_it_takes_what_the_outer_one_saw(settings):
    settings.TRUSTED_PROXY_COUNT = 2

    # The client forged 192.0.2.1; the outer proxy appended CLIENT, the inner one the outer's.
    assert client_address(request(f"192.0.2.1, {CLIENT}, 10.0.0.1")) == CLIENT


@pytest.mark.parametrize("forwarded", [None, "", CLIENT, "not-an-address, 10.0.0.1"])
def test_a_header_the_proxies_cannot_have_written_falls_back_to_the_peer(settings, forwarded):
    # Fewer entries than proxies, or an entry that is no address: the request did not come
    # through every proxy (or one of them is misconfigured); the peer's address is still real.
    settings.TRUSTED_PROXY_COUNT = 2

    assert client_address(request(forwarded)) == PROXY


def test_it_gives_an_ipv6_address_in_its_usual_form(settings):
    settings.TRUSTED_PROXY_COUNT = 1

    assert client_address(request("2001:DB8:0:0::7")) == "2001:db8::7"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("one", "TRUSTED_PROXY_COUNT='one' is not an integer"),
        ("-1", "TRUSTED_PROXY_COUNT=-1 is not a number of proxies"),
    ],
)
def test_a_proxy_count_it_cannot_use_stops_it_at_start(value, message):
    result = manage("check", DEBUG="true", TRUSTED_PROXY_COUNT=value)

    assert result.returncode != 0
    assert message in result.stderr


def test_by_default_it_trusts_no_proxy():
    result = manage(
        "shell", "--verbosity", "0", "-c",
        "from django.conf import settings as s; from rest_framework.settings import api_settings;"
        " print(s.TRUSTED_PROXY_COUNT, api_settings.NUM_PROXIES, s.AXES_CLIENT_IP_CALLABLE)",
        DEBUG="true",
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["0", "0", "claimtracker.clients.client_address"]
