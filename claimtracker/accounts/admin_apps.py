from django.contrib.admin.apps import AdminConfig


class ClaimTrackerAdminConfig(AdminConfig):
    """django.contrib.admin, with our site (its login asks for a second factor) as admin.site."""

    default_site = "claimtracker.accounts.sites.ClaimTrackerAdminSite"
