"""Topics and their names in other languages."""

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
from claimtracker.claims.admin.translations import TopicTranslationInline
from claimtracker.claims.models import Topic, TopicName


class TopicNameInline(admin.TabularInline):  # type: ignore[type-arg]
    model = TopicName
    extra = 1
    autocomplete_fields = ["source"]


@admin.register(Topic)
class TopicAdmin(PublishableAdmin):
    list_display = ["name", "slug", is_published]
    list_filter = [PublicationFilter]
    search_fields = ["name", "slug", "names__value"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TopicNameInline, TopicTranslationInline]

    def write(self, edit: AdminEdit) -> models.Model:
        names = edit.rows.get(TopicName, services.RowEdits())
        if edit.change:
            return services.topic_update(
                by=edit.by,
                topic=edit.record,
                changes=edit.fields,
                names=names,
                why=edit.why,
                correction_note=edit.correction_note,
            )
        return services.topic_create(by=edit.by, names=names, why=edit.why, **edit.fields)
