"""The public record pages in a real browser: accessible, and usable from the keyboard.

axe-core (bundled with axe-playwright-python, no download) checks each page type with the
reference case loaded; a violation of serious or critical impact fails the test.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from claimtracker.claims.models import Evidence, Source, Statement
from claimtracker.claims.reference import load_reference_case

pytestmark = pytest.mark.browser

BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture
def reference_pages(transactional_db, role_groups) -> dict[str, str]:
    load_reference_case()
    return {
        "claim": "/claims/outside-terrorists-were-main-protagonists/",
        "actor": "/actors/kassym-jomart-tokayev/",
        "topic": "/topics/january-2022-events-qandy-qantar/",
        "statement": Statement.objects.published().earliest("pk").get_absolute_url(),
        "evidence": Evidence.objects.published().earliest("pk").get_absolute_url(),
        "source": Source.objects.get(title="Not Everyone Fits the Mold").get_absolute_url(),
        "methodology": "/methodology/",
    }


def blocking_violations(page: Page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']}"
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]


@pytest.mark.parametrize(
    "page_type", ["claim", "actor", "topic", "statement", "evidence", "source", "methodology"]
)
def test_each_public_page_type_has_no_serious_accessibility_violation(
    new_page, reference_pages, page_type
):
    page = new_page()
    page.goto(reference_pages[page_type])

    expect(page.locator("h1")).to_have_count(1)
    assert blocking_violations(page) == []


def test_the_first_tab_offers_a_skip_link_to_the_content(new_page, reference_pages):
    page = new_page()
    page.goto(reference_pages["claim"])

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    skip.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_a_reader_sees_the_status_in_words_next_to_the_claim(new_page, reference_pages):
    page = new_page()
    page.goto(reference_pages["claim"])

    expect(page.locator(".claim__status")).to_contain_text("Unconfirmed")
    expect(page.get_by_role("heading", name="Status history")).to_be_visible()
