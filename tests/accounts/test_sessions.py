"""Sessions rotate at sign-in, end when idle or too old, and end everywhere on deactivation."""

import time

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from knox.models import AuthToken

from claimtracker.accounts.models import SignedInSession
from claimtracker.accounts.sessions import LAST_SEEN, SIGNED_IN_AT
from tests.accounts.conftest import PASSWORD

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")


def log_in(client, user):
    response = client.post(
        reverse("admin:login"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    return client


def session_key(client, settings):
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def age_session(client, **seconds_ago):
    session = client.session
    now = time.time()
    for key, ago in (
        (SIGNED_IN_AT, seconds_ago.get("signed_in")),
        (LAST_SEEN, seconds_ago.get("seen")),
    ):
        if ago is not None:
            session[key] = now - ago
    session.save()


def test_signing_in_gives_a_new_session_key(client, journalist, settings):
    client.get(reverse("admin:login"))  # an anonymous session with a CSRF token
    session = client.session
    session["planted"] = "by an attacker"
    session.save()
    before = session.session_key

    log_in(client, journalist)

    after = session_key(client, settings)
    assert after != before
    assert not Session.objects.filter(session_key=before).exists()


def test_an_idle_session_ends(client, journalist, settings):
    log_in(client, journalist)
    age_session(client, seen=settings.SESSION_IDLE_SECONDS + 5)

    response = client.get(INDEX)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_an_active_session_stays(client, journalist, settings):
    log_in(client, journalist)
    age_session(
        client, signed_in=settings.SESSION_IDLE_SECONDS * 3, seen=settings.SESSION_IDLE_SECONDS - 60
    )

    assert client.get(INDEX).status_code == 200


def test_a_session_ends_at_the_absolute_limit_however_active(client, journalist, settings):
    log_in(client, journalist)
    age_session(client, signed_in=settings.SESSION_ABSOLUTE_SECONDS + 5, seen=1)

    assert client.get(INDEX).status_code == 302


def test_the_limits_come_from_settings(client, journalist, settings):
    settings.SESSION_IDLE_SECONDS = 10
    log_in(client, journalist)
    age_session(client, seen=11)

    assert client.get(INDEX).status_code == 302


def test_deactivating_a_journalist_ends_their_sessions_and_tokens(client, journalist, editor):
    from django.test import Client

    theirs = log_in(Client(), journalist)
    AuthToken.objects.create(user=journalist)
    assert theirs.get(INDEX).status_code == 200
    client.force_login(editor)

    response = client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "deactivate_and_sign_out", "_selected_action": [journalist.pk]},
    )

    assert response.status_code == 302
    journalist.refresh_from_db()
    assert not journalist.is_active
    assert theirs.get(INDEX).status_code == 302
    assert not SignedInSession.objects.filter(user=journalist).exists()
    assert not AuthToken.objects.filter(user=journalist).exists()


def test_unticking_active_in_the_form_ends_their_sessions_too(client, journalist, editor):
    from django.test import Client

    from tests.accounts.test_user_admin import form_data

    theirs = log_in(Client(), journalist)
    client.force_login(editor)
    url = reverse("admin:auth_user_change", args=[journalist.pk])
    data = form_data(client, url)
    data.pop("is_active", None)

    assert client.post(url, data).status_code == 302
    assert theirs.get(INDEX).status_code == 302
    assert not Session.objects.filter(
        session_key__in=SignedInSession.objects.filter(user=journalist).values("session_key")
    ).exists()


def test_public_pages_read_no_session_even_for_a_signed_in_curator(client, journalist):
    log_in(client, journalist)

    response = client.get("/robots.txt")

    assert "Set-Cookie" not in response.headers
    assert "Cookie" not in response.get("Vary", "")
