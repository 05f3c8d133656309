from django.contrib import admin
from django.urls import include, path

from claimtracker.accounts.views import security_txt

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("claimtracker.accounts.urls")),
    path("api/v1/", include("claimtracker.api.urls")),
    path(".well-known/security.txt", security_txt, name="security-txt"),
    path("", include("claimtracker.web.urls")),
]
