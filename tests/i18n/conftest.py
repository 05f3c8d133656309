import pytest
from django.conf import settings
from django.utils import translation


@pytest.fixture(autouse=True)
def english_after_each_test():
    # A request to /ru/… leaves Russian active in this thread (LocaleMiddleware activates the
    # page's language and nothing deactivates it), so reverse() in the next test, in another
    # file, would give /ru/ addresses. Production serves each request in its own language.
    yield
    translation.activate(settings.LANGUAGE_CODE)
