"""Capture every source with a web address again; a later page then says "changed since
cited" or "gone since cited". Run it from cron, a systemd timer or compose's loop service
(docs/archiving.md)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from claimtracker.archive.services import capture_request
from claimtracker.claims.models import Source


class Command(BaseCommand):
    help = "Queue a new capture of every source with a web address (published ones by default)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--drafts", action="store_true", help="Re-check draft sources too.")
        parser.add_argument(
            "--source", type=int, action="append", help="Only this source (repeatable)."
        )

    def handle(self, *args: Any, drafts: bool, source: list[int] | None, **options: Any) -> None:
        sources = Source.objects.filter(url__isnull=False)
        if not drafts:
            sources = sources.published()
        if source:
            sources = sources.filter(pk__in=source)
        count = 0
        # One transaction: the captures are queued (or, with the immediate backend, run)
        # when it commits.
        with transaction.atomic():
            for record in sources.only("pk", "url").iterator():
                capture_request(source=record)
                count += 1
        self.stdout.write(f"Queued a capture of {count} sources.")
