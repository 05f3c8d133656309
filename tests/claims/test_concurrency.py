"""Two fact-checkers changing one claim at once, with real threads against PostgreSQL."""

import threading

import pytest
from django.db import connection

from claimtracker.claims import services
from claimtracker.claims.models import Claim, ClaimStatus
from tests.factories import ClaimEvidenceFactory

pytestmark = pytest.mark.django_db(transaction=True)


def race(claim, users_and_statuses):
    """Start every change at once from the same expected status; return what each got.

    Each cites the claim's linked evidence, as a verdict must (test_status_rules.py)."""
    evidence = list(claim.evidence.all())
    barrier = threading.Barrier(len(users_and_statuses))
    outcomes = {}

    def attempt(user, status):
        barrier.wait()
        try:
            services.claim_change_status(
                by=user,
                claim=Claim.objects.get(pk=claim.pk),
                new_status=status,
                expected_status="",
                reason=f"{user.username} says {status}: the linked evidence establishes it.",
                evidence=evidence,
            )
            outcomes[user.username] = "landed"
        except services.StaleStatus:
            outcomes[user.username] = "stale"
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=pair) for pair in users_and_statuses]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def test_of_two_changes_from_the_same_status_exactly_one_lands(fact_checker, editor, role_groups):
    for _round in range(5):
        claim = ClaimEvidenceFactory().claim
        outcomes = race(
            claim, [(fact_checker, ClaimStatus.REFUTED), (editor, ClaimStatus.CONFIRMED)]
        )

        assert sorted(outcomes.values()) == ["landed", "stale"]
        claim.refresh_from_db()
        history = list(claim.status_changes.all())
        assert len(history) == 1
        assert claim.status == history[0].new_status
        winner = next(name for name, outcome in outcomes.items() if outcome == "landed")
        assert history[0].recorded_by.username == winner
