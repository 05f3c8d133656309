import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from claimtracker.api.export.release import write_release


class Command(BaseCommand):
    help = (
        "Write a dataset release: every export collection as NDJSON and CSV, all from one "
        "snapshot, with manifest.json (snapshot time, licence, rows and SHA-256 per file) and "
        "SHA256SUMS. The files are the bytes /api/v1/export/ serves for the same snapshot."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            type=Path,
            help="Directory to write into, created if needed "
            "(default: exports/<today's UTC date> in the project directory).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        output: Path = options["output"] or (
            Path(settings.BASE_DIR)
            / "exports"
            / datetime.datetime.now(datetime.UTC).date().isoformat()
        )
        manifest = write_release(output)
        for file in manifest["files"]:
            self.stdout.write(f"{file['name']}: {file['rows']} rows, {file['bytes']} bytes")
        self.stdout.write(
            self.style.SUCCESS(
                f"Release of the snapshot at {manifest['snapshot_time']} written to {output}/ "
                f"(licence: {manifest['licence']['name']})."
            )
        )
