"""A reader whose browser speaks Russian gets the Russian site, and can switch to Kazakh in Latin
script with one link: no script, no cookie (docs/i18n.md)."""

# ruff: noqa: RUF001

import pytest
from playwright.sync_api import expect

from claimtracker.seeding.reference import load_reference_case
from tests.browser.conftest import STEP_TIMEOUT_MS

pytestmark = pytest.mark.browser


@pytest.fixture
def russian_browser(browser, live_server, transactional_db, role_groups):
    load_reference_case()
    expect.set_options(timeout=STEP_TIMEOUT_MS)
    # Chromium sends Accept-Language from the context's locale: "ru-RU,ru;q=0.9".
    context = browser.new_context(base_url=live_server.url, locale="ru-RU")
    context.set_default_timeout(STEP_TIMEOUT_MS)
    yield context
    context.close()


def test_a_russian_browser_lands_on_the_russian_home_and_switches_to_kazakh_latin(
    russian_browser, live_server
):
    page = russian_browser.new_page()

    page.goto("/")

    assert page.url == f"{live_server.url}/ru/"
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.get_by_role("link", name="Утверждения", exact=True)).to_be_visible()
    switch = page.get_by_role("navigation", name="Язык")
    expect(switch.get_by_role("link", name="Русский")).to_have_attribute("aria-current", "true")

    switch.get_by_role("link", name="Qazaqşa").click()

    expect(page).to_have_url(f"{live_server.url}/kk-latn/")
    expect(page.locator("html")).to_have_attribute("lang", "kk-Latn")
    expect(page.get_by_role("link", name="Tūjyrymdar", exact=True)).to_be_visible()
    expect(page.get_by_role("navigation", name="Tıl")).to_be_visible()
    assert russian_browser.cookies() == []


def test_the_switch_keeps_the_reader_on_the_same_page(russian_browser, live_server):
    page = russian_browser.new_page()
    page.goto("/ru/claims/outside-terrorists-were-main-protagonists/")

    page.get_by_role("navigation", name="Язык").get_by_role("link", name="Қазақша").click()

    expect(page).to_have_url(
        f"{live_server.url}/kk/claims/outside-terrorists-were-main-protagonists/"
    )
    expect(page.locator("html")).to_have_attribute("lang", "kk")
    expect(page.get_by_text("Мәртебе тарихы")).to_be_visible()
