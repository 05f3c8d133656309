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
from claimtracker.claims.models.frozen import HistoryEntry, SealedAtCommit

# The records a correction may be of: each is a typed foreign key of ``Correction``, named as
# the model is, so the database protects the record and the frozen triggers find it.
TARGETS = ("statement", "evidence", "claim", "source", "actor", "topic")


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
        return self.select_related(
            "statement__speaker", "evidence", "claim", "source", "actor", "topic"
        ).prefetch_related("statement__speaker__names", "actor__names")


class Correction(HistoryEntry, VisibleText):
    """A public correction or withdrawal of a published record.

    The target is one of six typed foreign keys (``TARGETS``, as ``ContradictionLink``'s ends
    are): the database then protects the record and checks there is exactly one. ``changes``
    holds, for a correction, each part edited with its text before and after, captured by the
    service from the rows themselves. Append-only: once its transaction commits, the database
    refuses UPDATE and DELETE (``frozen.SealedAtCommit``). A correction is public the moment it
    is recorded (only published records are corrected; a draft is simply edited), so it has no
    draft state: ``recorded_at`` is when it was published. Withdrawal applies to statements and
    evidence only: they are what claims rest on.
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
    claim = models.ForeignKey(
        "claims.Claim", on_delete=models.PROTECT, null=True, blank=True, related_name="corrections"
    )
    source = models.ForeignKey(
        "claims.Source", on_delete=models.PROTECT, null=True, blank=True, related_name="corrections"
    )
    actor = models.ForeignKey(
        "claims.Actor", on_delete=models.PROTECT, null=True, blank=True, related_name="corrections"
    )
    topic = models.ForeignKey(
        "claims.Topic", on_delete=models.PROTECT, null=True, blank=True, related_name="corrections"
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
                condition=models.Q(
                    *(
                        models.Q(**{f"{name}__isnull": name != target for name in TARGETS})
                        for target in TARGETS
                    ),
                    _connector=models.Q.OR,
                ),
                name="correction_one_target",
            ),
            models.CheckConstraint(
                condition=models.Q(kind=CorrectionKind.CORRECTION)
                | models.Q(statement__isnull=False)
                | models.Q(evidence__isnull=False),
                name="correction_withdraws_statement_or_evidence",
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
        triggers = [SealedAtCommit(sealed_late=("changes", "previous_hash", "hash"))]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.target}"

    def get_absolute_url(self) -> str:
        return f"{reverse('web:corrections')}#correction-{self.pk}"

    @property
    def target(self) -> models.Model:
        for name in TARGETS:
            if getattr(self, f"{name}_id") is not None:
                record: models.Model = getattr(self, name)
                return record
        raise ValueError(f"correction {self.pk} has no target")

    @property
    def target_label(self) -> str:
        """What kind of record was corrected, in words ("statement", "source")."""
        return str(self.target._meta.verbose_name)

    @property
    def is_withdrawal(self) -> bool:
        return self.kind == CorrectionKind.WITHDRAWAL
