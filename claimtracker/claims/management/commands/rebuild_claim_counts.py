"""``manage.py rebuild_claim_counts``: recompute the claim counters from the claims."""

from typing import Any

from django.core.management.base import BaseCommand

from claimtracker.claims.services.counters import claim_counts_rebuild


class Command(BaseCommand):
    help = (
        "Recompute the counts of published claims per status (in all and per topic) that the "
        "home and topic pages show, and say how many were wrong."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        wrong = claim_counts_rebuild()
        self.stdout.write(f"Claim counts rebuilt; {wrong} were wrong or missing.")
