"""Translations edited inline on the record they translate (claims, evidence, topics), and on
the history entries whose public text they translate (a status change's reason, a correction's
note: ``HistoryTranslationsAdmin``).

The rows go through ``services.translations_apply`` after the record's own service, in the
admin's transaction (``ServiceAdmin.save_related``): for a published record that makes a public
correction with the form's note. Rows written by a machine or by the transliteration are
marked; a curator's own Latin Kazakh row (origin "human") replaces the generated one for good.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth import get_permission_codename
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from claimtracker.claims.admin.base import AdminEdit, ServiceAdmin
from claimtracker.claims.models import (
    ClaimTranslation,
    ContentTranslation,
    Correction,
    CorrectionTranslation,
    EvidenceTranslation,
    StatusChange,
    StatusChangeTranslation,
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


def is_public_history(entry: StatusChange | Correction) -> bool:
    """Whether readers see ``entry``: a status change once its claim is published; a correction
    always (only published records are corrected). Runs a query for a status change."""
    if isinstance(entry, StatusChange):
        return entry.claim.is_published
    return True


def may_correct(request: HttpRequest, entry: Any) -> bool:
    """Translating a public entry is a public correction: fact-checkers and editors only."""
    return (
        entry is None
        or not is_public_history(entry)
        or request.user.has_perm("claims.add_correction")
    )


class HistoryTranslationInline(TranslationInline):
    """The translations of a history entry's one public text. Editable only by those who may
    write them, so a journalist sees a published claim's reasons read-only, with no Save."""

    fields = [name for name in TranslationInline.fields if name != "field"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_correct(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_correct(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_correct(request, obj) and super().has_delete_permission(request, obj)


class StatusChangeTranslationInline(HistoryTranslationInline):
    model = StatusChangeTranslation


class CorrectionTranslationInline(HistoryTranslationInline):
    model = CorrectionTranslation


class HistoryTranslationsAdmin(ServiceAdmin):
    """A history entry (a status change, a correction) shown read-only, with the translations
    of its public text editable inline.

    The entry itself never changes (no role may, and the database refuses it); only its
    translations are written, by ``services.translations_apply`` as on every other record. Once
    the entry is public, each write is a public correction of the record it is about: the form
    asks for the note, and the service refuses it without one.
    """

    # The entry has no audit trail of its own (its translations do): keep the admin's log.
    history_view = admin.ModelAdmin.history_view
    # The description of the correction note on a public entry's form.
    correction_description: Any = ""

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """Changing means translating: whoever may write the entry's translations."""
        model = self.inlines[0].model._meta
        may_translate = any(
            request.user.has_perm(f"{model.app_label}.{get_permission_codename(action, model)}")
            for action in ("add", "change", "delete")
        )
        return may_translate and may_correct(request, obj)

    def corrects(self, obj: Any) -> bool:
        return obj is not None and is_public_history(obj)

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        # The form's own, with a note that says what a correction here is about.
        fieldsets = list(admin.ModelAdmin.get_fieldsets(self, request, obj))
        if self.corrects(obj):
            fieldsets.append(
                (
                    _("Correction"),
                    {"fields": ["correction_note"], "description": self.correction_description},
                )
            )
        return fieldsets

    def write(self, edit: AdminEdit) -> Any:
        if edit.fields or any(edit.rows.values()):
            raise PermissionDenied  # history is written once, by its own service
        return edit.record  # nothing but translations (written after this) to save
