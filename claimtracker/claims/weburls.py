"""Safe, canonical web addresses for sources.

A source is entered once: two spellings of the same address ("HTTPS://Example.org:443/a#top" and
"https://example.org/a") normalise to the same text, which is unique in the database.
"""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

# Only web addresses: javascript:, data:, file: and ftp: links never reach a reader's browser.
WEB_SCHEMES = ["http", "https"]
validate_web_url = URLValidator(
    schemes=WEB_SCHEMES, message=_("Enter a web address that starts with http:// or https://.")
)

DEFAULT_PORTS = {"http": 80, "https": 443}
# Tracking parameters say who shared a link, not what it points at.
TRACKING_PREFIXES = ("utm_",)
TRACKING_PARAMETERS = {"fbclid", "gclid", "mc_cid", "mc_eid"}


def normalise_url(url: str) -> str:
    """The canonical form of a web address; raises ValidationError for anything not http(s)."""
    url = url.strip()
    validate_web_url(url)
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    try:
        port = parts.port
    except ValueError:
        raise ValidationError(
            _("The port in this address is not a number."), code="invalid"
        ) from None
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    refuse_credentials(url)
    query = urlencode(
        [
            (key, value)
            for key, value in parse_qsl(parts.query, keep_blank_values=True)
            if key not in TRACKING_PARAMETERS and not key.startswith(TRACKING_PREFIXES)
        ]
    )
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def refuse_credentials(url: str) -> None:
    """A password in a published address would leak it; a user name in one can disguise the host
    ("https://trusted.example@evil.example/")."""
    parts = urlsplit(url)
    if parts.username or parts.password:
        raise ValidationError(
            _("Leave user names and passwords out of source addresses."), code="invalid"
        )
