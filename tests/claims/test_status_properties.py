"""Status changes as a state machine: whatever fact-checkers try, in any order, history adds up.

Hypothesis drives `services.claim_change_status` through random runs of accepted and refused
changes on the real database, and after every step checks what docs/domain.md promises: the
claim's status is the latest history row's new status, every row's old status is the previous
row's new status, each row's hash chains onto the previous one, and a refused change (the same
status, a stale expected status, a blank reason, an unknown status) records nothing and leaves
the claim as it was.

Each run starts from a fresh claim inside its own savepoint, rolled back when the run ends, so
runs never see each other's rows even though they share the test's one transaction.
"""

from typing import cast

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from claimtracker.claims import services
from claimtracker.claims.models import Claim, ClaimStatus, Stance
from claimtracker.claims.services import StaleStatus
from claimtracker.claims.text import REFUSED
from tests.factories import ClaimEvidenceFactory, ClaimFactory

pytestmark = pytest.mark.django_db

STATUSES = st.sampled_from(ClaimStatus.values)
# "" is "no status yet", which any claim starts with and none returns to.
SEEN_STATUSES = st.sampled_from(["", *ClaimStatus.values])
# Reasons a fact-checker might type: any script, with spaces around. Invisible characters that
# change how text reads (NUL, controls, bidi overrides; claims/text.py) are refused everywhere.
REASONS = (
    # Controls are left out of the alphabet, not filtered out: at this length most draws of
    # any character would hold one.
    st.text(
        st.characters(exclude_categories=["Cc", "Cs"]),
        min_size=services.REASON_MIN_LENGTH,
        max_size=200,
    )
    .filter(lambda text: len(" ".join(text.split())) >= services.REASON_MIN_LENGTH)
    .filter(lambda text: not REFUSED.search(text))
)
BLANKS = st.text(" \t\n\r\u00a0\u2003", max_size=5)
NOT_STATUSES = st.text(max_size=20).filter(lambda text: text not in ClaimStatus.values) | (
    st.sampled_from(["Confirmed", "CONFIRMED", " confirmed", "confirmed ", "none"])
)


class StatusHistory(RuleBasedStateMachine):
    """One claim, and the statuses its history should hold (the model the database must match)."""

    fact_checker: User  # set by the test before the runs start

    def __init__(self) -> None:
        super().__init__()
        self.savepoint = transaction.savepoint_create()
        self.claim: Claim = cast(Claim, ClaimFactory())  # factory_boy's hints say otherwise
        # Evidence every status may rest on (test_status_rules.py has the rules): cited always.
        self.evidence = [
            ClaimEvidenceFactory(claim=self.claim, stance=stance).evidence
            for stance in (Stance.SUPPORTS, Stance.CONTRADICTS)
        ]
        self.accepted: list[tuple[str, str]] = []  # (new status, reason as stored) per change

    def teardown(self) -> None:
        transaction.savepoint_rollback(self.savepoint)

    @property
    def current(self) -> str:
        return self.accepted[-1][0] if self.accepted else ""

    def change(self, new_status: str, expected_status: str, reason: str) -> None:
        services.claim_change_status(
            by=self.fact_checker,
            claim=self.claim,
            new_status=new_status,
            expected_status=expected_status,
            reason=reason,
            evidence=self.evidence,
        )

    def assert_refused(self, error: type[ValidationError], *args: str, field: str = "") -> None:
        before = Claim.objects.values().get(pk=self.claim.pk)
        with pytest.raises(error) as refusal:
            self.change(*args)
        if field:
            assert field in refusal.value.message_dict
        assert Claim.objects.values().get(pk=self.claim.pk) == before

    @rule(new_status=STATUSES, reason=REASONS)
    def change_status(self, new_status: str, reason: str) -> None:
        if new_status == self.current:
            self.assert_refused(
                ValidationError, new_status, self.current, reason, field="new_status"
            )
            return
        self.change(new_status, self.current, reason)
        self.accepted.append((new_status, reason.strip()))

    @rule(new_status=STATUSES, stale=SEEN_STATUSES, reason=REASONS)
    def change_status_from_a_stale_page(self, new_status: str, stale: str, reason: str) -> None:
        if stale != self.current:
            self.assert_refused(StaleStatus, new_status, stale, reason)

    @rule(new_status=STATUSES, blank=BLANKS)
    def change_status_without_a_reason(self, new_status: str, blank: str) -> None:
        if new_status != self.current:
            self.assert_refused(ValidationError, new_status, self.current, blank, field="reason")

    @rule(not_a_status=NOT_STATUSES, reason=REASONS)
    def change_to_something_that_is_not_a_status(self, not_a_status: str, reason: str) -> None:
        self.assert_refused(ValidationError, not_a_status, self.current, reason, field="new_status")

    @precondition(lambda machine: machine.accepted)
    @rule()
    def reload_the_claim(self) -> None:
        # A fact-checker's page shows the stored claim, not the object in memory.
        self.claim = Claim.objects.get(pk=self.claim.pk)

    @invariant()
    def history_adds_up(self) -> None:
        claim = Claim.objects.get(pk=self.claim.pk)
        history = list(claim.status_changes.order_by("pk"))

        assert [(row.new_status, row.reason) for row in history] == self.accepted
        assert [row.old_status for row in history] == ["", *(row.new_status for row in history)][
            : len(history)
        ]
        assert claim.status == (history[-1].new_status if history else "")
        assert claim.status_changed_at == (history[-1].recorded_at if history else None)
        # Each row is chained to the one before it.
        assert [row.previous_hash for row in history] == ["", *(row.hash for row in history)][
            : len(history)
        ]
        assert self.claim.status == claim.status  # the service refreshes the caller's object


def test_any_run_of_status_changes_leaves_a_history_that_adds_up(fact_checker):
    StatusHistory.fact_checker = fact_checker
    run_state_machine_as_test(
        StatusHistory,
        settings=settings(max_examples=30, stateful_step_count=15, deadline=None, derandomize=True),
    )
    # Every run rolled back its own rows: nothing leaks into the rest of the test.
    assert not Claim.objects.exists()
