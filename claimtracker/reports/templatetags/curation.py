"""The admin index's "Curation shortcuts": the working views curators start from, with counts.

A template tag rather than AdminSite.index context so the shortcuts stay beside the queue they
point to; one count query per shortcut, on the index page only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from claimtracker.claims.admin.claims import CurationFilter, ready_to_publish
from claimtracker.claims.models import Claim, Evidence, Statement
from claimtracker.reports.models import ErrorReport, ReportStatus
from claimtracker.reports.services import may_read_reports

register = template.Library()


@dataclass(frozen=True)
class Shortcut:
    label: str
    url: str
    count: int


def _changelist(model_name: str, **query: str) -> str:
    url = reverse(f"admin:{model_name}_changelist")
    return f"{url}?{urlencode(query)}"


@register.inclusion_tag("admin/curation_shortcuts.html", takes_context=True)
def curation_shortcuts(context: dict[str, Any]) -> dict[str, Any]:
    user = context["request"].user
    shortcuts: list[Shortcut] = []
    if user.has_perm("claims.view_claim"):
        shortcuts += [
            Shortcut(
                _("Draft claims"),
                _changelist("claims_claim", curation=CurationFilter.DRAFTS),
                Claim.objects.drafts().count(),
            ),
            Shortcut(
                _("Claims ready to publish"),
                _changelist("claims_claim", curation=CurationFilter.READY),
                ready_to_publish(Claim.objects.all()).count(),
            ),
        ]
    if user.has_perm("claims.view_statement"):
        shortcuts.append(
            Shortcut(
                _("Draft statements"),
                _changelist("claims_statement", published="no"),
                Statement.objects.drafts().count(),
            )
        )
    if user.has_perm("claims.view_evidence"):
        shortcuts.append(
            Shortcut(
                _("Draft evidence"),
                _changelist("claims_evidence", published="no"),
                Evidence.objects.drafts().count(),
            )
        )
    if may_read_reports(user):
        shortcuts.append(
            Shortcut(
                _("New error reports"),
                _changelist("reports_errorreport", status__exact=ReportStatus.NEW),
                ErrorReport.objects.filter(status=ReportStatus.NEW).count(),
            )
        )
    return {"shortcuts": shortcuts}
