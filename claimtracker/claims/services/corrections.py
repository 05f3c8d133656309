"""Corrections: a published statement or evidence item changes only in public, with a note."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from claimtracker.claims.models import Correction, CorrectionKind, Evidence, Statement
from claimtracker.claims.models.base import Publishable
from claimtracker.claims.services.common import require_permission, writing

# The fields a correction may edit; who entered a record and when it was published stay.
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
}

type Correctable = Statement | Evidence


def refuse_corrections(record: Correctable, changes: Mapping[str, Any]) -> None:
    """A published record's words change only through ``record_correct``, in public."""
    if record.is_published and changes:
        raise ValidationError(
            _("This record is published: correct it, with a public note, instead."),
            code="published",
        )


def _as_text(record: Publishable, name: str) -> str:
    """A field's value as readers would read it: the label of a choice, a record's name."""
    field = record._meta.get_field(name)
    value = getattr(record, name)
    if value is None:
        return ""
    if getattr(field, "choices", None):
        return str(getattr(record, f"get_{name}_display")())
    return str(value)


def _correction_target(record: Correctable) -> dict[str, Correctable]:
    return {"statement": record} if isinstance(record, Statement) else {"evidence": record}


def _lock_published(record: Correctable) -> Correctable:
    """The record, locked for this transaction; refused unless published and not withdrawn."""
    locked: Correctable = type(record).objects.select_for_update().get(pk=record.pk)
    if locked.published_at is None:
        raise ValidationError(
            _("This record is a draft: edit it directly. Only published records are corrected."),
            code="draft",
        )
    if locked.withdrawn_at is not None:
        raise ValidationError(
            _("This record was withdrawn; a withdrawal is for good."), code="withdrawn"
        )
    return locked


def _public_note(note: str) -> str:
    note = note.strip()
    if not note:
        raise ValidationError({"note": _("Write the public note: readers see it.")})
    return note


def record_correct[Record: Correctable](
    *, by: User, record: Record, changes: dict[str, Any], note: str
) -> Correction:
    """Edit a published statement or evidence item and publish a correction saying so.

    ``changes`` maps field names to new values. The text of each edited field before and after
    is taken from the row itself, under a lock, so the public record of what changed is the
    database's, not the caller's. Fields that would not change are left out; a correction that
    changes nothing is refused. Edit and correction are written in one transaction, with the
    note as the audit trail's "why".
    """
    require_permission(by, "add_correction", _("correct published records"))
    allowed = CORRECTABLE[type(record)]
    unknown = sorted(set(changes) - set(allowed))
    if unknown:
        raise ValidationError(
            {name: _("This field cannot be corrected.") for name in unknown}, code="unknown"
        )
    note = _public_note(note)
    with writing(by=by, why=note):
        locked = _lock_published(record)
        before = {name: _as_text(locked, name) for name in changes}
        for name, value in changes.items():
            setattr(locked, name, value)
        locked.full_clean()
        edited = [
            {
                "field": name,
                "label": str(getattr(locked._meta.get_field(name), "verbose_name", name)),
                "before": before[name],
                "after": _as_text(locked, name),
            }
            for name in allowed
            if name in changes and before[name] != _as_text(locked, name)
        ]
        if not edited:
            raise ValidationError(_("Nothing to correct: every value is as it was."), "unchanged")
        correction = Correction(
            kind=CorrectionKind.CORRECTION,
            note=note,
            changes=edited,
            recorded_by=by,
            recorded_at=timezone.now(),
            **_correction_target(locked),
        )
        correction.full_clean()
        locked.save(update_fields=[*(item["field"] for item in edited), "updated_at"])
        correction.save()
    record.refresh_from_db()
    return correction


def record_withdraw[Record: Correctable](*, by: User, record: Record, note: str) -> Correction:
    """Withdraw a published statement or evidence item with a public note; it stays visible,
    marked as withdrawn, and no longer counts on claim cards. A withdrawal is for good."""
    require_permission(by, "add_correction", _("withdraw published records"))
    note = _public_note(note)
    with writing(by=by, why=note):
        locked = _lock_published(record)
        now = timezone.now()
        correction = Correction(
            kind=CorrectionKind.WITHDRAWAL,
            note=note,
            recorded_by=by,
            recorded_at=now,
            **_correction_target(locked),
        )
        correction.full_clean()
        locked.withdrawn_at = now
        locked.save(update_fields=["withdrawn_at", "updated_at"])
        correction.save()
    record.refresh_from_db()
    return correction
