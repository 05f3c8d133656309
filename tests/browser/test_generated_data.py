"""The public site with a thousand generated claims, as a reader pages, filters and searches it.

The reference case has seven claims; this checks what only shows at volume: pagination,
filters over many rows, search among many similar names, and long pages staying accessible
and narrow-screen friendly. The data is synthetic and labelled so on every row.
"""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from claimtracker.claims.models import Actor, Claim, ClaimStatus
from tests.browser.test_public_pages import blocking_violations

pytestmark = pytest.mark.browser

CLAIMS = 1000
PAGE_SIZE = 20


@pytest.fixture
def generated(transactional_db, role_groups):
    # One generation for the whole walk: live-server tests flush the database after each test.
    call_command(
        "generate_synthetic_data", "--claims", str(CLAIMS), "--seed", "7", "--allow-without-debug"
    )
    return Claim.objects.published()


def test_a_reader_pages_filters_and_searches_a_thousand_claims(new_page, generated):
    paging(new_page(), generated)
    filtering(new_page(), generated)
    searching(new_page())
    paging_a_search(new_page())
    for width in [320, 1280]:
        long_pages(new_page(), generated, width)


def paging(page, generated):
    pages = -(-generated.count() // PAGE_SIZE)
    page.goto("/")

    cards = page.locator("article.claim-card")
    expect(cards).to_have_count(PAGE_SIZE)
    expect(page.get_by_text(f"Page 1 of {pages}")).to_be_visible()
    first_page = cards.first.locator("h3").inner_text()

    page.get_by_role("link", name="Next page").click()
    expect(page.get_by_text(f"Page 2 of {pages}")).to_be_visible()
    expect(cards).to_have_count(PAGE_SIZE)
    assert first_page not in cards.all_inner_texts()

    page.goto(f"/?page={pages}")
    expect(page.get_by_text(f"Page {pages} of {pages}")).to_be_visible()
    expect(page.get_by_role("link", name="Next page")).to_have_count(0)
    assert blocking_violations(page) == []


def filtering(page, generated):
    disputed = generated.filter(status=ClaimStatus.DISPUTED).count()
    assert disputed > PAGE_SIZE, "the generator gives enough disputed claims to page"
    page.goto("/")

    page.get_by_role("navigation", name="Claims by status").get_by_role(
        "link", name=re.compile(r"^Disputed \d+$")
    ).click()

    expect(page).to_have_url(re.compile(r"status=disputed"))
    badges = page.locator("article.claim-card .status-badge")
    expect(badges).to_have_count(PAGE_SIZE)
    assert set(badges.all_inner_texts()) == {"Disputed"}
    page.get_by_role("link", name="Next page").click()
    expect(page).to_have_url(re.compile(r"page=2"))
    expect(page).to_have_url(re.compile(r"status=disputed"))
    assert set(badges.all_inner_texts()) == {"Disputed"}


def searching(page):
    actor = Actor.objects.filter(names__script="Cyrl").order_by("pk").first()
    assert actor is not None
    cyrillic = actor.names.filter(script="Cyrl").first()
    assert cyrillic is not None
    page.goto("/")

    page.get_by_role("search").get_by_role("searchbox").fill(cyrillic.value)
    page.get_by_role("search").get_by_role("button", name="Search").click()

    expect(page.get_by_role("link", name=str(actor), exact=True).first).to_be_visible()


def paging_a_search(page):
    """Every generated claim says it is synthetic: a word in a thousand claims, paged."""
    page.goto("/")
    page.get_by_role("search").get_by_role("searchbox").fill("synthetic")
    page.get_by_role("search").get_by_role("button", name="Search").click()
    claims = page.locator(".search-results--claims article.claim-card")
    expect(claims).to_have_count(10)
    overview = claims.locator("h3").all_inner_texts()

    page.get_by_role("link", name="More claims").click()
    expect(page).to_have_url(re.compile(r"kind=claims"))
    expect(claims).to_have_count(PAGE_SIZE)
    assert claims.locator("h3").all_inner_texts()[:10] == overview
    expect(page.locator(".search-results--actors")).to_have_count(0)
    page.get_by_role("link", name="Next page").click()
    expect(page.get_by_text(re.compile(r"^Page 2 of \d+$"))).to_be_visible()
    assert not set(claims.locator("h3").all_inner_texts()) & set(overview)
    assert blocking_violations(page) == []

    page.get_by_role("link", name="All kinds of results").click()
    expect(claims).to_have_count(10)


def long_pages(page, generated, width):
    busiest = Actor.objects.filter(statements__published_at__isnull=False).order_by("-pk").first()
    assert busiest is not None
    topic = generated.filter(topics__isnull=False).values_list("topics__slug", flat=True)[0]
    page.set_viewport_size({"width": width, "height": 800})

    for address in [busiest.get_absolute_url(), f"/topics/{topic}/"]:
        response = page.goto(address)
        assert response is not None
        assert response.status == 200
        expect(page.locator("h1")).to_have_count(1)
        assert blocking_violations(page) == []
        overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{address} scrolls sideways by {overflow}px at {width}px"
