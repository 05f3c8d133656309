"""The editors' queue of readers' reports: newest first, filtered by status, closed by action.

Fact-checkers and editors work the queue; journalists may read it; nobody adds or deletes a
report here. Who may do what follows the role groups' claims permissions (services.py), so
the roles table in claims/roles.py needs no new rows.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from claimtracker.claims.admin.base import curator
from claimtracker.reports import services
from claimtracker.reports.models import ErrorReport, ReportStatus


@admin.register(ErrorReport)
class ErrorReportAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["created_at", "status", "record_kind", "record_links", "short_problem"]
    list_filter = ["status", "record_kind"]
    list_select_related = ["handled_by"]
    search_fields = ["problem", "contact_email", "source_url"]
    date_hierarchy = "created_at"
    ordering = ["-created_at", "-pk"]
    actions = ["mark_in_review", "mark_resolved", "mark_dismissed"]
    SHOWN = (
        "created_at",
        "record_kind",
        "record_links",
        "problem",
        "source_link",
        "contact_email",
        "status",
        "handled_by",
        "handled_at",
    )
    fields = SHOWN
    readonly_fields = tuple(field for field in SHOWN if field != "status")
    view_on_site = False

    # Who sees what (services.py): everyone in a role reads, fact-checkers and editors handle.

    def has_module_permission(self, request: HttpRequest) -> bool:
        return services.may_read_reports(request.user)  # type: ignore[arg-type]

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return services.may_read_reports(request.user)  # type: ignore[arg-type]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return services.may_handle_reports(request.user)  # type: ignore[arg-type]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # reports come from readers, through the public form

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # closed reports stay, dismissed or resolved, as the record of an answer

    @admin.display(description=_("record"))
    def record_links(self, report: ErrorReport) -> str:
        # Both links cost the list no query: the admin page goes by id, the public page (which
        # needs the record's slug) through a redirect looked up only when followed.
        return format_html(
            '<a href="{}">{} {}</a> (<a href="{}">{}</a>)',
            report.record_admin_url(),
            report.get_record_kind_display(),
            report.record_id,
            reverse("admin:reports_errorreport_public", args=[report.pk]),
            _("public page"),
        )

    def get_urls(self) -> list[URLPattern]:
        return [
            path(
                "<int:report_id>/public/",
                self.admin_site.admin_view(self.public_page_view),
                name="reports_errorreport_public",
            ),
            *super().get_urls(),
        ]

    def public_page_view(self, request: HttpRequest, report_id: int) -> HttpResponse:
        """Redirect to the reported record's public page (404 once it is gone or a draft)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        report = get_object_or_404(ErrorReport, pk=report_id)
        url = report.record_public_url()
        if url is None:
            raise Http404
        return HttpResponseRedirect(url)

    @admin.display(description=_("what is wrong"))
    def short_problem(self, report: ErrorReport) -> str:
        return report.problem if len(report.problem) <= 120 else f"{report.problem[:119]}…"

    @admin.display(description=_("source offered"))
    def source_link(self, report: ErrorReport) -> str:
        if not report.source_url:
            return "—"
        return format_html(
            '<a href="{}" rel="noopener noreferrer">{}</a>', report.source_url, report.source_url
        )

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> Any:
        report = self.get_object(request, object_id)
        public_url = report.record_public_url() if report else None
        extra_context = {**(extra_context or {}), "record_public_url": public_url}
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request: HttpRequest, obj: ErrorReport, form: Any, change: bool) -> None:
        # Only the status is editable; it goes through the service, which records the handler.
        services.reports_set_status(
            by=curator(request), reports=[obj], status=ReportStatus(obj.status)
        )
        obj.refresh_from_db()

    def _mark(self, request: HttpRequest, queryset: QuerySet[ErrorReport], status: str) -> None:
        count = services.reports_set_status(
            by=curator(request), reports=queryset, status=ReportStatus(status)
        )
        message = ngettext(
            "%(count)d report marked “%(status)s”.",
            "%(count)d reports marked “%(status)s”.",
            count,
        ) % {"count": count, "status": ReportStatus(status).label}
        self.message_user(request, message, messages.SUCCESS)

    @admin.action(description=_("Mark as in review"), permissions=["change"])
    def mark_in_review(self, request: HttpRequest, queryset: QuerySet[ErrorReport]) -> None:
        self._mark(request, queryset, ReportStatus.IN_REVIEW)

    @admin.action(description=_("Mark as resolved"), permissions=["change"])
    def mark_resolved(self, request: HttpRequest, queryset: QuerySet[ErrorReport]) -> None:
        self._mark(request, queryset, ReportStatus.RESOLVED)

    @admin.action(description=_("Mark as dismissed"), permissions=["change"])
    def mark_dismissed(self, request: HttpRequest, queryset: QuerySet[ErrorReport]) -> None:
        self._mark(request, queryset, ReportStatus.DISMISSED)
