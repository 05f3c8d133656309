"""The second factor holds for the API too, and a pending authenticator belongs to one sign-in."""

import base64

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.conftest import PASSWORD, code_for, code_now, secret_on

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
INDEX = reverse("admin:index")
SETUP = reverse("accounts:second-factor")
CLAIMS = "/api/v1/claims/"
TOKEN = "/api/v1/auth/token/"


def basic(username: str, password: str = PASSWORD) -> str:
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()


def signed_in(user, code: str = "") -> Client:
    """A browser of its own that has signed in to the admin with the password (and ``code``)."""
    client = Client()
    response = client.post(
        LOGIN, {"username": user.username, "password": PASSWORD, "otp_token": code}
    )
    assert response.status_code == 302
    return client


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "Bearer x",
        basic("jane-journalist", "not the password"),
        basic("somebody-else"),
        "anything at all",
    ],
)
def test_a_password_only_session_reaches_no_api_whatever_authorization_it_sends(
    journalist, require_second_factor, authorization
):
    require_second_factor("Journalist")
    browser = signed_in(journalist)
    headers = {} if authorization is None else {"HTTP_AUTHORIZATION": authorization}

    response = browser.get(CLAIMS, **headers)

    assert response.status_code == 403
    assert response.json()["errors"][0]["code"] == "second_factor_required"


def test_a_password_only_session_cannot_get_a_token_either(journalist, require_second_factor):
    require_second_factor("Journalist")
    browser = signed_in(journalist)

    response = browser.post(TOKEN, HTTP_AUTHORIZATION="Bearer x")

    assert response.status_code == 403
    assert response.json()["errors"][0]["code"] == "second_factor_required"


def test_a_session_that_passed_the_code_uses_the_api_whatever_it_sends(
    journalist, authenticator, require_second_factor
):
    require_second_factor("Journalist")
    browser = signed_in(journalist, code_now(authenticator(journalist)))

    assert browser.get(CLAIMS).status_code == 200
    assert browser.get(CLAIMS, HTTP_AUTHORIZATION="Bearer x").status_code == 200


def test_two_sign_ins_with_one_password_see_different_keys_and_only_the_confirmed_one_works(
    journalist, require_second_factor
):
    require_second_factor("Journalist")
    owner, intruder = signed_in(journalist), signed_in(journalist)

    owner_key = secret_on(owner.get(SETUP).content.decode())
    intruder_key = secret_on(intruder.get(SETUP).content.decode())
    assert owner_key != intruder_key
    assert secret_on(intruder.get(SETUP).content.decode()) == intruder_key  # stable on reload

    assert owner.post(SETUP, {"otp_token": code_for(owner_key)}).status_code == 200
    # The intruder's key was never saved: their session is now asked for the owner's app.
    assert intruder.post(SETUP, {"otp_token": code_for(intruder_key)}).status_code == 400
    assert intruder.get(INDEX)["Location"].startswith(SETUP)
    retry = Client().post(
        LOGIN,
        {
            "username": journalist.username,
            "password": PASSWORD,
            "otp_token": code_for(intruder_key),
        },
    )
    assert retry.status_code == 200  # the sign-in form again, with its error
    device = TOTPDevice.objects.get(user=journalist)
    assert device.confirmed
    assert base64.b32encode(device.bin_key).decode() == owner_key
    assert owner.get(INDEX).status_code == 200
