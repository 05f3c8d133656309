"""Evidence, and its links to the claims it bears on."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from claimtracker.claims.dates import PartialDate
from claimtracker.claims.models import Claim, ClaimEvidence, Evidence, Source
from claimtracker.claims.services.common import (
    refuse_unknown,
    require_permission,
    save_new,
    writing,
)
from claimtracker.claims.services.corrections import (
    CORRECTABLE,
    correcting,
    refuse_corrections,
)

LINK_FIELDS = ("claim", "evidence", "stance", "note")


def evidence_create(
    *,
    by: User,
    kind: str,
    title: str,
    source: Source,
    summary: str = "",
    occurred_on: PartialDate | None = None,
    occurred_on_wording: str = "",
    occurred_not_after: datetime.date | None = None,
    why: str = "",
) -> Evidence:
    """A draft piece of evidence citing its source."""
    require_permission(by, "add_evidence", _("add evidence"))
    evidence = Evidence(
        kind=kind,
        title=title,
        source=source,
        summary=summary,
        occurred_on=occurred_on,
        occurred_on_wording=occurred_on_wording,
        occurred_not_after=occurred_not_after,
    )
    with writing(by=by, why=why):
        save_new(evidence, by=by)
    return evidence


def evidence_update(
    *, by: User, evidence: Evidence, changes: Mapping[str, Any], why: str = ""
) -> Evidence:
    """Edit draft evidence; published evidence changes only through a correction."""
    require_permission(by, "change_evidence", _("change evidence"))
    refuse_unknown(changes, CORRECTABLE[Evidence])
    refuse_corrections(evidence, changes)
    with writing(by=by, why=why):
        for name, value in changes.items():
            setattr(evidence, name, value)
        evidence.full_clean()
        evidence.save()
    return evidence


def claim_evidence_create(
    *,
    by: User,
    claim: Claim,
    evidence: Evidence,
    stance: str,
    note: str = "",
    why: str = "",
    correction_note: str = "",
) -> ClaimEvidence:
    """Link evidence to a claim. Once the claim is published, that is a public correction of
    it, with ``correction_note``: readers see the evidence behind a verdict change."""
    require_permission(by, "add_claimevidence", _("link evidence to claims"))
    link = ClaimEvidence(claim=claim, evidence=evidence, stance=stance, note=note)
    with (
        writing(by=by, why=correction_note or why),
        correcting(by=by, record=claim, note=correction_note),
    ):
        save_new(link, by=by)
    return link


def claim_evidence_update(
    *,
    by: User,
    link: ClaimEvidence,
    changes: Mapping[str, Any],
    why: str = "",
    correction_note: str = "",
) -> ClaimEvidence:
    """Change a link; once its claim is published, through a public correction of the claim."""
    require_permission(by, "change_claimevidence", _("change evidence links"))
    refuse_unknown(changes, LINK_FIELDS)
    # The claim the link has in the database: the one handed in may hold unsaved changes.
    claim = Claim.objects.get(evidence_links=link.pk)
    with (
        writing(by=by, why=correction_note or why),
        correcting(by=by, record=claim, note=correction_note),
    ):
        for name, value in changes.items():
            setattr(link, name, value)
        link.full_clean()
        link.save()
    return link


def claim_evidence_delete(
    *, by: User, link: ClaimEvidence, why: str = "", correction_note: str = ""
) -> None:
    """Remove a link; once its claim is published, through a public correction of the claim.
    The database keeps a link that one of the claim's status changes cites."""
    require_permission(by, "delete_claimevidence", _("remove evidence links"))
    claim = Claim.objects.get(evidence_links=link.pk)
    if link.evidence.status_changes.filter(claim=claim).exists():
        raise ValidationError(
            _("A status change of this claim cites this evidence: it stays linked."),
            code="cited",
        )
    with (
        writing(by=by, why=correction_note or why),
        correcting(by=by, record=claim, note=correction_note),
    ):
        link.delete()
