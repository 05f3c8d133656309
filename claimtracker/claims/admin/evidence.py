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
from claimtracker.claims.models import ClaimEvidence, Evidence


class ClaimEvidenceInline(admin.TabularInline):  # type: ignore[type-arg]
    model = ClaimEvidence
    extra = 0
    autocomplete_fields = ["evidence"]


@admin.register(ClaimEvidence)
class ClaimEvidenceAdmin(ServiceAdmin):
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

    def write(self, edit: AdminEdit) -> models.Model:
        if edit.change:
            return services.claim_evidence_update(
                by=edit.by, link=edit.record, changes=edit.fields, why=edit.why
            )
        return services.claim_evidence_create(by=edit.by, why=edit.why, **edit.fields)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        services.claim_evidence_delete(
            by=curator(request), link=obj, why=str(_("Deleted in the admin."))
        )


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

    def write(self, edit: AdminEdit) -> models.Model:
        if edit.change:
            return services.evidence_update(
                by=edit.by, evidence=edit.record, changes=edit.fields, why=edit.why
            )
        return services.evidence_create(by=edit.by, why=edit.why, **edit.fields)
