"""`manage.py check --deploy`: a deployment must not hold the local demo accounts."""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Error, Tags, register
from django.db import DatabaseError

DEMO_ACCOUNTS_EXIST = "accounts.E001"


@register(Tags.security, deploy=True)
def no_demo_accounts(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """An Error while any demo account exists: their passwords are public (printed by
    `make run`). They cannot sign in with DEBUG off, but nobody should rely on that alone.
    Runs a query; a database that is unreachable or not migrated yet is not this check's to judge.
    """
    from claimtracker.accounts.models import AccountKind

    try:
        names = list(
            AccountKind.objects.filter(kind=AccountKind.Kind.DEMO).values_list(
                "user__username", flat=True
            )
        )
    except DatabaseError:
        return []
    if not names:
        return []
    return [
        Error(
            f"Demo accounts with public passwords exist: {', '.join(sorted(names))}.",
            hint="Delete them (admin → Users, or `User.objects.filter(account_kind__kind="
            "'demo').delete()` in `manage.py shell`); they are for local use only.",
            id=DEMO_ACCOUNTS_EXIST,
        )
    ]
