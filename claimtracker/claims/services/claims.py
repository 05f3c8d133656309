"""Claims: what a statement asserts, its evidence links, and its status over time."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from claimtracker.claims.dates import PartialDate
from claimtracker.claims.models import (
    Claim,
    ClaimEvidence,
    ClaimStatus,
    Evidence,
    Statement,
    StatusChange,
    Topic,
)
from claimtracker.claims.services.common import (
    RowEdits,
    apply_changes,
    apply_row_edits,
    refuse_unknown,
    require_permission,
    save_new,
    writing,
)
from claimtracker.claims.services.publishing import require_editable

# A claim's status changes only through claim_change_status, which records why.
CLAIM_FIELDS = ("text", "statements", "topics")


class StaleStatus(ValidationError):
    """The claim's status changed since the author looked at it (the API answers 409)."""


def claim_create(
    *,
    by: User,
    slug: str,
    text: str,
    statements: Iterable[Statement] = (),
    topics: Iterable[Topic] = (),
    evidence: RowEdits[ClaimEvidence] | None = None,
    why: str = "",
) -> Claim:
    """A draft claim with no status: nobody has assessed it yet."""
    require_permission(by, "add_claim", _("add claims"))
    claim = Claim(slug=slug, text=text)
    with writing(by=by, why=why):
        save_new(claim, by=by)
        claim.statements.set(statements)
        claim.topics.set(topics)
        apply_row_edits(
            by=by, owner=claim, edits=evidence or RowEdits(), model=ClaimEvidence, fk_name="claim"
        )
    return claim


def claim_update(
    *,
    by: User,
    claim: Claim,
    changes: Mapping[str, Any],
    evidence: RowEdits[ClaimEvidence] | None = None,
    why: str = "",
) -> Claim:
    """Change a claim's text, statements, topics and evidence links; once it is published,
    that is an editor's call. Its slug stays, and its status changes only with a reason."""
    require_permission(by, "change_claim", _("change claims"))
    require_editable(by, claim)
    refuse_unknown(changes, CLAIM_FIELDS)
    with writing(by=by, why=why):
        related = apply_changes(claim, changes)
        claim.full_clean()
        claim.save()
        for name, rows in related.items():
            getattr(claim, name).set(rows)
        apply_row_edits(
            by=by, owner=claim, edits=evidence or RowEdits(), model=ClaimEvidence, fk_name="claim"
        )
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
    with writing(by=by, why=reason.strip()):
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
