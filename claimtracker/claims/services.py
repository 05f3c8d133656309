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

from claimtracker.claims import audit
from claimtracker.claims.dates import PartialDate
from claimtracker.claims.models import (
    Actor,
    ActorRole,
    Claim,
    ClaimStatus,
    ContradictionLink,
    Correction,
    CorrectionKind,
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
    with transaction.atomic(), audit.context(user=by.pk, why=reason.strip()):
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
    with transaction.atomic(), audit.context(user=by.pk, why=_("Published")):
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
    with transaction.atomic(), audit.context(user=by.pk, why=link.explanation):
        link.full_clean()
        link.save()
    return link


def contradiction_link_delete(*, by: User, link: ContradictionLink) -> None:
    """Remove a link that turned out wrong (links are editorial, not history)."""
    require_permission(by, "delete_contradictionlink", _("remove contradiction links"))
    with transaction.atomic(), audit.context(user=by.pk, why=_("Link removed")):
        link.delete()


# Corrections: a published statement or evidence item changes only in public, with a note.

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
    with transaction.atomic(), audit.context(user=by.pk, why=note):
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
    with transaction.atomic(), audit.context(user=by.pk, why=note):
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
