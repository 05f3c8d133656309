"""/.well-known/security.txt (RFC 9116): whom to tell, until when, in which languages."""

import datetime

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db

URL = "/.well-known/security.txt"


def fields(response):
    return dict(line.split(": ", 1) for line in response.content.decode().splitlines())


def test_it_names_the_contact_from_settings_and_its_canonical_address(client, settings):
    settings.SECURITY_CONTACT = "mailto:security@newsroom.example"
    settings.SITE_URL = "https://claims.newsroom.example"

    response = client.get(URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert fields(response)["Contact"] == "mailto:security@newsroom.example"
    assert (
        fields(response)["Canonical"] == "https://claims.newsroom.example/.well-known/security.txt"
    )
    assert fields(response)["Preferred-Languages"] == "en, ru, kk"


def test_it_expires_within_a_year_counted_from_today(client):
    expires = datetime.datetime.fromisoformat(fields(client.get(URL))["Expires"])

    assert timezone.now() < expires < timezone.now() + datetime.timedelta(days=365)


def test_it_names_a_policy_only_when_one_is_set(client, settings):
    assert "Policy" not in fields(client.get(URL))

    settings.SECURITY_POLICY_URL = "https://newsroom.example/security"

    assert fields(client.get(URL))["Policy"] == "https://newsroom.example/security"


def test_it_sets_no_cookie(client):
    assert "Set-Cookie" not in client.get(URL).headers
