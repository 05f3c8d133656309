from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from claimtracker.accounts.views import security_txt
from claimtracker.i18n.views import choose_language
from claimtracker.web.urls import root_urlpatterns

# The API, the admin and machine addresses stay unprefixed; the public site lives under a
# language prefix (/en/, /ru/, /kk/, /kk-latn/), and / picks one (docs/i18n.md).
urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("claimtracker.accounts.urls")),
    path("api/v1/", include("claimtracker.api.urls")),
    path(".well-known/security.txt", security_txt, name="security-txt"),
    path("archive/", include("claimtracker.archive.urls")),
    path("", choose_language, name="choose-language"),
    path("", include((root_urlpatterns, "site"))),
    *i18n_patterns(
        # The error-report form speaks the language of the page it was reached from.
        path("report/", include("claimtracker.reports.urls")),
        path("", include("claimtracker.web.urls")),
    ),
]

# Under /api/ these answer in the API's JSON error shape, elsewhere with the site's pages
# (claimtracker/api/errors.py).
handler400 = "claimtracker.api.errors.bad_request"
handler403 = "claimtracker.api.errors.permission_denied"
handler404 = "claimtracker.api.errors.page_not_found"
handler500 = "claimtracker.api.errors.server_error"
