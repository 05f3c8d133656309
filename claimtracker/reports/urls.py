from django.urls import path

from claimtracker.reports import views

app_name = "reports"

urlpatterns = [
    path("<slug:kind>/<int:pk>/", views.report_error, name="new"),
    path("<slug:kind>/<int:pk>/thanks/", views.report_thanks, name="thanks"),
]
