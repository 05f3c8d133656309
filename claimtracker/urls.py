from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("claimtracker.api.urls")),
    path("", include("claimtracker.web.urls")),
    # Until the public pages exist, the front door leads curators to the admin.
    path("", RedirectView.as_view(pattern_name="admin:index", permanent=False)),
]
