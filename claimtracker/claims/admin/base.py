"""What every curation admin shares: the audit history page, and writes through services.

An admin never saves a record itself. ``ServiceAdmin.save_related`` hands the form's cleaned
data and its inline formsets' edits to the entity's service (``write``), which checks the role,
validates and saves the record with its rows, inside the admin's own transaction. A refusal
the form could not foresee comes back as an error on the form, as the API answers it with 400.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import unquote
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import QuerySet
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _

from claimtracker.claims import audit, services
from claimtracker.claims.models import ContentTranslation
from claimtracker.claims.models.base import Publishable


def curator(request: HttpRequest) -> User:
    """The signed-in account making a change (the admin only lets staff this far)."""
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def error_to_dict(error: ValidationError) -> dict[str | None, list[str]]:
    if hasattr(error, "error_dict"):
        return {
            None if field == "__all__" else field: msgs
            for field, msgs in error.message_dict.items()
        }
    return {None: error.messages}


def add_errors(form: BaseForm, error: ValidationError) -> None:
    """A service's refusal on the form: next to the field it names, else above the form."""
    for field, field_errors in error_to_dict(error).items():
        form.add_error(field if field in form.fields else None, field_errors)


def change_in_words(message: list[dict[str, Any]] | str) -> str:
    """The admin's change message as its history page words it ("Changed quote.")."""
    return LogEntry(change_message=json.dumps(message)).get_change_message()


def row_edits(formset: Any) -> services.RowEdits[Any]:
    """What an inline formset adds, changes and removes, as the services take it.

    Decided row by row exactly as ``BaseModelFormSet.save()`` decides, and recorded on the
    formset as ``save()`` would, for the admin's change message.
    """
    removed, changed, added = [], [], []
    for form in formset.initial_forms:
        if form.instance.pk is None:
            continue
        if form in formset.deleted_forms:
            removed.append(form.instance)
        elif form.has_changed():
            changed.append((form.instance, form.changed_data))
    for form in formset.extra_forms:
        if form.has_changed() and not (formset.can_delete and formset._should_delete_form(form)):
            added.append(form.instance)
    formset.deleted_objects, formset.changed_objects, formset.new_objects = removed, changed, added
    return services.RowEdits(
        added=added, changed=[row for row, _fields in changed], removed=removed
    )


# Set on a request whose write a service refused, for the form drawn again with the refusal.
REFUSAL = "_claimtracker_service_refusal"


class AuditHistoryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """The "History" link of each change form shows the audit trail (``audit.py``).

    Each event of the record and of the rows edited with it (names, roles, links): who, when,
    why and what changed, field by field. Every admin write says why: the change message of
    the form, or the note of a correction.
    """

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(  # type: ignore[attr-defined,no-any-return]
                request, self.opts, object_id
            )
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": _("History: %(record)s") % {"record": obj},
            "subtitle": None,
            "object": obj,
            "opts": self.opts,
            "entries": audit.history_of(obj),
            "preserved_filters": self.get_preserved_filters(request),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/claims/audit_history.html", context)


@dataclass(frozen=True)
class AdminEdit:
    """What one save of an admin form asks the record's service to write."""

    by: User
    record: Any  # the form's instance, not yet saved when adding
    fields: dict[str, Any]  # the model fields the form changed (every field when adding)
    rows: dict[type[models.Model], services.RowEdits[Any]]  # each inline's edits, by kind of row
    change: bool
    why: str
    correction_note: str = ""  # the public note, when the edit corrects a published record


class CorrectionNoteForm(forms.ModelForm):  # type: ignore[type-arg]
    """A change form that may correct a published record: the public note goes with it."""

    correction_note = forms.CharField(
        label=_("Public correction note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Required when you change a published record: readers see this note, the date and "
            "each part before and after, on the record's page and on the corrections page."
        ),
    )


CORRECTION_FIELDSET: Any = (
    _("Correction"),
    {
        "fields": ["correction_note"],
        "description": _(
            "This record is published. Saving a change publishes a correction with your note."
        ),
    },
)


class ServiceAdmin(AuditHistoryAdmin):
    """Every write of this admin goes through the record's service: each subclass's ``write``
    creates the record from ``edit.fields`` or, when ``edit.change``, applies them."""

    write: Callable[[AdminEdit], models.Model]

    def corrects(self, obj: Any) -> bool:
        """Whether saving ``obj``'s change form corrects a published record (the form then
        asks for the public note). ``obj`` itself by default; a row's record where the row is
        part of one (a post of an actor, an evidence link of a claim). ``obj`` is None on an
        add form."""
        return isinstance(obj, Publishable) and obj.is_published

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        fieldsets = list(super().get_fieldsets(request, obj))
        if self.corrects(obj):
            fieldsets.append(CORRECTION_FIELDSET)
        return fieldsets

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        if self.corrects(obj):
            kwargs["form"] = type(
                "CorrectionForm", (CorrectionNoteForm, kwargs.get("form", self.form)), {}
            )
        return self._refusal_form(request, super().get_form(request, obj, change, **kwargs))

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        """Nothing yet: the record is written with its inline rows, in ``save_related``."""

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        why = change_in_words(self.construct_change_message(request, form, [], not change))
        # The inline rows are written with the record: name them in the reason too.
        edited = [
            str(formset.model._meta.verbose_name_plural)
            for formset in formsets
            if formset.has_changed()
        ]
        if edited:
            why = f"{why} " + str(_("Edited: %(parts)s.") % {"parts": ", ".join(edited)})
        model_fields = {field.name for field in self.opts.get_fields()}
        names = form.changed_data if change else form.cleaned_data
        rows = {formset.model: row_edits(formset) for formset in formsets}
        # Translations are written after the record, by their own service (admin/translations.py).
        translations = {
            model: rows.pop(model) for model in list(rows) if issubclass(model, ContentTranslation)
        }
        fields = {name: form.cleaned_data[name] for name in names if name in model_fields}
        correction_note = form.cleaned_data.get("correction_note", "")
        saved = form.instance
        if not change or fields or any(rows.values()) or not any(translations.values()):
            saved = self.write(
                AdminEdit(
                    by=curator(request),
                    record=form.instance,
                    fields=fields,
                    rows=rows,
                    change=change,
                    why=why,
                    correction_note=correction_note,
                )
            )
        for edits in translations.values():
            services.translations_apply(
                by=curator(request),
                record=saved,
                edits=edits,
                correction_note=correction_note,
                why=why,
            )
        if saved is not form.instance:
            # The admin logs the new record and redirects to it: give it the saved row.
            for field in self.opts.concrete_fields:
                setattr(form.instance, field.attname, getattr(saved, field.attname))
            form.instance._state.adding = False
            form.instance._state.db = saved._state.db

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as error:
            if request.method != "POST" or hasattr(request, REFUSAL):
                raise
            # The transaction rolled back; draw the form again with the service's refusal.
            setattr(request, REFUSAL, error)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def _refusal_form(self, request: HttpRequest, form_class: Any) -> Any:
        if not hasattr(request, REFUSAL):
            return form_class
        refusal: ValidationError = getattr(request, REFUSAL)

        class Refused(form_class):  # type: ignore[misc]
            def _post_clean(self) -> None:
                super()._post_clean()
                add_errors(self, refusal)

        return Refused

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        services.record_delete(by=curator(request), record=obj, why=str(_("Deleted in the admin.")))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for record in queryset:
            self.delete_model(request, record)


class RecordedAdmin(ServiceAdmin):
    """A slug is part of a public address, so it is fixed once the record exists.

    Who entered each record and each row added in its inlines is set by the services.
    """

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fields = tuple(super().get_readonly_fields(request, obj))
        if obj is not None and hasattr(obj, "slug"):
            fields = ("slug", *fields)
        return fields

    def get_prepopulated_fields(self, request: HttpRequest, obj: Any = None) -> dict[str, Any]:
        return {} if obj is not None else super().get_prepopulated_fields(request, obj)


class PublicationFilter(admin.SimpleListFilter):
    title = _("publication")
    parameter_name = "published"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("yes", str(_("Published"))), ("no", str(_("Draft")))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == "yes":
            return queryset.published()  # type: ignore[attr-defined,no-any-return]
        if self.value() == "no":
            return queryset.drafts()  # type: ignore[attr-defined,no-any-return]
        return queryset


@admin.display(description=_("published"), boolean=True)
def is_published(obj: Publishable) -> bool:
    return obj.is_published


class PublishableAdmin(RecordedAdmin):
    """Drafts are edited freely. A published record is changed by fact-checkers and editors
    only, each change a public correction with a note, and it is never deleted. "Publish"
    shows the drafts the record cites and publishes them with it."""

    actions = ["publish_selected"]
    change_form_template = "admin/claims/publishable_change_form.html"

    def view_on_site(self, obj: Publishable) -> str | None:
        # A draft has no public page yet.
        return obj.get_absolute_url() if obj.is_published else None  # type: ignore[attr-defined]

    readonly_fields: ClassVar[tuple[str, ...]] = ("published_at", "published_by")

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("claims.publish_records")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if (
            obj is not None
            and obj.is_published
            and not request.user.has_perm("claims.add_correction")
        ):
            return False
        return super().has_change_permission(request, obj)

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        extra_context = {
            **(extra_context or {}),
            "may_publish": self.has_publish_permission(request),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self) -> list[URLPattern]:
        return [
            path(
                "<int:object_id>/publish/",
                self.admin_site.admin_view(self.publish_view),
                name=f"{self.opts.app_label}_{self.opts.model_name}_publish",
            ),
            *super().get_urls(),
        ]

    def publish_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        """GET lists what publishing the record publishes; POST publishes it all at once."""
        if not self.has_publish_permission(request):
            raise PermissionDenied
        record = get_object_or_404(self.model, pk=object_id)
        change_page = reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[record.pk]
        )
        error = None
        if request.method == "POST":
            try:
                services.record_publish(by=curator(request), record=record)
            except ValidationError as refusal:
                error = refusal
            else:
                self.message_user(request, _("Published."), messages.SUCCESS)
                return HttpResponseRedirect(change_page)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Publish: %(record)s") % {"record": record},
            "opts": self.opts,
            "original": record,
            "drafts": [
                (draft._meta.verbose_name, draft)
                for draft in services.drafts_published_with(record)
            ],
            "errors": error.messages if error else [],
            "change_page": change_page,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/claims/publish.html", context)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.is_published:
            return False
        return super().has_delete_permission(request, obj)

    @admin.action(
        description=_("Publish selected records, with the drafts they cite"),
        permissions=["publish"],
    )
    def publish_selected(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        drafts = list(queryset.drafts())  # type: ignore[attr-defined]
        try:
            with transaction.atomic():
                for record in drafts:
                    services.record_publish(by=curator(request), record=record)
        except ValidationError as refusal:
            self.message_user(request, " ".join(refusal.messages), messages.ERROR)
            return
        self.message_user(
            request, _("Published %(count)d record(s).") % {"count": len(drafts)}, messages.SUCCESS
        )
