"""Statements: what someone said, quoted from a source (corrected through ``corrections``)."""

from __future__ import annotations

from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from claimtracker.claims import services
from claimtracker.claims.admin.base import AdminEdit, PublicationFilter, is_published
from claimtracker.claims.admin.corrections import CorrectableAdmin
from claimtracker.claims.models import Statement


@admin.register(Statement)
class StatementAdmin(CorrectableAdmin):
    # The correctable form, with the quote's check against the archived source above the buttons
    # (claimtracker/archive, docs/archiving.md).
    change_form_template = "archive/admin/statement_change_form.html"
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

    def write(self, edit: AdminEdit) -> models.Model:
        if edit.change:
            return services.statement_update(
                by=edit.by, statement=edit.record, changes=edit.fields, why=edit.why
            )
        return services.statement_create(by=edit.by, why=edit.why, **edit.fields)
