"""The curation admin: journalists log, fact-checkers assess and publish, editors oversee.

What each role may do is decided by ``roles.PERMISSIONS`` and by the services; the admin only
hides what a role cannot use. Status changes, publishing and contradiction links go through
``services``; history is shown read-only to everyone, superusers included.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any, ClassVar

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import unquote
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from claimtracker.claims import audit, services
from claimtracker.claims.dates import PartialDate, PartialDateFormField
from claimtracker.claims.models import (
    Actor,
    ActorName,
    ActorRelation,
    ActorRole,
    Claim,
    ClaimEvidence,
    ClaimStatus,
    ContradictionLink,
    Correction,
    Evidence,
    NameKind,
    Source,
    Statement,
    StatusChange,
    Topic,
    TopicName,
)
from claimtracker.claims.models.base import Publishable, Recorded
from claimtracker.claims.models.claims import STATUS_DEFINITIONS

admin.site.site_header = _("ClaimTracker curation")
admin.site.site_title = _("ClaimTracker curation")
admin.site.index_title = _("Statements, claims and evidence")
# The public site has no front page yet ("/" leads back here); records link to their own pages.
admin.site.site_url = None


def curator(request: HttpRequest) -> User:
    """The signed-in account making a change (the admin only lets staff this far)."""
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def error_to_dict(error: ValidationError) -> dict[str | None, list[str]]:
    if hasattr(error, "error_dict"):
        return {
            None if field == "__all__" else field: msgs
            for field, msgs in error.message_dict.items()
        }
    return {None: error.messages}


def change_in_words(message: list[dict[str, Any]] | str) -> str:
    """The admin's change message as its history page words it ("Changed quote.")."""
    return LogEntry(change_message=json.dumps(message)).get_change_message()


class AuditHistoryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """The "History" link of each change form shows the audit trail (``audit.py``).

    Each event of the record and of the rows edited with it (names, roles, links): who, when,
    why and what changed, field by field. Every admin write says why: the change message of
    the form, or the note of a correction. On SQLite there is no audit trail, and the page
    says so above Django's own change log.
    """

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        if not audit.recorded():
            return super().history_view(
                request, object_id, {**(extra_context or {}), "audit_trail_absent": True}
            )
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(  # type: ignore[attr-defined,no-any-return]
                request, self.opts, object_id
            )
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": _("History: %(record)s") % {"record": obj},
            "subtitle": None,
            "object": obj,
            "opts": self.opts,
            "entries": audit.history_of(obj),
            "preserved_filters": self.get_preserved_filters(request),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/claims/audit_history.html", context)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        audit.attach(
            why=change_in_words(self.construct_change_message(request, form, [], not change))
        )
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # The inline rows are written after the record: name them in the reason too.
        edited = [
            str(formset.model._meta.verbose_name_plural)
            for formset in formsets
            if formset.has_changed()
        ]
        if edited:
            why = change_in_words(self.construct_change_message(request, form, [], not change))
            audit.attach(
                why=f"{why} " + str(_("Edited: %(parts)s.") % {"parts": ", ".join(edited)})
            )
        super().save_related(request, form, formsets, change)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        audit.attach(why=str(_("Deleted in the admin.")))
        super().delete_model(request, obj)


class RecordedAdmin(AuditHistoryAdmin):
    """Remembers who entered each record and each row added in its inlines.

    A slug is part of a public address, so it is fixed once the record exists.
    """

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fields = tuple(super().get_readonly_fields(request, obj))
        if obj is not None and hasattr(obj, "slug"):
            fields = ("slug", *fields)
        return fields

    def get_prepopulated_fields(self, request: HttpRequest, obj: Any = None) -> dict[str, Any]:
        return {} if obj is not None else super().get_prepopulated_fields(request, obj)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        for inline_form in formset.forms:
            instance = inline_form.instance
            if isinstance(instance, Recorded) and instance.pk is None:
                instance.created_by = request.user  # type: ignore[assignment]
        super().save_formset(request, form, formset, change)


class PublicationFilter(admin.SimpleListFilter):
    title = _("publication")
    parameter_name = "published"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("yes", str(_("Published"))), ("no", str(_("Draft")))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == "yes":
            return queryset.published()  # type: ignore[attr-defined,no-any-return]
        if self.value() == "no":
            return queryset.drafts()  # type: ignore[attr-defined,no-any-return]
        return queryset


@admin.display(description=_("published"), boolean=True)
def is_published(obj: Publishable) -> bool:
    return obj.is_published


class PublishableAdmin(RecordedAdmin):
    """Drafts are edited freely; a published record only by editors, and never deleted."""

    actions = ["publish_selected"]

    def view_on_site(self, obj: Publishable) -> str | None:
        # A draft has no public page yet.
        return obj.get_absolute_url() if obj.is_published else None  # type: ignore[attr-defined]

    readonly_fields: ClassVar[tuple[str, ...]] = ("published_at", "published_by")

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("claims.publish_records")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if (
            obj is not None
            and obj.is_published
            and not request.user.has_perm("claims.edit_published")
        ):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.is_published:
            return False
        return super().has_delete_permission(request, obj)

    @admin.action(description=_("Publish selected records"), permissions=["publish"])
    def publish_selected(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        drafts = list(queryset.drafts())  # type: ignore[attr-defined]
        for record in drafts:
            services.record_publish(by=curator(request), record=record)
        self.message_user(
            request, _("Published %(count)d record(s).") % {"count": len(drafts)}, messages.SUCCESS
        )


# Sources


@admin.register(Source)
class SourceAdmin(RecordedAdmin):
    list_display = ["title", "publisher", "published_on", "language", "url"]
    list_filter = ["language"]
    search_fields = ["title", "publisher", "url"]
    readonly_fields = ["created_by", "created_at"]


# Actors


class ActorNameFormSet(BaseInlineFormSet):  # type: ignore[type-arg]
    def clean(self) -> None:
        super().clean()
        kept = [
            form
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE", False)
        ]
        primaries = [form for form in kept if form.cleaned_data.get("kind") == NameKind.PRIMARY]
        if len(primaries) != 1:
            raise ValidationError(
                _("Give the actor exactly one primary name (there are %(count)d)."),
                params={"count": len(primaries)},
                code="primary_name",
            )


class ActorNameInline(admin.TabularInline):  # type: ignore[type-arg]
    model = ActorName
    formset = ActorNameFormSet
    extra = 1
    autocomplete_fields = ["source"]


class ActorRoleInline(admin.TabularInline):  # type: ignore[type-arg]
    model = ActorRole
    fk_name = "actor"
    extra = 0
    fields = ["title", "organisation", "start", "end", "note", "source"]
    autocomplete_fields = ["organisation", "source"]


class ActorRelationInline(admin.TabularInline):  # type: ignore[type-arg]
    model = ActorRelation
    fk_name = "subject"
    extra = 0
    fields = ["kind", "other", "source"]
    autocomplete_fields = ["other", "source"]


@admin.register(Actor)
class ActorAdmin(RecordedAdmin):
    list_display = ["__str__", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["slug", "names__value"]
    inlines = [ActorNameInline, ActorRoleInline, ActorRelationInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Actor]:
        # The list shows each actor's display name, chosen among its names.
        return super().get_queryset(request).prefetch_related("names")


@admin.register(ActorRole)
class ActorRoleAdmin(RecordedAdmin):
    list_display = ["actor", "title", "organisation", "start", "end"]
    list_select_related = ["actor", "organisation"]
    search_fields = ["title", "actor__names__value", "actor__slug"]
    autocomplete_fields = ["actor", "organisation", "source"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[ActorRole]:
        # Each row names the actor and the organisation, chosen among their names.
        return super().get_queryset(request).prefetch_related("actor__names", "organisation__names")


# Topics


class TopicNameInline(admin.TabularInline):  # type: ignore[type-arg]
    model = TopicName
    extra = 1
    autocomplete_fields = ["source"]


@admin.register(Topic)
class TopicAdmin(RecordedAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug", "names__value"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TopicNameInline]


# Statements and evidence


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
                for field, field_errors in error_to_dict(error).items():
                    form.add_error(field if field in form.fields else None, field_errors)
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
                for field, field_errors in error_to_dict(error).items():
                    form.add_error(field if field in form.fields else None, field_errors)
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


@admin.register(Statement)
class StatementAdmin(CorrectableAdmin):
    list_display = ["__str__", "speaker", "date_display", "language", is_published]
    list_filter = [PublicationFilter, "mode", "language"]
    list_select_related = ["speaker"]
    search_fields = ["quote", "translation", "context", "speaker__names__value"]
    autocomplete_fields = ["speaker", "speaker_role", "source", "first_appearance"]
    fieldsets = [
        (None, {"fields": ["speaker", "speaker_role", "mode", "quote", "language", "context"]}),
        (_("Translation"), {"fields": ["translation", "translation_language"]}),
        (
            _("When and where"),
            {"fields": ["stated_on", "stated_on_wording", "stated_not_after", "place"]},
        ),
        (_("Citation"), {"fields": ["source", "first_appearance"]}),
        (_("Publication"), {"fields": ["published_at", "published_by", "withdrawn_at"]}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Statement]:
        return super().get_queryset(request).prefetch_related("speaker__names")

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        # As statement_create does: the post the speaker held then, when exactly one fits.
        if obj.speaker_role_id is None:
            obj.speaker_role = obj.speaker.role_on(obj.stated_on)
        super().save_model(request, obj, form, change)


class ClaimEvidenceInline(admin.TabularInline):  # type: ignore[type-arg]
    model = ClaimEvidence
    extra = 0
    autocomplete_fields = ["evidence"]


@admin.register(ClaimEvidence)
class ClaimEvidenceAdmin(AuditHistoryAdmin):
    """Evidence keeps arriving after a claim is published, and a status may only cite evidence
    linked to its claim: so linking is open to curators even when the claim is read-only for
    them. Changing or removing a link on a published claim is an editor's call.
    """

    list_display = ["claim", "evidence", "stance"]
    list_filter = ["stance"]
    list_select_related = ["claim", "evidence"]
    search_fields = ["claim__text", "claim__slug", "evidence__title", "note"]
    autocomplete_fields = ["claim", "evidence"]
    view_on_site = False

    def _locked(self, request: HttpRequest, obj: ClaimEvidence | None) -> bool:
        return (
            obj is not None
            and obj.claim.is_published
            and not request.user.has_perm("claims.edit_published")
        )

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not self._locked(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not self._locked(request, obj) and super().has_delete_permission(request, obj)


@admin.register(Evidence)
class EvidenceAdmin(CorrectableAdmin):
    list_display = ["title", "kind", "date_display", is_published]
    list_filter = [PublicationFilter, "kind"]
    search_fields = ["title", "summary"]
    autocomplete_fields = ["source"]
    fields = [
        "kind",
        "title",
        "summary",
        "occurred_on",
        "occurred_on_wording",
        "occurred_not_after",
        "source",
        "published_at",
        "published_by",
        "withdrawn_at",
    ]


# Claims and their status


class StatusHistoryInline(admin.TabularInline):  # type: ignore[type-arg]
    """The claim's status history: shown to every curator, editable by nobody."""

    model = StatusChange
    verbose_name = _("status change")
    verbose_name_plural = _("status history (append-only)")
    extra = 0
    can_delete = False
    fields = (
        "recorded_at",
        "changed_from",
        "new_status",
        "recorded_by",
        "as_of",
        "reason",
        "cited",
    )
    readonly_fields = fields
    view_on_site = False
    ordering = ["recorded_at", "pk"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[StatusChange]:
        return (
            super().get_queryset(request).select_related("recorded_by").prefetch_related("evidence")
        )

    @admin.display(description=_("from"))
    def changed_from(self, change: StatusChange) -> str:
        return change.get_old_status_display() or str(_("no status"))

    @admin.display(description=_("evidence cited"))
    def cited(self, change: StatusChange) -> str:
        return (
            format_html_join(
                ", ",
                '<a href="{}">{}</a>',
                (
                    (reverse("admin:claims_evidence_change", args=[item.pk]), item.title)
                    for item in change.evidence.all()
                ),
            )
            or "—"
        )

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class StatusChangeForm(forms.Form):
    new_status = forms.ChoiceField(label=_("New status"), widget=forms.RadioSelect)
    # The status the fact-checker saw when the form was drawn; a stale one is refused.
    expected_status = forms.CharField(required=False, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason, for the public"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Readers see this next to the status. Say what establishes it."),
    )
    as_of = PartialDateFormField(
        label=_("Holds as of"),
        help_text=_("The date the assessment is true as of: 2024, 2024-01 or 2024-01-11."),
    )
    evidence = forms.ModelMultipleChoiceField(
        label=_("Evidence cited"),
        queryset=Evidence.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only evidence linked to this claim can be cited."),
    )

    def __init__(self, *args: Any, claim: Claim, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Offer every status but the one the fact-checker saw: if someone changed it meanwhile,
        # the service explains that, rather than the form calling her choice invalid.
        seen = self.data.get("expected_status", claim.status) if self.is_bound else claim.status
        self.fields["new_status"].choices = [  # type: ignore[attr-defined]
            (status.value, f"{status.label}: {STATUS_DEFINITIONS[status]}")
            for status in ClaimStatus
            if status != seen
        ]
        self.fields["evidence"].queryset = Evidence.objects.filter(  # type: ignore[attr-defined]
            claim_links__claim=claim
        ).order_by("title")


@admin.register(Claim)
class ClaimAdmin(PublishableAdmin):
    list_display = ["__str__", "status_in_words", "status_changed_at", is_published]
    list_filter = [PublicationFilter, "status", "topics"]
    search_fields = ["text", "slug"]
    autocomplete_fields = ["statements", "topics"]
    prepopulated_fields = {"slug": ["text"]}
    date_hierarchy = "status_changed_at"
    readonly_fields: ClassVar[tuple[str, ...]] = ("current_status", "published_at", "published_by")
    fields = [
        "slug",
        "text",
        "current_status",
        "statements",
        "topics",
        "published_at",
        "published_by",
    ]
    inlines = [ClaimEvidenceInline, StatusHistoryInline]

    @admin.display(description=_("status"), ordering="status")
    def status_in_words(self, claim: Claim) -> str:
        return claim.status_label

    @admin.display(description=_("current status"))
    def current_status(self, claim: Claim) -> str:
        if claim.pk is None:
            return str(_("No status yet: save the claim, then set one."))
        return format_html("<strong>{}</strong>", claim.status_label)

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        # The "Change status" button (templates/admin/claims/claim/change_form.html) is drawn
        # only for those who may use it; the view refuses everyone else anyway.
        extra_context = {
            **(extra_context or {}),
            "may_change_status": request.user.has_perm("claims.add_statuschange"),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self) -> list[URLPattern]:
        return [
            path(
                "<int:claim_id>/status/",
                self.admin_site.admin_view(self.change_status_view),
                name="claims_claim_change_status",
            ),
            *super().get_urls(),
        ]

    def change_status_view(self, request: HttpRequest, claim_id: int) -> HttpResponse:
        if not request.user.has_perm("claims.add_statuschange"):
            raise PermissionDenied
        claim = get_object_or_404(Claim, pk=claim_id)
        form = StatusChangeForm(
            request.POST or None,
            claim=claim,
            initial={"expected_status": claim.status, "as_of": PartialDate.from_date(date.today())},
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.claim_change_status(
                    by=curator(request),
                    claim=claim,
                    new_status=form.cleaned_data["new_status"],
                    expected_status=form.cleaned_data["expected_status"],
                    reason=form.cleaned_data["reason"],
                    as_of=form.cleaned_data["as_of"],
                    evidence=form.cleaned_data["evidence"],
                )
            except ValidationError as error:  # StaleStatus included: shown above the form
                for field, field_errors in error_to_dict(error).items():
                    form.add_error(field if field in form.fields else None, field_errors)
            else:
                self.message_user(
                    request,
                    _("The status is now “%(status)s”; the change is in the history below.")
                    % {"status": claim.status_label},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(reverse("admin:claims_claim_change", args=[claim.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Change the status of this claim"),
            "opts": self.opts,
            "claim": claim,
            "form": form,
            "history": claim.status_changes.select_related("recorded_by").order_by("recorded_at"),
        }
        return TemplateResponse(request, "admin/claims/claim/change_status.html", context)


@admin.register(StatusChange)
class StatusChangeAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Every status change across claims, read-only for everyone."""

    list_display = ["claim", "old_status", "new_status", "recorded_by", "recorded_at", "as_of"]
    view_on_site = False
    list_filter = ["new_status"]
    list_select_related = ["claim", "recorded_by"]
    date_hierarchy = "recorded_at"
    search_fields = ["claim__slug", "claim__text", "reason"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


# Contradiction links


class ContradictionLinkForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = ContradictionLink
        fields = [
            "a_statement",
            "a_claim",
            "a_evidence",
            "b_statement",
            "b_claim",
            "b_evidence",
            "explanation",
        ]
        labels = {
            "a_statement": _("First item: a statement"),
            "a_claim": _("or a claim"),
            "a_evidence": _("or evidence"),
            "b_statement": _("Second item: a statement"),
            "b_claim": _("or a claim"),
            "b_evidence": _("or evidence"),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        ends = []
        for side, label in (("a", _("first")), ("b", _("second"))):
            chosen = [
                data[f"{side}_{k}"]
                for k in ("statement", "claim", "evidence")
                if data.get(f"{side}_{k}")
            ]
            if len(chosen) != 1:
                raise ValidationError(
                    _("Choose exactly one %(side)s item: a statement, a claim or evidence."),
                    params={"side": label},
                )
            ends.append(chosen[0])
        # Store the pair the one canonical way round, so (A, B) and (B, A) are one link.
        ordered = ContradictionLink.between(ends[0], ends[1], data.get("explanation", ""))
        for field in self.Meta.fields[:-1]:
            data[field] = getattr(ordered, field)
        # The form's own validation skips constraints on the generated end columns (a self-link,
        # a reversed duplicate); check them here so they come back as form errors.
        ordered.validate_constraints()
        return data


@admin.register(ContradictionLink)
class ContradictionLinkAdmin(RecordedAdmin):
    form = ContradictionLinkForm
    list_display = ["__str__", "created_at"]
    search_fields = ["explanation"]
    autocomplete_fields = [
        "a_statement",
        "a_claim",
        "a_evidence",
        "b_statement",
        "b_claim",
        "b_evidence",
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[ContradictionLink]:
        # Each row shows both ends; a statement end shows its speaker's name.
        return (
            super()
            .get_queryset(request)
            .select_related(*ContradictionLinkForm.Meta.fields[:-1])
            .prefetch_related("a_statement__speaker__names", "b_statement__speaker__names")
        )

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # An existing link's ends stay put; only its explanation can be improved.
        return ContradictionLinkForm.Meta.fields[:-1] if obj is not None else []

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        link = services.contradiction_link_create(
            by=curator(request), first=obj.end_a, second=obj.end_b, explanation=obj.explanation
        )
        obj.pk = link.pk
        obj.created_by = link.created_by


# Corrections


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Every public correction and withdrawal, read-only for everyone (made from the record's
    "Correct" and "Withdraw" buttons)."""

    list_display = ["recorded_at", "kind", "__str__", "recorded_by"]
    list_filter = ["kind"]
    list_select_related = ["statement__speaker", "evidence", "recorded_by"]
    date_hierarchy = "recorded_at"
    search_fields = ["note"]
    view_on_site = True

    def get_queryset(self, request: HttpRequest) -> QuerySet[Correction]:
        return super().get_queryset(request).prefetch_related("statement__speaker__names")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
