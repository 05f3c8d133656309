"""The claim page shows the hash of its latest status change, so that a reader can check a
downloaded export against the page (docs/export.md, "Verifying the history")."""

import pytest

from claimtracker.claims import services
from claimtracker.claims.models import ClaimStatus, Stance
from tests.factories import ClaimEvidenceFactory, ClaimFactory

pytestmark = pytest.mark.django_db

REASON = "No investigation or court has confirmed it, two years on."


def test_the_claim_page_shows_the_current_record_hash(client, fact_checker):
    claim = ClaimFactory()
    ClaimEvidenceFactory(claim=claim, stance=Stance.CONTRADICTS)
    services.record_publish(by=fact_checker, record=claim)
    for status in (ClaimStatus.UNCONFIRMED, ClaimStatus.DISPUTED):
        claim.refresh_from_db()
        services.claim_change_status(
            by=fact_checker,
            claim=claim,
            new_status=status,
            expected_status=claim.status,
            reason=REASON,
            evidence=list(claim.evidence.all()),
        )
    first, latest = claim.status_changes.order_by("pk")

    html = client.get(claim.get_absolute_url()).content.decode()

    assert f'<code title="{latest.hash}">{latest.hash[:12]}…</code>' in html
    assert first.hash not in html, "only the current hash: it vouches for the whole chain"


def test_a_claim_nobody_assessed_shows_no_hash(client, fact_checker):
    claim = services.record_publish(by=fact_checker, record=ClaimFactory())

    assert "Record hash" not in client.get(claim.get_absolute_url()).content.decode()
