"""Helpers for account tests: authenticator devices and the codes they show now."""

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
