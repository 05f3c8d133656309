import pytest
from django.conf import settings
from django.utils import translation

from claimtracker.seeding.reference import load_reference_case


@pytest.fixture(autouse=True)
def english_after_each_test():
    # A request to /ru/… leaves Russian active in this thread (see tests/i18n/conftest.py).
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def reference_case(role_groups):
    """The reference case with its translations (fixtures/qandy-qantar.translations.json)."""
    return load_reference_case()
