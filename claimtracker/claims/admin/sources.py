"""Sources: what every other record cites."""

from __future__ import annotations

from django.contrib import admin
from django.db import models

from claimtracker.claims import services
from claimtracker.claims.admin.base import (
    AdminEdit,
    PublicationFilter,
    PublishableAdmin,
    is_published,
)
from claimtracker.claims.models import Source


@admin.register(Source)
class SourceAdmin(PublishableAdmin):
    list_display = ["title", "publisher", "published_on", "language", "url", is_published]
    list_filter = [PublicationFilter, "language"]
    search_fields = ["title", "publisher", "url"]
    readonly_fields = ("created_by", "created_at", "published_at", "published_by")

    def write(self, edit: AdminEdit) -> models.Model:
        if edit.change:
            return services.source_update(
                by=edit.by,
                source=edit.record,
                changes=edit.fields,
                why=edit.why,
                correction_note=edit.correction_note,
            )
        return services.source_create(by=edit.by, why=edit.why, **edit.fields)
