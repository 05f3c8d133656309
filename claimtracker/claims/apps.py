from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ClaimsConfig(AppConfig):
    name = "claimtracker.claims"
    label = "claims"
    verbose_name = "Claims"

    def ready(self) -> None:
        # Imported here: the module registers its system check and reads the models.
        from claimtracker.claims import dbroles

        # After every migrate: no trigger skippable, the app role's grants cover new tables.
        post_migrate.connect(
            dbroles.lock_down_after_migrate, sender=self, dispatch_uid="claims_database_roles"
        )
