"""The admin site: Django's, with a login form that takes the second factor.

Who must have a second factor, and what happens to a member who has none yet, is decided by
claimtracker.accounts.middleware.SecondFactorMiddleware (it sends them to set one up).
"""

from typing import Any

from django.contrib.admin import AdminSite
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from claimtracker.accounts.forms import SecondFactorAuthenticationForm
from claimtracker.accounts.policy import RANK, SUPERUSER_RANK, AnyUser, acting_rank
from claimtracker.accounts.receivers import remember_current_session
from claimtracker.claims.roles import GROUP_NAMES, Role


def role_label(user: AnyUser) -> str:
    """The signed-in user's role in words, for the admin header ("" when signed out or in none).

    Read from the permissions the page loads anyway (policy.acting_rank): no query of its own.
    """
    rank = acting_rank(user)
    if rank >= SUPERUSER_RANK:
        return _("Superuser")
    labels = {RANK[GROUP_NAMES[role]]: str(role.label) for role in Role}
    return labels.get(rank, "")


class ClaimTrackerAdminSite(AdminSite):
    login_form = SecondFactorAuthenticationForm

    def each_context(self, request: HttpRequest) -> dict[str, Any]:
        # The header says in which role the curator is working (templates/admin/base_site.html).
        return {**super().each_context(request), "user_role": role_label(request.user)}

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
