"""Contradiction links: two items that contradict each other, with why."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from claimtracker.claims import services
from claimtracker.claims.admin.base import AdminEdit, RecordedAdmin
from claimtracker.claims.models import ContradictionLink


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

    def write(self, edit: AdminEdit) -> models.Model:
        if edit.change:
            return services.contradiction_link_update(
                by=edit.by, link=edit.record, explanation=edit.record.explanation, why=edit.why
            )
        # The form already put the two ends the canonical way round.
        return services.contradiction_link_create(
            by=edit.by,
            first=edit.record.end_a,
            second=edit.record.end_b,
            explanation=edit.record.explanation,
        )
