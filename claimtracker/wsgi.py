"""WSGI entry point, served by gunicorn in production (see docker-compose.yml)."""

import os

from django.core.wsgi import get_wsgi_application

from claimtracker.web.checks import require_site_url

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimtracker.settings")

application = get_wsgi_application()
# Fails at start, not per request: gunicorn's workers (and runserver) stop here without SITE_URL.
require_site_url()
