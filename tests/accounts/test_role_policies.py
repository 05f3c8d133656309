"""Editors set the second-factor policy of journalists and fact-checkers; only superusers set
the Editor role's."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from claimtracker.accounts.models import RolePolicy
from tests.accounts.conftest import PASSWORD, code_now
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ADD = reverse("admin:accounts_rolepolicy_add")
CHANGELIST = reverse("admin:accounts_rolepolicy_changelist")


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editors_policy(role_groups):
    """The Editor role's policy, as a superuser set it: a second factor required."""
    return RolePolicy.objects.create(
        group=Group.objects.get(name="Editor"), require_second_factor=True
    )


def test_an_editor_cannot_add_a_policy_for_the_editor_role(editor):
    browser = as_user(editor)

    form = browser.get(ADD).content.decode()
    response = browser.post(
        ADD, {"group": Group.objects.get(name="Editor").pk, "require_second_factor": ""}
    )

    assert ">Editor</option>" not in form
    assert ">Fact-checker</option>" in form
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not RolePolicy.objects.filter(group__name="Editor").exists()


def test_an_editor_cannot_switch_off_the_editor_roles_policy(editor, editors_policy, authenticator):
    browser = Client()
    browser.post(
        reverse("admin:login"),
        {
            "username": editor.username,
            "password": PASSWORD,
            "otp_token": code_now(authenticator(editor)),
        },
    )
    change = reverse("admin:accounts_rolepolicy_change", args=[editors_policy.pk])
    delete = reverse("admin:accounts_rolepolicy_delete", args=[editors_policy.pk])

    page = browser.get(change)
    changed = browser.post(change, {"group": editors_policy.group_id})
    deleted = browser.post(delete, {"post": "yes"})
    browser.post(
        CHANGELIST,
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": editors_policy.pk,
            "_save": "Save",
        },
    )

    assert page.status_code == 200  # read-only: editors may see it
    assert 'name="require_second_factor"' not in page.content.decode()
    assert changed.status_code == 403
    assert deleted.status_code == 403
    editors_policy.refresh_from_db()
    assert editors_policy.require_second_factor


def test_an_editor_cannot_move_a_policy_onto_the_editor_role(editor, require_second_factor):
    policy = require_second_factor("Journalist")
    browser = as_user(editor)

    browser.post(
        reverse("admin:accounts_rolepolicy_change", args=[policy.pk]),
        {"group": Group.objects.get(name="Editor").pk},
    )

    policy.refresh_from_db()
    assert policy.group.name == "Journalist"
    assert policy.require_second_factor


def test_a_superuser_sets_the_editor_roles_policy(editors_policy):
    browser = as_user(UserFactory(username="root", is_superuser=True))

    response = browser.post(
        reverse("admin:accounts_rolepolicy_change", args=[editors_policy.pk]),
        {"group": editors_policy.group_id},
    )

    assert response.status_code == 302
    editors_policy.refresh_from_db()
    assert not editors_policy.require_second_factor


def test_an_editor_still_sets_the_journalists_policy(editor, role_groups):
    response = as_user(editor).post(
        ADD, {"group": Group.objects.get(name="Journalist").pk, "require_second_factor": "on"}
    )

    assert response.status_code == 302
    assert RolePolicy.objects.get(group__name="Journalist").require_second_factor
