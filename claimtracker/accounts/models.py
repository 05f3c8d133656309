"""Account rules an editor sets (second factor per role) and the sessions each user holds."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _


class RolePolicy(models.Model):
    """Whether members of one role must sign in with a second factor.

    A role without a row follows ``SECOND_FACTOR_REQUIRED`` (on in production, off under DEBUG
    so that the local demo accounts sign in with a password alone).
    """

    group = models.OneToOneField(
        Group,
        on_delete=models.CASCADE,
        related_name="policy",
        verbose_name=_("role"),
        help_text=_("The role (group) this policy applies to."),
    )
    require_second_factor = models.BooleanField(
        _("require a second factor"),
        default=True,
        help_text=_(
            "Members must sign in with an authenticator app code. A member with no "
            "confirmed authenticator is sent to set one up and can open nothing else."
        ),
    )

    class Meta:
        ordering = ["group__name"]
        verbose_name = _("role policy")
        verbose_name_plural = _("role policies")

    def __str__(self) -> str:
        return str(self.group)

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("admin:accounts_rolepolicy_change", args=[self.pk])


class SignedInSession(models.Model):
    """A session a user signed in with, kept so that deactivating them can end every one.

    Written when a user signs in; the session row itself belongs to the session engine.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="signed_in_sessions"
    )
    session_key = models.CharField(max_length=40, unique=True)
    signed_in_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-signed_in_at"]
        verbose_name = _("signed-in session")

    def __str__(self) -> str:
        return f"{self.user} since {self.signed_in_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("admin:auth_user_change", args=[self.user_id])


class AccountKind(models.Model):
    """An account that is not a person's own, marked by the command that made it.

    Automated accounts are what commands write as: they never sign in and never get a password.
    Demo accounts are local logins with public passwords: they sign in only while DEBUG is on,
    and ``check --deploy`` fails while any exists (claimtracker/accounts/checks.py). People's
    accounts have no row.
    """

    class Kind(models.TextChoices):
        AUTOMATED = "automated", _("automated account (a program, never signs in)")
        DEMO = "demo", _("local demo account (public password, DEBUG only)")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="account_kind",
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)

    class Meta:
        ordering = ["user__username"]
        verbose_name = _("account kind")

    def __str__(self) -> str:
        return f"{self.user}: {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("admin:auth_user_change", args=[self.user_id])
