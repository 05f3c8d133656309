"""The admin site: Django's, with a login form that takes the second factor.

Who must have a second factor, and what happens to a member who has none yet, is decided by
claimtracker.accounts.middleware.SecondFactorMiddleware (it sends them to set one up).
"""

from django.contrib.admin import AdminSite

from claimtracker.accounts.forms import SecondFactorAuthenticationForm


class ClaimTrackerAdminSite(AdminSite):
    login_form = SecondFactorAuthenticationForm
