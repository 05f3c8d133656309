import time
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from claimtracker.claims import audit
from claimtracker.seeding.synthetic import SOURCE_TITLE, generate_synthetic_data


class Command(BaseCommand):
    help = (
        "Add a batch of synthetic claims, labelled “[Synthetic]” and citing the source "
        f"“{SOURCE_TITLE}”. Each run adds a new batch with new slugs; the same seed gives the "
        "same content."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--claims", type=int, required=True, help="How many claims to add.")
        parser.add_argument("--seed", type=int, default=0, help="Random seed (default 0).")
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help="Run even though DEBUG is off. Synthetic data does not belong on a public site.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # Synthetic rows are published like real ones; keep them off production by default.
        if not settings.DEBUG and not options["allow_without_debug"]:
            raise CommandError(
                "DEBUG is off, so this may be a public site: synthetic data was not generated. "
                "Pass --allow-without-debug if this database is really for testing."
            )
        started = time.monotonic()
        try:
            with audit.command_context(__name__):
                report = generate_synthetic_data(claims=options["claims"], seed=options["seed"])
        except (ImproperlyConfigured, PermissionDenied, ValidationError, ValueError) as error:
            raise CommandError(f"No synthetic data was generated: {error}") from error
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(
            self.style.SUCCESS(
                f"Synthetic batch {report.batch} added in {time.monotonic() - started:.1f}s "
                f"(slugs synthetic-b{report.batch}-...)."
            )
        )
