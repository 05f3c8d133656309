"""Topics and their names in other languages."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.models import User
from django.db import models

from claimtracker.claims import services
from claimtracker.claims.admin.base import RecordedAdmin
from claimtracker.claims.models import Topic, TopicName


class TopicNameInline(admin.TabularInline):  # type: ignore[type-arg]
    model = TopicName
    extra = 1
    autocomplete_fields = ["source"]


@admin.register(Topic)
class TopicAdmin(RecordedAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug", "names__value"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TopicNameInline]

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
        names = rows.get(TopicName, services.RowEdits())
        if change:
            return services.topic_update(by=by, topic=record, changes=fields, names=names, why=why)
        return services.topic_create(by=by, names=names, why=why, **fields)
