from typing import Any

from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from claimtracker.claims import audit
from claimtracker.seeding.reference import FIXTURE, load_reference_case


class Command(BaseCommand):
    help = (
        f"Load the reference case from {FIXTURE.name}: creates what is missing, "
        "changes nothing that exists. Safe to run again."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            with audit.command_context(__name__):
                report = load_reference_case()
        except (ImproperlyConfigured, PermissionDenied, ValidationError, ValueError) as error:
            raise CommandError(f"The reference case was not loaded: {error}") from error
        for line in report.lines():
            self.stdout.write(line)
        if report.created_anything:
            self.stdout.write(self.style.SUCCESS("Reference case loaded."))
        else:
            self.stdout.write(
                self.style.SUCCESS("Reference case already complete: nothing created.")
            )
