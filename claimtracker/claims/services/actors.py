"""Actors with the names, roles and family ties entered with them, and roles on their own."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from claimtracker.claims.dates import PartialDate
from claimtracker.claims.models import (
    Actor,
    ActorName,
    ActorRelation,
    ActorRole,
    NameKind,
    Source,
)
from claimtracker.claims.services.common import (
    RowEdits,
    apply_row_edits,
    refuse_unknown,
    require_permission,
    save_new,
    writing,
)
from claimtracker.claims.services.corrections import CORRECTABLE, correcting
from claimtracker.claims.services.translations import kazakh_latin_names_ensure

ACTOR_FIELDS = CORRECTABLE[Actor]  # the same fields a correction may edit
ROLE_FIELDS = ("actor", "title", "organisation", "start", "end", "note", "source")


def require_one_primary_name(kinds: Iterable[str]) -> None:
    """An actor has exactly one primary name: the one shown when no name fits the reader."""
    count = sum(1 for kind in kinds if kind == NameKind.PRIMARY)
    if count != 1:
        raise ValidationError(
            _("Give the actor exactly one primary name (there are %(count)d).") % {"count": count},
            code="primary_name",
        )


def _write_parts(
    *,
    by: User,
    actor: Actor,
    names: RowEdits[ActorName],
    roles: RowEdits[ActorRole],
    relations: RowEdits[ActorRelation],
) -> None:
    apply_row_edits(by=by, owner=actor, edits=names, model=ActorName, fk_name="actor")
    apply_row_edits(by=by, owner=actor, edits=roles, model=ActorRole, fk_name="actor")
    apply_row_edits(by=by, owner=actor, edits=relations, model=ActorRelation, fk_name="subject")
    # Kazakh Latin names come from the Cyrillic ones, never typed (services/translations.py).
    kazakh_latin_names_ensure(by=by, owner=actor)


def actor_create(
    *,
    by: User,
    slug: str,
    kind: str,
    names: RowEdits[ActorName],
    description: str = "",
    same_as: str = "",
    roles: RowEdits[ActorRole] | None = None,
    relations: RowEdits[ActorRelation] | None = None,
    why: str = "",
) -> Actor:
    """A person or institution with its names (exactly one primary), roles and family ties."""
    require_permission(by, "add_actor", _("add actors"))
    require_one_primary_name(name.kind for name in names.added)
    actor = Actor(slug=slug, kind=kind, description=description, same_as=same_as)
    with writing(by=by, why=why):
        save_new(actor, by=by)
        _write_parts(
            by=by,
            actor=actor,
            names=names,
            roles=roles or RowEdits(),
            relations=relations or RowEdits(),
        )
    return actor


def actor_update(
    *,
    by: User,
    actor: Actor,
    changes: Mapping[str, Any],
    names: RowEdits[ActorName] | None = None,
    roles: RowEdits[ActorRole] | None = None,
    relations: RowEdits[ActorRelation] | None = None,
    why: str = "",
    correction_note: str = "",
) -> Actor:
    """Change an actor and the rows entered with it; once it is published, through a public
    correction with ``correction_note``. The slug, part of its address, stays."""
    require_permission(by, "change_actor", _("change actors"))
    refuse_unknown(changes, ACTOR_FIELDS)
    names = names or RowEdits()
    with (
        writing(by=by, why=correction_note or why),
        correcting(by=by, record=actor, note=correction_note),
    ):
        if names:
            require_one_primary_name(
                name.kind for name in names.kept(list(actor.names.select_for_update()))
            )
        if changes:
            # Only then: an edit of its names or ties alone leaves the actor's row (and its
            # history) untouched.
            for name, value in changes.items():
                setattr(actor, name, value)
            actor.full_clean()
            actor.save()
        _write_parts(
            by=by,
            actor=actor,
            names=names,
            roles=roles or RowEdits(),
            relations=relations or RowEdits(),
        )
    return actor


def actor_role_create(
    *,
    by: User,
    actor: Actor,
    title: str,
    source: Source,
    organisation: Actor | None = None,
    start: PartialDate | None = None,
    end: PartialDate | None = None,
    note: str = "",
    why: str = "",
    correction_note: str = "",
) -> ActorRole:
    """A post an actor held (Popolo's Membership), citing where that is said; for a published
    actor, a public correction of it with ``correction_note``."""
    require_permission(by, "add_actorrole", _("add actor roles"))
    role = ActorRole(
        actor=actor,
        title=title,
        source=source,
        organisation=organisation,
        start=start,
        end=end,
        note=note,
    )
    with (
        writing(by=by, why=correction_note or why),
        correcting(by=by, record=actor, note=correction_note),
    ):
        save_new(role, by=by)
    return role


def actor_role_update(
    *,
    by: User,
    role: ActorRole,
    changes: Mapping[str, Any],
    why: str = "",
    correction_note: str = "",
) -> ActorRole:
    """Change a post; for a published actor, a public correction of it."""
    require_permission(by, "change_actorrole", _("change actor roles"))
    refuse_unknown(changes, ROLE_FIELDS)
    actor = Actor.objects.get(roles=role.pk)  # the database's, not a form's unsaved change
    with (
        writing(by=by, why=correction_note or why),
        correcting(by=by, record=actor, note=correction_note),
    ):
        for name, value in changes.items():
            setattr(role, name, value)
        role.full_clean()
        role.save()
    return role
