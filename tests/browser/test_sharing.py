"""Sharing a claim in a real browser: the copy-link button copies the page's canonical address,
the plain share links work without JavaScript, and paper says where and when it was printed."""

import datetime
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, expect

from claimtracker.seeding.reference import load_reference_case
from tests.browser.conftest import STEP_TIMEOUT_MS
from tests.browser.test_public_pages import blocking_violations

pytestmark = pytest.mark.browser

CLAIM = "/en/claims/outside-terrorists-were-main-protagonists/"
# Playwright's evaluate() has no timeout of its own: a clipboard that never answers fails here.
READ_CLIPBOARD = """Promise.race([
  navigator.clipboard.readText(),
  new Promise((_, reject) => setTimeout(() => reject(new Error("clipboard did not answer")), 3000)),
])"""


@pytest.fixture
def reference(transactional_db, role_groups, settings, live_server) -> str:
    """The reference case, its canonical addresses on the live server; the claim's address."""
    load_reference_case()
    settings.SITE_URL = live_server.url
    return f"{live_server.url}{CLAIM}"


@pytest.fixture
def contexts(browser: Browser, live_server) -> Iterator[list[BrowserContext]]:
    opened: list[BrowserContext] = []
    yield opened
    for context in opened:
        context.close()


def open_context(browser: Browser, live_server, contexts, **options) -> BrowserContext:
    expect.set_options(timeout=STEP_TIMEOUT_MS)
    context = browser.new_context(base_url=live_server.url, locale="en-GB", **options)
    context.set_default_timeout(STEP_TIMEOUT_MS)
    contexts.append(context)
    return context


def test_copy_link_copies_the_claims_canonical_address(browser, live_server, contexts, reference):
    context = open_context(
        browser, live_server, contexts, permissions=["clipboard-read", "clipboard-write"]
    )
    page = context.new_page()
    page.bring_to_front()
    # A tracked link, as a messenger passes it on: the copied address is the claim's own.
    page.goto(f"{CLAIM}?utm_source=telegram")

    copy = page.get_by_role("button", name="Copy link")
    expect(copy).to_be_visible()
    copy.click()

    expect(page.get_by_role("status")).to_have_text("Link copied.")
    assert page.evaluate(READ_CLIPBOARD) == reference
    assert blocking_violations(page) == []


def test_without_javascript_the_share_links_remain_and_the_buttons_do_not_show(
    browser, live_server, contexts, reference
):
    page = open_context(browser, live_server, contexts, java_script_enabled=False).new_page()
    page.goto(CLAIM)

    expect(page.get_by_role("button", name="Copy link")).to_have_count(0)
    telegram = page.get_by_role("link", name="Share on Telegram")
    expect(telegram).to_be_visible()
    href = telegram.get_attribute("href") or ""
    assert href.startswith("https://t.me/share/url?url=http")
    expect(page.get_by_role("link", name="Send by email")).to_be_visible()
    # (axe runs in the page's JavaScript, so it checks the page with JavaScript on, above.)


def test_a_printed_claim_page_shows_its_address_and_the_print_date(
    browser, live_server, contexts, reference
):
    page = open_context(browser, live_server, contexts).new_page()
    page.goto(CLAIM)
    note = page.locator(".print-address")
    expect(note).to_be_hidden()

    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")

    expect(note).to_be_visible()
    expect(note).to_contain_text(f"Printed from {reference}")
    today = datetime.datetime.now(datetime.UTC).date()
    expect(note.locator("time")).to_have_attribute("datetime", today.isoformat())
    expect(page.get_by_role("link", name="Share on Telegram")).to_be_hidden()
