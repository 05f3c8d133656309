"""The archive in the admin: captures and quote checks (read-only: evidence is never edited),
the task queue with its failures and a retry action, and quote checks on the statement page."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from claimtracker.archive.models import Capture, QuoteCheck, Submission
from claimtracker.archive.services import capture_request
from claimtracker.claims.models import Source


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Seen by whoever may see sources; never added, changed or deleted by hand."""

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.has_perm("claims.view_source")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Capture)
class CaptureAdmin(ReadOnlyAdmin):
    list_display = ["source", "outcome", "http_status", "captured_at", "short_hash"]
    list_filter = ["outcome", "captured_at"]
    list_select_related = ["source"]
    readonly_fields = ["public_archive"]
    search_fields = ["address", "final_address", "source__title", "content_sha256"]
    actions = ["capture_again"]

    @admin.display(description=_("content SHA-256"))
    def short_hash(self, capture: Capture) -> str:
        return capture.content_sha256[:12]

    @admin.display(description=_("public web archive"))
    def public_archive(self, capture: Capture) -> str:
        """What the public archive answered (``ARCHIVE_PUBLIC_SUBMIT_URL``); runs a query."""
        submission = Submission.objects.filter(capture=capture).first()
        if submission is None:
            return str(_("Not sent."))
        if submission.accepted:
            return str(_("Sent %(when)s; the archive's copy: %(address)s")) % {
                "when": f"{submission.submitted_at:%Y-%m-%d %H:%M}",
                "address": submission.archived_address or _("not said"),
            }
        return str(_("Sent %(when)s; not accepted: %(detail)s")) % {
            "when": f"{submission.submitted_at:%Y-%m-%d %H:%M}",
            "detail": submission.detail,
        }

    @admin.action(description=_("Capture these sources again"), permissions=["recapture"])
    def capture_again(self, request: HttpRequest, queryset: QuerySet[Capture]) -> None:
        sources = Source.objects.filter(pk__in=queryset.values("source_id"), url__isnull=False)
        for source in sources:
            capture_request(source=source)
        self.message_user(request, _("Queued %(count)d captures.") % {"count": len(sources)})

    def has_recapture_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("claims.change_source")


@admin.register(QuoteCheck)
class QuoteCheckAdmin(ReadOnlyAdmin):
    list_display = ["statement", "found", "capture", "checked_at"]
    list_filter = ["found"]
    list_select_related = ["statement__speaker", "capture__source"]


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyAdmin):
    list_display = ["capture", "accepted", "http_status", "submitted_at", "archived_address"]
    list_filter = ["accepted"]
    list_select_related = ["capture__source"]


# The queue: django-tasks-db's own read-only admin, plus a retry of failed tasks. Captures are
# idempotent on their key, so a retried task never records a capture twice.
admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class TaskAdmin(DBTaskResultAdmin):
    actions = ["retry"]

    # Who sees the queue and who retries: the role groups' django_tasks_database permissions
    # (claims/roles.py QUEUE_PERMISSIONS); "change" allows the retry only, rows stay read-only.
    @admin.action(description=_("Retry the selected failed tasks"), permissions=["retry"])
    def retry(self, request: HttpRequest, queryset: QuerySet[DBTaskResult[Any, Any]]) -> None:
        failed = list(queryset.failed())  # type: ignore[attr-defined]
        for result in failed:
            result.task.enqueue(*result.args_kwargs["args"], **result.args_kwargs["kwargs"])
        self.message_user(
            request,
            ngettext("Queued %(count)d task again.", "Queued %(count)d tasks again.", len(failed))
            % {"count": len(failed)},
            messages.SUCCESS,
        )

    def has_retry_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("django_tasks_database.change_dbtaskresult")
