"""The language switch, hreflang alternates and the HTML lang tag (docs/i18n.md)."""

from typing import Any

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation

from claimtracker.i18n.languages import html_lang, in_language, split_prefix

register = template.Library()


@register.filter
def bcp47(code: str) -> str:
    """A Django language code as an HTML lang value: {{ LANGUAGE_CODE|bcp47 }} → kk-Latn."""
    return html_lang(code or settings.LANGUAGE_CODE)


def page_in(request: HttpRequest | None, code: str) -> str:
    """This page's address in another language; a page outside the prefixes has none, so the
    home page in that language stands in."""
    if request is not None and split_prefix(request.path)[0]:
        query = request.META.get("QUERY_STRING", "")
        return in_language(request.path, code) + (f"?{query}" if query else "")
    with translation.override(code):
        return reverse("web:home")


@register.inclusion_tag("includes/language_switch.html", takes_context=True)
def language_switch(context: dict[str, Any]) -> dict[str, Any]:
    request = context.get("request")
    current = translation.get_language()
    return {
        "languages": [
            {
                "name": name,
                # A phone shows the first three letters ("Eng", "Qaz"...), as sites in
                # Kazakhstan do; the full name stays the link's accessible name.
                "short": name[:3],
                "tag": html_lang(code),
                "url": page_in(request, code),
                "current": code == current,
            }
            for code, name in settings.LANGUAGES
        ]
    }


@register.simple_tag(takes_context=True)
def language_alternates(context: dict[str, Any]) -> list[dict[str, str]]:
    """This page in every language, absolute, plus x-default (English), for hreflang links.

    Empty outside the language prefixes (a report form, a sign-in page): no alternates there.
    """
    request = context.get("request")
    if request is None or not split_prefix(request.path)[0]:
        return []
    site = settings.SITE_URL or request.build_absolute_uri("/").rstrip("/")
    query = request.META.get("QUERY_STRING", "")
    alternates = [
        {"hreflang": html_lang(code), "href": site + page_in(request, code)}
        for code, _ in settings.LANGUAGES
    ]
    default = site + in_language(request.path, settings.LANGUAGE_CODE)
    alternates.append({"hreflang": "x-default", "href": default + (f"?{query}" if query else "")})
    return alternates
