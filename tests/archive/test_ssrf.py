"""The fetcher reaches only public addresses, and connects to the address it checked."""

import pytest

from claimtracker.archive.fetching import Refused, checked_address, fetch
from claimtracker.archive.models import Outcome


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1",  # loopback
        "localhost",
        "10.1.2.3",  # private
        "192.168.0.10",
        "169.254.169.254",  # link-local: cloud metadata services answer here
        "100.64.0.1",  # carrier-grade NAT
        "0.0.0.0",  # noqa: S104 - the address under test
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:127.0.0.1",  # loopback wearing an IPv6 mask
    ],
)
def test_a_non_public_address_is_refused(settings, host):
    settings.ARCHIVE_ALLOWED_NETWORKS = []

    with pytest.raises(Refused) as refusal:
        checked_address(host, 80)

    assert refusal.value.outcome == Outcome.BLOCKED


def test_the_allow_list_lets_one_network_through_and_no_other(settings):
    settings.ARCHIVE_ALLOWED_NETWORKS = ["127.0.0.1/32"]

    assert checked_address("127.0.0.1", 80) == "127.0.0.1"
    with pytest.raises(Refused):
        checked_address("10.0.0.1", 80)


@pytest.mark.parametrize(
    "address",
    [
        "file:///etc/passwd",
        "ftp://example.org/",
        "gopher://127.0.0.1/",
        "http://user:pw@example.org/",
    ],
)
def test_only_plain_http_and_https_addresses_are_fetched(settings, address):
    result = fetch(address)

    assert result.outcome == Outcome.BLOCKED
    assert not result.exchanges


def test_a_host_that_does_not_resolve_ends_unreachable(settings):
    result = fetch("http://no-such-host.invalid/")

    assert result.outcome == Outcome.UNREACHABLE
    assert "does not resolve" in result.detail
