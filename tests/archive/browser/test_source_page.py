"""A source that changed after it was cited, as a reader sees it in a real browser."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from claimtracker.claims import services
from tests.browser.test_public_pages import DESKTOP, blocking_violations, sideways_overflow

pytestmark = pytest.mark.browser


def test_a_changed_source_says_so_accessibly_and_fits_a_phone_screen(
    new_page, transactional_db, role_groups, editor, site
):
    source = services.source_create(
        by=editor, title="Casualty figures", language="en", url=site.url("/changing")
    )
    services.record_publish(by=editor, record=source)
    site.edit("/edit")
    call_command("recheck_sources")
    page = new_page()
    page.set_viewport_size(DESKTOP)

    page.goto(source.get_absolute_url())

    archive = page.locator("#archive")
    expect(archive).to_contain_text("Changed since cited")
    expect(archive.get_by_role("link", name="WARC (for researchers)")).to_have_count(2)
    assert blocking_violations(page) == []
    assert sideways_overflow(page) <= 0
