"""Settings for the gunicorn these tests start: the load test's (production settings, fast
collectstatic), except that CACHE_RELEASE is the deployment's, as in production: unset, the
release is the code's digest (claimtracker/cdn/release.py)."""

import os

from tests.load.settings import *  # noqa: F403

CACHE_RELEASE = os.environ.get("CACHE_RELEASE", "")
