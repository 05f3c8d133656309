"""The admin site: Django's, with a login form that takes the second factor.

Who must have a second factor, and what happens to a member who has none yet, is decided by
claimtracker.accounts.middleware.SecondFactorMiddleware (it sends them to set one up).
"""

from typing import Any

from django.contrib.admin import AdminSite
from django.http import HttpRequest
from django.template.response import TemplateResponse

from claimtracker.accounts.forms import SecondFactorAuthenticationForm
from claimtracker.accounts.receivers import remember_current_session


class ClaimTrackerAdminSite(AdminSite):
    login_form = SecondFactorAuthenticationForm

    def password_change(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> TemplateResponse:
        """Change your own password: every other session and every API token of the account
        ends (receivers.end_sessions_on_password_change), this one carries on under the new
        key Django gives it, recorded here so that later sign-outs reach it too.
        """
        response = super().password_change(request, extra_context)
        if request.method == "POST" and response.status_code == 302:
            remember_current_session(request, request.user)
        return response
