"""Writes of error reports: the public form and the admin queue both go through these."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from claimtracker.reports.models import ErrorReport, RecordKind, ReportStatus

# Who may work the queue: fact-checkers and editors (journalists only read it).
HANDLE_PERMISSION = "claims.add_statuschange"
READ_PERMISSION = "claims.view_claim"


def may_read_reports(user: User) -> bool:
    return bool(user.is_active and user.is_staff and user.has_perm(READ_PERMISSION))


def may_handle_reports(user: User) -> bool:
    return bool(user.is_active and user.is_staff and user.has_perm(HANDLE_PERMISSION))


def report_create(
    *,
    record_kind: RecordKind,
    record_id: int,
    problem: str,
    source_url: str = "",
    contact_email: str = "",
) -> ErrorReport:
    """Store a reader's report on a published record (the caller checked it is published)."""
    report = ErrorReport(
        record_kind=record_kind,
        record_id=record_id,
        problem=problem.strip(),
        source_url=source_url,
        contact_email=contact_email,
    )
    report.full_clean(exclude=["created_at", "status"])
    report.save()
    return report


@transaction.atomic
def reports_set_status(*, by: User, reports: Iterable[ErrorReport], status: ReportStatus) -> int:
    """Move reports to ``status``, recording who did it and when; returns how many changed."""
    if not may_handle_reports(by):
        raise PermissionDenied
    pks = [report.pk for report in reports]
    return ErrorReport.objects.filter(pk__in=pks).update(
        status=status, handled_by=by, handled_at=timezone.now()
    )
