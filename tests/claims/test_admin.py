import re
import pytest
from claimtracker.claims import services
from tests.factories import ClaimEvidenceFactory
pytestmark = pytest.mark.django_db

def test_probe(client, journalist, fact_checker):
    link = ClaimEvidenceFactory()
    services.claim_change_status(by=fact_checker, claim=link.claim, new_status="disputed", expected_status="", reason="Because <b>courts</b>.", evidence=[link.evidence])
    client.force_login(fact_checker)
    r = client.get(f"/admin/claims/claim/{link.claim.pk}/change/")
    html = r.content.decode()
    i = html.index('id="evidence_links-group"')
    print(html[i-200:i+9000])
    r = client.get(f"/admin/claims/claim/{link.claim.pk}/status/")
    html = r.content.decode()
    i = html.index('<form')
    print(html[i:i+5000])
