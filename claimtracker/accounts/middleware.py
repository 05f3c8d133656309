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


class SecondFactorMiddleware:
    """A member whose role requires a second factor and whose session has not passed one reaches
    only the page that sets it up (and logging out): every admin page redirects there, and the
    API answers 403 to their session (tokens are checked when issued, claimtracker.api.auth).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        refusal = self.refusal(request)
        return refusal if refusal is not None else self.get_response(request)

    def refusal(self, request: HttpRequest) -> HttpResponseBase | None:
        admin_root = reverse("admin:index")
        in_admin = request.path.startswith(admin_root)
        # A token request carries its own proof; only the session is judged here.
        in_api = request.path.startswith("/api/") and "HTTP_AUTHORIZATION" not in request.META
        if not (in_admin or in_api) or request.path == reverse("admin:logout"):
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():  # type: ignore[attr-defined]
            return None
        waived_at = request.session.get(SECOND_FACTOR_WAIVED_AT, 0)
        if time.time() - waived_at < RECHECK_SECONDS:
            return None
        if not second_factor_required(user):
            request.session[SECOND_FACTOR_WAIVED_AT] = time.time()
            return None
        request.session.pop(SECOND_FACTOR_WAIVED_AT, None)
        if in_api:
            return api_error(
                403,
                "second_factor_required",
                _("Your role requires a second factor: sign in to the admin with your code first."),
            )
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
                request.META.get("REMOTE_ADDR", "-"),
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
