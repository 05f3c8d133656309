"""The change-status page in a real browser: accessible, drawn like the rest of the admin, with
the record beside the form, and the curator's role in the header."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from claimtracker.claims.models import Stance
from tests.browser.test_admin_flows import log_in
from tests.browser.test_public_pages import DESKTOP, blocking_violations
from tests.factories import ClaimEvidenceFactory, ClaimFactory, StatementFactory

pytestmark = pytest.mark.browser


def test_the_change_status_page_is_accessible_and_shows_the_record_beside_the_form(
    new_page, fact_checker
):
    statement = StatementFactory(quote="Twenty thousand bandits attacked Almaty.")
    claim = ClaimFactory(statements=[statement])
    ClaimEvidenceFactory(
        claim=claim, stance=Stance.CONTRADICTS, evidence__title="Prosecutor's count of detainees"
    )
    page = new_page()
    page.set_viewport_size(DESKTOP)
    log_in(page, fact_checker)

    page.goto(reverse("admin:claims_claim_change_status", args=[claim.pk]))

    expect(page.locator("#user-tools .role-badge")).to_have_text("Fact-checker")
    expect(page.locator("ol.breadcrumbs")).to_contain_text("Change status")
    statements = page.get_by_role("heading", name="Statements asserting it")
    expect(statements).to_be_visible()
    expect(page.locator(".status-workspace__record")).to_contain_text(
        "Twenty thousand bandits attacked Almaty."
    )
    evidence_row = page.locator(".status-workspace__record tr.stance--contradicts")
    expect(evidence_row).to_contain_text("Contradicts")
    expect(evidence_row).to_contain_text("Prosecutor's count of detainees")
    # Beside the form at desktop width, not below it: the record is in view while deciding.
    form_box = page.locator("#change-status-form").bounding_box()
    record_box = page.locator(".status-workspace__record").bounding_box()
    assert form_box is not None
    assert record_box is not None
    assert record_box["x"] >= form_box["x"] + form_box["width"]
    assert record_box["y"] < form_box["y"] + form_box["height"]
    # The status choices' legend sits above its choices, not across them.
    legend = page.locator("fieldset fieldset legend").first.bounding_box()
    first_choice = page.locator("#id_new_status input").first.bounding_box()
    assert legend is not None
    assert first_choice is not None
    assert legend["y"] + legend["height"] <= first_choice["y"] + 1 or (
        legend["x"] + legend["width"] <= first_choice["x"]
    )
    assert blocking_violations(page) == []
