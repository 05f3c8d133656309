from django.apps import AppConfig


class CdnConfig(AppConfig):
    """HTTP caching for a CDN. No models: it reads the record's writes to purge what shows them."""

    name = "claimtracker.cdn"
    label = "cdn"
    verbose_name = "CDN caching"

    def ready(self) -> None:
        from claimtracker.cdn import purge

        purge.connect()
