"""The audit trail: who changed which record, when and why (django-pghistory).

Every insert, update and delete of a curated row fires a PostgreSQL trigger that copies the row
into its event table (``<Model>Event``, declared with ``@pghistory.track`` on each model), with
the context of the write in the same row: the account (``user``), the address it came through
(``url``), the reason (``why``) and, for management commands, the ``command``. Event tables are
append-only: a trigger refuses UPDATE and DELETE (``PGHISTORY_APPEND_ONLY``), and in production
the application's database role is not granted either (docs/operations.md). pghistory attaches
the context by prefixing each statement with ``set_config()``.
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pghistory
from django.contrib.auth.models import User
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from pghistory.middleware import HistoryMiddleware


@contextlib.contextmanager
def context(**metadata: Any) -> Iterator[None]:
    """Attach ``metadata`` (who, why, command) to every write inside.

    Nested inside a request's context, the metadata is added to it for the writes that follow.
    """
    with pghistory.context(**metadata):
        yield


def attach(**metadata: Any) -> None:
    """Add ``metadata`` to the context already entered (a request's); no-op outside one."""
    pghistory.context(**metadata)


class AuditMiddleware(HistoryMiddleware):
    """pghistory's middleware (user and URL of every write), typed."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        super().__init__(get_response)  # type: ignore[no-untyped-call]

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response: HttpResponse = super().__call__(request)  # type: ignore[no-untyped-call]
        return response


def command_context(name: str) -> contextlib.AbstractContextManager[None]:
    """The context of a management command's writes: ``with audit.command_context(__name__)``."""
    return context(command=name.rsplit(".", 1)[-1])


# Reading the trail


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: str
    after: str


@dataclass
class HistoryEntry:
    """One event as curators read it: what happened to which row, by whom, why, and the diff."""

    when: datetime.datetime
    event_id: int
    label: str  # insert, update, delete, or e.g. "statement.add" for a claim's statements
    what: str  # the kind of row: "statement", "actor name", ...
    row_id: Any
    user_id: int | None
    why: str
    url: str
    command: str
    changes: list[FieldChange] = field(default_factory=list)
    user: User | None = None

    @property
    def who(self) -> str:
        if self.user is not None:
            return self.user.get_username()
        if self.command:
            return str(_("command %(name)s") % {"name": self.command})
        return str(_("unknown (no context recorded)"))


SKIPPED = {"search_key", "updated_at"}


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _snapshot(event: models.Model, names: list[str]) -> dict[str, str]:
    return {name: _text(getattr(event, name)) for name in names}


def _field_names(event_model: type[models.Model]) -> list[tuple[str, str]]:
    tracked = event_model.pgh_tracked_model  # type: ignore[attr-defined]
    tracked_names = {f.attname for f in tracked._meta.concrete_fields}
    return [
        (f.attname, str(f.verbose_name))
        for f in event_model._meta.concrete_fields
        if f.attname in tracked_names and f.name not in SKIPPED
    ]


def events_of(event_model: type[models.Model], what: str, **filters: Any) -> list[HistoryEntry]:
    """The events of ``event_model`` matching ``filters``, oldest first, each with its diff
    against the previous event of the same row. One query."""
    names = _field_names(event_model)
    attnames = [name for name, _label in names]
    labels = dict(names)
    entries = []
    previous: dict[Any, dict[str, str]] = {}
    events = event_model.objects.filter(**filters).order_by("pgh_id")  # type: ignore[attr-defined]
    for event in events:
        row_id = getattr(event, "pgh_obj_id", None) or getattr(event, "id", None)
        now = _snapshot(event, attnames)
        before = previous.get(row_id)
        if event.pgh_label == "delete" or event.pgh_label.endswith(".remove"):
            changes = [FieldChange(labels[n], now[n], "") for n in attnames if now[n]]
        elif before is None:
            changes = [FieldChange(labels[n], "", now[n]) for n in attnames if now[n]]
        else:
            changes = [
                FieldChange(labels[n], before[n], now[n]) for n in attnames if before[n] != now[n]
            ]
        previous[row_id] = now
        metadata = event.pgh_context or {}
        entries.append(
            HistoryEntry(
                when=event.pgh_created_at,
                event_id=event.pgh_id,
                label=event.pgh_label,
                what=what,
                row_id=row_id,
                user_id=metadata.get("user"),
                why=str(metadata.get("why", "")),
                url=str(metadata.get("url", "")),
                command=str(metadata.get("command", "")),
                changes=changes,
            )
        )
    return entries


def history_of(obj: models.Model) -> list[HistoryEntry]:
    """Every event of ``obj`` and of the rows that belong to it (names, roles, links),
    newest first, with the accounts resolved. A fixed number of queries per record type."""
    from claimtracker.claims.models import audit_sources

    entries: list[HistoryEntry] = []
    for event_model, what, lookup in audit_sources(type(obj)):
        entries += events_of(event_model, what, **{lookup: obj.pk})
    users = User.objects.in_bulk({e.user_id for e in entries if e.user_id is not None})
    for entry in entries:
        entry.user = users.get(entry.user_id) if entry.user_id is not None else None
    # Events of one transaction share its time: their ids keep them in order.
    return sorted(entries, key=lambda e: (e.when, e.event_id), reverse=True)
