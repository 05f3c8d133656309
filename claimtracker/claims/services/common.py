"""What every service shares: the permission check, the audit context, and row edits.

A record edited with the rows it owns (an actor's names, a topic's names, a claim's evidence
links) takes those edits as ``RowEdits``, so the admin's inline formsets and any other caller
hand the service the same thing.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from claimtracker.claims import audit
from claimtracker.claims.models.base import Recorded


def require_permission(user: User, permission: str, action: str) -> None:
    if not user.has_perm(f"claims.{permission}"):
        raise PermissionDenied(
            _("Your role does not allow you to %(action)s.") % {"action": action}
        )


def require_model_permission(user: User, verb: str, model: type[models.Model]) -> None:
    """``add``, ``change`` or ``delete`` rows of ``model``, named for the refusal message."""
    require_permission(
        user,
        f"{verb}_{model._meta.model_name}",
        _("%(verb)s %(things)s") % {"verb": verb, "things": model._meta.verbose_name_plural},
    )


@contextlib.contextmanager
def writing(*, by: User, why: str = "") -> Iterator[None]:
    """One transaction whose audit events name ``by`` and, when given, ``why``.

    Inside a request's context (the admin's, the API's) this adds to it, keeping its address.
    """
    metadata: dict[str, Any] = {"user": by.pk}
    if why:
        metadata["why"] = why
    with transaction.atomic(), audit.context(**metadata):
        yield


def refuse_unknown(changes: Mapping[str, Any], allowed: Sequence[str]) -> None:
    unknown = sorted(set(changes) - set(allowed))
    if unknown:
        raise ValidationError(
            {name: _("This field cannot be changed here.") for name in unknown}, code="unknown"
        )


def apply_changes(record: models.Model, changes: Mapping[str, Any]) -> dict[str, Any]:
    """Set the plain fields of ``changes`` on ``record``; returns the many-to-many ones."""
    many = {}
    for name, value in changes.items():
        if record._meta.get_field(name).many_to_many:
            many[name] = value
        else:
            setattr(record, name, value)
    return many


def save_new(record: models.Model, *, by: User) -> None:
    if isinstance(record, Recorded):
        record.created_by = by
    record.full_clean()
    record.save()


@dataclass(frozen=True)
class RowEdits[Row: models.Model]:
    """Edits to the rows a record owns: rows to add (unsaved), rows whose new values are set
    on them, and rows to remove. Each is checked against the role's add, change and delete
    permission for that kind of row, and must belong to the record."""

    added: Sequence[Row] = ()
    changed: Sequence[Row] = ()
    removed: Sequence[Row] = ()

    def kept(self, existing: Sequence[Row]) -> list[Row]:
        """The rows the record will own after the edit, given those it owns now."""
        gone = {row.pk for row in [*self.changed, *self.removed]}
        return [row for row in existing if row.pk not in gone] + [*self.changed, *self.added]

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)


def apply_row_edits[Row: models.Model](
    *, by: User, owner: models.Model, edits: RowEdits[Row], model: type[Row], fk_name: str
) -> None:
    """Write ``edits`` to the ``model`` rows that point at ``owner`` through ``fk_name``.

    Removals come first, so a row can take over the place of one removed in the same edit (a
    new primary name); each row is validated with ``full_clean()`` before it is saved.
    """
    attname = f"{fk_name}_id"
    for verb, rows in (("delete", edits.removed), ("change", edits.changed), ("add", edits.added)):
        if rows:
            require_model_permission(by, verb, model)
    # The database says whose rows these are, not the rows handed in.
    ids = {row.pk for row in [*edits.changed, *edits.removed]}
    if ids:
        owned = set(
            model._default_manager.filter(pk__in=ids, **{attname: owner.pk}).values_list(
                "pk", flat=True
            )
        )
        if None in ids or ids - owned:
            raise ValidationError(
                _("This %(row)s belongs to another record.") % {"row": model._meta.verbose_name}
            )
    for row in edits.removed:
        row.delete()
    for row in edits.changed:
        setattr(row, attname, owner.pk)  # a row stays with its record
        row.full_clean()
        row.save()
    for row in edits.added:
        setattr(row, fk_name, owner)
        save_new(row, by=by)
