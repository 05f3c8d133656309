"""Corrections: a published statement or evidence item changes only in public, with a note.

``CorrectableAdmin`` adds the "Correct" and "Withdraw" views to the statement and evidence
admins; ``CorrectionAdmin`` lists every correction and withdrawal, read-only.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _

from claimtracker.claims import services
from claimtracker.claims.admin.base import PublishableAdmin, add_errors, curator
from claimtracker.claims.admin.translations import (
    CorrectionTranslationInline,
    HistoryTranslationsAdmin,
)
from claimtracker.claims.models import Correction


class CorrectionNoteForm(forms.ModelForm):  # type: ignore[type-arg]
    """The fields of a published record, as a correction edits them, and the public note."""

    note = forms.CharField(
        label=_("Public note"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Readers see this next to the record and on the corrections page: what was wrong, "
            "what is right now, and how we know."
        ),
    )


class WithdrawForm(forms.Form):
    note = forms.CharField(
        label=_("Public note"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Why the record is withdrawn. It stays on its page, marked as withdrawn, with this "
            "note; withdrawing is for good."
        ),
    )


class CorrectableAdmin(PublishableAdmin):
    """A published statement or evidence item changes only through "Correct" or "Withdraw",
    each with a public note (``services.record_correct``, ``record_withdraw``); its plain
    change form shows those fields read-only."""

    change_form_template = "admin/claims/correctable_change_form.html"
    readonly_fields: ClassVar[tuple[str, ...]] = ("published_at", "published_by", "withdrawn_at")

    def corrects(self, obj: Any) -> bool:
        return False  # its change form shows a published record read-only: "Correct" edits it

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fields = tuple(super().get_readonly_fields(request, obj))
        if obj is not None and obj.is_published:
            fields = (*fields, *services.CORRECTABLE[self.model])
        return fields

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        extra_context = {
            **(extra_context or {}),
            "may_correct": request.user.has_perm("claims.add_correction"),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self) -> list[URLPattern]:
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path(
                "<int:object_id>/correct/",
                self.admin_site.admin_view(self.correct_view),
                name=f"{name}_correct",
            ),
            path(
                "<int:object_id>/withdraw/",
                self.admin_site.admin_view(self.withdraw_view),
                name=f"{name}_withdraw",
            ),
            *super().get_urls(),
        ]

    def _published_record(self, request: HttpRequest, object_id: int) -> Any:
        if not request.user.has_perm("claims.add_correction"):
            raise PermissionDenied
        return get_object_or_404(self.model, pk=object_id, published_at__isnull=False)

    def _change_page(self, record: Any) -> HttpResponseRedirect:
        return HttpResponseRedirect(
            reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[record.pk])
        )

    def _render(
        self, request: HttpRequest, record: Any, form: Any, title: str, action: str
    ) -> HttpResponse:
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.opts,
            "original": record,
            "form": form,
            "media": self.media + form.media,
            "action": action,
            "corrections": record.corrections.select_related("recorded_by"),
        }
        return TemplateResponse(request, "admin/claims/correct.html", context)

    def correct_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        record = self._published_record(request, object_id)
        form_class = self.get_form(
            request, None, fields=list(services.CORRECTABLE[self.model]), form=CorrectionNoteForm
        )
        # The form edits a copy: validation sets its fields, and the service reads the row.
        form = form_class(request.POST or None, instance=self.model.objects.get(pk=record.pk))
        if request.method == "POST" and form.is_valid():
            changes = {
                name: form.cleaned_data[name]
                for name in form.changed_data
                if name in services.CORRECTABLE[self.model]
            }
            try:
                services.record_correct(
                    by=curator(request),
                    record=record,
                    changes=changes,
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                self.message_user(request, _("Corrected; the note is public."), messages.SUCCESS)
                return self._change_page(record)
        return self._render(
            request, record, form, str(_("Correct: %(record)s") % {"record": record}), "correct"
        )

    def withdraw_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        record = self._published_record(request, object_id)
        form = WithdrawForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.record_withdraw(
                    by=curator(request), record=record, note=form.cleaned_data["note"]
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                self.message_user(
                    request,
                    _("Withdrawn; the record stays public, marked, with the note."),
                    messages.SUCCESS,
                )
                return self._change_page(record)
        return self._render(
            request, record, form, str(_("Withdraw: %(record)s") % {"record": record}), "withdraw"
        )


@admin.register(Correction)
class CorrectionAdmin(HistoryTranslationsAdmin):
    """Every public correction and withdrawal, read-only for everyone (made from the record's
    "Correct" and "Withdraw" buttons); its note's translations are edited here."""

    list_display = ["recorded_at", "kind", "__str__", "recorded_by"]
    list_filter = ["kind"]
    list_select_related = ["statement__speaker", "evidence", "recorded_by"]
    date_hierarchy = "recorded_at"
    search_fields = ["note"]
    view_on_site = True
    fields = ["kind", "corrected_record", "note", "changes", "recorded_by", "recorded_at"]
    inlines = [CorrectionTranslationInline]
    correction_description = _(
        "Corrections are public. Saving a change to this note's translations publishes a "
        "further correction of the same record with your note."
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Correction]:
        return super().get_queryset(request).prefetch_related("statement__speaker__names")

    @admin.display(description=_("corrected record"))
    def corrected_record(self, correction: Correction) -> str:
        return f"{correction.target_label}: {correction.target}"
