"""Seeding accounts: the labelled automated accounts commands write as, and local demo logins.

Automated accounts say in their name that they are not people, so the history never passes a program
off as a person; demo logins have public passwords and exist only under DEBUG (docs/seeding.md).
Both carry an AccountKind row, which is what sign-in and `check --deploy` go by (docs/security.md).
"""

from __future__ import annotations

from django.contrib.auth.models import Group, User
from django.core.exceptions import ImproperlyConfigured

from claimtracker.accounts.models import AccountKind
from claimtracker.claims.roles import GROUP_NAMES, Role

# The last name every automated account carries, so that the history never passes a program
# off as a person ("Reference case import (automated account, not a person)").
AUTOMATED_LAST_NAME = "(automated account, not a person)"

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
        AccountKind.objects.update_or_create(user=user, defaults={"kind": AccountKind.Kind.DEMO})
        accounts.append((username, demo_password(username), role, created))
    return accounts


def automated_account_ensure(*, username: str, label: str, role: Role = Role.FACT_CHECKER) -> User:
    """The labelled account a command writes as, created on first use and kept in ``role``.

    The services check ``by.has_perm`` for every write, so a command that imports data needs an
    account with a role; it gets its own instead of borrowing a person's, and the history says
    truthfully that a program recorded the change. An existing account keeps its names and
    flags. Returns a fresh instance, so that no stale permission cache hides the group.
    """
    try:
        group = Group.objects.get(name=GROUP_NAMES[role])
    except Group.DoesNotExist:
        raise ImproperlyConfigured(
            f"The {GROUP_NAMES[role]} group does not exist yet: run manage.py migrate first."
        ) from None
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": label,
            "last_name": AUTOMATED_LAST_NAME,
            "is_staff": False,
            # Django grants no permission to an inactive user and the services check
            # permissions, so the account stays active; its unusable password (below) and its
            # AccountKind mean nobody can ever log in with it.
            "is_active": True,
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    # The marker, not the name, is what refuses it a password and a sign-in (accounts/policy.py).
    AccountKind.objects.update_or_create(user=user, defaults={"kind": AccountKind.Kind.AUTOMATED})
    user.groups.add(group)
    return User.objects.get(pk=user.pk)
