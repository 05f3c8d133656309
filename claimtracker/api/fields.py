"""The API's field machinery: how one value reads on the wire.

Partial dates as ISO text, choices as named enums, "no status" as null, public pages and
filtered lists as absolute addresses; ``ReadSerializer`` maps model fields onto these. The
conventions they follow are in docs/api.md ("Records", "Conventions").
"""

from __future__ import annotations

import functools
from typing import Any, ClassVar
from urllib.parse import urlencode

from django.db import models
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from claimtracker.api import lean
from claimtracker.claims import dates
from claimtracker.claims import models as domain
from claimtracker.i18n.languages import unprefixed

# Help for model fields whose help_text is written for curators, by field name.
API_HELP = {
    "slug": "The record's stable identifier, also used in its public address.",
    "published_at": "When it was published; null for a draft (only curators see drafts).",
}
# Help for model fields that have none, by field name.
FIELD_HELP = {
    "id": "The record's id: stable, use it to refer to the record.",
    "script": "The script the name is written in (ISO 15924).",
    "recorded_at": "When the change was recorded.",
    "status_changed_at": "When the status last changed; null with no status.",
    "occurred_on_wording": "The source's own words for when, e.g. “in September”.",
    "occurred_not_after": "Latest possible date when the exact one is unknown.",
    "translation_language": "Language of the translation (BCP 47); empty with no translation.",
    "description": "A sentence or two for readers, from the cited sources.",
}


@extend_schema_field(
    {
        "type": "string",
        "pattern": dates.ISO_REDUCED_SQL,
        "example": "2023-04",
        "description": "ISO 8601 at the precision the source gives: 2023, 2023-04 or 2023-04-17.",
    }
)
class PartialDateField(serializers.CharField):
    """A date at the precision the source gives it, as ISO 8601 reduced precision text."""

    def to_representation(self, value: Any) -> str:
        return str(value.isoformat())

    def to_internal_value(self, data: Any) -> dates.PartialDate:  # type: ignore[override]
        text = super().to_internal_value(data)
        try:
            return dates.PartialDate.parse(text)
        except ValueError as error:
            raise serializers.ValidationError(str(error), code="invalid_partial_date") from None


class EnumField(serializers.ChoiceField):
    """A choice among a ``TextChoices`` class, documented as one enum named after it
    (``openapi.EnumFieldExtension``)."""

    def __init__(self, enum: type[models.TextChoices], **kwargs: Any) -> None:
        self.enum = enum
        kwargs["choices"] = enum.choices
        super().__init__(**kwargs)


# Model fields with these choices serialize as an EnumField of the class.
ENUMS: dict[tuple[str, ...], type[models.TextChoices]] = {
    tuple(enum.values): enum
    for enum in (
        domain.ActorKind,
        domain.ClaimStatus,
        domain.EvidenceKind,
        domain.NameKind,
        domain.QuoteMode,
        domain.RelationKind,
        domain.Script,
        domain.Stance,
    )
}


class StatusField(EnumField):
    """A status code, or null for "no status": nobody has assessed it, which is not unconfirmed."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(domain.ClaimStatus, allow_null=True, read_only=True, **kwargs)

    def to_representation(self, value: str) -> Any:
        return value or None


@extend_schema_field(OpenApiTypes.URI)
class PageUrlField(serializers.Field):  # type: ignore[type-arg]
    """The absolute address of the record's public page (``get_absolute_url``)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "help_text",
            "The record's public page, for linking a reader to it. Public pages show published "
            "records only.",
        )
        super().__init__(source="*", read_only=True, **kwargs)
        self.templates = lean.PerRequest()

    def to_representation(self, value: models.Model) -> str:
        request = self.context["request"]

        def absolute(address: str) -> str:
            # The address without a language prefix: the same whatever language the client
            # asks in, and as it was before the prefixes; it answers 301 to the English page
            # (docs/i18n.md). A client can put /ru/, /kk/ or /kk-latn/ in front of its path.
            return str(request.build_absolute_uri(unprefixed(address)))

        # One template per model and request rather than a reverse() per record (lean.py).
        templates: dict[type[models.Model], lean.Template | None] = self.templates.get(
            request, dict
        )
        model = type(value)
        if model not in templates:
            templates[model] = lean.page_template(model, absolute)
        template = templates[model]
        if template is None:
            return absolute(value.get_absolute_url())  # type: ignore[attr-defined]
        return template.fill(value)


@extend_schema_field(OpenApiTypes.URI)
class FilteredListUrlField(serializers.Field):  # type: ignore[type-arg]
    """The API list of related records, e.g. ``/api/v1/statements/?actor=<slug>``."""

    def __init__(self, view_name: str, parameter: str, lookup: str, **kwargs: Any) -> None:
        self.view_name, self.parameter, self.lookup = view_name, parameter, lookup
        self.address = lean.PerRequest()
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value: models.Model) -> str:
        request = self.context["request"]
        address = self.address.get(request, lambda: reverse(self.view_name, request=request))
        return f"{address}?{urlencode({self.parameter: getattr(value, self.lookup)})}"


class OptionalUrlField(serializers.URLField):
    """A web address, or null where the model stores none as ""."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(allow_null=True, read_only=True, **kwargs)

    def to_representation(self, value: str) -> Any:
        return value or None


# Fields several serializers declare alike


class RecordUrlField(serializers.HyperlinkedIdentityField):
    """``HyperlinkedIdentityField`` with its address reversed once per request and format,
    then filled in per record (lean.py): the same addresses, without a reverse() each."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.templates = lean.PerRequest()

    def get_url(self, obj: Any, view_name: str, request: Any, format: str | None) -> Any:
        if obj.pk in (None, ""):  # DRF's answer for an unsaved record
            return None
        templates: dict[tuple[str, str | None], lean.Template | None] = self.templates.get(
            request, dict
        )
        key = (view_name, format)
        if key not in templates:
            stand_in: Any = lean.StandIn()  # stands for the record: a pk and a slug
            templates[key] = lean.template_from(
                super().get_url(stand_in, view_name, request, format)
            )
        template = templates[key]
        if template is None or template.attribute != self.lookup_field:
            return super().get_url(obj, view_name, request, format)
        return template.fill(obj)


def api_url(view_name: str, lookup_field: str = "pk") -> serializers.HyperlinkedIdentityField:
    """The record's own API address."""
    return RecordUrlField(
        view_name=f"api:{view_name}-detail",
        lookup_field=lookup_field,
        help_text="This record in the API.",
    )


def label(source: str, help_text: str) -> serializers.CharField:
    """Words the record gives (``source``, an attribute or a method), as a read-only string."""
    return serializers.CharField(source=source, read_only=True, help_text=help_text)


@functools.cache
def _choice_words(model: type[models.Model], field_name: str) -> dict[Any, Any]:
    field = model._meta.get_field(field_name)
    if not isinstance(field, models.Field):
        raise TypeError(f"{model.__name__}.{field_name} is a relation, not a column with choices")
    # The labels stay lazy: each is put in the request's language when it is read.
    return dict(field.flatchoices)


def choice_words(record: models.Model, field_name: str) -> str:
    """What ``record.get_<field_name>_display()`` returns, read from a table made once.

    Django's method makes its table on every call and hashes each choice's label on the way,
    which translates every label: about 50 µs a call, most of the time of an API page of claims
    with their evidence and history (hundreds of labels).
    """
    value = getattr(record, field_name)
    return str(_choice_words(type(record), field_name).get(value, value))


class ChoiceLabelField(serializers.CharField):
    """A choice's words (``choice_words``), read from the code in ``field_name``."""

    def __init__(self, field_name: str, **kwargs: Any) -> None:
        super().__init__(source=field_name, read_only=True, **kwargs)

    def bind(self, field_name: str, parent: serializers.BaseSerializer[Any]) -> None:
        super().bind(field_name, parent)
        self.words = _choice_words(parent.Meta.model, self.source)  # type: ignore[attr-defined]

    def to_representation(self, value: Any) -> str:
        return str(self.words.get(value, value))


def choice_label(field_name: str, help_text: str) -> ChoiceLabelField:
    """A choice's words next to its code: ``kind_label`` next to ``kind``."""
    return ChoiceLabelField(field_name, help_text=help_text)


def actor_name() -> serializers.CharField:
    return label(
        "display_name",
        "The actor's name in the request's language (Accept-Language: en, kk or ru) if one is "
        "recorded, else the primary name.",
    )


def topic_name() -> serializers.CharField:
    return label(
        "display_name",
        "The topic's name in the request's language if one is recorded, else the English name.",
    )


def web_url() -> OptionalUrlField:
    return OptionalUrlField(
        source="url",
        help_text="Where the source is published on the web; null for print or offline sources.",
    )


def current_status() -> StatusField:
    return StatusField(
        help_text="The current status; null when nobody has assessed the claim yet, which is "
        "not the same as unconfirmed."
    )


def current_status_label() -> serializers.CharField:
    return serializers.CharField(
        read_only=True, help_text="The current status in words, e.g. “Disputed”, “No status yet”."
    )


class ReadSerializer[M: models.Model](serializers.ModelSerializer[M]):
    """The base of every read serializer: the fields in ``Meta.fields``, all read-only, with the
    models' ``help_text`` (or ``FIELD_HELP``) as documentation and partial dates as ISO text."""

    serializer_field_mapping: ClassVar[dict[Any, Any]] = {
        **serializers.ModelSerializer.serializer_field_mapping,
        dates.PartialDateField: PartialDateField,
    }

    def build_standard_field(
        self, field_name: str, model_field: models.Field[Any, Any]
    ) -> tuple[type[serializers.Field], dict[str, Any]]:  # type: ignore[type-arg]
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        if field_name in API_HELP:
            kwargs["help_text"] = API_HELP[field_name]
        elif field_name in FIELD_HELP and not kwargs.get("help_text"):
            kwargs["help_text"] = FIELD_HELP[field_name]
        enum = ENUMS.get(tuple(value for value, _label in model_field.choices or ()))
        if enum is not None:
            kwargs.pop("choices")
            return EnumField, {**kwargs, "enum": enum}
        return field_class, kwargs

    def get_extra_kwargs(self) -> dict[str, Any]:
        extra = super().get_extra_kwargs()
        for name in self.Meta.fields:
            extra.setdefault(name, {})["read_only"] = True
        return extra

    def to_representation(self, instance: M) -> dict[str, Any]:
        # DRF's result, read the cheap way where it can be (lean.py); worked out once per
        # serializer, which a list reuses for every row.
        plan = self.__dict__.get("_lean_plan")
        if plan is None:
            plan = self.__dict__["_lean_plan"] = lean.Plan(self)
        return plan.represent(instance)
