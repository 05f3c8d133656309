from django.apps import AppConfig


class WebConfig(AppConfig):
    """The public site. An interface package: it has no models and only reads published
    records through the domain's querysets."""

    name = "claimtracker.web"
    label = "web"
    verbose_name = "Public site"

    def ready(self) -> None:
        # Imported here: the module registers the deploy check of SITE_URL.
        from claimtracker.web import checks  # noqa: F401
