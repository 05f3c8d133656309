from django.urls import path

from claimtracker.archive import views

app_name = "archive"

urlpatterns = [
    path("captures/<int:pk>/<slug:kind>/", views.artefact, name="artefact"),
]
