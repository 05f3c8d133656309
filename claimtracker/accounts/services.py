"""Writes on accounts: sessions and tokens, authenticators, backup codes, role policies."""

from __future__ import annotations

import logging
from importlib import import_module

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.sessions.backends.base import SessionBase
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key
from knox.models import AuthToken

from claimtracker.accounts.models import RolePolicy, SignedInSession
from claimtracker.accounts.policy import (
    acting_rank,
    may_set_policy,
    role_rank,
    second_factor_required,
)

security_log = logging.getLogger("claimtracker.security")

BACKUP_CODE_COUNT = 10
# Names the user sees in their authenticator app and in the admin's device lists.
TOTP_DEVICE_NAME = "Authenticator app"
BACKUP_DEVICE_NAME = "Backup codes"
# The key of the authenticator a session is setting up, kept in that session only, so that two
# sign-ins with the same password never see the same secret (docs/security.md).
PENDING_TOTP_KEY = "accounts_pending_totp_key"


def user_sessions_end(*, user: User, reason: str = "signed out everywhere") -> int:
    """Sign ``user`` out everywhere: every session they signed in with, and every API token.

    The one way credentials are revoked: deactivation, a password change, "Reset second
    factor" and a role policy that starts requiring a second factor all call it. Returns how
    many sessions and tokens were ended.
    """
    engine = import_module(settings.SESSION_ENGINE)
    keys = list(SignedInSession.objects.filter(user=user).values_list("session_key", flat=True))
    for key in keys:
        engine.SessionStore(session_key=key).delete()
    SignedInSession.objects.filter(user=user).delete()
    tokens, _by_type = AuthToken.objects.filter(user=user).delete()
    if keys or tokens:
        security_log.info(
            "sessions and tokens ended: user=%s reason=%s sessions=%d tokens=%d",
            user.username,
            reason,
            len(keys),
            tokens,
        )
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


def totp_device_pending(*, user: User, session: SessionBase) -> TOTPDevice:
    """The authenticator ``user`` is setting up in this ``session``: not saved until confirmed.

    Its key lives in the session alone, so reloading the page keeps the QR code, while another
    sign-in with the same password (another session) gets a key of its own.
    """
    key = session.get(PENDING_TOTP_KEY)
    if not isinstance(key, str):
        key = default_key()
        session[PENDING_TOTP_KEY] = key
    return TOTPDevice(user=user, name=TOTP_DEVICE_NAME, key=key, confirmed=False)


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice, session: SessionBase) -> None:
    """Save ``device`` as the user's one authenticator (a new phone replaces the old one).

    Any pending key another session holds stays in that session and never becomes a device.
    """
    TOTPDevice.objects.filter(user=device.user).delete()
    device.pk = None
    device.confirmed = True
    device.save()
    session.pop(PENDING_TOTP_KEY, None)
    security_log.info("authenticator confirmed: user=%s", device.user.username)


@transaction.atomic
def second_factor_reset(*, user: User) -> None:
    """Lost phone: delete ``user``'s authenticator and backup codes and sign them out everywhere,
    so that the next sign-in sets up a new app.
    """
    for device in devices_for_user(user, confirmed=None):
        device.delete()
    user_sessions_end(user=user, reason="second factor reset")


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


def members_not_required(*, group_id: int) -> set[int]:
    """Members of the role who need no second factor now. A query per member."""
    return {
        user.pk for user in User.objects.filter(groups=group_id) if not second_factor_required(user)
    }


def members_sign_out_if_now_required(*, group_id: int, not_required_before: set[int]) -> int:
    """Sign out everywhere the members in ``not_required_before`` who now need a second factor
    (a member of another role that already required one is left alone). Returns how many.
    """
    users = [
        user
        for user in User.objects.filter(groups=group_id, pk__in=not_required_before)
        if second_factor_required(user)
    ]
    for user in users:
        user_sessions_end(user=user, reason="role policy now requires a second factor")
    return len(users)


@transaction.atomic
def role_policy_save(*, by: User, policy: RolePolicy) -> int:
    """Save a role's policy. Members who did not need a second factor and now do are signed out
    everywhere, since their sessions and tokens were got with a password alone. Returns how
    many members that was. Only superusers set the Editor role's policy (policy.may_set_policy).
    """
    if not may_set_policy(by, policy.group):
        raise PermissionDenied("Only a superuser may set the policy of this role.")
    if policy.pk is not None:
        saved = RolePolicy.objects.select_related("group").get(pk=policy.pk)
        if saved.group_id != policy.group_id and not may_set_policy(by, saved.group):
            raise PermissionDenied("Only a superuser may set the policy of this role.")
    before = members_not_required(group_id=policy.group_id)
    policy.full_clean()
    policy.save()
    return members_sign_out_if_now_required(group_id=policy.group_id, not_required_before=before)


@transaction.atomic
def role_policy_delete(*, by: User, policy: RolePolicy) -> int:
    """Delete a role's policy: the role follows SECOND_FACTOR_REQUIRED again (on in production),
    with the same sign-out as role_policy_save for members who now need a second factor.
    """
    if not may_set_policy(by, policy.group):
        raise PermissionDenied("Only a superuser may set the policy of this role.")
    group_id = policy.group_id
    before = members_not_required(group_id=group_id)
    policy.delete()
    return members_sign_out_if_now_required(group_id=group_id, not_required_before=before)
