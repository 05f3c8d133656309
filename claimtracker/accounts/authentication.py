"""The API's session authentication, with the second factor checked in it.

Kept out of claimtracker/api so that settings can name it without importing DRF's views (which
read DEFAULT_AUTHENTICATION_CLASSES while they are being imported).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import SessionAuthentication
from rest_framework.request import Request

from claimtracker.accounts.middleware import second_factor_pending


class SecondFactorSessionAuthentication(SessionAuthentication):
    """A session counts for the API only once it has passed the second factor its account needs.

    The check lives here, not in a middleware that guesses from the headers, so whatever else a
    request sends (``Authorization: Bearer x``, ``Basic …``), a password-only session of such an
    account reaches nothing: ``403 second_factor_required``.
    """

    def authenticate(self, request: Request) -> tuple[Any, None] | None:
        result = super().authenticate(request)
        if result is not None and second_factor_pending(request._request):
            raise exceptions.PermissionDenied(
                _("Your role requires a second factor: sign in to the admin with your code first."),
                code="second_factor_required",
            )
        return result
