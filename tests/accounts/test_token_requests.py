"""A token request leaves the session its cookie carries alone: same owner, same clock."""

import base64
import time

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from claimtracker.accounts.middleware import SECOND_FACTOR_WAIVED_AT
from claimtracker.accounts.models import SignedInSession
from claimtracker.accounts.sessions import LAST_SEEN, SIGNED_IN_AT
from tests.accounts.conftest import PASSWORD

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")
SETUP = reverse("accounts:second-factor")
TOKEN = "/api/v1/auth/token/"


def basic(user) -> str:
    return "Basic " + base64.b64encode(f"{user.username}:{PASSWORD}".encode()).decode()


def signed_in_an_hour_ago(user, settings) -> tuple[Client, str]:
    """A browser signed in as ``user`` an hour ago and last seen two minutes ago, so that any
    request counted as activity would write its session; returns it and its key."""
    client = Client()
    response = client.post(
        reverse("admin:login"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    session = client.session
    session[SIGNED_IN_AT] = time.time() - 3600
    session[LAST_SEEN] = time.time() - 120
    session[SECOND_FACTOR_WAIVED_AT] = time.time() - 120  # due for a re-check
    session.save()
    return client, client.cookies[settings.SESSION_COOKIE_NAME].value


def test_a_token_for_another_account_neither_takes_over_nor_extends_the_cookies_session(
    journalist, fact_checker, settings
):
    browser, key = signed_in_an_hour_ago(journalist, settings)
    before = Session.objects.get(session_key=key)

    response = browser.post(TOKEN, HTTP_AUTHORIZATION=basic(fact_checker))

    assert response.status_code == 200
    after = Session.objects.get(session_key=key)
    assert after.expire_date == before.expire_date
    assert after.get_decoded() == before.get_decoded()
    assert after.get_decoded()[SESSION_KEY] == str(journalist.pk)
    assert SignedInSession.objects.get(session_key=key).user == journalist
    assert not SignedInSession.objects.filter(user=fact_checker).exists()


def test_another_accounts_token_request_lends_the_session_no_second_factor_waiver(
    journalist, fact_checker, require_second_factor, settings
):
    require_second_factor("Journalist")  # the fact-checkers' role needs none (DEBUG default)
    browser, _key = signed_in_an_hour_ago(journalist, settings)

    browser.post(TOKEN, HTTP_AUTHORIZATION=basic(fact_checker))

    assert browser.get(INDEX)["Location"].startswith(SETUP)


def test_asking_for_a_token_with_your_own_session_does_not_extend_it(journalist, settings):
    browser, key = signed_in_an_hour_ago(journalist, settings)
    before = Session.objects.get(session_key=key)

    response = browser.post(TOKEN)

    assert response.status_code == 200
    after = Session.objects.get(session_key=key)
    assert after.expire_date == before.expire_date
    assert after.get_decoded() == before.get_decoded()
