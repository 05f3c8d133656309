"""Sources: what every other record cites."""

from __future__ import annotations

from django.contrib import admin
from django.db import models

from claimtracker.claims import services
from claimtracker.claims.admin.base import AdminEdit, RecordedAdmin
from claimtracker.claims.models import Source


@admin.register(Source)
class SourceAdmin(RecordedAdmin):
    list_display = ["title", "publisher", "published_on", "language", "url"]
    list_filter = ["language"]
    search_fields = ["title", "publisher", "url"]
    readonly_fields = ["created_by", "created_at"]

    def write(self, edit: AdminEdit) -> models.Model:
        if edit.change:
            return services.source_update(
                by=edit.by, source=edit.record, changes=edit.fields, why=edit.why
            )
        return services.source_create(by=edit.by, why=edit.why, **edit.fields)
