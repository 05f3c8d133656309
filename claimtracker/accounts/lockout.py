"""What a locked-out client sees (django-axes' AXES_LOCKOUT_CALLABLE): 429 and when to retry."""

from __future__ import annotations

import logging
import math
from typing import Any

from axes.helpers import get_client_username, get_cool_off
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from claimtracker.accounts.middleware import api_error
from claimtracker.clients import client_address

security_log = logging.getLogger("claimtracker.security")


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict[str, Any] | None
) -> HttpResponse:
    """A page (or, under /api/, the API's JSON error) saying when signing in works again."""
    cool_off = get_cool_off(request)
    seconds = math.ceil(cool_off.total_seconds()) if cool_off else 0
    retry_at = timezone.now() + cool_off if cool_off else None
    security_log.warning(
        "locked out: username=%s ip=%s path=%s",
        get_client_username(request, credentials) or "-",
        client_address(request) or "-",
        request.path,
    )
    response: HttpResponse
    if request.path.startswith("/api/"):
        response = api_error(
            429,
            "locked_out",
            _(
                "Too many failed sign-ins for this account from your address. Try again in "
                "%(minutes)d minutes."
            )
            % {"minutes": math.ceil(seconds / 60)},
        )
    else:
        response = TemplateResponse(
            request,
            "accounts/locked_out.html",
            {"retry_at": retry_at, "minutes": math.ceil(seconds / 60)},
            status=429,
        ).render()
    if seconds:
        response["Retry-After"] = str(seconds)
    return response
