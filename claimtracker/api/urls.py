from typing import Any

from django.conf import settings
from django.urls import include, path, re_path
from django.views.decorators.csp import csp_override
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import APIRootView, DefaultRouter

from claimtracker.api import auth, views

app_name = "api"

# Where a client starts besides the collections, by URL name in this namespace.
ALSO_AT_THE_ROOT = {
    "export": "export:index",
    "auth": "token-create",
    "schema": "schema",
    "docs": "docs",
}


class RootView(APIRootView):
    """/api/v1/: the collections, then the export files, the token endpoint, the schema and its
    browsable docs, so that a client can find every part of the API from its root."""

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.api_root_dict = {**(self.api_root_dict or {}), **ALSO_AT_THE_ROOT}
        return super().get(request, *args, **kwargs)


class Router(DefaultRouter):
    APIRootView = RootView


router = Router()
router.register("actors", views.ActorViewSet, basename="actor")
router.register("sources", views.SourceViewSet, basename="source")
router.register("statements", views.StatementViewSet, basename="statement")
router.register("claims", views.ClaimViewSet, basename="claim")
router.register("evidence", views.EvidenceViewSet, basename="evidence")
router.register("contradiction-links", views.ContradictionLinkViewSet, basename="contradictionlink")
router.register("topics", views.TopicViewSet, basename="topic")
router.register("status-changes", views.StatusChangeViewSet, basename="statuschange")
router.register("corrections", views.CorrectionViewSet, basename="correction")

urlpatterns = [
    path("", include(router.urls)),
    path("auth/", include(auth.urlpatterns)),
    path("export/", include("claimtracker.api.export.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/",
        # The split view serves its start-up script as a file, not inline: see docs/security.md.
        csp_override(settings.API_DOCS_CSP)(
            SpectacularSwaggerSplitView.as_view(
                url_name="api:schema", template_name="api/swagger_ui.html"
            )
        ),
        name="docs",
    ),
    path(
        "redoc/",
        # Our template drops the Google Fonts links, so the docs load offline.
        csp_override(settings.REDOC_CSP)(
            SpectacularRedocView.as_view(url_name="api:schema", template_name="api/redoc.html")
        ),
        name="redoc",
    ),
    # Keep last: any other address under /api/v1/ answers a JSON 404, not Django's HTML page.
    re_path(r"^(?P<path>.+/)$", views.not_found),
]
