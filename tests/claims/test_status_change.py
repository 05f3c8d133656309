"""claim_change_status: the only way a claim's status changes."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from claimtracker.claims import services
from claimtracker.claims.dates import PartialDate
from claimtracker.claims.models import Claim, ClaimStatus, Stance, StatusChange
from tests.factories import ClaimEvidenceFactory, ClaimFactory, EvidenceFactory

pytestmark = pytest.mark.django_db

REASON = "Two courts found otherwise, in rulings published in full."


def basis(claim, new_status):
    """Evidence linked to the claim that the new status may rest on (test_status_rules.py)."""
    stance = Stance.CONTRADICTS if new_status == ClaimStatus.DISPUTED else Stance.SUPPORTS
    return ClaimEvidenceFactory(claim=claim, stance=stance).evidence


def change(claim, by, new_status, expected_status="", reason=REASON, **kw):
    if "evidence" not in kw:
        kw["evidence"] = [basis(claim, new_status)]
    return services.claim_change_status(
        by=by,
        claim=claim,
        new_status=new_status,
        expected_status=expected_status,
        reason=reason,
        **kw,
    )


def test_a_new_claim_has_no_status_which_is_not_unconfirmed():
    claim = ClaimFactory()
    assert claim.status == ""
    assert claim.status_label == "No status yet"
    assert not claim.status_changes.exists()


def test_a_first_status_is_recorded_as_a_change_from_no_status(fact_checker):
    link = ClaimEvidenceFactory()
    result = change(
        link.claim,
        fact_checker,
        ClaimStatus.UNCONFIRMED,
        as_of=PartialDate(2024, 1, 11),
        evidence=[link.evidence],
    )

    assert result.old_status == ""
    assert result.new_status == ClaimStatus.UNCONFIRMED
    assert result.recorded_by == fact_checker
    assert result.as_of == PartialDate(2024, 1, 11)
    assert list(result.evidence.all()) == [link.evidence]
    link.claim.refresh_from_db()
    assert link.claim.status == ClaimStatus.UNCONFIRMED
    assert link.claim.status_changed_at == result.recorded_at


def test_any_status_may_follow_any_other_and_the_current_status_is_the_latest_row(fact_checker):
    claim = ClaimFactory()
    seen = ""
    for status in [ClaimStatus.REFUTED, ClaimStatus.CONFIRMED, ClaimStatus.DISPUTED]:
        change(claim, fact_checker, status, expected_status=seen)
        seen = status
        claim.refresh_from_db()
        latest = claim.status_changes.latest()
        assert claim.status == latest.new_status == status
    assert [c.old_status for c in claim.status_changes.order_by("recorded_at", "pk")] == [
        "",
        ClaimStatus.REFUTED,
        ClaimStatus.CONFIRMED,
    ]


def test_it_refuses_a_stale_expected_status_and_writes_nothing(fact_checker, editor):
    claim = ClaimFactory()
    change(claim, editor, ClaimStatus.DISPUTED)

    with pytest.raises(services.StaleStatus, match="Disputed"):
        change(claim, fact_checker, ClaimStatus.REFUTED, expected_status="")

    claim.refresh_from_db()
    assert claim.status == ClaimStatus.DISPUTED
    assert claim.status_changes.count() == 1


def test_it_refuses_the_status_the_claim_already_has(fact_checker):
    claim = ClaimFactory()
    change(claim, fact_checker, ClaimStatus.DISPUTED)

    with pytest.raises(ValidationError, match="already has this status"):
        change(claim, fact_checker, ClaimStatus.DISPUTED, expected_status=ClaimStatus.DISPUTED)
    assert claim.status_changes.count() == 1


@pytest.mark.parametrize("status", ["", "false", "UNCONFIRMED", "pants-on-fire"])
def test_it_refuses_an_unknown_status(fact_checker, status):
    claim = ClaimFactory()
    with pytest.raises(ValidationError, match="is not a status"):
        change(claim, fact_checker, status)
    assert not StatusChange.objects.exists()


@pytest.mark.parametrize("reason", ["", "   ", "\n\t"])
def test_it_refuses_a_change_without_a_reason(fact_checker, reason):
    claim = ClaimFactory()
    with pytest.raises(ValidationError):
        change(claim, fact_checker, ClaimStatus.REFUTED, reason=reason)
    claim.refresh_from_db()
    assert claim.status == ""
    assert not StatusChange.objects.exists()


def test_it_refuses_evidence_not_linked_to_the_claim(fact_checker):
    claim = ClaimFactory()
    stray = EvidenceFactory(title="Unrelated ruling")
    with pytest.raises(ValidationError, match="Unrelated ruling"):
        change(claim, fact_checker, ClaimStatus.REFUTED, evidence=[stray])
    claim.refresh_from_db()
    assert claim.status == ""
    assert not StatusChange.objects.exists()


@pytest.mark.parametrize("persona", ["journalist", "outsider"])
def test_only_fact_checkers_and_editors_may_change_a_status(request, persona):
    user = request.getfixturevalue(persona)
    claim = ClaimFactory()
    with pytest.raises(PermissionDenied):
        change(claim, user, ClaimStatus.CONFIRMED)
    claim.refresh_from_db()
    assert claim.status == ""


def test_an_editor_may_change_a_status(editor):
    claim = ClaimFactory()
    change(claim, editor, ClaimStatus.PARTLY_CONFIRMED)
    assert Claim.objects.get(pk=claim.pk).status == ClaimStatus.PARTLY_CONFIRMED


def test_the_as_of_date_defaults_to_the_day_of_the_change(fact_checker):
    result = change(ClaimFactory(), fact_checker, ClaimStatus.REFUTED)
    assert result.as_of == PartialDate.from_date(result.recorded_at.date())
