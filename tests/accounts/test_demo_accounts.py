"""Demo accounts (public passwords) sign in only under DEBUG, and fail `check --deploy`."""

import base64
import io

import pytest
from django.contrib.auth.models import User
from django.core.checks import run_checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import Client
from django.urls import reverse

from claimtracker.accounts.models import AccountKind
from claimtracker.seeding.accounts import DEMO_ACCOUNTS, demo_password

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
INDEX = reverse("admin:index")


@pytest.fixture
def demo_accounts(role_groups, settings):
    """What `make run` creates: one login per role, passwords printed on the terminal."""
    settings.DEBUG = True
    call_command("create_demo_accounts", stdout=io.StringIO())
    return list(User.objects.filter(username__in=DEMO_ACCOUNTS))


def sign_in(client: Client, username: str) -> int:
    return client.post(
        LOGIN, {"username": username, "password": demo_password(username)}
    ).status_code


def test_the_command_marks_its_accounts_as_demo_accounts(demo_accounts):
    assert len(demo_accounts) == 3
    assert AccountKind.objects.filter(kind=AccountKind.Kind.DEMO).count() == 3


def test_demo_accounts_sign_in_under_debug(demo_accounts, client):
    assert sign_in(client, "demo-journalist") == 302
    assert client.get(INDEX).status_code == 200


def test_demo_accounts_cannot_sign_in_when_debug_is_off(demo_accounts, client, settings):
    settings.DEBUG = False
    basic = base64.b64encode(b"demo-editor:" + demo_password("demo-editor").encode()).decode()

    assert sign_in(client, "demo-editor") == 200  # the sign-in form again
    assert client.get(INDEX).status_code == 302
    assert (
        client.post("/api/v1/auth/token/", HTTP_AUTHORIZATION=f"Basic {basic}").status_code == 401
    )


def test_a_demo_session_from_under_debug_ends_when_debug_is_off(demo_accounts, client, settings):
    sign_in(client, "demo-factchecker")
    settings.DEBUG = False

    assert client.get(INDEX).status_code == 302


def test_renaming_a_demo_account_does_not_let_it_sign_in(demo_accounts, client, settings):
    User.objects.filter(username="demo-editor").update(username="real-looking-editor")
    settings.DEBUG = False

    response = client.post(
        LOGIN, {"username": "real-looking-editor", "password": demo_password("demo-editor")}
    )

    assert response.status_code == 200


def test_check_deploy_fails_while_demo_accounts_exist(demo_accounts):
    with pytest.raises(SystemCheckError, match=r"accounts\.E001"):
        call_command("check", "--deploy", "--tag", "security")


def test_check_deploy_passes_this_check_once_they_are_deleted(demo_accounts):
    User.objects.filter(account_kind__kind=AccountKind.Kind.DEMO).delete()

    messages = run_checks(include_deployment_checks=True, tags=["security"])

    assert "accounts.E001" not in {message.id for message in messages}
