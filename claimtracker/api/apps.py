from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The REST API. An interface package: it has no models and writes only through
    ``claimtracker.claims.services``."""

    name = "claimtracker.api"
    label = "api"
    verbose_name = "API"
