"""Published claims as the page tests need them, built the way the rules allow (issue 11).

A published claim, with its statements, topics and evidence links, changes only through a public
correction, and publishing it publishes every draft it cites. So a test builds all of it first
and publishes last. ``assess`` then gives it statuses that meet the rules for a status change:
a reason readers can follow, and the linked evidence a verdict rests on.
"""

from claimtracker.claims import services
from claimtracker.claims.dates import PartialDate
from claimtracker.claims.models import Claim, ClaimStatus, StatusChange
from tests.factories import ClaimEvidenceFactory, ClaimFactory, status_basis

# At least services.REASON_MIN_LENGTH characters, as every status change's reason must be.
REASON = "Two court rulings, published in full, say otherwise."

ASSESSED_ON = PartialDate(2024, 1, 11)


def published_claim(by, *, statements=None, topics=(), stances=(), **fields) -> Claim:
    """A claim published with what it cites: ``statements`` (one by a new actor if None),
    ``topics``, and a new piece of evidence linked for each of ``stances``. A "contradicts"
    link is evidence every status may cite (``status_basis``)."""
    claim = ClaimFactory(statements=statements, **fields)
    claim.topics.add(*topics)
    for stance in stances:
        ClaimEvidenceFactory(claim=claim, stance=stance)
    published: Claim = services.record_publish(by=by, record=claim)
    return published


def change_status(by, claim: Claim, status, *, reason=REASON, as_of=ASSESSED_ON) -> StatusChange:
    """One well-founded status change: a verdict cites evidence linked to the claim (a draft
    claim gets a new link; a published one must have it already)."""
    evidence = [] if status == ClaimStatus.UNCONFIRMED else [status_basis(claim, status)]
    return services.claim_change_status(
        by=by,
        claim=claim,
        new_status=status,
        expected_status=claim.status,
        reason=reason,
        as_of=as_of,
        evidence=evidence,
    )


def assess(by, claim: Claim, *statuses, **options) -> Claim:
    """Give ``claim`` each status in turn; returns the claim."""
    for status in statuses:
        change_status(by, claim, status, **options)
    return claim
