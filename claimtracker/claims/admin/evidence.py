"""Evidence, and its links to the claims it bears on."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from claimtracker.claims import services
from claimtracker.claims.admin.base import (
    AdminEdit,
    PublicationFilter,
    ServiceAdmin,
    curator,
    is_published,
)
from claimtracker.claims.admin.corrections import CorrectableAdmin
from claimtracker.claims.admin.translations import EvidenceTranslationInline
from claimtracker.claims.models import ClaimEvidence, Evidence


class ClaimEvidenceInline(admin.TabularInline):  # type: ignore[type-arg]
    model = ClaimEvidence
    extra = 0
    autocomplete_fields = ["evidence"]


@admin.register(ClaimEvidence)
class ClaimEvidenceAdmin(ServiceAdmin):
    """Links of a draft claim are edited freely. A published claim's links change only through
    a public correction of the claim (the change form then asks for the note); they are removed
    in the claim's own form, where the note is asked for too.
    """

    list_display = ["claim", "evidence", "stance"]
    list_filter = ["stance"]
    list_select_related = ["claim", "evidence"]
    search_fields = ["claim__text", "claim__slug", "evidence__title", "note"]
    autocomplete_fields = ["claim", "evidence"]
    view_on_site = False

    def corrects(self, obj: Any) -> bool:
        # A new row may be added to a published record: its form asks for the note, which
        # the service requires only then.
        return obj is None or bool(obj.claim.is_published)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if (
            obj is not None
            and self.corrects(obj)
            and not request.user.has_perm("claims.add_correction")
        ):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and self.corrects(obj):
            return False
        return super().has_delete_permission(request, obj)

    def write(self, edit: AdminEdit) -> models.Model:
        if edit.change:
            return services.claim_evidence_update(
                by=edit.by,
                link=edit.record,
                changes=edit.fields,
                why=edit.why,
                correction_note=edit.correction_note,
            )
        return services.claim_evidence_create(
            by=edit.by, why=edit.why, correction_note=edit.correction_note, **edit.fields
        )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        services.claim_evidence_delete(
            by=curator(request), link=obj, why=str(_("Deleted in the admin."))
        )


@admin.register(Evidence)
class EvidenceAdmin(CorrectableAdmin):
    list_display = ["title", "kind", "date_display", is_published]
    inlines = [EvidenceTranslationInline]
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

    def write(self, edit: AdminEdit) -> models.Model:
        if edit.change:
            return services.evidence_update(
                by=edit.by, evidence=edit.record, changes=edit.fields, why=edit.why
            )
        return services.evidence_create(by=edit.by, why=edit.why, **edit.fields)
