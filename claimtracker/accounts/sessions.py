"""Signed-in sessions end after SESSION_IDLE_SECONDS without a request, and SESSION_ABSOLUTE_SECONDS
after sign-in whatever happens (ASVS 7.3). Django rotates the session key at sign-in itself.

Only the paths that use a session are checked (the admin, the API, account pages): public pages
never read the session, so they stay cookie-free and cacheable (docs/security.md).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout
from django.http import HttpRequest, HttpResponseBase

SIGNED_IN_AT = "accounts_signed_in_at"
LAST_SEEN = "accounts_last_seen"
# Refresh the last-seen stamp at most this often, so a busy curator does not write the session
# on every click; the idle limit is exact to within this many seconds.
LAST_SEEN_GRANULARITY = 60

security_log = logging.getLogger("claimtracker.security")


def uses_session(path: str) -> bool:
    return path.startswith(tuple(settings.SESSION_LIMITED_PATHS))


def session_expired(session: object, now: float) -> bool:
    """Has this signed-in session gone idle too long, or lived too long since sign-in?

    A session with no sign-in stamp (made before these limits existed) counts as expired.
    """
    signed_in_at = session.get(SIGNED_IN_AT)  # type: ignore[attr-defined]
    last_seen = session.get(LAST_SEEN, signed_in_at)  # type: ignore[attr-defined]
    if not isinstance(signed_in_at, int | float) or not isinstance(last_seen, int | float):
        return True
    return (
        now - signed_in_at > settings.SESSION_ABSOLUTE_SECONDS
        or now - last_seen > settings.SESSION_IDLE_SECONDS
    )


class SessionLimitsMiddleware:
    """Sign out a session past its idle or absolute limit; the next page asks to log in again."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if uses_session(request.path) and SESSION_KEY in request.session:
            now = time.time()
            if session_expired(request.session, now):
                security_log.info(
                    "session expired: user_id=%s path=%s",
                    request.session.get(SESSION_KEY),
                    request.path,
                )
                logout(request)
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], *args: Any, **kwargs: Any
    ) -> None:
        """A request counts as activity (the idle limit restarts) unless its view leaves the
        session alone; a signed-out session (above) has no SESSION_KEY left.
        """
        if not uses_session(request.path) or SESSION_KEY not in request.session:
            return
        if session_left_alone(request):
            return
        now = time.time()
        if now - request.session.get(LAST_SEEN, 0) >= LAST_SEEN_GRANULARITY:
            request.session[LAST_SEEN] = now


def session_left_alone(request: HttpRequest) -> bool:
    """Is ``request`` answered by a view marked with leaves_session_alone (once resolved)?"""
    view = getattr(getattr(request, "resolver_match", None), "func", None)
    return bool(getattr(view, "leaves_session_alone", False))


def leaves_session_alone[View: Callable[..., Any]](view: View) -> View:
    """Mark a view that must not write the session its request's cookie carries, not even the
    last-seen stamp: the token endpoint, whose caller may be someone other than the cookie's
    user (HTTP Basic for another account) and whose request is no activity in that session.
    """
    view.leaves_session_alone = True  # type: ignore[attr-defined]
    return view
