"""What a reader does on the reference case, in a real browser, with the page's own words.

Every step finds things the way a reader (or a screen reader) does: by role and accessible name,
by label. A control that lost its label or a link that lost its text fails here first.
"""

import json
import re
from xml.etree import ElementTree

import pytest
from playwright.sync_api import Page, expect

from claimtracker.seeding.reference import load_reference_case

pytestmark = pytest.mark.browser

ATOM = "{http://www.w3.org/2005/Atom}"
CLAIM_SLUG = "outside-terrorists-were-main-protagonists"
CLAIM_TEXT = re.compile(r"“outside terrorists” connected to criminals and extremists")
# The reason recorded for the status, quoted from the seed article (fixtures/qandy-qantar.json).
UNCONFIRMED_REASON = (
    "This version has not been confirmed over the past two years, neither by any of the "
    "investigations nor by court proceedings."
)
TOKAYEV = "Kassym-Jomart Tokayev"


@pytest.fixture
def reference_case(transactional_db, role_groups) -> None:
    load_reference_case()


def search_from_the_header(page: Page, words: str) -> None:
    header_search = page.get_by_role("search", name="Search the site")
    header_search.get_by_label("Search claims, statements, people and topics").fill(words)
    header_search.get_by_role("button", name="Search").click()


def test_a_reader_finds_the_outside_terrorists_claim_and_why_it_is_unconfirmed(
    new_page, reference_case
):
    page = new_page()
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Claims and what is established about them"
    )

    # Filter to unconfirmed claims with the status tabs, right under the heading.
    tabs = page.get_by_role("navigation", name="Claims by status")
    tabs.get_by_role("link", name=re.compile(r"^Unconfirmed \d+$")).click()
    expect(page).to_have_url(re.compile(r"[?&]status=unconfirmed(&|$)"))
    card = page.get_by_role("article", name=CLAIM_TEXT)
    expect(card).to_have_count(1)
    # The status is said in words, not only in a colour.
    expect(card.get_by_role("link", name="Unconfirmed", exact=True)).to_be_visible()
    # Every card the filter left is an unconfirmed one.
    for status_text in page.locator(".claim-card .status-badge").all_inner_texts():
        assert status_text.strip() == "Unconfirmed"

    # Open the claim: its status and the reason for it.
    card.get_by_role("link", name=CLAIM_TEXT).click()
    expect(page).to_have_url(re.compile(rf"/claims/{CLAIM_SLUG}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(CLAIM_TEXT)
    verdict = page.get_by_role("region", name="Verdict: Unconfirmed")
    expect(verdict).to_be_visible()
    # The reason is the article's own sentence, so it reads as a quote of it.
    expect(verdict.locator("blockquote")).to_have_text(f"“{UNCONFIRMED_REASON}”")
    history = page.get_by_role("region", name="Status history")
    expect(history.locator("blockquote")).to_have_text(f"“{UNCONFIRMED_REASON}”")

    # Who said it: follow to Tokayev's page.
    page.get_by_role("region", name="Who asserted it").get_by_role(
        "link", name=TOKAYEV, exact=True
    ).first.click()
    expect(page).to_have_url(re.compile(r"/actors/kassym-jomart-tokayev/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(TOKAYEV)

    # Search his name in Cyrillic, Kazakh then Russian spelling, from the header's search box.
    for spelling in ("Тоқаев", "Токаев"):
        search_from_the_header(page, spelling)
        expect(page).to_have_url(re.compile(r"/search/\?q="))
        people = page.get_by_role("region", name="People and institutions")
        expect(people.get_by_role("link", name=TOKAYEV, exact=True)).to_be_visible()
    people.get_by_role("link", name=TOKAYEV, exact=True).click()
    expect(page).to_have_url(re.compile(r"/actors/kassym-jomart-tokayev/$"))

    # Back on the claim: its Atom feed, then its data as JSON, both from the footer.
    page.goto(f"/claims/{CLAIM_SLUG}/")
    footer = page.get_by_role("contentinfo")
    feed_link = footer.get_by_role("link", name="This claim's status changes (Atom feed)")
    with page.expect_response(re.compile(rf"/claims/{CLAIM_SLUG}/feed/$")) as feed_response:
        feed_link.click()
    feed = feed_response.value
    assert feed.ok
    assert feed.headers["content-type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(feed.body())  # noqa: S314 (our own output, not untrusted)
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 1
    assert "Unconfirmed" in ElementTree.tostring(entries[0], encoding="unicode")

    page.go_back()
    twin_link = page.get_by_role("contentinfo").get_by_role(
        "link", name="This page's data as JSON (REST API)"
    )
    twin_url = twin_link.get_attribute("href")
    assert twin_url is not None
    # The head names the same record for programs, which ask for JSON by Accept header; the
    # visible link asks by name, so a browser gets JSON rather than the API's HTML view.
    head_twin = page.locator('head link[rel="alternate"][type="application/json"]')
    canonical = head_twin.get_attribute("href")
    assert twin_url == f"{canonical}?format=json"
    twin_link.click()
    expect(page).to_have_url(re.compile(re.escape(twin_url) + "$"))
    data = json.loads(page.locator("body").inner_text())
    assert data["slug"] == CLAIM_SLUG
    assert data["status"] == "unconfirmed"
    # A program asking for JSON at the canonical address gets the same record.
    twin = page.request.get(canonical, headers={"Accept": "application/json"})
    assert twin.ok
    assert twin.headers["content-type"].startswith("application/json")
    record = json.loads(twin.body())
    assert (record["slug"], record["status"]) == (CLAIM_SLUG, "unconfirmed")


def test_the_filter_form_works_from_the_keyboard_alone(new_page, reference_case):
    page = new_page()
    page.goto("/")
    more = page.locator("summary", has_text="More filters")
    status = page.get_by_label("Status", exact=True)
    show = page.get_by_role("button", name="Show claims")

    # From the top of the page, Tab reaches the folded filters (after the skip link, the site's
    # name, six navigation links, header search and the status tabs); Enter unfolds them.
    for _ in range(30):
        page.keyboard.press("Tab")
        if more.evaluate("element => element === document.activeElement"):
            break
    expect(more).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(status).to_be_focused()
    # Type-ahead picks the option, as on any select.
    page.keyboard.type("Unc")
    expect(status).to_have_value("unconfirmed")
    for _ in range(10):
        page.keyboard.press("Tab")
        if show.evaluate("element => element === document.activeElement"):
            break
    expect(show).to_be_focused()
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"[?&]status=unconfirmed(&|$)"))
    expect(page.get_by_role("article", name=CLAIM_TEXT)).to_be_visible()
    expect(page.get_by_label("Status", exact=True)).to_have_value("unconfirmed")
