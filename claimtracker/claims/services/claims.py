"""Claims: what a statement asserts, and its evidence links (its status: ``status.py``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth.models import User
from django.utils.translation import gettext as _

from claimtracker.claims.models import (
    Claim,
    ClaimEvidence,
    Statement,
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
from claimtracker.claims.services.corrections import correcting

# A claim's status changes only through claim_change_status, which records why.
CLAIM_FIELDS = ("text", "statements", "topics")


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
    correction_note: str = "",
) -> Claim:
    """Change a claim's text, statements, topics and evidence links; once it is published,
    through a public correction with ``correction_note``. Its slug stays, and its status
    changes only with a reason."""
    require_permission(by, "change_claim", _("change claims"))
    refuse_unknown(changes, CLAIM_FIELDS)
    with (
        writing(by=by, why=correction_note or why),
        correcting(by=by, record=claim, note=correction_note),
    ):
        related = apply_changes(claim, changes)
        claim.full_clean()
        claim.save()
        for name, rows in related.items():
            getattr(claim, name).set(rows)
        apply_row_edits(
            by=by, owner=claim, edits=evidence or RowEdits(), model=ClaimEvidence, fk_name="claim"
        )
    return claim
