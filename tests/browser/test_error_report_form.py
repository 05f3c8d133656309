"""The public "Report an error" form in a real browser: reachable from a record, accessible,
and sent without an account."""

import pytest
from playwright.sync_api import expect

from claimtracker.reports.models import ErrorReport
from tests.browser.test_public_pages import NARROWEST, blocking_violations
from tests.web.published import published_claim

pytestmark = pytest.mark.browser


def test_a_reader_reports_an_error_from_a_claim_page(new_page, fact_checker):
    claim = published_claim(fact_checker, text="Outside terrorists were the main protagonists.")
    page = new_page()
    page.goto(claim.get_absolute_url())

    page.get_by_role("link", name="Report an error").click()

    expect(page.get_by_role("heading", name="Report an error")).to_be_visible()
    assert blocking_violations(page) == []
    page.set_viewport_size(NARROWEST)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= NARROWEST["width"]
    page.get_by_label("What is wrong?").fill("The statement was made on 7 January, not 5.")
    page.get_by_role("button", name="Send the report").click()
    expect(page.get_by_role("heading", name="Thank you for your report")).to_be_visible()
    assert blocking_violations(page) == []
    report = ErrorReport.objects.get()
    assert (report.record_kind, report.record_id) == ("claim", claim.pk)
