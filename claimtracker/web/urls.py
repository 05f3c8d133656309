from django.urls import path

from claimtracker.web import views

app_name = "web"

urlpatterns = [
    path("methodology/", views.MethodologyView.as_view(), name="methodology"),
    path("claims/<slug:slug>/", views.ClaimDetailView.as_view(), name="claim"),
    path("actors/<slug:slug>/", views.ActorDetailView.as_view(), name="actor"),
    path("topics/<slug:slug>/", views.TopicDetailView.as_view(), name="topic"),
    path("statements/<int:pk>/", views.StatementDetailView.as_view(), name="statement"),
    path("evidence/<int:pk>/", views.EvidenceDetailView.as_view(), name="evidence"),
    path("sources/<int:pk>/", views.SourceDetailView.as_view(), name="source"),
]
