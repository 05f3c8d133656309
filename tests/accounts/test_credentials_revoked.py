"""A password change, "Reset second factor" and a policy that starts requiring a second factor
end the account's sessions and API tokens (services.user_sessions_end)."""

import pytest
from django.contrib.auth.models import Group, User
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from knox.models import AuthToken

from claimtracker.accounts.models import RolePolicy, SignedInSession
from tests.accounts.conftest import PASSWORD
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
INDEX = reverse("admin:index")
CLAIMS = "/api/v1/claims/"
NEW_PASSWORD = "a brand new passphrase for jane"


def signed_in(user, password: str = PASSWORD) -> Client:
    client = Client()
    response = client.post(LOGIN, {"username": user.username, "password": password})
    assert response.status_code == 302
    return client


def token_for(user) -> str:
    _instance, token = AuthToken.objects.create(user=user)
    return str(token)


def token_works(token: str) -> bool:
    return Client().get(CLAIMS, HTTP_AUTHORIZATION=f"Token {token}").status_code == 200


def still_signed_in(client: Client) -> bool:
    return client.get(INDEX).status_code == 200


def session_key(client: Client, settings) -> str:
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def test_changing_your_own_password_keeps_this_session_and_ends_every_other_one_and_all_tokens(
    journalist, settings
):
    here, elsewhere = signed_in(journalist), signed_in(journalist)
    old_elsewhere = session_key(elsewhere, settings)
    token = token_for(journalist)

    response = here.post(
        reverse("admin:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )

    assert response.status_code == 302
    assert still_signed_in(here)
    assert not still_signed_in(elsewhere)
    assert not token_works(token)
    assert not Session.objects.filter(session_key=old_elsewhere).exists()
    # The session that stays is still known, so the next sign-out everywhere reaches it.
    assert list(
        SignedInSession.objects.filter(user=journalist).values_list("session_key", flat=True)
    ) == [session_key(here, settings)]


def test_an_editor_setting_a_journalists_password_ends_all_their_sessions_and_tokens(
    journalist, editor, settings
):
    theirs = signed_in(journalist)
    their_key = session_key(theirs, settings)
    token = token_for(journalist)
    admin = Client()
    admin.force_login(editor)

    response = admin.post(
        reverse("admin:auth_user_password_change", args=[journalist.pk]),
        {"usable_password": "true", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert not token_works(token)
    assert not still_signed_in(theirs)
    assert not Session.objects.filter(session_key=their_key).exists()
    assert still_signed_in(admin)


def test_a_script_setting_a_password_ends_the_accounts_tokens(journalist):
    token = token_for(journalist)

    journalist.set_password(NEW_PASSWORD)
    journalist.save()

    assert not token_works(token)


def test_django_upgrading_a_password_hash_at_sign_in_ends_nothing(journalist, settings):
    # The stored MD5 hash is upgraded to the first hasher when the password is next checked.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    token = token_for(journalist)

    signed_in(journalist)

    journalist.refresh_from_db()
    assert journalist.password.startswith("pbkdf2_")
    assert token_works(token)


def test_editing_a_name_ends_nothing(journalist):
    token = token_for(journalist)

    journalist.first_name = "Jane"
    journalist.save()

    assert token_works(token)


def test_reset_second_factor_ends_the_accounts_sessions_and_tokens(
    journalist, editor, authenticator
):
    from tests.accounts.conftest import code_now

    device = authenticator(journalist)
    theirs = Client()
    theirs.post(
        LOGIN,
        {"username": journalist.username, "password": PASSWORD, "otp_token": code_now(device)},
    )
    assert still_signed_in(theirs)
    token = token_for(journalist)
    admin = Client()
    admin.force_login(editor)

    admin.post(
        reverse("admin:auth_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [journalist.pk]},
    )

    assert not token_works(token)
    assert not still_signed_in(theirs)


def test_a_policy_that_starts_requiring_a_second_factor_signs_the_roles_members_out(
    journalist, fact_checker, editor
):
    journalists_browser = signed_in(journalist)
    journalists_token = token_for(journalist)
    fact_checkers_token = token_for(fact_checker)
    admin = Client()
    admin.force_login(editor)

    response = admin.post(
        reverse("admin:accounts_rolepolicy_add"),
        {"group": Group.objects.get(name="Journalist").pk, "require_second_factor": "on"},
    )

    assert response.status_code == 302
    assert not token_works(journalists_token)
    assert not still_signed_in(journalists_browser)
    assert token_works(fact_checkers_token)  # another role: untouched


def test_switching_the_policy_on_in_the_list_signs_the_roles_members_out_too(
    journalist, editor, require_second_factor
):
    policy = require_second_factor("Journalist", required=False)
    token = token_for(journalist)
    admin = Client()
    admin.force_login(editor)

    admin.post(
        reverse("admin:accounts_rolepolicy_changelist"),
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": policy.pk,
            "form-0-require_second_factor": "on",
            "_save": "Save",
        },
    )

    assert RolePolicy.objects.get(pk=policy.pk).require_second_factor
    assert not token_works(token)


def test_a_member_who_already_needed_a_second_factor_is_not_signed_out_again(
    journalist, editor, require_second_factor, settings
):
    settings.SECOND_FACTOR_REQUIRED = True  # production: a role without a policy requires one
    token = token_for(journalist)
    admin = Client()
    admin.force_login(UserFactory(username="root", is_superuser=True))

    admin.post(
        reverse("admin:accounts_rolepolicy_add"),
        {"group": Group.objects.get(name="Journalist").pk, "require_second_factor": "on"},
    )

    assert RolePolicy.objects.filter(group__name="Journalist").exists()
    assert token_works(token)


def test_turning_a_policy_off_signs_nobody_out(journalist, editor, require_second_factor):
    policy = require_second_factor("Journalist")
    token = token_for(journalist)
    admin = Client()
    admin.force_login(editor)

    admin.post(
        reverse("admin:accounts_rolepolicy_change", args=[policy.pk]),
        {"group": policy.group_id},  # the box unticked
    )

    assert not RolePolicy.objects.get(pk=policy.pk).require_second_factor
    assert token_works(token)
    assert User.objects.filter(pk=journalist.pk, is_active=True).exists()
