"""Helpers for account tests: authenticator devices and the codes they show now."""

import base64
import re

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from claimtracker.accounts.models import RolePolicy

PASSWORD = "correct horse battery staple"  # what UserFactory gives every account


def code_now(device: TOTPDevice) -> str:
    """The six digits the user's app shows at this moment."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def secret_on(page_html: str) -> str:
    """The key the second-factor setup page shows as text ("Cannot scan? Type this key ...")."""
    match = re.search(
        r"Type this key into the app instead:\S* <code>([A-Z2-7=]+)</code>", page_html
    )
    assert match is not None, "no key on the setup page"
    return match.group(1)


def code_for(secret: str) -> str:
    """The six digits an app set up with ``secret`` (base32, as the page shows it) shows now."""
    return f"{totp(base64.b32decode(secret)):06d}"


@pytest.fixture(autouse=True)
def fresh_throttles():
    # Lockouts and API throttles are counted per address; each test starts with none.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def authenticator():
    """``authenticator(user)``: a confirmed authenticator app for ``user``."""

    def make(user) -> TOTPDevice:
        return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)

    return make


@pytest.fixture
def require_second_factor(role_groups):
    """``require_second_factor("Journalist")``: an editor's policy for that role."""

    def make(group_name: str, required: bool = True) -> RolePolicy:
        policy, _created = RolePolicy.objects.update_or_create(
            group=Group.objects.get(name=group_name),
            defaults={"require_second_factor": required},
        )
        return policy

    return make
