"""Serve the archive's fixture pages on 127.0.0.1, to try archiving by hand (docs/archiving.md)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from claimtracker.archive.fixture_site import ROUTES, FixtureSite


class Command(BaseCommand):
    help = "Serve fixture pages (changed, deleted, redirected, huge, slow, not HTML) locally."
    # It serves files, nothing more: no database, so no system checks (they would need one).
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=8765)

    def handle(self, *args: Any, port: int, **options: Any) -> None:
        site = FixtureSite(port=port)
        self.stdout.write(f"Fixture pages on {site.root}: {', '.join(sorted(ROUTES))}")
        self.stdout.write(f"{site.root}/edit changes /changing; {site.root}/delete removes it.")
        try:
            site.server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            site.server.server_close()
