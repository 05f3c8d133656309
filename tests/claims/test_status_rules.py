"""A status change is well-founded (issue 11): a date that can hold, a reason readers can
follow, and the evidence the verdict rests on; each accepted change is sealed into the claim's
hash chain."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from claimtracker.claims import chain, services
from claimtracker.claims.dates import PartialDate
from claimtracker.claims.models import Claim, ClaimStatus, Stance, StatusChange
from tests.factories import ClaimEvidenceFactory, ClaimFactory, EvidenceFactory, StatementFactory

pytestmark = pytest.mark.django_db

REASON = "The prosecutor's published report documents the opposite in detail."
SHA256 = re.compile(r"^[0-9a-f]{64}$")
ARTICLE_DAY = PartialDate(2024, 1, 11)


@pytest.fixture
def claim():
    """A draft claim first asserted in April 2023, with no evidence linked yet."""
    return ClaimFactory(statements=[StatementFactory(stated_on=PartialDate(2023, 4, 17))])


def published(by, **fields):
    """Fields of a record ``by`` published just now."""
    return {"published_at": timezone.now(), "published_by": by, **fields}


def publish(claim, by):
    """Publish a draft claim whose links are in place (links of a published claim are frozen)."""
    Claim.objects.filter(pk=claim.pk).update(**published(by))
    claim.refresh_from_db()
    return claim


def change(claim, by, new_status, *, reason=REASON, as_of=ARTICLE_DAY, **kw):
    return services.claim_change_status(
        by=by,
        claim=claim,
        new_status=new_status,
        expected_status=claim.status,
        reason=reason,
        as_of=as_of,
        **kw,
    )


def refusal(claim, by, new_status, **kw):
    """The codes of a refused change, by field; and nothing was written."""
    before = Claim.objects.values().get(pk=claim.pk)
    count = StatusChange.objects.count()
    with pytest.raises(ValidationError) as refused:
        change(claim, by, new_status, **kw)
    assert Claim.objects.values().get(pk=claim.pk) == before
    assert StatusChange.objects.count() == count
    return {
        field: {error.code for error in errors}
        for field, errors in refused.value.error_dict.items()
    }


def test_the_issues_example_is_refused_with_every_reason_at_once(claim, fact_checker):
    codes = refusal(claim, fact_checker, ClaimStatus.REFUTED, as_of=PartialDate(2031), reason="x")

    assert codes == {
        "as_of": {"as_of_future"},
        "reason": {"reason_too_short"},
        "evidence": {"evidence_required"},
    }


def test_a_date_certainly_in_the_future_is_refused(claim, fact_checker):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    codes = refusal(
        claim, fact_checker, ClaimStatus.UNCONFIRMED, as_of=PartialDate.from_date(tomorrow)
    )

    assert codes == {"as_of": {"as_of_future"}}


def test_this_year_or_month_is_not_the_future_at_its_precision(claim, fact_checker):
    today = timezone.localdate()

    change(claim, fact_checker, ClaimStatus.UNCONFIRMED, as_of=PartialDate(today.year))
    change(
        claim,
        fact_checker,
        ClaimStatus.DISPUTED,
        as_of=PartialDate(today.year, today.month),
        evidence=[ClaimEvidenceFactory(claim=claim, stance=Stance.CONTRADICTS).evidence],
    )

    assert claim.status == ClaimStatus.DISPUTED


def test_the_date_defaults_to_today(claim, fact_checker):
    result = services.claim_change_status(
        by=fact_checker,
        claim=claim,
        new_status=ClaimStatus.UNCONFIRMED,
        expected_status="",
        reason=REASON,
    )

    assert result.as_of == PartialDate.from_date(timezone.localdate(result.recorded_at))


@pytest.mark.parametrize(
    "as_of", [PartialDate(2023, 3), PartialDate(2022), PartialDate(2023, 4, 16)]
)
def test_a_date_before_the_claim_was_first_asserted_is_refused(claim, fact_checker, as_of):
    codes = refusal(claim, fact_checker, ClaimStatus.UNCONFIRMED, as_of=as_of)

    assert codes == {"as_of": {"as_of_before_statement"}}


@pytest.mark.parametrize(
    "as_of", [PartialDate(2023), PartialDate(2023, 4), PartialDate(2023, 4, 17)]
)
def test_a_date_that_may_be_the_day_of_the_statement_is_accepted(claim, fact_checker, as_of):
    result = change(claim, fact_checker, ClaimStatus.UNCONFIRMED, as_of=as_of)

    assert result.as_of == as_of


def test_the_earliest_of_several_statements_counts(claim, fact_checker):
    claim.statements.add(StatementFactory(stated_on=PartialDate(2021)))

    change(claim, fact_checker, ClaimStatus.UNCONFIRMED, as_of=PartialDate(2022, 6))

    assert claim.status == ClaimStatus.UNCONFIRMED


def test_a_statement_known_only_as_not_after_a_date_never_makes_the_date_too_early(
    claim, fact_checker
):
    claim.statements.add(
        StatementFactory(stated_on=None, stated_not_after=datetime.date(2024, 1, 11))
    )

    change(claim, fact_checker, ClaimStatus.UNCONFIRMED, as_of=PartialDate(2010))

    assert claim.status == ClaimStatus.UNCONFIRMED


def test_the_error_names_the_earliest_statement_date(claim, fact_checker):
    with pytest.raises(ValidationError, match="April 2023"):
        change(claim, fact_checker, ClaimStatus.UNCONFIRMED, as_of=PartialDate(2020))


@pytest.mark.parametrize(
    "reason",
    ["x", "See above.", "a" * 39, "  " + "a" * 39 + "  ", "too        short     with spaces"],
)
def test_a_reason_shorter_than_the_minimum_is_refused(claim, fact_checker, reason):
    codes = refusal(claim, fact_checker, ClaimStatus.UNCONFIRMED, reason=reason)

    assert codes == {"reason": {"reason_too_short"}}


def test_a_reason_of_the_minimum_length_is_accepted_and_stored_stripped(claim, fact_checker):
    reason = "b" * services.REASON_MIN_LENGTH

    result = change(claim, fact_checker, ClaimStatus.UNCONFIRMED, reason=f"  {reason}\n")

    assert services.REASON_MIN_LENGTH == 40
    assert result.reason == reason


@pytest.mark.parametrize(
    "status", [ClaimStatus.CONFIRMED, ClaimStatus.PARTLY_CONFIRMED, ClaimStatus.REFUTED]
)
def test_a_verdict_without_evidence_is_refused(claim, fact_checker, status):
    ClaimEvidenceFactory(claim=claim)  # linked, but not cited

    codes = refusal(claim, fact_checker, status)

    assert codes == {"evidence": {"evidence_required"}}


@pytest.mark.parametrize(
    "status", [ClaimStatus.CONFIRMED, ClaimStatus.PARTLY_CONFIRMED, ClaimStatus.REFUTED]
)
def test_a_verdict_citing_linked_evidence_is_accepted(claim, fact_checker, status):
    link = ClaimEvidenceFactory(claim=claim, stance=Stance.SUPPORTS)

    result = change(claim, fact_checker, status, evidence=[link.evidence])

    assert list(result.evidence.all()) == [link.evidence]


def test_unconfirmed_needs_no_evidence(claim, fact_checker):
    result = change(claim, fact_checker, ClaimStatus.UNCONFIRMED)

    assert not result.evidence.exists()


def test_disputed_needs_evidence_that_contradicts_the_claim(claim, fact_checker):
    supporting = ClaimEvidenceFactory(claim=claim, stance=Stance.SUPPORTS).evidence
    framing = ClaimEvidenceFactory(claim=claim, stance=Stance.CONTEXT).evidence
    contradicting = ClaimEvidenceFactory(claim=claim, stance=Stance.CONTRADICTS).evidence

    codes = refusal(claim, fact_checker, ClaimStatus.DISPUTED, evidence=[supporting, framing])
    result = change(claim, fact_checker, ClaimStatus.DISPUTED, evidence=[supporting, contradicting])

    assert codes == {"evidence": {"contradicting_evidence_required"}}
    assert set(result.evidence.all()) == {supporting, contradicting}


def test_withdrawn_evidence_does_not_count(claim, fact_checker, editor):
    withdrawn = EvidenceFactory(**published(editor, withdrawn_at=timezone.now()))
    ClaimEvidenceFactory(claim=claim, evidence=withdrawn, stance=Stance.CONTRADICTS)

    assert refusal(claim, fact_checker, ClaimStatus.REFUTED, evidence=[withdrawn]) == {
        "evidence": {"evidence_required"}
    }
    assert refusal(claim, fact_checker, ClaimStatus.DISPUTED, evidence=[withdrawn]) == {
        "evidence": {"contradicting_evidence_required"}
    }


def test_a_published_claim_needs_published_evidence_and_cannot_cite_a_draft(
    claim, fact_checker, editor
):
    draft = ClaimEvidenceFactory(claim=claim).evidence
    ready = ClaimEvidenceFactory(claim=claim, evidence=EvidenceFactory(**published(editor)))
    publish(claim, editor)

    codes = refusal(claim, fact_checker, ClaimStatus.CONFIRMED, evidence=[draft])
    result = change(claim, fact_checker, ClaimStatus.CONFIRMED, evidence=[ready.evidence])

    assert codes == {"evidence": {"evidence_unpublished", "evidence_required"}}
    assert list(result.evidence.all()) == [ready.evidence]


def test_a_draft_claim_may_rest_on_its_draft_evidence(claim, fact_checker):
    # Publishing the claim publishes its linked evidence with it (services/publishing.py).
    draft = ClaimEvidenceFactory(claim=claim).evidence

    result = change(claim, fact_checker, ClaimStatus.CONFIRMED, evidence=[draft])

    assert draft.published_at is None
    assert result.new_status == ClaimStatus.CONFIRMED


def test_evidence_not_linked_to_the_claim_is_refused_with_its_title(claim, fact_checker):
    stray = EvidenceFactory(title="Unrelated ruling")

    with pytest.raises(ValidationError, match="Unrelated ruling") as refused:
        change(claim, fact_checker, ClaimStatus.UNCONFIRMED, evidence=[stray])

    assert refused.value.error_dict["evidence"][0].code == "evidence_unlinked"


def test_the_status_the_claim_already_has_is_refused_with_a_code(claim, fact_checker):
    change(claim, fact_checker, ClaimStatus.UNCONFIRMED)

    assert refusal(claim, fact_checker, ClaimStatus.UNCONFIRMED) == {"new_status": {"unchanged"}}


def test_a_valid_change_is_sealed_into_the_claims_hash_chain(claim, fact_checker, editor):
    link = ClaimEvidenceFactory(claim=claim, stance=Stance.CONTRADICTS)

    first = change(claim, fact_checker, ClaimStatus.UNCONFIRMED)
    second = change(claim, editor, ClaimStatus.DISPUTED, evidence=[link.evidence])

    first, second = StatusChange.objects.get(pk=first.pk), StatusChange.objects.get(pk=second.pk)
    assert SHA256.match(first.hash)
    assert SHA256.match(second.hash)
    assert first.previous_hash == ""
    assert second.previous_hash == first.hash
    # Anyone can recompute the stored hash from what readers are told about the change.
    content = chain.status_change_content(second, [link.evidence.pk])
    assert second.hash == chain.entry_hash(first.hash, content)


def test_each_claim_has_its_own_chain(claim, fact_checker):
    other = ClaimFactory()
    change(claim, fact_checker, ClaimStatus.UNCONFIRMED)

    result = change(other, fact_checker, ClaimStatus.UNCONFIRMED)

    assert result.previous_hash == ""


# The admin's change-status page: the same rules, each shown next to its field.


def status_page(claim):
    return reverse("admin:claims_claim_change_status", args=[claim.pk])


def test_the_admin_form_states_the_minimum_reason_length_and_the_evidence_rules(
    client, fact_checker, claim
):
    client.force_login(fact_checker)

    page = client.get(status_page(claim))

    assert page.status_code == 200
    assert "at least 40 characters" in page.text
    assert "Disputed at least one that contradicts the claim" in page.text


def test_the_admin_refuses_the_issues_example_with_an_error_next_to_each_field(
    client, fact_checker, claim
):
    client.force_login(fact_checker)

    response = client.post(
        status_page(claim),
        {"new_status": "refuted", "expected_status": "", "reason": "x", "as_of": "2031"},
    )

    assert response.status_code == 200
    form_errors = response.context["form"].errors
    assert set(form_errors) == {"as_of", "reason", "evidence"}
    assert "in the future" in form_errors["as_of"][0]
    assert "at least 40 characters" in form_errors["reason"][0]
    assert "cite at least one piece of published evidence" in form_errors["evidence"][0]
    assert not StatusChange.objects.exists()
    claim.refresh_from_db()
    assert claim.status == ""


def test_the_admin_shows_each_evidence_choice_with_its_stance_and_state(
    client, fact_checker, claim
):
    ClaimEvidenceFactory(claim=claim, stance=Stance.CONTRADICTS, evidence__title="Court ruling")
    client.force_login(fact_checker)

    page = client.get(status_page(claim))

    assert "Court ruling (contradicts, draft)" in page.text


def test_the_admin_records_a_well_founded_disputed_status(client, fact_checker, claim):
    link = ClaimEvidenceFactory(claim=claim, stance=Stance.CONTRADICTS)
    client.force_login(fact_checker)

    response = client.post(
        status_page(claim),
        {
            "new_status": "disputed",
            "expected_status": "",
            "reason": REASON,
            "as_of": "2024-01-11",
            "evidence": [link.evidence.pk],
        },
    )

    assert response.status_code == 302
    change = StatusChange.objects.get()
    assert change.new_status == ClaimStatus.DISPUTED
    assert SHA256.match(change.hash)
