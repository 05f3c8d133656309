"""Signing in with a password and a second factor (TOTP, backup codes), per role policy."""

import re

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.conftest import PASSWORD, code_for, code_now, secret_on
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
INDEX = reverse("admin:index")
SETUP = reverse("accounts:second-factor")


def log_in(client, user, code="", password=PASSWORD):
    return client.post(
        f"{LOGIN}?next={INDEX}",
        {"username": user.username, "password": password, "otp_token": code, "next": INDEX},
    )


def test_the_login_page_asks_for_a_code_and_lets_password_managers_fill_the_password(client):
    html = client.get(LOGIN).content.decode()

    assert 'name="otp_token"' in html
    assert 'autocomplete="one-time-code"' in html
    assert 'autocomplete="current-password"' in html
    assert 'autocomplete="off"' not in html
    password_input = re.search(r"<input[^>]*name=\"password\"[^>]*>", html)
    assert password_input is not None
    assert "maxlength" not in password_input.group(0)


def test_a_journalist_with_an_authenticator_signs_in_with_password_and_code(
    client, journalist, authenticator
):
    device = authenticator(journalist)

    response = log_in(client, journalist, code_now(device))

    assert response.status_code == 302
    assert response["Location"] == INDEX
    assert client.get(INDEX).status_code == 200


def test_a_password_without_the_code_is_refused_when_an_authenticator_is_set_up(
    client, journalist, authenticator
):
    authenticator(journalist)

    response = log_in(client, journalist, code="")

    assert response.status_code == 200
    assert "Enter the current code from your authenticator app" in response.content.decode()
    assert client.get(INDEX).status_code == 302  # still signed out


def test_a_wrong_code_is_refused(client, journalist, authenticator):
    device = authenticator(journalist)
    wrong = f"{(int(code_now(device)) + 1) % 1_000_000:06d}"

    response = log_in(client, journalist, code=wrong)

    assert response.status_code == 200
    assert client.get(INDEX).status_code == 302


def test_a_backup_code_signs_in_once(client, journalist, authenticator):
    authenticator(journalist)
    from claimtracker.accounts.services import backup_codes_issue

    codes = backup_codes_issue(user=journalist)

    assert log_in(client, journalist, code=codes[0]).status_code == 302
    client.logout()
    assert log_in(client, journalist, code=codes[0]).status_code == 200  # used up
    assert StaticToken.objects.filter(device__user=journalist).count() == 9


def test_without_a_policy_a_role_signs_in_with_a_password_alone_under_debug(client, journalist):
    # settings.SECOND_FACTOR_REQUIRED is off under DEBUG (the demo accounts), on in production.
    response = log_in(client, journalist)

    assert response.status_code == 302
    assert client.get(INDEX).status_code == 200


def test_a_member_of_a_role_that_requires_it_is_sent_to_set_it_up_and_reaches_nothing_else(
    client, journalist, require_second_factor
):
    require_second_factor("Journalist")

    log_in(client, journalist)

    for path in (
        INDEX,
        reverse("admin:claims_claim_changelist"),
        reverse("admin:auth_user_changelist"),
    ):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(SETUP), path
    api = client.get("/api/v1/claims/")
    assert api.status_code == 403
    assert api.json()["errors"][0]["code"] == "second_factor_required"
    assert client.get(SETUP).status_code == 200
    assert client.post(reverse("admin:logout")).status_code == 200


def test_the_setup_page_shows_an_inline_qr_code_and_confirming_it_opens_the_admin(
    client, journalist, require_second_factor
):
    require_second_factor("Journalist")
    log_in(client, journalist)

    page = client.get(SETUP)
    html = page.content.decode()
    secret = secret_on(html)

    start = html.index('class="otp-qr"')
    svg = html[start : html.index("</svg>", start)]
    # Inline markup, so the policy's img-src 'self' needs no data: exception; no inline code.
    assert "<img" not in html
    assert re.search(r"<script(?![^>]*\bsrc=)", html) is None
    assert "style" not in svg
    assert "script" not in svg
    # Nothing is saved until the first code confirms the app (the key waits in the session).
    assert not TOTPDevice.objects.filter(user=journalist).exists()
    # A reload shows the same key, so an app scanned a moment ago still matches.
    assert svg in client.get(SETUP).content.decode()

    confirmed = client.post(SETUP, {"otp_token": code_for(secret), "next": INDEX})

    device = TOTPDevice.objects.get(user=journalist)
    assert device.confirmed
    codes = re.findall(r"<li><code>([^<]+)</code></li>", confirmed.content.decode())
    assert len(codes) == 10
    assert client.get(INDEX).status_code == 200


def test_a_wrong_first_code_confirms_nothing(client, journalist, require_second_factor):
    require_second_factor("Journalist")
    log_in(client, journalist)
    client.get(SETUP)

    response = client.post(SETUP, {"otp_token": "000000"})

    assert response.status_code == 400
    assert not TOTPDevice.objects.filter(user=journalist, confirmed=True).exists()
    assert client.get(INDEX).status_code == 302


def test_an_editor_turning_the_policy_off_lets_the_role_in_again(
    client, journalist, require_second_factor
):
    require_second_factor("Journalist")
    log_in(client, journalist)
    assert client.get(INDEX).status_code == 302

    require_second_factor("Journalist", required=False)
    client.logout()
    log_in(client, journalist)

    assert client.get(INDEX).status_code == 200


def test_a_policy_on_another_role_does_not_touch_this_one(
    client, journalist, require_second_factor
):
    require_second_factor("Editor")

    log_in(client, journalist)

    assert client.get(INDEX).status_code == 200


def test_a_superuser_must_use_a_second_factor_in_production(client, settings):
    settings.SECOND_FACTOR_REQUIRED_FOR_SUPERUSERS = True
    admin = UserFactory(username="root", is_superuser=True)

    log_in(client, admin)

    assert client.get(INDEX)["Location"].startswith(SETUP)


def test_backup_codes_can_be_renewed_only_by_a_verified_session(client, journalist, authenticator):
    device = authenticator(journalist)
    client.force_login(journalist)
    refused = client.post(reverse("accounts:backup-codes"))
    client.logout()
    log_in(client, journalist, code_now(device))

    renewed = client.post(reverse("accounts:backup-codes"))

    assert refused.status_code == 403
    assert renewed.status_code == 200
    assert StaticToken.objects.filter(device__user=journalist).count() == 10


def test_editors_edit_role_policies_and_journalists_cannot(client, editor, journalist, role_groups):
    client.force_login(editor)
    add = reverse("admin:accounts_rolepolicy_add")
    from django.contrib.auth.models import Group

    group = Group.objects.get(name="Fact-checker")
    response = client.post(add, {"group": group.pk, "require_second_factor": "on"})

    assert response.status_code == 302
    assert group.policy.require_second_factor
    client.force_login(journalist)
    assert client.get(add).status_code == 403


def test_a_member_signed_in_before_the_policy_proves_their_app_once_to_continue(
    client, journalist, authenticator, require_second_factor
):
    device = authenticator(journalist)
    client.force_login(journalist)  # a session from before: no code passed
    require_second_factor("Journalist")
    session = client.session
    session.pop("accounts_second_factor_waived_at", None)
    session.save()

    sent = client.get(INDEX)
    wrong = client.post(SETUP, {"otp_token": "000000"})
    # django-otp makes a device wait after a wrong code; a backup code still works.
    from claimtracker.accounts.services import backup_codes_issue

    right = client.post(SETUP, {"otp_token": backup_codes_issue(user=journalist)[0]})

    assert sent["Location"].startswith(SETUP)
    assert wrong.status_code == 400
    assert right.status_code == 200
    assert client.get(INDEX).status_code == 200
    assert device.confirmed
