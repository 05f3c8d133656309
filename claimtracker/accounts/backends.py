"""Who may sign in at all: Django's password check, minus the accounts that are not people."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from claimtracker.accounts.policy import may_sign_in


class PeopleModelBackend(ModelBackend):
    """ModelBackend that refuses automated accounts always and demo accounts outside DEBUG.

    The same test guards a password sign-in (admin, HTTP Basic) and every request of an
    existing session (``get_user``), so a demo session made under DEBUG dies once DEBUG is off.
    """

    def user_can_authenticate(self, user: Any) -> bool:
        return bool(super().user_can_authenticate(user)) and may_sign_in(user)

    def get_user(self, user_id: Any) -> Any:
        # The account's kind comes with the user in one query: sessions read this every request.
        user_model = get_user_model()
        try:
            user = user_model._default_manager.select_related("account_kind").get(pk=user_id)
        except user_model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
