"""Automated accounts (what commands write as) never get a password and never sign in."""

import base64

import pytest
from django.test import Client
from django.urls import reverse

from claimtracker.seeding.accounts import automated_account_ensure
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a password somebody tried to give it"


@pytest.fixture
def importer(role_groups):
    """The account the reference-case import writes as."""
    return automated_account_ensure(username="reference-import", label="Reference case import")


@pytest.fixture
def superuser_browser(db):
    """A superuser in the admin, who may manage every account."""
    client = Client()
    client.force_login(UserFactory(username="root", is_superuser=True))
    return client


def test_the_admin_refuses_to_give_an_automated_account_a_password(importer, superuser_browser):
    response = superuser_browser.post(
        reverse("admin:auth_user_password_change", args=[importer.pk]),
        {"password1": PASSWORD, "password2": PASSWORD},
    )

    assert response.status_code == 200
    assert "automated account" in response.content.decode()
    assert "cannot be given a password" in response.content.decode()
    importer.refresh_from_db()
    assert not importer.has_usable_password()


def test_an_automated_account_given_a_password_by_a_script_still_cannot_sign_in(importer):
    importer.is_staff = True
    importer.set_password(PASSWORD)
    importer.save()
    basic = base64.b64encode(f"{importer.username}:{PASSWORD}".encode()).decode()
    client = Client()

    admin_login = client.post(
        reverse("admin:login"), {"username": importer.username, "password": PASSWORD}
    )
    token = client.post("/api/v1/auth/token/", HTTP_AUTHORIZATION=f"Basic {basic}")

    assert admin_login.status_code == 200  # the sign-in form again
    assert client.get(reverse("admin:index")).status_code == 302
    assert token.status_code == 401


def test_a_persons_password_is_still_set_in_the_admin(journalist, superuser_browser):
    response = superuser_browser.post(
        reverse("admin:auth_user_password_change", args=[journalist.pk]),
        {"usable_password": "true", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert response.status_code == 302
    journalist.refresh_from_db()
    assert journalist.check_password(PASSWORD)
