"""A fact-checker translates a published claim's status reason in the admin, in a real browser:
from the claim's status history to the status change's page, "Add another" (JavaScript), the
refusal without a public note, and the correction it publishes with one.

The rules, role by role, are in tests/translations/test_admin_translations.py.
"""

# Russian text on purpose.

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from claimtracker.claims.models import ClaimStatus, Correction, StatusChangeTranslation
from tests.browser.test_admin_flows import log_in
from tests.claims.test_admin import publish, set_status
from tests.factories import ClaimFactory

pytestmark = pytest.mark.browser

REASON = "Two courts found otherwise, in rulings published in full."
RUSSIAN_REASON = "Два суда пришли к иному выводу в опубликованных решениях."
NOTE = "The reason for the Disputed status, now in Russian."


def test_a_fact_checker_translates_a_published_status_reason_with_a_public_note(
    new_page, fact_checker, editor
):
    claim = ClaimFactory(text="Outside terrorists were the main protagonists.")
    change = set_status(claim, fact_checker, ClaimStatus.DISPUTED, REASON)
    publish(claim, editor)
    page = new_page()
    log_in(page, fact_checker)

    page.goto(reverse("admin:claims_claim_change", args=[claim.pk]))
    page.locator("#status_changes-group").get_by_role("link", name="Translations").click()
    expect(page.locator(".field-reason")).to_contain_text(REASON)
    page.get_by_text("Add another Status reason translation").click()
    page.locator("[name='translations-0-language']").fill("ru")
    page.locator("[name='translations-0-script']").select_option(label="Cyrillic")
    page.locator("[name='translations-0-text']").fill(RUSSIAN_REASON)
    page.locator("[name='translations-0-translated_by']").fill("Farida")
    page.get_by_role("button", name="Save", exact=True).click()

    # The claim is public, so its history is: the change is a correction, with a note.
    expect(page.locator(".errorlist")).to_contain_text("Write the public note")
    assert not StatusChangeTranslation.objects.exists()
    page.locator("#id_correction_note").fill(NOTE)
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    row = StatusChangeTranslation.objects.get(status_change=change)
    assert (row.language, row.text, row.translated_by) == ("ru", RUSSIAN_REASON, "Farida")
    correction = Correction.objects.get(note=NOTE)
    assert (correction.claim_id, correction.recorded_by) == (claim.pk, fact_checker)
    page.goto(reverse("web:corrections"))
    expect(page.get_by_text(NOTE)).to_be_visible()
