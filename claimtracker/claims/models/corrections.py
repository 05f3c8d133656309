"""Corrections and withdrawals: how a published statement or evidence item changes in public.

A published record that turns out wrong is never silently edited or deleted (IFCN's
corrections policy): ``services.record_correct`` edits it and ``services.record_withdraw``
withdraws it, each writing a ``Correction`` with the public note, in one transaction. The claim
page, the record's own page and ``/corrections/`` show every correction with its note and date.
"""

from __future__ import annotations

from typing import Any, Self

import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models.functions import Now
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from claimtracker.claims.models.base import VisibleText


class Withdrawable(models.Model):
    """A published record that may be withdrawn: it stays visible, marked, with the note."""

    withdrawn_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text=_("Set by withdrawing the record with a public note, never by hand."),
    )

    class Meta:
        abstract = True

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


def withdrawal_triggers() -> list[pgtrigger.Trigger]:
    """A withdrawal is for good, like publication."""
    return [
        pgtrigger.Protect(
            name="withdrawn_never_restored",
            operation=pgtrigger.Update,
            condition=pgtrigger.Q(old__withdrawn_at__isnull=False, new__withdrawn_at__isnull=True),
        ),
    ]


class CorrectionKind(models.TextChoices):
    CORRECTION = "correction", _("Correction")
    WITHDRAWAL = "withdrawal", _("Withdrawal")


class CorrectionQuerySet(models.QuerySet[Any]):
    def for_display(self) -> Self:
        """What a correction line shows (the record, its speaker's names), in fixed queries."""
        return self.select_related("statement__speaker", "evidence").prefetch_related(
            "statement__speaker__names"
        )


class Correction(VisibleText):
    """A public correction or withdrawal of a published statement or evidence item.

    The target is one of two typed foreign keys (as ``ContradictionLink``'s ends are): the
    database then protects the record and checks there is exactly one. ``changes`` holds, for a
    correction, each field edited with its text before and after, captured by the service from
    the row itself. Append-only: the database refuses UPDATE and DELETE with triggers. A
    correction is public the moment it is recorded (only published records are corrected; a
    draft is simply edited), so it has no draft state: ``recorded_at`` is when it was published.
    """

    statement = models.ForeignKey(
        "claims.Statement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
    )
    evidence = models.ForeignKey(
        "claims.Evidence",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
    )
    kind = models.CharField(max_length=20, choices=CorrectionKind.choices)
    note = models.TextField(
        help_text=_("For the public: what was wrong, what is right now, and how we know.")
    )
    changes = models.JSONField(
        default=list,
        blank=True,
        help_text=_("Each field edited: its label, and its text before and after."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="corrections"
    )
    recorded_at = models.DateTimeField(db_default=Now())

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        get_latest_by = ["recorded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(statement__isnull=False, evidence__isnull=True)
                | models.Q(statement__isnull=True, evidence__isnull=False),
                name="correction_one_target",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=CorrectionKind.values), name="correction_kind_known"
            ),
            models.CheckConstraint(
                condition=~models.Q(note__regex=r"^\s*$"),
                name="correction_note_not_blank",
                violation_error_message=_("Write the public note: readers see it."),
            ),
        ]
        indexes = [
            # The public corrections page: newest first.
            models.Index(fields=["-recorded_at", "-id"], name="correction_newest"),
        ]
        triggers = [
            pgtrigger.Protect(name="append_only", operation=pgtrigger.Update | pgtrigger.Delete),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.target}"

    def get_absolute_url(self) -> str:
        return f"{reverse('web:corrections')}#correction-{self.pk}"

    @property
    def target(self) -> models.Model:
        record: models.Model | None = self.statement if self.statement_id else self.evidence
        if record is None:
            raise ValueError(f"correction {self.pk} has no target")
        return record

    @property
    def is_withdrawal(self) -> bool:
        return self.kind == CorrectionKind.WITHDRAWAL
