"""Publishing a draft with the drafts it cites, and deleting one: a published record is never
deleted.

What a published record cites is public with it: a statement's speaker and source, a claim's
statements, topics and evidence, an actor's sources and the actors its posts and family ties
name. So publishing one record publishes the drafts it cites, in the same transaction, and
nothing is public that a published record does not stand behind; a draft cited only by
drafts stays private (``published()`` on every public read).
"""

from __future__ import annotations

from collections.abc import Iterator

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from claimtracker.claims.models import Actor, Claim, Evidence, Statement, Topic
from claimtracker.claims.models.base import Publishable
from claimtracker.claims.services.common import (
    require_model_permission,
    require_permission,
    writing,
)


def _cited(record: Publishable) -> Iterator[Publishable | None]:
    """The records ``record`` cites directly, drafts or not (None where a field is empty)."""
    match record:
        case Claim():
            yield from record.statements.all()
            yield from record.topics.all()
            yield from record.evidence.all()
        case Statement():
            yield record.speaker
            yield record.source
            yield record.first_appearance
            if record.speaker_role is not None:
                yield record.speaker_role.source
                yield record.speaker_role.organisation
        case Evidence():
            yield record.source
        case Actor():
            for name in record.names.all():
                yield name.source
            for role in record.roles.all():
                yield role.source
                yield role.organisation
            for relation in record.relations.all():
                yield relation.source
                yield relation.other
        case Topic():
            for topic_name in record.names.all():
                yield topic_name.source


def drafts_published_with(record: Publishable) -> list[Publishable]:
    """Every draft that publishing ``record`` publishes: itself if a draft, and the drafts it
    cites, and the drafts those cite, in the order found. What the admin's Publish page lists."""
    found: list[Publishable] = []
    seen: set[tuple[type[models.Model], int]] = set()
    pending: list[Publishable] = [record]
    while pending:
        current = pending.pop(0)
        key = (type(current), current.pk)
        if key in seen:
            continue
        seen.add(key)
        if current.published_at is None:
            found.append(current)
        elif current is not record:
            continue  # what a published record cites was published with it
        pending.extend(cited for cited in _cited(current) if cited is not None)
    return found


def _require_support(claims: list[Claim]) -> None:
    """A claim goes public only with a statement asserting it: readers see who said it."""
    for claim in claims:
        if not claim.statements.filter(withdrawn_at__isnull=True).exists():
            raise ValidationError(
                _(
                    "“%(claim)s” has no statement asserting it: link the statement that makes "
                    "this claim before publishing it."
                )
                % {"claim": claim},
                code="no_statement",
            )


def _publish_all(by: User, drafts: list[Publishable]) -> None:
    _require_support([draft for draft in drafts if isinstance(draft, Claim)])
    now = timezone.now()
    for draft in drafts:
        draft.published_at = now
        draft.published_by = by
        draft.save(update_fields=["published_at", "published_by", "updated_at"])


def record_publish[Record: Publishable](*, by: User, record: Record) -> Record:
    """Make a draft public, with every draft it cites (``drafts_published_with``), in one
    transaction. Publishing is for good; publishing a published record changes nothing."""
    require_permission(by, "publish_records", _("publish records"))
    with writing(by=by, why=_("Published")):
        locked = type(record)._default_manager.select_for_update().get(pk=record.pk)
        if locked.published_at is None:
            _publish_all(by, drafts_published_with(locked))
    record.refresh_from_db(fields=["published_at", "published_by", "updated_at"])
    return record


def publish_cited(*, by: User, record: Publishable) -> None:
    """After a correction: drafts the published ``record`` now cites go public with it."""
    drafts = drafts_published_with(record)
    if drafts:
        require_permission(by, "publish_records", _("publish records"))
        _publish_all(by, drafts)


def record_delete(*, by: User, record: models.Model, why: str = "") -> None:
    """Delete a record entered by mistake; the database refuses to delete a published one."""
    require_model_permission(by, "delete", type(record))
    if isinstance(record, Publishable) and record.is_published:
        raise PermissionDenied(_("A published record is never deleted: correct it instead."))
    with writing(by=by, why=why):
        record.delete()
