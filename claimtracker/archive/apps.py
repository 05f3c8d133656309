from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    """Evidence that survives: captures of cited web pages, their hashes and re-checks."""

    name = "claimtracker.archive"
    label = "archive"
    verbose_name = "Archive"
