"""Corrections: a published record changes only in public, with a note.

Two ways in, one rule. ``record_correct`` and ``record_withdraw`` correct or withdraw a
published statement or evidence item field by field (their "Correct" and "Withdraw" pages and
API actions). The update services of claims, sources, actors and topics edit a published
record inside ``correcting``, with the rows that make it up (a claim's statements, topics and
evidence links; an actor's names, posts and family ties; a topic's names). Either way the
``Correction`` is written first, so the database lets the edit through (``models/frozen.py``),
and completed after it with what changed, read back from the rows themselves.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from claimtracker.archive.services import quote_check_on_commit
from claimtracker.claims import chain
from claimtracker.claims.models import (
    Actor,
    Claim,
    Correction,
    CorrectionKind,
    Evidence,
    Source,
    Statement,
    Topic,
)
from claimtracker.claims.models.base import Publishable
from claimtracker.claims.services.common import apply_changes, require_permission, writing
from claimtracker.claims.services.publishing import publish_cited

# The fields a correction may edit; who entered a record and when it was published stay, and
# a slug, part of a public address, never changes.
CORRECTABLE: dict[type[Publishable], tuple[str, ...]] = {
    Statement: (
        "speaker",
        "speaker_role",
        "mode",
        "quote",
        "language",
        "translation",
        "translation_language",
        "context",
        "stated_on",
        "stated_on_wording",
        "stated_not_after",
        "place",
        "source",
        "first_appearance",
    ),
    Evidence: (
        "kind",
        "title",
        "summary",
        "occurred_on",
        "occurred_on_wording",
        "occurred_not_after",
        "source",
    ),
    Claim: ("text",),
    Source: (
        "title",
        "publisher",
        "author",
        "published_on",
        "language",
        "url",
        "archive_url",
        "accessed_on",
    ),
    Actor: ("kind", "description", "same_as"),
    Topic: ("name", "description"),
}

# Many-to-many fields a correction may set directly (``record_correct``).
MANY: dict[type[Publishable], tuple[str, ...]] = {Claim: ("statements", "topics")}

# The rows that make up a record, by the name that reaches them from it: a correction shows
# them before and after, one line per row.
PARTS: dict[type[Publishable], tuple[str, ...]] = {
    Claim: ("statements", "topics", "evidence_links"),
    Actor: ("names", "roles", "relations"),
    Topic: ("names",),
}

type Correctable = Statement | Evidence | Claim

# What a withdrawal applies to: the records claims rest on.
WITHDRAWABLE = (Statement, Evidence)


def refuse_corrections(record: Correctable, changes: Mapping[str, Any]) -> None:
    """A published statement's or evidence item's words change only through
    ``record_correct``, in public."""
    if record.is_published and changes:
        raise ValidationError(
            _("This record is published: correct it, with a public note, instead."),
            code="published",
        )


def _as_text(record: models.Model, name: str) -> str:
    """A field's value as readers would read it: the label of a choice, a record's name."""
    field = record._meta.get_field(name)
    value = getattr(record, name)
    if value is None:
        return ""
    if getattr(field, "choices", None):
        return str(getattr(record, f"get_{name}_display")())
    return str(value)


def _row_text(row: models.Model, owner: models.Model) -> str:
    """One row of a record as a line of text: its fields a reader sees, the owner's left out."""
    if isinstance(row, Publishable):  # a claim's statement or topic: a record of its own
        return str(row)
    texts = []
    for field in row._meta.concrete_fields:
        if not field.editable or field.primary_key or field.name in ("created_by", "search_key"):
            continue
        if field.is_relation and getattr(row, field.attname) == owner.pk:
            continue
        text = _as_text(row, field.name)
        if text:
            texts.append(text)
    return " · ".join(texts)


def _label(model: type[models.Model], name: str) -> str:
    field = model._meta.get_field(name)
    if field.auto_created and not field.concrete and field.related_model is not None:
        # A reverse relation (an actor's names): the rows' own name.
        return str(field.related_model._meta.verbose_name_plural)
    return str(getattr(field, "verbose_name", name))


def snapshot(record: Publishable) -> dict[str, tuple[str, str]]:
    """What readers see of a record, part by part, as text: {name: (label, text)}."""
    model = type(record)
    parts = {name: (_label(model, name), _as_text(record, name)) for name in CORRECTABLE[model]}
    for name in PARTS.get(model, ()):
        rows = getattr(record, name).all()
        lines = sorted(_row_text(row, record) for row in rows)
        parts[name] = (_label(model, name), "\n".join(lines))
    return parts


def _edited(before: dict[str, tuple[str, str]], after: dict[str, tuple[str, str]]) -> list[Any]:
    return [
        {"field": name, "label": label, "before": before[name][1], "after": text}
        for name, (label, text) in after.items()
        if before[name][1] != text
    ]


def _target(record: Publishable) -> dict[str, Publishable]:
    """The ``Correction`` field that points at ``record``: named as its model is."""
    return {str(record._meta.model_name): record}


def _public_note(note: str, field: str = "note") -> str:
    note = note.strip()
    if not note:
        raise ValidationError({field: _("Write the public note: readers see it.")})
    return note


def _refuse_withdrawn(locked: Publishable) -> None:
    if getattr(locked, "withdrawn_at", None) is not None:
        raise ValidationError(
            _("This record was withdrawn; a withdrawal is for good."), code="withdrawn"
        )


def _lock[Record: Publishable](record: Record) -> Record:
    locked: Record = type(record)._default_manager.select_for_update().get(pk=record.pk)
    _refuse_withdrawn(locked)
    return locked


def _open_correction(
    *, by: User, record: Publishable, note: str, kind: str = CorrectionKind.CORRECTION
) -> Correction:
    correction = Correction(
        kind=kind, note=note, recorded_by=by, recorded_at=timezone.now(), **_target(record)
    )
    correction.full_clean()
    correction.save()
    return correction


def _seal(correction: Correction, changes: list[Any]) -> None:
    correction.changes = changes
    chain.seal_correction(correction)
    correction.save(update_fields=["changes", "previous_hash", "hash"])


@contextlib.contextmanager
def correcting(*, by: User, record: Publishable, note: str) -> Iterator[Correction | None]:
    """Inside ``writing()``: if ``record`` is published, what the block changes of it becomes
    a public correction with ``note``; a draft is simply edited (yields None).

    Correcting takes a fact-checker or an editor. The record is locked and read back from the
    database before and after the block, so the correction says what the rows say, whatever
    the caller's copy holds. A block that changes nothing a reader sees is refused. Drafts the
    corrected record now cites are published with it: they are part of what readers see.
    """
    locked = type(record)._default_manager.select_for_update().filter(pk=record.pk).first()
    if locked is not None:
        # The caller saves its copy of the record: it must not carry back a publication state
        # older than the database's (a copy loaded before publishing would unpublish it).
        for name in ("published_at", "published_by_id", "withdrawn_at"):
            if hasattr(locked, name):
                setattr(record, name, getattr(locked, name))
    if locked is None or locked.published_at is None:
        yield None
        return
    require_permission(by, "add_correction", _("correct published records"))
    # Named as the update services' parameter, which a form or an API field carries.
    note = _public_note(note, "correction_note")
    _refuse_withdrawn(locked)  # locked above
    before = snapshot(locked)
    correction = _open_correction(by=by, record=locked, note=note)
    yield correction
    after = type(record)._default_manager.get(pk=record.pk)
    changes = _edited(before, snapshot(after))
    if not changes:
        raise ValidationError(_("Nothing to correct: every value is as it was."), "unchanged")
    _seal(correction, changes)
    publish_cited(by=by, record=after)


def record_correct[Record: Correctable](
    *, by: User, record: Record, changes: dict[str, Any], note: str
) -> Correction:
    """Edit a published statement or evidence item and publish a correction saying so.

    ``changes`` maps field names to new values; fields that would not change are left out of
    the correction, and a correction that changes nothing is refused. Edit and correction are
    written in one transaction, with the note as the audit trail's "why".
    """
    require_permission(by, "add_correction", _("correct published records"))
    # A claim's statements and topics are corrected like its text.
    allowed = (*CORRECTABLE[type(record)], *MANY.get(type(record), ()))
    unknown = sorted(set(changes) - set(allowed))
    if unknown:
        raise ValidationError(
            {name: _("This field cannot be corrected.") for name in unknown}, code="unknown"
        )
    note = _public_note(note)
    with writing(by=by, why=note):
        _require_published(record)
        with correcting(by=by, record=record, note=note) as correction:  # note checked above
            locked = type(record)._default_manager.get(pk=record.pk)
            related = apply_changes(locked, changes)
            locked.full_clean()
            locked.save(update_fields=[*(set(changes) - set(related)), "updated_at"])
            for name, rows in related.items():
                getattr(locked, name).set(rows)
        if isinstance(locked, Statement) and {"quote", "source"} & set(changes):
            quote_check_on_commit(locked)  # the corrected quote, in the archived source
    if correction is None:  # checked above, but the type checker cannot know
        raise ValidationError(_("Only published records are corrected."), code="draft")
    record.refresh_from_db()
    return correction


def _require_published(record: Publishable) -> None:
    if not type(record)._default_manager.filter(pk=record.pk, published_at__isnull=False).exists():
        raise ValidationError(
            _("This record is a draft: edit it directly. Only published records are corrected."),
            code="draft",
        )


def record_withdraw[Record: Correctable](*, by: User, record: Record, note: str) -> Correction:
    """Withdraw a published statement or evidence item with a public note; it stays visible,
    marked as withdrawn, and no longer counts on claim cards. A withdrawal is for good."""
    require_permission(by, "add_correction", _("withdraw published records"))
    if not isinstance(record, WITHDRAWABLE):
        raise ValidationError(
            _("Only statements and evidence are withdrawn; correct this record instead."),
            code="not_withdrawable",
        )
    note = _public_note(note)
    with writing(by=by, why=note):
        _require_published(record)
        locked = _lock(record)
        correction = _open_correction(
            by=by, record=locked, note=note, kind=CorrectionKind.WITHDRAWAL
        )
        locked.withdrawn_at = correction.recorded_at
        locked.save(update_fields=["withdrawn_at", "updated_at"])
        _seal(correction, [])
    record.refresh_from_db()
    return correction
