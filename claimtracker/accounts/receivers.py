"""Bookkeeping on sign-in and sign-out: which sessions a user holds, and the security log; and
the one event every path shares, a password change, handed to services.user_sessions_end.

No rule is decided here: the receivers record what happened, so that deactivation can end a
user's sessions (services.user_sessions_end) and an operator can see failed attempts.
"""

from __future__ import annotations

import logging
import time
from typing import Any, TypeIs

from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import User
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.http import HttpRequest

from claimtracker import clients
from claimtracker.accounts import services
from claimtracker.accounts.middleware import SECOND_FACTOR_WAIVED_AT
from claimtracker.accounts.models import SignedInSession
from claimtracker.accounts.policy import second_factor_required
from claimtracker.accounts.sessions import LAST_SEEN, SIGNED_IN_AT

security_log = logging.getLogger("claimtracker.security")


def client_address(request: HttpRequest | None) -> str:
    """The client's address as the log gives it (``-`` when unknown)."""
    return (clients.client_address(request) or "-") if request is not None else "-"


def signed_in_to_session(request: Any, user: Any) -> TypeIs[HttpRequest]:
    """Did Django's login() just put ``user`` into this request's session?

    knox's token view sends user_logged_in too, with DRF's Request and no sign-in: the session
    its cookie carries (perhaps someone else's) must be neither taken over nor extended.
    """
    return (
        isinstance(request, HttpRequest)
        and hasattr(request, "session")
        and request.session.get(SESSION_KEY) == user._meta.pk.value_to_string(user)
    )


def remember_current_session(request: HttpRequest, user: Any) -> None:
    """Record the session ``request`` now holds (after a sign-in or a key change) as ``user``'s."""
    SignedInSession.objects.update_or_create(
        session_key=request.session.session_key, defaults={"user": user}
    )


@receiver(user_logged_in)
def remember_session(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if not signed_in_to_session(request, user):
        return
    now = time.time()
    # Django already gave the session a new key (cycle_key), so a key planted before sign-in
    # is worthless; these stamps drive the idle and absolute limits (sessions.py).
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN] = now
    if request.session.session_key is None:
        request.session.save()
    if not second_factor_required(user):
        request.session[SECOND_FACTOR_WAIVED_AT] = now
    remember_current_session(request, user)
    security_log.info("login: user=%s ip=%s", user.get_username(), client_address(request))


@receiver(user_logged_out)
def forget_session(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session") and request.session.session_key:
        SignedInSession.objects.filter(session_key=request.session.session_key).delete()


@receiver(user_login_failed)
def log_failed_login(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    # Django has already masked the password in ``credentials``; log the username only.
    security_log.warning(
        "failed login: username=%s ip=%s path=%s",
        credentials.get("username", "-"),
        client_address(request),
        request.path if request is not None else "-",
    )


# Set on the instance between pre_save and post_save: did this save change the password?
PASSWORD_CHANGED = "_accounts_password_changed"  # noqa: S105 - an attribute name


@receiver(pre_save, sender=User)
def note_password_change(
    sender: Any, instance: User, update_fields: frozenset[str] | None = None, **kwargs: Any
) -> None:
    setattr(instance, PASSWORD_CHANGED, password_changed(instance, update_fields))


def password_changed(user: User, update_fields: frozenset[str] | None) -> bool:
    """Does saving ``user`` now change their password (a new one, or none)? A query when it may.

    Every path ends in a save: the password change page, the admin's password form, the user
    admin, ``manage.py changepassword``, a script calling set_password. Django upgrading the
    hash of an unchanged password at sign-in (update_fields={"password"} after the raw password
    was cleared) is not a change.
    """
    if user._state.adding or (update_fields is not None and "password" not in update_fields):
        return False
    rehash = update_fields == frozenset({"password"}) and getattr(user, "_password", None) is None
    if rehash:
        return False
    saved = User.objects.filter(pk=user.pk).values_list("password", flat=True).first()
    return saved is not None and saved != user.password


@receiver(post_save, sender=User)
def end_sessions_on_password_change(sender: Any, instance: User, **kwargs: Any) -> None:
    if getattr(instance, PASSWORD_CHANGED, False):
        setattr(instance, PASSWORD_CHANGED, False)
        services.user_sessions_end(user=instance, reason="password changed")
