"""The pictures in a real browser (issue 14, item 4): they fit a 320px screen, the claim's
timeline reads as an image with its statuses, and its table opens without JavaScript."""

import pytest
from playwright.sync_api import ViewportSize, expect

from tests.browser.test_public_pages import NARROWEST, blocking_violations, reference_pages

pytestmark = pytest.mark.browser

__all__ = ["reference_pages"]  # the fixture, shared with the page-type checks


@pytest.mark.parametrize(
    ("page_type", "picture"),
    [("claim-disputed", "claim"), ("actor", "scorecard"), ("topic", "topic")],
)
def test_each_picture_fits_the_narrowest_screen(new_page, reference_pages, page_type, picture):
    page = new_page()
    page.set_viewport_size(NARROWEST)
    page.goto(reference_pages[page_type])

    figure = page.locator(f"figure.picture--{picture}")
    image = figure.get_by_role("img")
    expect(image).to_be_visible()
    box = image.bounding_box()
    assert box is not None
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= NARROWEST["width"]
    assert box["height"] > 60  # drawn, not collapsed


def test_the_claims_timeline_is_an_image_named_by_its_statuses_with_a_table(
    new_page, reference_pages
):
    page = new_page()
    page.set_viewport_size(ViewportSize(width=1280, height=900))
    page.goto(reference_pages["claim-disputed"])

    image = page.get_by_role("img", name="Status timeline")
    expect(image).to_have_accessible_description(
        # The description names each status with its dates, then counts the marks.
        "No status yet until 11 January 2024; Disputed since 11 January 2024; "
        "Statements: 1; Evidence: 1; Status changes: 1."
    )
    table = page.locator("figure.picture--claim table")
    expect(table).to_be_hidden()
    page.get_by_text("Show as a table").first.click()
    expect(table).to_be_visible()
    expect(table).to_contain_text("Disputed since 11 January 2024")
    assert blocking_violations(page) == []
