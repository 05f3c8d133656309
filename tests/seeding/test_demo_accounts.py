"""Demo accounts: one local login per role, with public passwords, only under DEBUG."""

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db

GROUPS = {
    "demo-journalist": "Journalist",
    "demo-factchecker": "Fact-checker",
    "demo-editor": "Editor",
}


def create_demo_accounts() -> str:
    out = StringIO()
    call_command("create_demo_accounts", stdout=out)
    return out.getvalue()


def test_it_refuses_to_create_logins_with_public_passwords_when_debug_is_off(settings, role_groups):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="only created when DEBUG=true"):
        create_demo_accounts()

    assert not User.objects.filter(username__in=GROUPS).exists()


def test_it_creates_one_staff_login_per_role_with_the_password_it_prints(settings, role_groups):
    settings.DEBUG = True

    output = create_demo_accounts()

    for username, group in GROUPS.items():
        user = User.objects.get(username=username)
        assert user.is_staff
        assert user.check_password(f"{username}-local-only")
        assert list(user.groups.values_list("name", flat=True)) == [group]
        assert f"{username:<17} password: {username}-local-only  (created)" in output


def test_a_second_run_keeps_a_password_someone_changed(settings, role_groups):
    settings.DEBUG = True
    create_demo_accounts()
    editor = User.objects.get(username="demo-editor")
    editor.set_password("changed-locally")
    editor.save()

    output = create_demo_accounts()

    assert User.objects.get(username="demo-editor").check_password("changed-locally")
    assert "password: demo-editor-local-only  (already there; password unchanged)" in output
