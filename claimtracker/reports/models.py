"""A reader's report that a published record is wrong."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.db.models.functions import Now
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from claimtracker.claims.models import Actor, Claim, Evidence, Source, Statement, Topic
from claimtracker.claims.models.base import Publishable

PROBLEM_MAX_LENGTH = 2000


class RecordKind(models.TextChoices):
    CLAIM = "claim", _("claim")
    STATEMENT = "statement", _("statement")
    EVIDENCE = "evidence", _("evidence")
    SOURCE = "source", _("source")
    ACTOR = "actor", _("actor")
    TOPIC = "topic", _("topic")


# What each kind of report points at: a kind and an id rather than a generic foreign key, so
# the public address (/report/claim/12/) names the kind in words and no content type is read.
RECORD_MODELS: dict[str, type[Publishable]] = {
    RecordKind.CLAIM: Claim,
    RecordKind.STATEMENT: Statement,
    RecordKind.EVIDENCE: Evidence,
    RecordKind.SOURCE: Source,
    RecordKind.ACTOR: Actor,
    RecordKind.TOPIC: Topic,
}


class ReportStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_REVIEW = "in_review", _("In review")
    RESOLVED = "resolved", _("Resolved")
    DISMISSED = "dismissed", _("Dismissed")


class ErrorReportQuerySet(models.QuerySet["ErrorReport"]):
    def open(self) -> ErrorReportQuerySet:
        """Reports nobody has closed yet: the queue's default."""
        return self.filter(status__in=[ReportStatus.NEW, ReportStatus.IN_REVIEW])


class ErrorReport(models.Model):
    """What a reader says is wrong with one published record.

    The reader's address is not stored: the rate limit keeps a keyed hash of it in the cache
    for an hour (reports/services.py), and nothing else needs it.
    """

    record_kind = models.CharField(_("kind of record"), max_length=20, choices=RecordKind)
    record_id = models.PositiveBigIntegerField(_("record id"))
    problem = models.TextField(
        _("what is wrong"),
        max_length=PROBLEM_MAX_LENGTH,
        help_text=_("The reader's words, as sent."),
    )
    source_url = models.URLField(
        _("source offered"),
        max_length=2000,
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("An address the reader gave; check it before citing."),
    )
    contact_email = models.EmailField(
        _("reader's email"),
        blank=True,
        help_text=_("Given only if the reader wants an answer; never shown publicly."),
    )
    created_at = models.DateTimeField(_("received"), db_default=Now(), editable=False)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ReportStatus,
        default=ReportStatus.NEW,
        db_default=ReportStatus.NEW,
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Who last changed the report's status."),
    )
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)

    objects = ErrorReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("error report")
        verbose_name_plural = _("error reports")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The admin queue: reports of one status, newest first.
            models.Index(fields=["status", "-created_at"], name="report_queue_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(record_kind__in=RecordKind.values),
                name="report_record_kind_known",
            ),
            models.CheckConstraint(
                condition=~models.Q(problem=""), name="report_problem_not_empty"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_record_kind_display()} {self.record_id}: {self.problem[:60]}"

    def get_absolute_url(self) -> str:
        # Reports are never public: their only page is the admin's.
        return reverse("admin:reports_errorreport_change", args=[self.pk])

    def record(self) -> Publishable | None:
        """The record reported, or None if it has been deleted since (drafts only can be)."""
        model = RECORD_MODELS[self.record_kind]
        return model._default_manager.filter(pk=self.record_id).first()

    def record_public_url(self) -> str | None:
        """The reported record's public page, or None if it is gone or no longer public."""
        record = self.record()
        if record is None or not record.is_published:
            return None
        url: str = record.get_absolute_url()  # type: ignore[attr-defined]
        return url

    def record_admin_url(self) -> str:
        return reverse(f"admin:claims_{self.record_kind}_change", args=[self.record_id])
