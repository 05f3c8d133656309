"""Personas and shared fixtures.

Each persona is a staff account in one role group; the comment says what it may do.
"""

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from django.utils import translation

from claimtracker.claims.roles import sync_role_groups
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def english_after_each_test():
    """Each test starts in English, whatever the one before asked for.

    A request to /ru/… leaves Russian active in the thread (LocaleMiddleware activates the
    address's language and nothing deactivates it), so the next test's ``reverse()`` and
    messages would be Russian.
    """
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # PBKDF2 at full strength costs ~0.3 s per persona; tests check roles, not hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def cache_in_process_memory(settings):
    """Keep the cache's own queries out of every page's query count.

    The deployed cache is a database table, so that every server process shares the API's
    throttle counts (tests/api/test_throttling_shared.py tests exactly that, with the deployed
    setting). Its reads and writes are the same few on every request and are not the page's
    work, so other tests keep the cache in process memory.

    The rendered pages' cache stays as deployed, emptied: each test starts with no page kept
    from another test's data.
    """
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": settings.CACHES["pages"],
    }
    caches["pages"].clear()


@pytest.fixture
def role_groups(db):
    # Migration 0002 creates the groups; a transactional test's flush empties them again.
    sync_role_groups()


@pytest.fixture
def journalist(role_groups):
    """Logs statements, sources, actors, evidence and draft claims; never sets a status."""
    return UserFactory(username="jane-journalist", role="journalist")


@pytest.fixture
def fact_checker(role_groups):
    """A journalist who also sets statuses citing evidence, publishes and links contradictions."""
    return UserFactory(username="farida-factchecker", role="fact_checker")


@pytest.fixture
def editor(role_groups):
    """Everything a fact-checker does, plus editing published records and deleting drafts."""
    return UserFactory(username="erlan-editor", role="editor")


@pytest.fixture
def outsider(db):
    """A staff account in no role group: it may log in and do nothing."""
    return UserFactory(username="oscar-outsider")
