"""Evidence, and its links to the claims it bears on."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import User
from django.utils.translation import gettext as _

from claimtracker.claims.dates import PartialDate
from claimtracker.claims.models import Claim, ClaimEvidence, Evidence, Source
from claimtracker.claims.services.common import (
    refuse_unknown,
    require_permission,
    save_new,
    writing,
)
from claimtracker.claims.services.corrections import CORRECTABLE, refuse_corrections
from claimtracker.claims.services.publishing import require_editable

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
    require_editable(by, evidence)
    refuse_unknown(changes, CORRECTABLE[Evidence])
    refuse_corrections(evidence, changes)
    with writing(by=by, why=why):
        for name, value in changes.items():
            setattr(evidence, name, value)
        evidence.full_clean()
        evidence.save()
    return evidence


def claim_evidence_create(
    *, by: User, claim: Claim, evidence: Evidence, stance: str, note: str = "", why: str = ""
) -> ClaimEvidence:
    """Link evidence to a claim: open to curators even once the claim is published, since
    evidence keeps arriving and a status may cite only linked evidence."""
    require_permission(by, "add_claimevidence", _("link evidence to claims"))
    link = ClaimEvidence(claim=claim, evidence=evidence, stance=stance, note=note)
    with writing(by=by, why=why):
        save_new(link, by=by)
    return link


def claim_evidence_update(
    *, by: User, link: ClaimEvidence, changes: Mapping[str, Any], why: str = ""
) -> ClaimEvidence:
    """Changing a link of a published claim is an editor's call."""
    require_permission(by, "change_claimevidence", _("change evidence links"))
    refuse_unknown(changes, LINK_FIELDS)
    # The claim the link has in the database: the one handed in may hold unsaved changes.
    require_editable(by, Claim.objects.get(evidence_links=link.pk))
    with writing(by=by, why=why):
        for name, value in changes.items():
            setattr(link, name, value)
        link.full_clean()
        link.save()
    return link


def claim_evidence_delete(*, by: User, link: ClaimEvidence, why: str = "") -> None:
    """Removing a link of a published claim is an editor's call too."""
    require_permission(by, "delete_claimevidence", _("remove evidence links"))
    require_editable(by, Claim.objects.get(evidence_links=link.pk))
    with writing(by=by, why=why):
        link.delete()
