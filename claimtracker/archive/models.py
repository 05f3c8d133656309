"""Captures of sources and the quote checks run on them: append-only, never edited.

A published source is frozen (issue 11), so what the archive learns about it goes into these
tables, never into the source's columns. A re-check adds a capture; the source's archive state
("changed since cited", "gone since cited") is read from its captures
(``claimtracker/archive/selectors.py``).
"""

from __future__ import annotations

import pgtrigger
from django.db import models
from django.utils.translation import gettext_lazy as _

from claimtracker.claims.models import Source, Statement


class Outcome(models.TextChoices):
    """How a capture ended; every bad target ends in one of these, never in an exception."""

    CAPTURED = "captured", _("Captured")
    GONE = "gone", _("Gone (404 or 410)")
    HTTP_ERROR = "http_error", _("The server answered with an error")
    BLOCKED = "blocked", _("Refused: not a public web address")
    TOO_LARGE = "too_large", _("Refused: larger than the size limit")
    TIMED_OUT = "timed_out", _("Gave up: the server was too slow")
    WRONG_TYPE = "wrong_type", _("Refused: not a web page")
    TOO_MANY_REDIRECTS = "redirects", _("Gave up: too many redirects")
    UNREACHABLE = "unreachable", _("Could not connect")


class CaptureQuerySet(models.QuerySet["Capture"]):
    def captured(self) -> CaptureQuerySet:
        return self.filter(outcome=Outcome.CAPTURED)


class Capture(models.Model):
    """One fetch of a source's address, with the SHA-256 of every artefact it stored."""

    key = models.CharField(
        max_length=100,
        unique=True,
        help_text=_("Names the request that asked for this capture, so a retry never repeats it."),
    )
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="captures")
    requested_at = models.DateTimeField(help_text=_("When the capture was asked for."))
    captured_at = models.DateTimeField(help_text=_("When the fetch finished."))
    address = models.URLField(max_length=2000, help_text=_("The address fetched."))
    final_address = models.URLField(
        max_length=2000, blank=True, help_text=_("Where redirects ended, if they did.")
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    content_type = models.CharField(max_length=200, blank=True)
    detail = models.TextField(blank=True, help_text=_("Why a capture failed, in plain words."))
    attempts = models.PositiveSmallIntegerField(default=1)
    # SHA-256 (hex) of each stored artefact; empty when it was not made.
    content_sha256 = models.CharField(
        max_length=64, blank=True, help_text=_("SHA-256 of the page's bytes as served.")
    )
    text_sha256 = models.CharField(max_length=64, blank=True)
    warc_sha256 = models.CharField(max_length=64, blank=True)
    screenshot_sha256 = models.CharField(max_length=64, blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    manifest_sha256 = models.CharField(max_length=64, blank=True)
    manifest = models.JSONField(
        default=dict, help_text=_("Address, final address, status, time, tool versions, hashes.")
    )

    objects = CaptureQuerySet.as_manager()

    class Meta:
        ordering = ["source", "-captured_at", "-pk"]
        triggers = [
            # Evidence is never rewritten: a new fetch is a new row.
            pgtrigger.Protect(name="append_only", operation=pgtrigger.Update),
        ]
        indexes = [
            # A source's captures, newest first: the source page and the re-check.
            models.Index(fields=["source", "-captured_at"], name="capture_source_latest"),
        ]

    def __str__(self) -> str:
        return f"{self.address} at {self.captured_at:%Y-%m-%d %H:%M} ({self.outcome})"

    def get_absolute_url(self) -> str:
        return f"{self.source.get_absolute_url()}#archive"

    @property
    def artefacts(self) -> dict[str, str]:
        """Each artefact a reader may download, by kind, with its hash."""
        kinds = {
            "screenshot": self.screenshot_sha256,
            "pdf": self.pdf_sha256,
            "text": self.text_sha256,
            "warc": self.warc_sha256,
        }
        return {kind: sha for kind, sha in kinds.items() if sha}


class QuoteCheck(models.Model):
    """Whether a statement's quote appears, verbatim, in a capture of its source."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="quote_checks")
    capture = models.ForeignKey(Capture, on_delete=models.CASCADE, related_name="quote_checks")
    # An edited quote is checked again against the same capture: the check is of this text.
    quote_sha256 = models.CharField(
        max_length=64,
        blank=True,
        help_text=_("SHA-256 of the quote as it was looked for (empty for the first checks)."),
    )
    found = models.BooleanField()
    position = models.PositiveIntegerField(
        null=True, blank=True, help_text=_("Where the quote starts in the captured text.")
    )
    excerpt = models.TextField(blank=True, help_text=_("The captured text around the quote."))
    checked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["statement", "-checked_at", "-pk"]
        triggers = [pgtrigger.Protect(name="append_only", operation=pgtrigger.Update)]
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "capture", "quote_sha256"],
                name="one_quote_check_per_capture_and_quote",
            ),
        ]

    def __str__(self) -> str:
        return f"{'found' if self.found else 'not found'} in capture {self.capture_id}"

    def get_absolute_url(self) -> str:
        return self.capture.get_absolute_url()


class Submission(models.Model):
    """A capture's address sent to a public web archive (``ARCHIVE_PUBLIC_SUBMIT_URL``, off by
    default), and what the archive answered: a second copy, kept by someone else."""

    capture = models.OneToOneField(Capture, on_delete=models.CASCADE, related_name="submission")
    submitted_at = models.DateTimeField()
    endpoint = models.URLField(max_length=2000, help_text=_("The public archive's save address."))
    accepted = models.BooleanField(help_text=_("Whether the archive answered with success."))
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    archived_address = models.URLField(
        max_length=2000, blank=True, help_text=_("Where the archive says its copy is.")
    )
    detail = models.TextField(blank=True, help_text=_("Why a submission failed, in plain words."))

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        triggers = [pgtrigger.Protect(name="append_only", operation=pgtrigger.Update)]

    def __str__(self) -> str:
        return f"capture {self.capture_id} sent to {self.endpoint}"

    def get_absolute_url(self) -> str:
        return self.capture.get_absolute_url()
