"""Translations edited inline on the record they translate (claims, evidence, topics).

The rows go through ``services.translations_apply`` after the record's own service, in the
admin's transaction (``ServiceAdmin.save_related``): for a published record that makes a public
correction with the form's note. Rows written by a machine or by the transliteration are
marked; a curator's own Latin Kazakh row (origin "human") replaces the generated one for good.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from claimtracker.claims.models import (
    ClaimTranslation,
    ContentTranslation,
    EvidenceTranslation,
    TopicTranslation,
    TranslationOrigin,
)

GENERATED = _("Generated from the Kazakh Cyrillic: write your own Latin row to replace it.")


class TranslationForm(forms.ModelForm):  # type: ignore[type-arg]
    reviewed = forms.BooleanField(
        label=_("reviewed"),
        required=False,
        help_text=_("Checked against the original by you (or by the reviewer shown)."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reviewed"].initial = self.instance.reviewed_at is not None
        model = type(self.instance)
        if len(model.FIELDS) == 1:
            self.instance.field = model.FIELDS[0]  # the one text, not shown
        else:
            self.fields["field"] = forms.ChoiceField(
                label=_("field"), choices=[(name, name) for name in model.FIELDS]
            )

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if cleaned.get("reviewed") and self.instance.reviewed_at is None:
            self.instance.reviewed_at = timezone.now()  # the service names the reviewer
        elif not cleaned.get("reviewed"):
            self.instance.reviewed_at = None
        return cleaned


class TranslationInline(admin.TabularInline):  # type: ignore[type-arg]
    form = TranslationForm
    extra = 0
    fields = [
        "field",
        "language",
        "script",
        "text",
        "origin",
        "translated_by",
        "reviewed",
        "made_by",
    ]
    readonly_fields = ["made_by"]

    @admin.display(description=_("provenance"))
    def made_by(self, row: ContentTranslation) -> str:
        """Marks what a person did not write, so a reader of the form sees it at once."""
        if row.pk is None:
            return ""
        if row.origin == TranslationOrigin.TRANSLITERATION:
            return str(GENERATED)
        if row.origin == TranslationOrigin.MACHINE:
            reviewed = _("reviewed") if row.is_reviewed else _("not reviewed")
            return f"{_('Machine translation')} ({reviewed})"
        return ""


class ClaimTranslationInline(TranslationInline):
    model = ClaimTranslation
    fields = [name for name in TranslationInline.fields if name != "field"]


class EvidenceTranslationInline(TranslationInline):
    model = EvidenceTranslation


class TopicTranslationInline(TranslationInline):
    model = TopicTranslation
    fields = [name for name in TranslationInline.fields if name != "field"]
