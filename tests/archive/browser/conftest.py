# The browser tests' chromium and pages (tests/browser/conftest.py), in a package of their own:
# while Playwright runs, its event loop stays open for the package's remaining tests.
from tests.browser.conftest import browser, new_page

__all__ = ["browser", "new_page"]
