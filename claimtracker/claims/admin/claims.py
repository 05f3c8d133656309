"""Claims, their evidence links and statuses; the change-status view, the only way to set one."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from claimtracker.claims import services
from claimtracker.claims.admin.base import (
    AdminEdit,
    PublicationFilter,
    PublishableAdmin,
    add_errors,
    curator,
    is_published,
)
from claimtracker.claims.admin.evidence import ClaimEvidenceInline
from claimtracker.claims.admin.translations import (
    ClaimTranslationInline,
    HistoryTranslationsAdmin,
    StatusChangeTranslationInline,
)
from claimtracker.claims.dates import PartialDate, PartialDateFormField
from claimtracker.claims.models import (
    Claim,
    ClaimEvidence,
    ClaimStatus,
    Evidence,
    Stance,
    Statement,
    StatusChange,
)
from claimtracker.claims.models.claims import STATUS_DEFINITIONS


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
        "reason_translations",
    )
    readonly_fields = fields
    view_on_site = False
    ordering = ["recorded_at", "pk"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[StatusChange]:
        return (
            super()
            .get_queryset(request)
            .select_related("recorded_by")
            .prefetch_related("evidence", "translations")
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

    @admin.display(description=_("translations of the reason"))
    def reason_translations(self, change: StatusChange) -> str:
        """The languages it has, and the way to its translations (the status change's page:
        admin inlines do not nest)."""
        languages = ", ".join(f"{row.language}-{row.script}" for row in change.translations.all())
        return format_html(
            '<a href="{}">{}</a>{}',
            reverse("admin:claims_statuschange_change", args=[change.pk]),
            _("Translations"),
            f" ({languages})" if languages else "",
        )

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class StatusChangeForm(forms.Form):
    # "radiolist": the admin's own class for choices laid out one per line (admin/css/forms.css).
    new_status = forms.ChoiceField(
        label=_("New status"), widget=forms.RadioSelect(attrs={"class": "radiolist"})
    )
    # The status the fact-checker saw when the form was drawn; a stale one is refused.
    expected_status = forms.CharField(required=False, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason, for the public"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=format_lazy(
            _(
                "Readers see this next to the status. Say what establishes it, in a sentence of "
                "at least {minimum} characters."
            ),
            minimum=services.REASON_MIN_LENGTH,
        ),
    )
    as_of = PartialDateFormField(
        label=_("Holds as of"),
        help_text=_(
            "The date the assessment is true as of: 2024, 2024-01 or 2024-01-11. Not in the "
            "future, and not before the earliest statement asserting the claim."
        ),
    )
    evidence = forms.ModelMultipleChoiceField(
        label=_("Evidence cited"),
        queryset=Evidence.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "radiolist"}),
        help_text=_(
            "Only evidence linked to this claim can be cited. Confirmed, Partly confirmed and "
            "Refuted cite at least one piece of published evidence; Disputed at least one that "
            "contradicts the claim. Withdrawn evidence does not count; a draft counts only while "
            "the claim is a draft too (publishing the claim publishes it)."
        ),
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
        evidence = self.fields["evidence"]
        evidence.queryset = Evidence.objects.filter(  # type: ignore[attr-defined]
            claim_links__claim=claim
        ).order_by("title")
        # Each choice says what the rules above look at: its stance, and whether it counts.
        stances = dict(claim.evidence_links.values_list("evidence_id", "stance"))
        evidence.label_from_instance = lambda item: _evidence_choice(  # type: ignore[attr-defined]
            item, str(Stance(stances[item.pk]).label)
        )


def _evidence_choice(item: Evidence, stance: str) -> str:
    """ "Court ruling (contradicts, draft)": what decides whether a status may cite it."""
    state = ""
    if item.withdrawn_at is not None:
        state = str(_("withdrawn"))
    elif item.published_at is None:
        state = str(_("draft"))
    words = f"{item.title} ({stance.lower()}"
    return f"{words}, {state})" if state else f"{words})"


def ready_to_publish(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    """Draft claims that publishing would accept now: those asserted by at least one statement
    that is not withdrawn, the one rule publishing checks (services/publishing.py,
    ``_require_support``). A status is not required: a claim may go public unassessed."""
    asserting = Statement.objects.filter(claims=OuterRef("pk"), withdrawn_at__isnull=True)
    return claims.drafts().filter(Exists(asserting))  # type: ignore[attr-defined,no-any-return]


class CurationFilter(admin.SimpleListFilter):
    """The curators' two working views: every draft, and the drafts ready to publish."""

    title = _("curation")
    parameter_name = "curation"
    DRAFTS = "drafts"
    READY = "ready"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [(self.DRAFTS, str(_("Drafts"))), (self.READY, str(_("Ready to publish")))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Claim]) -> QuerySet[Claim]:
        if self.value() == self.DRAFTS:
            return queryset.drafts()  # type: ignore[attr-defined,no-any-return]
        if self.value() == self.READY:
            return ready_to_publish(queryset)
        return queryset


@admin.register(Claim)
class ClaimAdmin(PublishableAdmin):
    list_display = ["__str__", "status_in_words", "status_changed_at", is_published]
    list_filter = [CurationFilter, PublicationFilter, "status", "topics"]
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
    inlines = [ClaimEvidenceInline, ClaimTranslationInline, StatusHistoryInline]
    change_form_template = "admin/claims/claim/change_form.html"

    def write(self, edit: AdminEdit) -> models.Model:
        evidence = edit.rows.get(ClaimEvidence, services.RowEdits())
        if edit.rows.get(StatusChange):
            raise PermissionDenied  # history is written only by the change-status view
        if edit.change:
            return services.claim_update(
                by=edit.by,
                claim=edit.record,
                changes=edit.fields,
                evidence=evidence,
                why=edit.why,
                correction_note=edit.correction_note,
            )
        return services.claim_create(by=edit.by, evidence=evidence, why=edit.why, **edit.fields)

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
            initial={
                "expected_status": claim.status,
                "as_of": PartialDate.from_date(timezone.localdate()),
            },
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
                add_errors(form, error)
            else:
                self.message_user(
                    request,
                    _("The status is now “%(status)s”; the change is in the history below.")
                    % {"status": claim.status_label},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(reverse("admin:claims_claim_change", args=[claim.pk]))
        # Drawn with the admin's own fieldset markup (admin/includes/fieldset.html), so the page
        # looks and reads like every other admin form.
        adminform = helpers.AdminForm(
            form,  # type: ignore[arg-type]  # a plain Form renders the same way
            [(None, {"fields": ["new_status", "reason", "as_of", "evidence", "expected_status"]})],
            prepopulated_fields={},
            model_admin=self,
        )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Change the status of this claim"),
            "subtitle": str(claim),
            "opts": self.opts,
            "claim": claim,
            "form": form,
            "adminform": adminform,
            # The record beside the form: who said it, and what the evidence says about it.
            "statements": claim.statements.for_display().order_by("pk"),
            "evidence_links": claim.evidence_links.select_related("evidence__source").order_by(
                "stance", "evidence__title", "pk"
            ),
            "history": claim.status_changes.select_related("recorded_by").order_by("recorded_at"),
        }
        return TemplateResponse(request, "admin/claims/claim/change_status.html", context)


@admin.register(StatusChange)
class StatusChangeAdmin(HistoryTranslationsAdmin):
    """Every status change across claims, read-only for everyone; its reason's translations
    are edited here, the one page per change (the claim's page lists its history, each entry
    linking here)."""

    list_display = ["claim", "old_status", "new_status", "recorded_by", "recorded_at", "as_of"]
    view_on_site = False
    list_filter = ["new_status"]
    list_select_related = ["claim", "recorded_by"]
    date_hierarchy = "recorded_at"
    search_fields = ["claim__slug", "claim__text", "reason"]
    # All read-only, stated as such too: Django's checks refuse an editable many-to-many with
    # its own table among ``fields`` (the evidence).
    readonly_fields = fields = (
        "claim",
        "old_status",
        "new_status",
        "recorded_by",
        "recorded_at",
        "as_of",
        "reason",
        "evidence",
    )
    inlines = [StatusChangeTranslationInline]
    correction_description = _(
        "The claim is published, so this reason is public. Saving a change to its translations "
        "publishes a correction of the claim with your note."
    )
