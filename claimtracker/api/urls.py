from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from claimtracker.api import auth, views

app_name = "api"

router = DefaultRouter()
router.register("actors", views.ActorViewSet, basename="actor")
router.register("sources", views.SourceViewSet, basename="source")
router.register("statements", views.StatementViewSet, basename="statement")
router.register("claims", views.ClaimViewSet, basename="claim")
router.register("evidence", views.EvidenceViewSet, basename="evidence")
router.register("contradiction-links", views.ContradictionLinkViewSet, basename="contradictionlink")
router.register("topics", views.TopicViewSet, basename="topic")
router.register("status-changes", views.StatusChangeViewSet, basename="statuschange")

urlpatterns = [
    path("", include(router.urls)),
    path("auth/", include(auth.urlpatterns)),
    path("export/", include("claimtracker.api.export.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path(
        "redoc/",
        # Our template drops the Google Fonts links, so the docs load offline.
        SpectacularRedocView.as_view(url_name="api:schema", template_name="api/redoc.html"),
        name="redoc",
    ),
    # Keep last: any other address under /api/v1/ answers a JSON 404, not Django's HTML page.
    re_path(r"^(?P<path>.+/)$", views.not_found),
]
