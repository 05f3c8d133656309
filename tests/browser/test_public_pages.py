"""The public pages in a real browser: accessible, usable from the keyboard, and fit any screen.

axe-core (bundled with axe-playwright-python, no download) checks each page type with the
reference case loaded, error pages included; a violation of serious or critical impact fails the
test. The same test saves a full-page screenshot of the page at phone and desktop widths to
tests/browser/screenshots/ (gitignored; kept as the CI artifact, see docs/development.md) and
checks that a 320px screen never scrolls sideways: one reference-case load per page type.
"""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, ViewportSize, expect

from tests.browser.reference_pages import PAGE_TYPES

pytestmark = pytest.mark.browser

BLOCKING_IMPACTS = {"serious", "critical"}
SCREENSHOTS = Path(__file__).parent / "screenshots"
DESKTOP = ViewportSize(width=1280, height=900)
# The screenshots CI keeps: a 375 px phone and a 1280 px desktop (issue 14).
PHONE = ViewportSize(width=375, height=812)
NARROWEST = ViewportSize(width=320, height=740)


def blocking_violations(page: Page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']}"
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]


def save_screenshots(page: Page, page_type: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        page.screenshot(path=SCREENSHOTS / f"{page_type}-{viewport['width']}.png", full_page=True)


def sideways_overflow(page: Page) -> int:
    """How many pixels the page is wider than the window (0 or less: no horizontal scroll)."""
    page.set_viewport_size(NARROWEST)
    scroll_width, window_width = page.evaluate(
        "[document.scrollingElement.scrollWidth, window.innerWidth]"
    )
    assert window_width == NARROWEST["width"]
    return int(scroll_width - window_width)


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_each_page_type_is_accessible_and_fits_a_phone_screen(new_page, reference_pages, page_type):
    page = new_page()
    page.set_viewport_size(DESKTOP)

    response = page.goto(reference_pages[page_type])

    assert response is not None
    assert response.status == PAGE_TYPES[page_type]
    expect(page.locator("h1")).to_have_count(1)
    assert blocking_violations(page) == []
    save_screenshots(page, page_type)
    assert sideways_overflow(page) <= 0


def test_the_first_tab_offers_a_skip_link_to_the_content(new_page, reference_pages):
    page = new_page()
    page.goto(reference_pages["claim"])

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    skip.press("Enter")
    expect(page.locator("main")).to_be_focused()


@pytest.mark.parametrize("viewport", [ViewportSize(width=375, height=667), DESKTOP])
def test_a_reader_finds_the_verdict_and_its_reason_in_the_first_screen(
    new_page, reference_pages, viewport
):
    page = new_page()
    page.set_viewport_size(viewport)
    page.goto(reference_pages["claim-disputed"])

    verdict = page.get_by_role("heading", name="Verdict: Disputed")
    expect(verdict).to_be_in_viewport()
    reason = page.locator(".verdict blockquote")
    expect(reason).to_contain_text("a version with which observers and journalists disagree")
    box = reason.bounding_box()
    assert box is not None
    assert box["y"] + box["height"] <= viewport["height"]
    expect(page.get_by_role("heading", name="Status history")).to_be_visible()


def test_a_reader_finds_the_contradiction_of_the_disputed_claim(new_page, reference_pages):
    page = new_page()
    page.goto(reference_pages["claim-disputed"])

    contradictions = page.get_by_role("region", name="Contradictions")
    expect(contradictions).to_contain_text("Contradicted by the evidence")
    contradictions.get_by_role("link", name="The article: observers and journalists").click()
    expect(page.get_by_role("region", name="Contradictions")).to_contain_text(
        "Contradicts the statement by Kassym-Jomart Tokayev"
    )


# A 375 px wide phone is 812 px tall (iPhone 12 mini, 13 mini); the desktop window is 900.
@pytest.mark.parametrize("viewport", [ViewportSize(width=375, height=812), DESKTOP])
def test_the_home_page_shows_at_least_three_claims_in_the_first_screen(
    new_page, reference_pages, viewport
):
    page = new_page()
    page.set_viewport_size(viewport)
    page.goto(reference_pages["home"])

    titles = page.locator(".claim-card__text")
    in_first_screen = [
        box
        for box in (titles.nth(index).bounding_box() for index in range(titles.count()))
        if box is not None and box["y"] + box["height"] <= viewport["height"]
    ]
    assert len(in_first_screen) >= 3
