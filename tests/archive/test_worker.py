"""The one test that runs the real worker (``manage.py db_worker``) against PostgreSQL."""

import os
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings

from claimtracker.archive.models import Capture, Outcome
from claimtracker.claims import services

ROOT = Path(__file__).resolve().parents[2]


def worker_database_url(database: dict[str, Any]) -> str:
    """The test database (pytest-django renamed it) as a DATABASE_URL for the worker."""
    login = quote(database["USER"] or "", safe="")
    if database["PASSWORD"]:
        login += ":" + quote(database["PASSWORD"], safe="")
    return f"postgres://{login}@{database['HOST']}:{database['PORT']}/{database['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_the_worker_captures_a_source_queued_in_postgresql(site, journalist, settings, tmp_path):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "archive"]}
    }
    source = services.source_create(
        by=journalist, title="T", language="en", url=site.url("/speech")
    )
    assert not Capture.objects.exists()  # queued, not run

    env = {
        **os.environ,
        "DEBUG": "true",
        "DATABASE_URL": worker_database_url(django_settings.DATABASES["default"]),
        "ARCHIVE_ALLOWED_NETWORKS": "127.0.0.1/32",
        "ARCHIVE_CHROMIUM": "",
        "ARCHIVE_ROOT": str(tmp_path / "archive"),
    }
    worker = subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--queue-name", "archive", "--batch",
         "--no-startup-delay", "--no-reload"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip

    assert worker.returncode == 0, worker.stderr
    capture = Capture.objects.get(source=source)
    assert capture.outcome == Outcome.CAPTURED
    assert (tmp_path / "archive" / "sha256").is_dir()
