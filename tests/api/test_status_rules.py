"""POST /api/v1/claims/<slug>/status-changes/: an ill-founded status change is a 400 naming each
field with its code (docs/api.md), and records nothing."""

import re

import pytest

from claimtracker.claims.dates import PartialDate
from claimtracker.claims.models import Claim, ClaimStatus, Stance, StatusChange
from tests.factories import ClaimEvidenceFactory, ClaimFactory, StatementFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/claims/the-claim/status-changes/"
REASON = "No investigation or court has confirmed this version in two years."


@pytest.fixture
def claim():
    """A draft claim first asserted on 11 January 2024."""
    return ClaimFactory(
        slug="the-claim", statements=[StatementFactory(stated_on=PartialDate(2024, 1, 11))]
    )


def body(**fields):
    return {"new_status": "unconfirmed", "expected_status": "", "reason": REASON, **fields}


def errors(response):
    assert response.status_code == 400, response.content
    return {(error["field"], error["code"]) for error in response.json()["errors"]}


def nothing_written():
    return not StatusChange.objects.exists() and Claim.objects.get(slug="the-claim").status == ""


def test_the_issues_example_is_a_400_with_a_code_per_problem(as_user, fact_checker, claim):
    response = as_user(fact_checker).post(
        URL, body(new_status="refuted", as_of="2031", reason="x", evidence=[])
    )

    assert errors(response) == {
        ("as_of", "as_of_future"),
        ("reason", "reason_too_short"),
        ("evidence", "evidence_required"),
    }
    assert nothing_written()


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"as_of": "2999-01"}, ("as_of", "as_of_future")),
        ({"as_of": "2024-01-10"}, ("as_of", "as_of_before_statement")),
        ({"as_of": "2023"}, ("as_of", "as_of_before_statement")),
        ({"reason": "Not confirmed."}, ("reason", "reason_too_short")),
        ({"new_status": "confirmed"}, ("evidence", "evidence_required")),
        ({"new_status": "partly_confirmed"}, ("evidence", "evidence_required")),
        ({"new_status": "refuted"}, ("evidence", "evidence_required")),
        ({"new_status": "disputed"}, ("evidence", "contradicting_evidence_required")),
    ],
)
def test_each_rule_is_a_400_naming_the_field_and_code(
    as_user, fact_checker, claim, fields, expected
):
    response = as_user(fact_checker).post(URL, body(**fields))

    assert errors(response) == {expected}
    assert nothing_written()


def test_disputed_citing_only_supporting_evidence_is_refused(as_user, fact_checker, claim):
    supporting = ClaimEvidenceFactory(claim=claim, stance=Stance.SUPPORTS).evidence

    response = as_user(fact_checker).post(
        URL, body(new_status="disputed", evidence=[supporting.pk])
    )

    assert errors(response) == {("evidence", "contradicting_evidence_required")}
    assert nothing_written()


def test_evidence_not_linked_to_the_claim_is_refused(as_user, fact_checker, claim):
    stray = ClaimEvidenceFactory().evidence

    response = as_user(fact_checker).post(URL, body(evidence=[stray.pk]))

    assert errors(response) == {("evidence", "evidence_unlinked")}


def test_the_status_the_claim_already_has_is_refused(as_user, fact_checker, claim):
    client = as_user(fact_checker)
    assert client.post(URL, body()).status_code == 201

    response = client.post(URL, body(expected_status="unconfirmed"))

    assert errors(response) == {("new_status", "unchanged")}


def test_a_well_founded_change_is_recorded_and_chained(as_user, fact_checker, claim):
    contradicting = ClaimEvidenceFactory(claim=claim, stance=Stance.CONTRADICTS).evidence
    client = as_user(fact_checker)

    first = client.post(URL, body(as_of="2024-01-11"))
    second = client.post(
        URL,
        body(
            new_status="disputed",
            expected_status="unconfirmed",
            as_of="2024-01",
            evidence=[contradicting.pk],
        ),
    )

    assert (first.status_code, second.status_code) == (201, 201)
    earlier, later = StatusChange.objects.order_by("pk")
    assert re.fullmatch(r"[0-9a-f]{64}", later.hash)
    assert later.previous_hash == earlier.hash
    assert Claim.objects.get(slug="the-claim").status == ClaimStatus.DISPUTED
