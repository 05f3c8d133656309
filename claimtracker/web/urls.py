from django.urls import path

from claimtracker.web.caching import public_page
from claimtracker.web.views import actors, claims, home, pages, records, topics

app_name = "web"

urlpatterns = [
    path("", public_page(home.HomeView.as_view()), name="home"),
    path("methodology/", public_page(pages.MethodologyView.as_view()), name="methodology"),
    path("claims/<slug:slug>/", public_page(claims.ClaimDetailView.as_view()), name="claim"),
    path("actors/<slug:slug>/", public_page(actors.ActorDetailView.as_view()), name="actor"),
    path("topics/<slug:slug>/", public_page(topics.TopicDetailView.as_view()), name="topic"),
    path(
        "statements/<int:pk>/", public_page(records.StatementDetailView.as_view()), name="statement"
    ),
    path("evidence/<int:pk>/", public_page(records.EvidenceDetailView.as_view()), name="evidence"),
    path("sources/<int:pk>/", public_page(records.SourceDetailView.as_view()), name="source"),
]
