"""Sources: what every other record cites."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.models import User
from django.db import models

from claimtracker.claims import services
from claimtracker.claims.admin.base import RecordedAdmin
from claimtracker.claims.models import Source


@admin.register(Source)
class SourceAdmin(RecordedAdmin):
    list_display = ["title", "publisher", "published_on", "language", "url"]
    list_filter = ["language"]
    search_fields = ["title", "publisher", "url"]
    readonly_fields = ["created_by", "created_at"]

    def write(
        self,
        *,
        by: User,
        record: Any,
        fields: dict[str, Any],
        rows: dict[type[models.Model], services.RowEdits[Any]],
        change: bool,
        why: str,
    ) -> models.Model:
        if change:
            return services.source_update(by=by, source=record, changes=fields, why=why)
        return services.source_create(by=by, why=why, **fields)
