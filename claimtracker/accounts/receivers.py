"""Bookkeeping on sign-in and sign-out: which sessions a user holds, and the security log.

No rule is decided here: the receivers record what happened, so that deactivation can end a
user's sessions (services.user_sessions_end) and an operator can see failed attempts.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from claimtracker.accounts.middleware import SECOND_FACTOR_WAIVED_AT
from claimtracker.accounts.models import SignedInSession
from claimtracker.accounts.policy import second_factor_required
from claimtracker.accounts.sessions import LAST_SEEN, SIGNED_IN_AT

security_log = logging.getLogger("claimtracker.security")


def client_address(request: HttpRequest | None) -> str:
    return request.META.get("REMOTE_ADDR", "-") if request is not None else "-"


@receiver(user_logged_in)
def remember_session(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is None or not hasattr(request, "session"):
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
    SignedInSession.objects.update_or_create(
        session_key=request.session.session_key, defaults={"user": user}
    )
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
