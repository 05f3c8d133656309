"""The second factor enforced per request, the security log of refusals, and HTTPS for the API."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from claimtracker.accounts.policy import second_factor_required
from claimtracker.accounts.sessions import session_left_alone
from claimtracker.clients import client_address

security_log = logging.getLogger("claimtracker.security")

# When the session last found that this user needs no second factor. Re-checked after this
# many seconds, so a policy an editor turns on reaches signed-in members within a minute
# without costing every admin page a query.
SECOND_FACTOR_WAIVED_AT = "accounts_second_factor_waived_at"
RECHECK_SECONDS = 60


def api_error(status: int, code: str, message: str) -> JsonResponse:
    """The API's one error shape (docs/api.md)."""
    return JsonResponse(
        {"errors": [{"code": code, "message": message, "field": None}]}, status=status
    )


def second_factor_pending(request: HttpRequest) -> bool:
    """Is this request's user signed in without the second factor their account requires?

    Runs a query at most once a minute per session (the waiver stamp below); the API's session
    authentication (accounts/authentication.py) and the admin both ask it.
    """
    user = request.user
    if not user.is_authenticated or user.is_verified():  # type: ignore[attr-defined]
        return False
    waived_at = request.session.get(SECOND_FACTOR_WAIVED_AT, 0)
    if time.time() - waived_at < RECHECK_SECONDS:
        return False
    required = second_factor_required(user)
    if session_left_alone(request):  # the token endpoint: no write, so no longer life
        return required
    if not required:
        request.session[SECOND_FACTOR_WAIVED_AT] = time.time()
        return False
    request.session.pop(SECOND_FACTOR_WAIVED_AT, None)
    return True


class SecondFactorMiddleware:
    """A member whose role requires a second factor and whose session has not passed one reaches
    only the page that sets it up (and logging out): every admin page redirects there. The API
    refuses such a session in its authentication (accounts/authentication.py), whatever
    headers the request carries; tokens are checked when issued (claimtracker.api.auth).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        refusal = self.refusal(request)
        return refusal if refusal is not None else self.get_response(request)

    def refusal(self, request: HttpRequest) -> HttpResponseBase | None:
        if not request.path.startswith(reverse("admin:index")) or request.path == reverse(
            "admin:logout"
        ):
            return None
        if not second_factor_pending(request):
            return None
        setup = reverse("accounts:second-factor")
        return HttpResponseRedirect(f"{setup}?{urlencode({'next': request.get_full_path()})}")


class SecurityLogMiddleware:
    """Log every refusal (403) with who asked for what, to the claimtracker.security logger."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if response.status_code == 403:
            user = getattr(request, "user", None)
            security_log.warning(
                "forbidden: user=%s method=%s path=%s ip=%s",
                user.get_username() if user is not None and user.is_authenticated else "-",
                request.method,
                request.path,
                client_address(request) or "-",
            )
        return response


class ApiRequiresHttpsMiddleware:
    """Where HTML redirects to HTTPS, the API refuses plain HTTP instead of redirecting.

    A redirect would hide the mistake: the client follows it and works, while every request
    first sends its token in clear text. A 400 that names the problem gets the URL fixed.
    SECURE_REDIRECT_EXEMPT keeps SecurityMiddleware from redirecting these paths.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if (
            settings.SECURE_SSL_REDIRECT
            and request.path.startswith("/api/")
            and not request.is_secure()
        ):
            return api_error(
                400,
                "https_required",
                _(
                    "The API answers over HTTPS only: repeat the request with https://. If it "
                    "carried a token, revoke that token: it crossed the network unencrypted."
                ),
            )
        return self.get_response(request)
