"""Configuration the public site cannot serve without, checked before it serves.

The claim cards' font (web.E002) is checked by ``check --deploy`` too.

Feeds, the sitemap, ClaimReview markup and security.txt give absolute addresses on
``SITE_URL``. Production has no default for it, so ``check --deploy`` reports it unset and the
WSGI and ASGI entry points refuse to build the application (docs/operations.md).
"""

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register
from django.core.exceptions import ImproperlyConfigured

SITE_URL_HINT = "Set SITE_URL to the public site's address, e.g. https://claims.example.org."


def site_url_problem() -> str | None:
    """Why SITE_URL cannot serve as the site's address, or None when it can."""
    if not settings.SITE_URL:
        return "SITE_URL is not set: feeds, the sitemap and ClaimReview need the site's address."
    address = urlsplit(settings.SITE_URL)
    if address.scheme not in {"http", "https"} or not address.netloc:
        return f"SITE_URL={settings.SITE_URL!r} is not an absolute http(s) address."
    return None


@register(Tags.security, deploy=True)
def check_site_url(app_configs: Sequence[AppConfig] | None, **kwargs: Any) -> list[CheckMessage]:
    problem = site_url_problem()
    return [Error(problem, hint=SITE_URL_HINT, id="web.E001")] if problem else []


@register(deploy=True)
def check_card_font(app_configs: Sequence[AppConfig] | None, **kwargs: Any) -> list[CheckMessage]:
    """Claim cards (link previews) are drawn in DejaVu Sans: without it each would be a 500."""
    # Imported here: Pillow loads only when the checks run.
    from claimtracker.web.sharing import font

    try:
        font(12)
        font(12, bold=True)
    except ImproperlyConfigured as error:
        hint = "Install Debian's fonts-dejavu-core (the Dockerfile does)."
        return [Error(str(error), hint=hint, id="web.E002")]
    return []


def require_site_url() -> None:
    """Refuse to serve (wsgi.py, asgi.py) where ``check --deploy`` would report web.E001."""
    problem = site_url_problem()
    if problem:
        raise ImproperlyConfigured(f"{problem} {SITE_URL_HINT}")
