"""Building the API's representations cheaply, with the output DRF's fields would give.

A list of 50 claims used to spend ~90% of its time in DRF's per-field machinery: a ``reverse()``
per address (1 207 of them), ``inspect.signature`` per method-backed field, a related manager per
prefetched list. Here each serializer works out once how to read each field, and each address
is a template reversed once per request and filled in per row. docs/api.md ("Speed").
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from operator import attrgetter, methodcaller
from typing import Any
from urllib.parse import quote

from django.db import models
from django.db.models.fields.related_descriptors import (
    ForwardManyToOneDescriptor,
    ReverseManyToOneDescriptor,
)
from django.utils.http import RFC3986_SUBDELIMS
from rest_framework import relations, serializers
from rest_framework.fields import SkipField

# Stand-ins for a record's pk and slug while reversing its address once: digits pass every
# converter of our routes (int, slug, DRF's [^/.]+) and appear nowhere else in an address.
SENTINEL_PK = 4711471147114711
SENTINEL_SLUG = "8322832283228322"
# What reverse() leaves unquoted in a path (django.urls.resolvers._reverse_with_prefix).
PATH_SAFE = RFC3986_SUBDELIMS + "/~:@"


class Template:
    """An address with one record's pk or slug in it: ``prefix + value + suffix``."""

    __slots__ = ("attribute", "prefix", "suffix")

    def __init__(self, address: str, attribute: str, sentinel: str) -> None:
        self.attribute = attribute
        self.prefix, self.suffix = address.split(sentinel)

    def fill(self, record: Any) -> str:
        value = quote(str(getattr(record, self.attribute)), safe=PATH_SAFE)
        return f"{self.prefix}{value}{self.suffix}"


def template_from(address: str | None) -> Template | None:
    """The template of an address reversed with the sentinels, or None when neither (or both,
    or one twice) is in it: such an address depends on more than the record's pk or slug."""
    if not address:
        return None
    found = [
        (attribute, sentinel)
        for attribute, sentinel in (("pk", str(SENTINEL_PK)), ("slug", SENTINEL_SLUG))
        if sentinel in address
    ]
    if len(found) != 1 or address.count(found[0][1]) != 1:
        return None
    return Template(address, *found[0])


class StandIn:
    """A record with only the sentinels for a pk and a slug, for ``HyperlinkedIdentityField``."""

    pk = SENTINEL_PK
    slug = SENTINEL_SLUG


def page_template(model: type[models.Model], absolute: Callable[[str], str]) -> Template | None:
    """The template of ``model``'s public pages, from ``get_absolute_url`` of an unsaved record
    holding the sentinels; None when the address needs more (a status change's claim)."""
    record = model()
    record.pk = SENTINEL_PK
    if hasattr(record, "slug"):
        record.slug = SENTINEL_SLUG
    try:
        return template_from(absolute(record.get_absolute_url()))  # type: ignore[attr-defined]
    except (AttributeError, models.ObjectDoesNotExist, ValueError):
        return None


class PerRequest:
    """A value worked out once per request: fields live as long as their serializer, which is
    made per request, but nothing stops a caller from reusing one, so the request is checked."""

    __slots__ = ("request", "value")

    def __init__(self) -> None:
        self.request: object = None
        self.value: Any = None

    def get(self, request: object, compute: Callable[[], Any]) -> Any:
        if self.request is not request:
            self.value, self.request = compute(), request
        return self.value


# Reading a field


Reader = Callable[[Any], Any]


def reader(field: serializers.Field, model: type[models.Model] | None) -> Reader | None:  # type: ignore[type-arg]
    """How to read ``field``'s value from a record directly, or None to let DRF do it.

    The result equals ``field.get_attribute(record)`` for what it covers: the record itself
    (``source="*"``), a column or a forward relation already fetched, a method of the model
    called without arguments (DRF calls it too), a prefetched list.
    """
    if field.source == "*":
        return _itself
    if model is None or len(field.source_attrs) != 1:
        return None
    # A relation field other than a nested serializer may read only the related pk (DRF's
    # PKOnlyObject): leave it to DRF so no related row is fetched.
    if isinstance(field, relations.RelatedField | relations.ManyRelatedField):
        return None
    name: str = field.source_attrs[0]
    static = inspect.getattr_static(model, name, None)
    # get_<field>_display is a partialmethod; DRF calls either without arguments.
    if inspect.isfunction(static) or isinstance(static, functools.partialmethod):
        return methodcaller(name)
    if isinstance(static, ReverseManyToOneDescriptor):  # many-to-many descriptors included
        return _prefetched(name)
    if isinstance(field, serializers.ListSerializer):
        return None
    concrete = {f.name for f in model._meta.concrete_fields}
    if name in concrete or isinstance(static, property | ForwardManyToOneDescriptor):
        return attrgetter(name)
    return None


def _itself(record: Any) -> Any:
    return record


def _prefetched(name: str) -> Reader:
    """The prefetched rows under ``name`` without making a related manager and a queryset per
    record; the manager when nothing was prefetched (DRF's ListSerializer calls ``.all()``)."""

    def read(record: Any) -> Any:
        cache = getattr(record, "_prefetched_objects_cache", None)
        if cache is not None and name in cache:
            return cache[name]
        return getattr(record, name)

    return read


class Plan:
    """Each readable field of a serializer with its direct reader (or None: DRF's way)."""

    __slots__ = ("steps",)

    def __init__(self, serializer: serializers.Serializer[Any]) -> None:
        meta = getattr(serializer, "Meta", None)
        model = getattr(meta, "model", None)
        self.steps = [
            (str(field.field_name), reader(field, model), field)
            for field in serializer._readable_fields
        ]

    def represent(self, record: Any) -> dict[str, Any]:
        """What ``Serializer.to_representation`` returns, field by field."""
        result: dict[str, Any] = {}
        for name, read, field in self.steps:
            if read is None:
                try:
                    value = field.get_attribute(record)
                except SkipField:
                    continue
                if isinstance(value, relations.PKOnlyObject):
                    result[name] = None if value.pk is None else field.to_representation(value)
                    continue
            else:
                value = read(record)
            result[name] = None if value is None else field.to_representation(value)
        return result
