"""Throttle counts shared by every server process."""

import pytest
from django.db import connection
from rest_framework.throttling import SimpleRateThrottle

from claimtracker import settings as deployed

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def deployed_cache(settings):
    # tests/conftest.py keeps the cache in memory for other tests; here, the deployed setting.
    settings.CACHES = deployed.CACHES


@pytest.fixture
def low_limits(monkeypatch):
    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/minute", "user": "5/minute"}
    )


def test_every_server_process_counts_against_the_same_limit(anonymous, low_limits):
    """gunicorn runs several workers; each must see the others' requests, or the real limit
    would be the rate times the number of workers. The counts live in a database table, which
    every process reads, not in one process's memory."""
    for _ in range(3):
        anonymous.get("/api/v1/claims/")

    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM claimtracker_cache")
        keys = [key for (key,) in cursor.fetchall()]

    assert any("throttle_anon" in key for key in keys)


def test_the_deployment_keeps_its_cache_in_the_database():
    assert deployed.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
