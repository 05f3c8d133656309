"""Every write that touches several rows or records history goes through here.

The admin, the management commands and the API call these functions and never write those
rows themselves. Each is keyword-only, atomic, checks the caller's permission, and validates
with ``full_clean()`` so a refused write leaves nothing behind.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from claimtracker.claims.dates import PartialDate
from claimtracker.claims.models import (
    Actor,
    ActorRole,
    Claim,
    ClaimStatus,
    ContradictionLink,
    Evidence,
    QuoteMode,
    Source,
    Statement,
    StatusChange,
    Topic,
)
from claimtracker.claims.models.base import Publishable
from claimtracker.claims.models.links import LinkEnd


class StaleStatus(ValidationError):
    """The claim's status changed since the author looked at it (the API answers 409)."""


def require_permission(user: User, permission: str, action: str) -> None:
    if not user.has_perm(f"claims.{permission}"):
        raise PermissionDenied(
            _("Your role does not allow you to %(action)s.") % {"action": action}
        )


def source_get_or_create(*, by: User, **fields: Any) -> tuple[Source, bool]:
    """The source with this address, or a new one; idempotent on the normalised URL."""
    require_permission(by, "add_source", _("add sources"))
    source = Source(created_by=by, **fields)
    with transaction.atomic():
        if source.url:
            source.clean()  # normalises the address before looking it up
            existing = Source.objects.filter(url=source.url).first()
            if existing is not None:
                return existing, False
        source.full_clean()
        source.save()
    return source, True


def statement_create(
    *,
    by: User,
    speaker: Actor,
    quote: str,
    language: str,
    source: Source,
    mode: str = QuoteMode.DIRECT,
    speaker_role: ActorRole | None = None,
    translation: str = "",
    translation_language: str = "",
    context: str = "",
    stated_on: PartialDate | None = None,
    stated_on_wording: str = "",
    stated_not_after: datetime.date | None = None,
    place: str = "",
    first_appearance: Source | None = None,
) -> Statement:
    """A draft statement; the speaker's role on that date is filled in when exactly one fits."""
    require_permission(by, "add_statement", _("add statements"))
    if speaker_role is None:
        speaker_role = speaker.role_on(stated_on)
    statement = Statement(
        speaker=speaker,
        speaker_role=speaker_role,
        mode=mode,
        quote=quote,
        language=language,
        translation=translation,
        translation_language=translation_language,
        context=context,
        stated_on=stated_on,
        stated_on_wording=stated_on_wording,
        stated_not_after=stated_not_after,
        place=place,
        source=source,
        first_appearance=first_appearance,
        created_by=by,
    )
    with transaction.atomic():
        statement.full_clean()
        statement.save()
    return statement


def claim_create(
    *,
    by: User,
    slug: str,
    text: str,
    statements: Iterable[Statement] = (),
    topics: Iterable[Topic] = (),
) -> Claim:
    """A draft claim with no status: nobody has assessed it yet."""
    require_permission(by, "add_claim", _("add claims"))
    claim = Claim(slug=slug, text=text, created_by=by)
    with transaction.atomic():
        claim.full_clean()
        claim.save()
        claim.statements.set(statements)
        claim.topics.set(topics)
    return claim


def claim_change_status(
    *,
    by: User,
    claim: Claim,
    new_status: str,
    expected_status: str,
    reason: str,
    as_of: PartialDate | None = None,
    evidence: Iterable[Evidence] = (),
) -> StatusChange:
    """Record a new status for a claim, with who, when, why and which evidence.

    ``expected_status`` is the status the author saw ("" for none). Under a row lock, a change
    whose expectation is stale raises ``StaleStatus``, so two fact-checkers never overwrite each
    other unknowingly. The claim's current status and the new history row are written in one
    transaction, so the status always equals the latest history entry.
    """
    require_permission(by, "add_statuschange", _("change the status of a claim"))
    if new_status not in ClaimStatus.values:
        raise ValidationError(
            {"new_status": _("“%(status)s” is not a status.") % {"status": new_status}}
        )
    evidence = list(evidence)
    with transaction.atomic():
        locked = Claim.objects.select_for_update().get(pk=claim.pk)
        if locked.status != expected_status:
            raise StaleStatus(
                _(
                    "Someone changed this claim's status to “%(current)s” since you loaded it "
                    "(you saw “%(expected)s”). Reload the claim and decide again."
                )
                % {
                    "current": locked.status_label,
                    "expected": ClaimStatus(expected_status).label
                    if expected_status in ClaimStatus.values
                    else _("no status"),
                },
                code="stale_status",
            )
        if new_status == locked.status:
            raise ValidationError(
                {"new_status": _("The claim already has this status.")}, code="unchanged"
            )
        unlinked = [item for item in evidence if not item.claim_links.filter(claim=locked).exists()]
        if unlinked:
            raise ValidationError(
                {
                    "evidence": _("Link this evidence to the claim before citing it: %(titles)s")
                    % {"titles": "; ".join(item.title for item in unlinked)}
                }
            )
        now = timezone.now()
        change = StatusChange(
            claim=locked,
            old_status=locked.status,
            new_status=new_status,
            recorded_by=by,
            recorded_at=now,
            as_of=as_of or PartialDate.from_date(now.date()),
            reason=reason.strip(),
        )
        # The checks above cover every constraint of the row (the database still enforces them);
        # skipping their one-query-each re-check halves the cost of a status change.
        change.full_clean(validate_constraints=False)
        change.save()
        change.evidence.set(evidence)
        locked.status = new_status
        locked.status_changed_at = now
        locked.save(update_fields=["status", "status_changed_at", "updated_at"])
    claim.refresh_from_db(fields=["status", "status_changed_at", "updated_at"])
    return change


def record_publish[Record: Publishable](*, by: User, record: Record) -> Record:
    """Make a draft statement, claim or piece of evidence public. Publishing is for good."""
    require_permission(by, "publish_records", _("publish records"))
    if record.published_at is not None:
        return record
    with transaction.atomic():
        record.published_at = timezone.now()
        record.published_by = by
        record.full_clean()
        record.save(update_fields=["published_at", "published_by", "updated_at"])
    return record


def contradiction_link_create(
    *, by: User, first: LinkEnd, second: LinkEnd, explanation: str
) -> ContradictionLink:
    """Link two items that contradict each other; (A, B) and (B, A) are the same link."""
    require_permission(by, "add_contradictionlink", _("link contradictions"))
    link = ContradictionLink.between(first, second, explanation.strip())
    link.created_by = by
    with transaction.atomic():
        link.full_clean()
        link.save()
    return link


def contradiction_link_delete(*, by: User, link: ContradictionLink) -> None:
    """Remove a link that turned out wrong (links are editorial, not history)."""
    require_permission(by, "delete_contradictionlink", _("remove contradiction links"))
    with transaction.atomic():
        link.delete()
