"""A Russian reader's claim page, in a real browser (issue 15, item 2)."""

# Russian text on purpose.
# ruff: noqa: RUF001

from playwright.sync_api import expect


def test_a_russian_claim_page_shows_the_claim_in_russian_marked_as_translated(
    new_page, reference_pages
):
    page = new_page()

    page.goto("/ru/claims/outside-terrorists-were-main-protagonists/")

    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text("«террористы извне»")
    expect(page.locator(".translated-note")).to_contain_text("Переведено с английского")
    assert page.locator("html").get_attribute("lang") == "ru"
