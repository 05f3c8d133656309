"""Claims, their statuses, and the append-only history of every status change."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self

import pgtrigger
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models.functions import Coalesce, Greatest, Now
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from claimtracker.claims.dates import PartialDate, PartialDateField, partial_date_check
from claimtracker.claims.models.actors import Actor
from claimtracker.claims.models.base import (
    Publishable,
    PublishableQuerySet,
    VisibleText,
    audited,
    publication_constraints,
    publication_triggers,
)
from claimtracker.claims.models.frozen import HistoryEntry, StatusFromHistory
from claimtracker.claims.models.statements import Statement, StatementQuerySet
from claimtracker.claims.search import SearchKeyed, SearchKeyField, claim_document

if TYPE_CHECKING:
    from claimtracker.claims.models.evidence import Evidence


class ClaimStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    PARTLY_CONFIRMED = "partly_confirmed", _("Partly confirmed")
    UNCONFIRMED = "unconfirmed", _("Unconfirmed")
    DISPUTED = "disputed", _("Disputed")
    REFUTED = "refuted", _("Refuted")


# Each status is defined here and only here: the admin's help text and the public methodology
# page read these words.
STATUS_DEFINITIONS = {
    ClaimStatus.CONFIRMED: _(
        "Investigations, courts or documents establish that the claim is true as stated."
    ),
    ClaimStatus.PARTLY_CONFIRMED: _(
        "Evidence establishes part of the claim; another part is unconfirmed or wrong."
    ),
    ClaimStatus.UNCONFIRMED: _(
        "The claim has been asserted, and no investigation, court or evidence has confirmed it."
    ),
    ClaimStatus.DISPUTED: _(
        "Credible sources (observers, journalists, evidence) contest the claim, "
        "and it has not been refuted."
    ),
    ClaimStatus.REFUTED: _("Evidence establishes that the claim is false."),
}
# How the public list and the API ask for claims with no status (stored as "").
NO_STATUS = "none"
NO_STATUS_LABEL = _("No status yet")
NO_STATUS_DEFINITION = _("Nobody has assessed this claim yet. This is not the same as unconfirmed.")
# What a reader or a client can ask the list for: each status, and "no status yet".
STATUS_CHOICES_WITH_NONE = [*ClaimStatus.choices, (NO_STATUS, NO_STATUS_LABEL)]
STATUS_HELP = " ".join(f"{status.label}: {STATUS_DEFINITIONS[status]}" for status in ClaimStatus)


def status_label(status: str) -> str:
    """A stored status in words ("" is a claim nobody has assessed yet)."""
    return str(ClaimStatus(status).label if status else NO_STATUS_LABEL)


def last_change() -> Greatest:
    """When the public last saw the claim change: its last status change or its publication.

    ``GREATEST`` skips NULLs, so the ``Coalesce`` changes nothing; it stays because the index
    ``claim_public_last_change`` was built on this exact expression. Defined here, once, because
    the home list orders by it (``selectors.claim_cards``) and that index covers it: the
    database uses the index only while the two expressions are identical.
    """
    return Greatest(Coalesce("status_changed_at", "published_at"), "published_at")


class ClaimQuerySet(PublishableQuerySet):
    def with_status(self, status: str) -> Self:
        """Claims with ``status``; ``NO_STATUS``, as the public list and the API spell it,
        for the claims nobody has assessed yet."""
        return self.without_status() if status == NO_STATUS else self.filter(status=status)

    def without_status(self) -> Self:
        """Claims nobody has assessed yet, which is not the same as unconfirmed."""
        return self.filter(status="")

    def assessed(self) -> Self:
        return self.exclude(status="")

    def asserted_by(
        self,
        actor: Actor | None,
        *,
        start: PartialDate | None = None,
        end: PartialDate | None = None,
        statements: StatementQuerySet | None = None,
    ) -> Self:
        """Claims asserted by one statement of ``actor`` (any speaker when None) made within
        ``start``..``end``: actor and dates hold for the same statement, as in "claims Tokayev
        asserted in 2022".

        Only published statements count, unless ``statements`` says which the reader may see: a
        draft statement must not tie a published claim to its speaker in public. A subquery,
        not a join, so a claim asserted in several such statements comes once.
        """
        among = Statement.objects.published() if statements is None else statements
        asserting = among.stated_within(start, end)
        if actor is not None:
            asserting = asserting.filter(speaker=actor)
        links = self.model.statements.through.objects.filter(statement__in=asserting)
        return self.filter(pk__in=links.values("claim"))


@audited(exclude=("translations_document", "search_document"))
class Claim(SearchKeyed, Publishable):
    """A checkable proposition that one or more statements assert.

    ``status`` and ``status_changed_at`` mirror the latest ``StatusChange``; only
    ``services.claim_change_status`` writes them, in the same transaction as the history row.
    """

    slug = models.SlugField(
        max_length=120, unique=True, help_text=_("Used in the public address; never change it.")
    )
    text = models.TextField(
        help_text=_(
            "The proposition, short and neutral, without the verdict: "
            "“Outside terrorists were the main protagonists of the January 2022 events.”"
        )
    )
    statements = models.ManyToManyField(
        "claims.Statement",
        related_name="claims",
        blank=True,
        help_text=_("The statements that assert this claim."),
    )
    topics = models.ManyToManyField("claims.Topic", related_name="claims", blank=True)
    evidence = models.ManyToManyField(
        "claims.Evidence", through="claims.ClaimEvidence", related_name="claims", blank=True
    )
    status = models.CharField(
        max_length=20,
        choices=ClaimStatus.choices,
        blank=True,
        default="",
        editable=False,
        help_text=STATUS_HELP,
    )
    status_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    search_key = SearchKeyField(sources=["text"])
    # Search (docs/search.md): the words of the claim's translations, kept by a trigger on
    # ClaimTranslation (migration 0013), and the stored, indexed document searched, which
    # PostgreSQL recomputes on every write of the row, whatever path writes it.
    translations_document = SearchVectorField(null=True, editable=False)
    search_document = models.GeneratedField(
        expression=claim_document(), output_field=SearchVectorField(), db_persist=True
    )

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["-status_changed_at", "slug"]
        permissions = [
            ("publish_records", "Can publish statements, claims and evidence"),
            ("edit_published", "Can edit published statements, claims and evidence"),
        ]
        constraints = [
            *publication_constraints("claim"),
            models.CheckConstraint(
                condition=models.Q(status__in=["", *ClaimStatus.values]),
                name="claim_status_known",
            ),
            models.CheckConstraint(
                condition=models.Q(status="", status_changed_at__isnull=True)
                | (~models.Q(status="") & models.Q(status_changed_at__isnull=False)),
                name="claim_status_has_change_time",
            ),
            models.CheckConstraint(
                condition=~models.Q(text__regex=r"^\s*$"), name="claim_text_not_blank"
            ),
        ]
        indexes = [
            # Home page and the public claim list: newest status change first, by status.
            models.Index(fields=["status", "-status_changed_at"], name="claim_status_changed"),
            # The public list's order, published claims only (bench/pages.py checks the plan).
            models.Index(
                last_change().desc(),
                models.F("id").desc(),
                condition=models.Q(published_at__isnull=False),
                name="claim_public_last_change",
            ),
            # Search (0013_search_documents, claims.selectors_search).
            GinIndex(fields=["search_document"], name="claim_search_document"),
            # What a tally counts of each claim, found by key without reading the claim's table
            # page: an actor's tally looks up every claim the actor asserted, 21 000 for the
            # busiest at a million claims (claims.selectors.actor_tally).
            models.Index(
                fields=["id"], include=["status", "published_at"], name="claim_status_by_id"
            ),
        ]
        triggers = [*publication_triggers("claim"), StatusFromHistory()]

    def __str__(self) -> str:
        return self.text if len(self.text) <= 80 else f"{self.text[:77]}…"

    def get_absolute_url(self) -> str:
        return reverse("web:claim", args=[self.slug])

    @property
    def status_label(self) -> str:
        return status_label(self.status)


class StatusChangeQuerySet(models.QuerySet[Any]):
    def published(self) -> Self:
        """Changes of published claims: a draft claim's history is a draft too."""
        return self.filter(claim__published_at__isnull=False)


class StatusChange(HistoryEntry, VisibleText):
    """One change of a claim's status: append-only, never edited, never deleted.

    The database refuses UPDATE and DELETE with triggers (``pgtrigger.Protect``). ``flush``
    still works because TRUNCATE does not fire row triggers.
    """

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="status_changes")
    old_status = models.CharField(
        max_length=20, choices=ClaimStatus.choices, blank=True, help_text=_("Empty: no status.")
    )
    new_status = models.CharField(max_length=20, choices=ClaimStatus.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="status_changes"
    )
    recorded_at = models.DateTimeField(db_default=Now())
    as_of = PartialDateField(
        null=False,
        blank=False,
        help_text=_("The date the assessment holds as of, e.g. the date of the assessing source."),
    )
    reason = models.TextField(
        help_text=_("Why the status is what it is, written for the public; cite the evidence.")
    )
    evidence = models.ManyToManyField(
        "claims.Evidence", through="StatusChangeEvidence", related_name="status_changes"
    )

    objects = StatusChangeQuerySet.as_manager()

    class Meta:
        ordering = ["claim", "recorded_at", "pk"]
        get_latest_by = ["recorded_at", "pk"]
        constraints = [
            partial_date_check("as_of", "statuschange"),
            models.CheckConstraint(
                condition=models.Q(new_status__in=ClaimStatus.values)
                & models.Q(old_status__in=["", *ClaimStatus.values]),
                name="statuschange_status_known",
            ),
            models.CheckConstraint(
                condition=~models.Q(old_status=models.F("new_status")),
                name="statuschange_changes_status",
                violation_error_message=_("The claim already has this status."),
            ),
            models.CheckConstraint(
                condition=~models.Q(reason__regex=r"^\s*$"),
                name="statuschange_reason_not_blank",
                violation_error_message=_("Give the reason for the status, for the public."),
            ),
        ]
        indexes = [
            # The status timeline of one claim, and "changed since" filters across claims.
            models.Index(fields=["claim", "recorded_at"], name="statuschange_claim_time"),
            models.Index(fields=["recorded_at"], name="statuschange_time"),
            # A topic's timeline, latest first (as statement_latest).
            models.Index(
                models.F("as_of").desc(),
                models.F("recorded_at").desc(),
                models.F("id").desc(),
                name="statuschange_latest",
            ),
        ]
        triggers = [
            pgtrigger.Protect(name="append_only", operation=pgtrigger.Update | pgtrigger.Delete),
        ]

    def __str__(self) -> str:
        old = ClaimStatus(self.old_status).label if self.old_status else _("no status")
        return f"{self.claim.slug}: {old} → {ClaimStatus(self.new_status).label}"

    def get_absolute_url(self) -> str:
        return f"{self.claim.get_absolute_url()}#status-change-{self.pk}"

    def quoted_evidence(self) -> Evidence | None:
        """The cited evidence whose summary holds the reason word for word, if any.

        Such a reason is the source's words, not ours (the reference case's reasons quote the
        article, garbled sentence included), so pages show it as a quote of that source. Reads
        the prefetched ``evidence``; spacing and case are not words.
        """
        wanted = " ".join(self.reason.split()).casefold()
        for item in self.evidence.all():
            if wanted in " ".join(item.summary.split()).casefold():
                return item
        return None


class StatusChangeEvidence(models.Model):
    """The evidence a status change cites; as append-only as the change itself."""

    status_change = models.ForeignKey(StatusChange, on_delete=models.PROTECT)
    evidence = models.ForeignKey("claims.Evidence", on_delete=models.PROTECT)

    class Meta:
        ordering = ["status_change", "evidence"]
        constraints = [
            models.UniqueConstraint(
                fields=["status_change", "evidence"], name="statuschangeevidence_unique"
            )
        ]
        triggers = [
            pgtrigger.Protect(name="append_only", operation=pgtrigger.Update | pgtrigger.Delete),
        ]

    def __str__(self) -> str:
        return f"{self.status_change} cites {self.evidence}"
