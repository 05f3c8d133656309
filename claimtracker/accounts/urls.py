from django.urls import path

from claimtracker.accounts import views

app_name = "accounts"

urlpatterns = [
    path("second-factor/", views.second_factor, name="second-factor"),
    path("second-factor/backup-codes/", views.backup_codes, name="backup-codes"),
]
