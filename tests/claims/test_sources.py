"""Sources: entered once, with safe web addresses only."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from claimtracker.claims import services
from claimtracker.claims.models import Source
from claimtracker.claims.weburls import normalise_url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("HTTPS://Example.ORG:443/news/a?id=3#top", "https://example.org/news/a?id=3"),
        ("http://example.org", "http://example.org/"),
        ("https://example.org/a?utm_source=x&id=3&fbclid=y", "https://example.org/a?id=3"),
        ("https://example.org:8443/a", "https://example.org:8443/a"),
    ],
)
def test_addresses_are_stored_in_one_canonical_form(given, stored):
    assert normalise_url(given) == stored


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "data:text/html,<script>", "ftp://example.org/a", "file:///etc/passwd"],
)
def test_only_web_addresses_are_accepted(journalist, url):
    with pytest.raises(ValidationError):
        services.source_get_or_create(by=journalist, title="x", language="en", url=url)
    assert not Source.objects.exists()


def test_the_same_address_spelled_twice_is_one_source(journalist):
    first, created = services.source_get_or_create(
        by=journalist, title="Report", language="en", url="https://Example.org/report#p2"
    )
    again, created_again = services.source_get_or_create(
        by=journalist, title="Report (copy)", language="en", url="https://example.org/report"
    )
    assert created
    assert not created_again
    assert again == first
    assert Source.objects.count() == 1


def test_many_sources_may_have_no_address(journalist):
    for title in ["Printed leaflet", "Court hearing notes"]:
        services.source_get_or_create(by=journalist, title=title, language="en")
    assert Source.objects.filter(url__isnull=True).count() == 2


def test_the_database_refuses_a_non_web_address_written_directly():
    with pytest.raises(IntegrityError), transaction.atomic():
        Source.objects.create(title="x", language="en", url="javascript:alert(1)")


def test_a_source_is_entered_under_its_author_and_changed_through_the_service(journalist):
    source = services.source_create(
        by=journalist, title="Report", language="en", url="https://Example.org/report#p2"
    )
    services.source_update(
        by=journalist, source=source, changes={"publisher": "Human Rights Watch"}
    )

    source.refresh_from_db()
    assert (source.url, source.publisher, source.created_by) == (
        "https://example.org/report",
        "Human Rights Watch",
        journalist,
    )


def test_an_address_already_entered_is_refused_by_source_create(journalist):
    services.source_create(by=journalist, title="Report", language="en", url="https://e.org/a")

    with pytest.raises(ValidationError, match="url"):
        services.source_create(by=journalist, title="Again", language="en", url="https://e.org/a#x")

    assert Source.objects.count() == 1


def test_an_account_without_a_role_may_not_enter_or_change_a_source(journalist, outsider):
    source = services.source_create(by=journalist, title="Report", language="en")

    with pytest.raises(PermissionDenied):
        services.source_create(by=outsider, title="Mine", language="en")
    with pytest.raises(PermissionDenied):
        services.source_update(by=outsider, source=source, changes={"title": "Mine"})

    assert list(Source.objects.values_list("title", flat=True)) == ["Report"]
