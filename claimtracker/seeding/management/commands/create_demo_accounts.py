from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from claimtracker.claims.roles import GROUP_NAMES
from claimtracker.seeding.accounts import demo_accounts_ensure


class Command(BaseCommand):
    help = (
        "Create one demo login per role (journalist, fact-checker, editor) for local use. "
        "Their passwords are public, so this refuses to run unless DEBUG is on; they sign in only "
        "while DEBUG is on, and `check --deploy` fails while they exist."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "Demo accounts have public passwords: they are only created when DEBUG=true. "
                "On a real deployment, run `manage.py createsuperuser` instead."
            )
        with transaction.atomic():
            accounts = demo_accounts_ensure()
        self.stdout.write("Demo accounts, FOR LOCAL USE ONLY (public passwords):")
        for username, password, role, created in accounts:
            note = "created" if created else "already there; password unchanged"
            self.stdout.write(
                f"  {GROUP_NAMES[role]:<13} {username:<17} password: {password}  ({note})"
            )
