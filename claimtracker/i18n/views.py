"""/: the one address that picks a language for the reader (docs/i18n.md)."""

from django.conf import settings
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation.trans_real import parse_accept_lang_header


def language_from_accept_language(header: str) -> str:
    """The interface language a browser prefers most, or the default: no cookie, no session."""
    for tag, _quality in parse_accept_lang_header(header):
        if tag == "*":
            break
        try:
            return translation.get_supported_language_variant(tag)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


def choose_language(request: HttpRequest) -> HttpResponseRedirect:
    """Redirect / to the home page in the browser's language (302: it depends on the browser)."""
    language = language_from_accept_language(request.META.get("HTTP_ACCEPT_LANGUAGE", ""))
    with translation.override(language):
        address = reverse("web:home")
    query = request.META.get("QUERY_STRING", "")
    response = HttpResponseRedirect(address + (f"?{query}" if query else ""))
    patch_vary_headers(response, ("Accept-Language",))
    # A shared cache may keep it per Accept-Language, but must ask again: cheap, and never stale.
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
    return response
