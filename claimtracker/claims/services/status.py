"""A claim's status: changed only with a reason, a date and the evidence it rests on.

``claim_change_status`` refuses a change that is not well-founded (docs/api.md, "Writing"):
dated in the future or before the claim was asserted, with a reason too short to explain it,
or a verdict without the evidence it needs. Each change is sealed into the claim's hash chain.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from claimtracker.claims import chain
from claimtracker.claims.dates import PartialDate
from claimtracker.claims.models import Claim, ClaimStatus, Evidence, Stance, StatusChange
from claimtracker.claims.services.common import require_permission, writing

# A reason is written for the public: shorter than this, it cannot say what establishes the
# status ("x", "ok", "see above"). Counted after collapsing runs of spaces.
REASON_MIN_LENGTH = 40

# Verdicts that say what evidence establishes: each cites at least one piece of it.
NEEDS_EVIDENCE = frozenset(
    {ClaimStatus.CONFIRMED, ClaimStatus.PARTLY_CONFIRMED, ClaimStatus.REFUTED}
)


class StaleStatus(ValidationError):
    """The claim's status changed since the author looked at it (the API answers 409)."""


def _reason_errors(reason: str) -> list[ValidationError]:
    length = len(" ".join(reason.split()))
    if length >= REASON_MIN_LENGTH:
        return []
    return [
        ValidationError(
            ngettext(
                "Write the reason as a sentence for readers, at least %(minimum)d characters "
                "(this one has %(length)d character).",
                "Write the reason as a sentence for readers, at least %(minimum)d characters "
                "(this one has %(length)d characters).",
                length,
            )
            % {"minimum": REASON_MIN_LENGTH, "length": length},
            code="reason_too_short",
        )
    ]


def _as_of_errors(claim: Claim, as_of: PartialDate, today: PartialDate) -> list[ValidationError]:
    """``as_of`` certainly after today, or certainly before every statement asserting the claim.

    Compared at each date's precision: "2024" is not in the future on 3 March 2024, and is not
    before a statement of "2024-06". A statement with no date (only "not after") may have been
    made any time before, so it never makes ``as_of`` too early. Withdrawn statements no longer
    assert the claim.
    """
    if as_of.earliest() > today.earliest():
        return [
            ValidationError(
                _("The assessment cannot hold as of a date in the future (today is %(today)s).")
                % {"today": today.humanize()},
                code="as_of_future",
            )
        ]
    stated: list[PartialDate | None] = list(
        claim.statements.filter(withdrawn_at__isnull=True).values_list("stated_on", flat=True)
    )
    dated = [day for day in stated if day is not None]
    if not stated or len(dated) < len(stated):
        return []
    earliest = min(dated, key=lambda day: day.earliest())
    if earliest.earliest() <= as_of.latest():
        return []
    return [
        ValidationError(
            _(
                "The assessment cannot hold as of %(as_of)s: the earliest statement asserting "
                "the claim was made in %(earliest)s."
            )
            % {"as_of": as_of.humanize(), "earliest": earliest.humanize()},
            code="as_of_before_statement",
        )
    ]


def _evidence_errors(
    claim: Claim, new_status: str, evidence: list[Evidence]
) -> list[ValidationError]:
    """Cited evidence must be linked to the claim; a verdict must rest on some of it.

    What counts: evidence linked to the claim, not withdrawn, and published; for a claim that
    is still a draft, its linked drafts count too, because publishing the claim publishes them
    with it. A published claim cannot cite a draft: readers would see a verdict resting on
    something they cannot see, and could not recompute the change's hash.
    """
    stances = dict(
        claim.evidence_links.filter(evidence__in=evidence).values_list("evidence_id", "stance")
    )
    errors = []
    unlinked = [item for item in evidence if item.pk not in stances]
    if unlinked:
        errors.append(
            ValidationError(
                _("Link this evidence to the claim before citing it: %(titles)s")
                % {"titles": "; ".join(item.title for item in unlinked)},
                code="evidence_unlinked",
            )
        )
    drafts = [item for item in evidence if item.pk in stances and item.published_at is None]
    if claim.published_at is not None and drafts:
        errors.append(
            ValidationError(
                _("Publish this evidence before a published claim cites it: %(titles)s")
                % {"titles": "; ".join(item.title for item in drafts)},
                code="evidence_unpublished",
            )
        )
    counted = [
        item
        for item in evidence
        if item.pk in stances
        and item.withdrawn_at is None
        and (item.published_at is not None or claim.published_at is None)
    ]
    status_label = ClaimStatus(new_status).label
    if new_status in NEEDS_EVIDENCE and not counted:
        errors.append(
            ValidationError(
                _(
                    "“%(status)s” says what evidence establishes: cite at least one piece of "
                    "published evidence linked to this claim (withdrawn evidence does not count)."
                )
                % {"status": status_label},
                code="evidence_required",
            )
        )
    if new_status == ClaimStatus.DISPUTED and not any(
        stances[item.pk] == Stance.CONTRADICTS for item in counted
    ):
        errors.append(
            ValidationError(
                _(
                    "“%(status)s” says credible sources contest the claim: cite at least one "
                    "piece of evidence linked to it as contradicting it."
                )
                % {"status": status_label},
                code="contradicting_evidence_required",
            )
        )
    return errors


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
    other unknowingly. Otherwise every reason to refuse is reported at once, by field (each
    with a ``code``, docs/api.md): ``as_of`` in the future or before the claim was asserted, a
    reason under ``REASON_MIN_LENGTH``, a verdict without the evidence it needs. The claim's
    current status and the new, hash-sealed history row are written in one transaction, so the
    status always equals the latest history entry. Runs a few queries per cited evidence list.
    """
    require_permission(by, "add_statuschange", _("change the status of a claim"))
    if new_status not in ClaimStatus.values:
        raise ValidationError(
            {
                "new_status": ValidationError(
                    _("“%(status)s” is not a status.") % {"status": new_status},
                    code="invalid_choice",
                )
            }
        )
    evidence = list(dict.fromkeys(evidence))  # citing one piece twice cites it once
    reason = reason.strip()
    now = timezone.now()
    today = PartialDate.from_date(timezone.localdate(now))
    as_of = as_of or today
    with writing(by=by, why=reason):
        locked = Claim.objects.select_for_update().get(pk=claim.pk)
        # Judged as the database has them, locked: a caller's copy may predate their
        # publication or withdrawal.
        current = Evidence.objects.select_for_update().in_bulk([item.pk for item in evidence])
        evidence = [current.get(item.pk, item) for item in evidence]
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
        errors: dict[str, list[ValidationError]] = {}
        if new_status == locked.status:
            errors["new_status"] = [
                ValidationError(_("The claim already has this status."), code="unchanged")
            ]
        for name, found in [
            ("reason", _reason_errors(reason)),
            ("as_of", _as_of_errors(locked, as_of, today)),
            ("evidence", _evidence_errors(locked, new_status, evidence)),
        ]:
            if found:
                errors[name] = found
        if errors:
            raise ValidationError(errors)
        change = StatusChange(
            claim=locked,
            old_status=locked.status,
            new_status=new_status,
            recorded_by=by,
            recorded_at=now,
            as_of=as_of,
            reason=reason,
        )
        # The checks above cover every constraint of the row (the database still enforces them);
        # skipping their one-query-each re-check halves the cost of a status change.
        change.full_clean(validate_constraints=False)
        # Under the claim's lock: no other change of this claim can chain onto the same entry.
        chain.seal_status_change(change, [item.pk for item in evidence])
        change.save()
        change.evidence.set(evidence)
        locked.status = new_status
        locked.status_changed_at = now
        locked.save(update_fields=["status", "status_changed_at", "updated_at"])
    claim.refresh_from_db(fields=["status", "status_changed_at", "updated_at"])
    return change
