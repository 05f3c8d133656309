"""Actors with their names, roles and family ties; roles on their own."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest

from claimtracker.claims import services
from claimtracker.claims.admin.base import (
    AdminEdit,
    PublicationFilter,
    PublishableAdmin,
    RecordedAdmin,
    is_published,
)
from claimtracker.claims.models import Actor, ActorName, ActorRelation, ActorRole


class ActorNameFormSet(BaseInlineFormSet):  # type: ignore[type-arg]
    def clean(self) -> None:
        super().clean()
        # The service's rule, checked here too so the error shows next to the names.
        services.require_one_primary_name(
            str(form.cleaned_data.get("kind"))
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE", False)
        )


class ActorNameInline(admin.TabularInline):  # type: ignore[type-arg]
    model = ActorName
    formset = ActorNameFormSet
    extra = 1
    autocomplete_fields = ["source"]


class ActorRoleInline(admin.TabularInline):  # type: ignore[type-arg]
    model = ActorRole
    fk_name = "actor"
    extra = 0
    fields = ["title", "organisation", "start", "end", "note", "source"]
    autocomplete_fields = ["organisation", "source"]


class ActorRelationInline(admin.TabularInline):  # type: ignore[type-arg]
    model = ActorRelation
    fk_name = "subject"
    extra = 0
    fields = ["kind", "other", "source"]
    autocomplete_fields = ["other", "source"]


@admin.register(Actor)
class ActorAdmin(PublishableAdmin):
    list_display = ["__str__", "kind", "slug", is_published]
    list_filter = [PublicationFilter, "kind"]
    search_fields = ["slug", "names__value"]
    inlines = [ActorNameInline, ActorRoleInline, ActorRelationInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Actor]:
        # The list shows each actor's display name, chosen among its names.
        return super().get_queryset(request).prefetch_related("names")

    def write(self, edit: AdminEdit) -> models.Model:
        names = edit.rows.get(ActorName, services.RowEdits())
        roles = edit.rows.get(ActorRole, services.RowEdits())
        relations = edit.rows.get(ActorRelation, services.RowEdits())
        if edit.change:
            return services.actor_update(
                by=edit.by,
                actor=edit.record,
                changes=edit.fields,
                names=names,
                roles=roles,
                relations=relations,
                why=edit.why,
                correction_note=edit.correction_note,
            )
        return services.actor_create(
            by=edit.by, names=names, roles=roles, relations=relations, why=edit.why, **edit.fields
        )


@admin.register(ActorRole)
class ActorRoleAdmin(RecordedAdmin):
    list_display = ["actor", "title", "organisation", "start", "end"]
    list_select_related = ["actor", "organisation"]
    search_fields = ["title", "actor__names__value", "actor__slug"]
    autocomplete_fields = ["actor", "organisation", "source"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[ActorRole]:
        # Each row names the actor and the organisation, chosen among their names.
        return super().get_queryset(request).prefetch_related("actor__names", "organisation__names")

    def corrects(self, obj: Any) -> bool:
        # A new row may be added to a published record: its form asks for the note, which
        # the service requires only then.
        return obj is None or bool(obj.actor.is_published)

    def write(self, edit: AdminEdit) -> models.Model:
        if edit.change:
            return services.actor_role_update(
                by=edit.by,
                role=edit.record,
                changes=edit.fields,
                why=edit.why,
                correction_note=edit.correction_note,
            )
        return services.actor_role_create(
            by=edit.by, why=edit.why, correction_note=edit.correction_note, **edit.fields
        )
