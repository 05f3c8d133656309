"""Surrogate keys: the names under which a CDN files a response, so that a purge can drop every
page that shows a record without knowing the pages' addresses.

A page names the records it shows (``claim-7 actor-3 topic-2 ...``); a write names the records it
changed (``purge.py``); the CDN drops every page sharing a key. Pages that list records (the home
page, the indexes, feeds, the sitemap, exports) carry ``LISTS`` instead of one key per row, and
every purge names ``LISTS``: any change may add, remove or reorder a row of some list.

The keys of a page are read from what its view put in the template's context once it is
rendered: the page's own record, lists of records, and whatever those records already have
loaded (prefetched rows, selected foreign keys). Reading them runs no query.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.core.paginator import Page
from django.db.models import Model, QuerySet

# The site-wide key: every page that lists records, every error page, every purge.
LISTS = "lists"
# The records whose pages exist and which other pages show, by model name.
KINDS = frozenset({"claim", "actor", "topic", "statement", "evidence", "source"})
# CDNs cap the header (Fastly and Cloudflare at 16 KB); past this many keys a page is named as
# a list instead (it is then purged by every write, which is always safe).
MAX_KEYS = 300
# How far from the context to look: the page's record, its loaded rows, theirs.
MAX_DEPTH = 3


def key(model: type[Model] | Model, pk: Any) -> str:
    return f"{model._meta.model_name}-{pk}"


def is_named(model: type[Model] | Model) -> bool:
    return model._meta.app_label == "claims" and model._meta.model_name in KINDS


def loaded(instance: Model) -> Iterator[Any]:
    """What ``instance`` holds without a query: selected foreign keys and prefetched rows."""
    yield from instance._state.fields_cache.values()
    yield from getattr(instance, "_prefetched_objects_cache", {}).values()


def items(value: Any) -> Iterable[Any] | None:
    """The members of a list-like context value, if reading them runs no query."""
    if isinstance(value, Page):
        return items(value.object_list)
    if isinstance(value, QuerySet):
        return value._result_cache  # None when never evaluated: left alone
    if isinstance(value, list | tuple | set | frozenset):
        return value
    if isinstance(value, dict):
        return value.values()
    return None


def shown(values: Iterable[Any]) -> set[str]:
    """The keys of the named records among ``values`` and what they have loaded."""
    found: set[str] = set()
    seen: set[int] = set()

    def visit(value: Any, depth: int) -> None:
        if depth > MAX_DEPTH or id(value) in seen or len(found) > MAX_KEYS:
            return
        seen.add(id(value))
        if isinstance(value, Model):
            if is_named(value) and value.pk is not None:
                found.add(key(value, value.pk))
            for related in loaded(value):
                visit(related, depth + 1)
            return
        members = items(value)
        if members is not None:
            for member in members:
                visit(member, depth)

    for value in values:
        visit(value, 0)
    return found


def page_keys(context: dict[str, Any] | None) -> list[str]:
    """A page's keys from its template context: the records it shows, or ``LISTS``."""
    if not context:
        return [LISTS]
    subject = context.get("object")
    found = shown(context.values())
    if len(found) > MAX_KEYS:
        return [LISTS]
    if isinstance(subject, Model) and is_named(subject):
        return sorted(found)
    # A page without a record of its own lists records.
    return [LISTS, *sorted(found)]


def written(instance: Model) -> set[str]:
    """The keys a write to ``instance`` changes: its own, and those of the named records it
    points at (a status change its claim, a name its actor, a statement its speaker). Read from
    the row's foreign key columns: no query."""
    found = {key(instance, instance.pk)} if is_named(instance) else set()
    for field in instance._meta.concrete_fields:
        target = field.related_model
        if field.is_relation and isinstance(target, type) and is_named(target):
            pk = getattr(instance, field.attname)
            if pk is not None:
                found.add(key(target, pk))
    return found
