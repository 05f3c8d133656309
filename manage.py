#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
# Commands that only read the server's features, never its data: Django's system checks ask
# PostgreSQL its version (GeneratedField's check, for the stored search documents), so without a
# running server they fail before comparing anything. They get a throwaway one instead.
NEEDS_ONLY_A_SERVER = {"makemigrations", "check"}


def throwaway_server_needed(argv: list[str]) -> bool:
    """No DATABASE_URL and the local server of `make run` not running."""
    return (
        len(argv) > 1
        and argv[1] in NEEDS_ONLY_A_SERVER
        and not os.environ.get("DATABASE_URL")
        and not (ROOT / ".postgres" / ".s.PGSQL.5432").exists()
    )


def main() -> None:
    if throwaway_server_needed(sys.argv):
        print(
            f"manage.py {sys.argv[1]}: no database running; using a throwaway PostgreSQL "
            "(scripts/with-postgres).",
            file=sys.stderr,
        )
        script = str(ROOT / "scripts" / "with-postgres")
        os.execv(script, [script, sys.executable, *sys.argv])  # noqa: S606 - our own script
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimtracker.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
