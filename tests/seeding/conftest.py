"""Fixtures for the reference case and the synthetic data."""

import json

import pytest
from django.conf import settings

from claimtracker.seeding.reference import FIXTURE, load_reference_case

# The seed article lives next to the repository, not in it.
ARTICLE = settings.BASE_DIR.parent / "shared" / "seed" / "not-everyone-fits-the-mold.txt"


@pytest.fixture(scope="session")
def article_text():
    """The reference article exactly as stored, curly quotes and garbled sentence included."""
    assert ARTICLE.exists(), f"The reference article is missing: {ARTICLE}"
    return ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def reference_data():
    """fixtures/qandy-qantar.json as plain data."""
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture
def reference_case(role_groups):
    """The reference case, loaded once into this test's database; returns the load report."""
    return load_reference_case()
