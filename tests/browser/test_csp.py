"""The Content Security Policy holds in a real browser: no page the site serves trips it.

A violation is caught two ways: the ``securitypolicyviolation`` event the page fires (listened
for before any of the page's own code runs) and the console error chromium writes for it. The
reference case is loaded, so the claim page carries its JSON-LD ClaimReview: a data block,
which the policy neither runs nor blocks.
"""

from collections.abc import Callable

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from claimtracker.claims import services
from claimtracker.claims.models import Claim, Source
from claimtracker.seeding.reference import load_reference_case
from tests.browser.reference_pages import page_addresses
from tests.factories import UserFactory

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"  # what UserFactory gives every account

LISTEN_FOR_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} in ${event.sourceFile}`
  );
});
"""


class ViolationLog:
    """Every CSP complaint a page makes, from its event and from the console."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.console: list[str] = []
        page.add_init_script(LISTEN_FOR_VIOLATIONS)
        page.on("console", self.note_console)

    def note_console(self, message) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.console.append(message.text)

    def violations(self) -> list[str]:
        events = self.page.evaluate("window.__cspViolations || []")
        return [*events, *self.console]


@pytest.fixture
def watched_page(new_page) -> Callable[[], tuple[Page, ViolationLog]]:
    def open_page() -> tuple[Page, ViolationLog]:
        page = new_page()
        return page, ViolationLog(page)

    return open_page


@pytest.fixture
def reference_case(transactional_db, role_groups) -> None:
    load_reference_case()


@pytest.mark.parametrize(
    "page_type", ["claim", "actor", "topic", "statement", "evidence", "source", "methodology"]
)
def test_no_public_page_trips_the_content_security_policy(watched_page, reference_case, page_type):
    page, log = watched_page()

    response = page.goto(page_addresses()[page_type])
    page.wait_for_load_state("networkidle")

    assert response is not None
    assert response.ok
    assert "default-src 'none'" in response.headers["content-security-policy"]
    # The stylesheet loaded and applied: a blocked one would leave the skip link on screen.
    expect(page.locator(".skip-link")).not_to_be_in_viewport()
    assert log.violations() == [], log.violations()


def test_the_claim_page_keeps_its_claimreview_data_block_without_a_violation(
    watched_page, reference_case
):
    page, log = watched_page()

    page.goto(page_addresses()["claim"])

    blocks = page.locator('script[type="application/ld+json"]')
    expect(blocks).to_have_count(1)
    assert '"ClaimReview"' in blocks.text_content()
    assert log.violations() == [], log.violations()


def log_in(page: Page, username: str) -> None:
    page.goto(reverse("admin:index"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#user-tools")).to_be_visible()


def test_the_admin_change_form_and_change_status_page_work_under_the_policy(
    watched_page, reference_case
):
    UserFactory(username="farida-factchecker", role="fact_checker")
    claim = Claim.objects.get(slug="outside-terrorists-were-main-protagonists")
    page, log = watched_page()

    log_in(page, "farida-factchecker")
    page.goto(reverse("admin:claims_claim_change", args=[claim.pk]))
    page.wait_for_load_state("networkidle")
    page.get_by_role("link", name="Change status").click()
    page.wait_for_load_state("networkidle")

    expect(page.get_by_role("button", name="Record the new status")).to_be_visible()
    assert log.violations() == [], log.violations()


def test_swagger_ui_renders_the_api_under_the_policy(watched_page, reference_case):
    page, log = watched_page()

    response = page.goto("/api/v1/docs/")

    # Swagger UI builds the page from the schema it fetched (connect-src 'self').
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("ClaimTracker API")
    expect(page.locator(".opblock").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert response is not None
    assert "unsafe-inline" not in response.headers["content-security-policy"]
    assert log.violations() == [], log.violations()


# The one request the Redoc page's policy refuses on purpose: Redoc's own footer logo, from
# Redocly's CDN, which would tell a third party who reads our docs (docs/security.md).
REDOC_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"


def test_redoc_renders_the_api_under_its_documented_policy(watched_page, reference_case):
    page, log = watched_page()

    response = page.goto("/api/v1/redoc/")

    expect(page.locator("h1").first).to_contain_text("ClaimTracker API")
    # The search box works: its worker (a blob: URL) started.
    page.get_by_placeholder("Search...").fill("claims")
    expect(page.locator('[role="search"] li').first).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert response is not None
    assert "unsafe-inline" not in response.headers["content-security-policy"]
    unexpected = [violation for violation in log.violations() if REDOC_LOGO not in violation]
    assert unexpected == [], unexpected


def test_the_browsable_api_renders_under_the_policy(watched_page, reference_case):
    page, log = watched_page()

    page.goto("/api/v1/claims/")

    expect(page.locator(".response-info")).to_contain_text("outside-terrorists")
    page.wait_for_load_state("networkidle")
    assert log.violations() == [], log.violations()


# The stylesheet, the one thing the policy lets style a public page, does its job.
@pytest.mark.parametrize("page_type", ["claim", "actor", "topic", "source", "methodology"])
def test_a_public_page_fits_a_320px_screen_without_sideways_scrolling(
    new_page, reference_case, page_type
):
    page = new_page()
    page.set_viewport_size({"width": 320, "height": 640})

    page.goto(page_addresses()[page_type])

    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0


def test_a_printed_claim_page_drops_the_search_and_cites_sources_by_address(
    new_page, reference_case, editor
):
    # The reference article is cited from the seed text; give it an address as most sources
    # have. It is published: the address is added by a public correction.
    services.source_update(
        by=editor,
        source=Source.objects.get(title="Not Everyone Fits the Mold"),
        changes={"url": "https://example.org/not-everyone-fits-the-mold"},
        correction_note="The article's address was added.",
    )
    page = new_page()
    page.goto(page_addresses()["claim"])

    page.emulate_media(media="print")

    expect(page.locator(".site-search")).to_be_hidden()
    expect(page.locator(".site-footer__machine")).to_be_hidden()
    source_link = page.locator(".statement figcaption a[data-print-url]").first
    printed_after = source_link.evaluate("link => getComputedStyle(link, '::after').content")
    assert "https://example.org/not-everyone-fits-the-mold" in printed_after
    # A statement is never split across two sheets.
    assert (
        page.locator(".statement").first.evaluate(
            "element => getComputedStyle(element).breakInside"
        )
        == "avoid"
    )
