"""Editors manage journalists and fact-checkers, and nothing at or above their own role.

Every test forges the POST a browser would never send: extra fields, other people's ids.
"""

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:auth_user_changelist")


def change_url(user):
    return reverse("admin:auth_user_change", args=[user.pk])


def group(name):
    return Group.objects.get(name=name)


def form_data(client, url):
    """What the editor's change form posts for an account, as the page renders it."""
    user = User.objects.get(pk=int(url.rstrip("/").split("/")[-2]))
    page = client.get(url)
    assert page.status_code == 200
    return {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on" if user.is_active else "",
        "groups": [str(pk) for pk in user.groups.values_list("pk", flat=True)],
    }


@pytest.fixture
def superuser(db):
    return UserFactory(username="sam-superuser", is_superuser=True)


@pytest.fixture
def other_editor(role_groups):
    return UserFactory(username="esen-editor", role="editor")


def test_an_editor_promotes_a_journalist_to_fact_checker(client, editor, journalist):
    client.force_login(editor)
    data = form_data(client, change_url(journalist))
    data["groups"] = [str(group("Fact-checker").pk)]

    response = client.post(change_url(journalist), data)

    assert response.status_code == 302
    assert set(journalist.groups.values_list("name", flat=True)) == {"Fact-checker"}


def test_an_editor_cannot_grant_the_editor_role_even_by_forging_its_id(client, editor, journalist):
    client.force_login(editor)
    data = form_data(client, change_url(journalist))
    data["groups"] = [str(group("Editor").pk)]

    response = client.post(change_url(journalist), data)

    assert response.status_code == 200  # the form, with an error
    assert "Select a valid choice" in response.content.decode()
    assert set(journalist.groups.values_list("name", flat=True)) == {"Journalist"}


def test_an_editor_forging_superuser_staff_and_permission_fields_changes_none_of_them(
    client, editor, journalist
):
    client.force_login(editor)
    data = form_data(client, change_url(journalist))
    data |= {
        "is_superuser": "on",
        "user_permissions": [str(Permission.objects.get(codename="change_user").pk)],
        "is_staff": "",
        "first_name": "Jane",
    }

    assert client.post(change_url(journalist), data).status_code == 302

    journalist.refresh_from_db()
    assert journalist.first_name == "Jane"  # the real fields saved
    assert not journalist.is_superuser
    assert not journalist.user_permissions.exists()
    assert journalist.is_staff  # follows the role, not the form


def test_an_editor_cannot_open_or_change_another_editor_or_a_superuser(
    client, editor, other_editor, superuser
):
    client.force_login(editor)
    listed = client.get(CHANGELIST).content.decode()

    for target in (other_editor, superuser, editor):
        data = {"username": target.username, "is_active": "", "groups": []}
        forged = client.post(change_url(target), data)
        password = client.post(
            reverse("admin:auth_user_password_change", args=[target.pk]),
            {"password1": "a-new-long-passphrase-1", "password2": "a-new-long-passphrase-1"},
        )
        target.refresh_from_db()
        assert target.is_active, target
        assert target.check_password("correct horse battery staple"), target
        assert forged.status_code in {302, 403, 404}, target
        assert password.status_code in {302, 403, 404}, target
        assert change_url(target) not in listed


def test_an_editor_cannot_deactivate_another_editor_through_the_bulk_action(
    client, editor, other_editor
):
    client.force_login(editor)

    client.post(
        CHANGELIST, {"action": "deactivate_and_sign_out", "_selected_action": [other_editor.pk]}
    )

    other_editor.refresh_from_db()
    assert other_editor.is_active


def test_an_editor_cannot_reactivate_a_deactivated_editor(client, editor, other_editor):
    other_editor.is_active = False
    other_editor.save()
    client.force_login(editor)

    client.post(change_url(other_editor), {"username": other_editor.username, "is_active": "on"})

    other_editor.refresh_from_db()
    assert not other_editor.is_active


def test_an_editor_adds_an_account_that_cannot_be_a_superuser(client, editor):
    client.force_login(editor)

    response = client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "new-journalist",
            "usable_password": "true",
            "password1": "a long passphrase of several words",
            "password2": "a long passphrase of several words",
            "is_superuser": "on",
            "is_staff": "on",
        },
    )

    assert response.status_code == 302
    created = User.objects.get(username="new-journalist")
    assert not created.is_superuser
    assert not created.is_staff  # no role yet


def test_journalists_and_fact_checkers_cannot_manage_accounts(client, journalist, fact_checker):
    for persona in (journalist, fact_checker):
        client.force_login(persona)
        assert client.get(CHANGELIST).status_code == 403
        assert client.get(change_url(journalist)).status_code in {302, 403}


def test_an_editor_deletes_no_account(client, editor, journalist):
    client.force_login(editor)

    response = client.post(reverse("admin:auth_user_delete", args=[journalist.pk]), {"post": "yes"})

    assert response.status_code == 403
    assert User.objects.filter(pk=journalist.pk).exists()


def test_a_superuser_still_manages_everyone(client, superuser, editor):
    client.force_login(superuser)
    response = client.get(change_url(editor))

    assert response.status_code == 200
    assert 'name="is_superuser"' in response.content.decode()
