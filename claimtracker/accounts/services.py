"""Writes on accounts: ending sessions, deactivating, authenticators and backup codes."""

from __future__ import annotations

import logging
from importlib import import_module

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from knox.models import AuthToken

from claimtracker.accounts.models import SignedInSession
from claimtracker.accounts.policy import acting_rank, role_rank

security_log = logging.getLogger("claimtracker.security")

BACKUP_CODE_COUNT = 10
# Names the user sees in their authenticator app and in the admin's device lists.
TOTP_DEVICE_NAME = "Authenticator app"
BACKUP_DEVICE_NAME = "Backup codes"


def user_sessions_end(*, user: User) -> int:
    """Sign ``user`` out everywhere: every session they signed in with, and every API token.

    Returns how many sessions and tokens were ended.
    """
    engine = import_module(settings.SESSION_ENGINE)
    keys = list(SignedInSession.objects.filter(user=user).values_list("session_key", flat=True))
    for key in keys:
        engine.SessionStore(session_key=key).delete()
    SignedInSession.objects.filter(user=user).delete()
    tokens, _by_type = AuthToken.objects.filter(user=user).delete()
    return len(keys) + int(tokens)


@transaction.atomic
def user_deactivate(*, by: User, user: User) -> None:
    """Deactivate ``user`` and end their sessions and tokens; ``by`` must outrank them."""
    if acting_rank(by) <= role_rank(user) or by.pk == user.pk:
        raise PermissionDenied("Only someone in a higher role may deactivate this account.")
    user.is_active = False
    user.save(update_fields=["is_active"])
    ended = user_sessions_end(user=user)
    security_log.info(
        "account deactivated: user=%s by=%s sessions_and_tokens_ended=%d",
        user.username,
        by.username,
        ended,
    )


def totp_device_pending(*, user: User) -> TOTPDevice:
    """The authenticator ``user`` is setting up: unconfirmed until they type its first code.

    Reuses the pending one, so reloading the page does not change the QR code under them.
    """
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice) -> None:
    """Make ``device`` the user's one authenticator (a new phone replaces the old one)."""
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    security_log.info("authenticator confirmed: user=%s", device.user.username)


@transaction.atomic
def backup_codes_issue(*, user: User) -> list[str]:
    """Replace ``user``'s backup codes with ten new single-use ones and return them (shown once)."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, defaults={"name": BACKUP_DEVICE_NAME, "confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    security_log.info("backup codes issued: user=%s", user.username)
    return codes
