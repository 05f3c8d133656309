"""Accounts that are not people: the reference-case import, and local demo logins."""

from __future__ import annotations

from django.contrib.auth.models import Group, User

from claimtracker.claims.roles import GROUP_NAMES, Role

# Local demo logins, one per role. Their passwords are public (printed by `make run`), so the
# command that creates them refuses to run unless DEBUG is on.
DEMO_ACCOUNTS = {
    "demo-journalist": Role.JOURNALIST,
    "demo-factchecker": Role.FACT_CHECKER,
    "demo-editor": Role.EDITOR,
}


def demo_password(username: str) -> str:
    return f"{username}-local-only"


def demo_accounts_ensure() -> list[tuple[str, str, Role, bool]]:
    """Create any missing demo login; return (username, password, role, created) for each."""
    accounts = []
    for username, role in DEMO_ACCOUNTS.items():
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": "Demo",
                "last_name": f"{GROUP_NAMES[role]} (local demo account)",
                "is_staff": True,
            },
        )
        if created:
            user.set_password(demo_password(username))
            user.save(update_fields=["password"])
            user.groups.add(Group.objects.get(name=GROUP_NAMES[role]))
        accounts.append((username, demo_password(username), role, created))
    return accounts
