"""Settings for the load test's gunicorn: ClaimTracker's own, as deployed, with three changes.

The environment the harness passes makes them production settings (DEBUG off, a SECRET_KEY,
ALLOWED_HOSTS, SITE_URL; HTTPS as said by the TLS proxy's X-Forwarded-Proto header, which the
locust users send). What differs, only so that a throwaway server starts fast and answers
consistently:

- STATIC_ROOT is the test's own temporary directory (``LOAD_STATIC_ROOT``), not the checkout's.
- Static files are hashed by Django's ManifestStaticFilesStorage instead of WhiteNoise's
  compressing one: pages name the same hashed files, but collectstatic takes under 2 s instead
  of about 20 s of gzip and brotli. The load test reads pages, not the static files themselves.
- CACHE_RELEASE is fixed (by default it is a digest of the code, the same in every worker too:
  claimtracker/cdn/release.py).
"""

import os
from pathlib import Path

from claimtracker.settings import *  # noqa: F403
from claimtracker.settings import STORAGES

STATIC_ROOT = Path(os.environ["LOAD_STATIC_ROOT"])
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}
CACHE_RELEASE = "load-test"
