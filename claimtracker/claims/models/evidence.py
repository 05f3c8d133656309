from __future__ import annotations

from typing import Any, Self

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from claimtracker.claims.dates import PartialDateField, describe_date, partial_date_check
from claimtracker.claims.models.base import (
    Publishable,
    PublishableQuerySet,
    VisibleText,
    audited,
    publication_constraints,
    publication_triggers,
)
from claimtracker.claims.models.corrections import (
    Withdrawable,
    withdrawal_triggers,
)
from claimtracker.claims.models.frozen import CitedStaysLinked, PartOfPublished


class EvidenceKind(models.TextChoices):
    INVESTIGATION = "investigation", _("Investigation")
    COURT_RULING = "court_ruling", _("Court ruling")
    COURT_TESTIMONY = "court_testimony", _("Testimony in court")
    OFFICIAL_STATEMENT = "official_statement", _("Official statement")
    REPORTING = "reporting", _("Reporting")
    DOCUMENT = "document", _("Document")
    OBSERVATION = "observation", _("Observation")


class Stance(models.TextChoices):
    SUPPORTS = "supports", _("Supports")
    CONTRADICTS = "contradicts", _("Contradicts")
    CONTEXT = "context", _("Context")


@audited()
class Evidence(Withdrawable, Publishable):
    """An investigation, ruling, piece of reporting, document or observation, from a source."""

    kind = models.CharField(max_length=30, choices=EvidenceKind.choices)
    title = models.CharField(max_length=300, help_text=_("A short, neutral description."))
    summary = models.TextField(
        help_text=_("What the source establishes, in its own words where possible.")
    )
    occurred_on = PartialDateField(help_text=_("When it happened, as precise as the source says."))
    occurred_on_wording = models.CharField(max_length=200, blank=True)
    occurred_not_after = models.DateField(null=True, blank=True)
    source = models.ForeignKey("claims.Source", on_delete=models.PROTECT, related_name="evidence")

    objects = PublishableQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_on", "title"]
        verbose_name_plural = "evidence"
        constraints = [
            partial_date_check("occurred_on", "evidence"),
            *publication_constraints("evidence"),
        ]
        indexes = [
            # A topic's timeline, latest first (as statement_latest).
            models.Index(
                models.F("occurred_on").desc(nulls_last=True),
                models.F("id").desc(),
                name="evidence_latest",
            ),
        ]
        triggers = [*publication_triggers("evidence"), *withdrawal_triggers()]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("web:evidence", args=[self.pk])

    @property
    def date_display(self) -> str:
        return describe_date(self.occurred_on, self.occurred_on_wording, self.occurred_not_after)


class ClaimEvidenceQuerySet(models.QuerySet[Any]):
    def published(self) -> Self:
        """Links of a published claim to published evidence: only those show in public."""
        return self.filter(claim__published_at__isnull=False, evidence__published_at__isnull=False)


@audited()
class ClaimEvidence(VisibleText):
    """How one piece of evidence bears on one claim."""

    claim = models.ForeignKey(
        "claims.Claim", on_delete=models.CASCADE, related_name="evidence_links"
    )
    evidence = models.ForeignKey(Evidence, on_delete=models.PROTECT, related_name="claim_links")
    stance = models.CharField(max_length=20, choices=Stance.choices)
    note = models.TextField(blank=True, help_text=_("How it bears on the claim, for readers."))

    objects = ClaimEvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["claim", "stance", "evidence"]
        verbose_name = "evidence for a claim"
        verbose_name_plural = "evidence for claims"
        constraints = [
            models.UniqueConstraint(fields=["claim", "evidence"], name="claimevidence_unique")
        ]
        triggers = [
            PartOfPublished(owner_column="claim_id", owner_table="claims_claim", target="claim_id"),
            CitedStaysLinked(),
        ]

    def __str__(self) -> str:
        return f"{self.evidence} {self.get_stance_display().lower()} {self.claim.slug}"
