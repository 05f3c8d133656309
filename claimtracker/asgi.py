"""ASGI entry point, for servers that speak ASGI."""

import os

from django.core.asgi import get_asgi_application

from claimtracker.web.checks import require_site_url

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimtracker.settings")

application = get_asgi_application()
# Fails at start, not per request, as wsgi.py does.
require_site_url()
