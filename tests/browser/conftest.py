"""Browser tests: Playwright (sync API) drives Debian's chromium against the live server.

Never ``playwright install``: the browser is the distribution's (``apt-get install chromium``;
``make test`` installs it when missing).
"""

import os
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from claimtracker.seeding.reference import load_reference_case
from tests.browser.reference_pages import LANGUAGES, page_addresses

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",  # the tests run as root in a container, where the sandbox cannot start
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# A step that takes longer than this is a failure, not something to wait out.
STEP_TIMEOUT_MS = 5_000


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    """One chromium for all browser tests.

    Package scope, not session: while Playwright runs, its asyncio loop counts as running in this
    thread, so every later test in the process would see it (async_to_sync and Django's
    async-safety check both refuse to work under a running loop). Stopping Playwright when the
    browser tests are done removes the loop.
    """
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (or run `make test`)")
    with pytest.MonkeyPatch.context() as patch:
        # Django refuses ORM calls from a thread with a running event loop, assuming they would
        # block it. Here the loop is Playwright's, and the test code runs only while the loop
        # is suspended between browser calls, so nothing blocks it and the refusal is a false
        # alarm. The variable is set only while Playwright runs (see above).
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()


@pytest.fixture
def new_page(browser: Browser, live_server) -> Iterator[Callable[[], Page]]:
    """Open a page in a fresh browser context: each one is a separate visitor with own cookies."""
    expect.set_options(timeout=STEP_TIMEOUT_MS)
    contexts = []

    def open_page() -> Page:
        context = browser.new_context(base_url=live_server.url, locale="en-GB")
        context.set_default_timeout(STEP_TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def reference_pages(transactional_db, role_groups) -> dict[str, str]:
    """The reference case loaded, and the address of each page type (reference_pages.py)."""
    load_reference_case()
    return page_addresses()


@pytest.fixture
def reference_pages_in_every_language(transactional_db, role_groups) -> dict[str, str]:
    """The reference case loaded, and each page type's address in each language, keyed
    ``"<language> <page type>"``."""
    load_reference_case()
    return {
        f"{language} {page_type}": address
        for language in LANGUAGES
        for page_type, address in page_addresses(language).items()
    }
