from django.apps import AppConfig


class SeedingConfig(AppConfig):
    """Data that is not curated: the reference case, synthetic data, demo and automated accounts.

    It has no models and writes through ``claimtracker.claims.services`` where one exists
    (docs/seeding.md); the domain never imports it.
    """

    name = "claimtracker.seeding"
    label = "seeding"
    verbose_name = "Seeding"
