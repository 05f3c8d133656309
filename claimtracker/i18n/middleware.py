"""Django's LocaleMiddleware, with old unprefixed public addresses sent to their English page.

Addresses from before the language prefixes (/claims/<slug>/, in feeds, ClaimReview markup and
shared links) answer 301 to /en/…: they always meant the English page, and a permanent redirect
keeps them working for browsers, feed readers and search engines. Only / itself chooses by
Accept-Language (claimtracker/i18n/views.py). docs/i18n.md.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase, HttpResponsePermanentRedirect
from django.middleware import locale
from django.urls import get_script_prefix, is_valid_path
from django.utils import translation

from claimtracker.i18n.languages import split_prefix


class LocaleMiddleware(locale.LocaleMiddleware):
    response_redirect_class = HttpResponsePermanentRedirect

    def process_request(self, request: HttpRequest) -> HttpResponseBase | None:  # type: ignore[override]
        language, _ = split_prefix(request.path_info)
        if language is None:
            english = self.english_address(request)
            if english:
                # A form posted to an old address (the error-report form moved under the
                # prefixes) keeps its method and body: 308 rather than 301.
                return HttpResponsePermanentRedirect(
                    english, preserve_request=request.method not in ("GET", "HEAD")
                )
        super().process_request(request)
        return None

    def english_address(self, request: HttpRequest) -> str | None:
        """The English page an old unprefixed address meant, or None if it means none."""
        urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
        path = request.path_info
        english = f"/{settings.LANGUAGE_CODE}{path}"
        # The prefix patterns match the active language's prefix only: check as English.
        with translation.override(settings.LANGUAGE_CODE):
            if is_valid_path(path, urlconf):
                return None  # the API, the admin, / and the other unprefixed addresses
            if not is_valid_path(english, urlconf):
                if not (settings.APPEND_SLASH and is_valid_path(english + "/", urlconf)):
                    return None
                english += "/"
        query = request.META.get("QUERY_STRING", "")
        prefix = get_script_prefix().rstrip("/")
        return f"{prefix}{english}" + (f"?{query}" if query else "")
