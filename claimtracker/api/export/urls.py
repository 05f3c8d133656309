"""/api/v1/export/: the collection files, their index and the ClaimReview feed."""

from django.urls import path, re_path

from claimtracker.api.export import views

app_name = "export"

urlpatterns = [
    path("", views.ExportIndexView.as_view(), name="index"),
    # Before the collection pattern, which the feed's address also fits.
    path("claimreview.json", views.ClaimReviewFeedView.as_view(), name="claimreview"),
    # A format may have a dot of its own (excel.csv); a collection's name has none.
    path("<slug:collection>.<str:file_format>", views.ExportFileView.as_view(), name="file"),
    # Anything else under export/ is a 404 in the API's error shape, not Django's HTML page.
    re_path(r"^", views.UnknownExportView.as_view(), name="unknown"),
]
