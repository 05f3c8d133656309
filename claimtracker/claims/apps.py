from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "claimtracker.claims"
    label = "claims"
    verbose_name = "Claims"
