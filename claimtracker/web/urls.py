from django.urls import path

from claimtracker.web.views import actors, claims, pages, records, topics

app_name = "web"

urlpatterns = [
    path("methodology/", pages.MethodologyView.as_view(), name="methodology"),
    path("claims/<slug:slug>/", claims.ClaimDetailView.as_view(), name="claim"),
    path("actors/<slug:slug>/", actors.ActorDetailView.as_view(), name="actor"),
    path("topics/<slug:slug>/", topics.TopicDetailView.as_view(), name="topic"),
    path("statements/<int:pk>/", records.StatementDetailView.as_view(), name="statement"),
    path("evidence/<int:pk>/", records.EvidenceDetailView.as_view(), name="evidence"),
    path("sources/<int:pk>/", records.SourceDetailView.as_view(), name="source"),
]
