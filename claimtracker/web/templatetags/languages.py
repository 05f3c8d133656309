"""Language codes as readers know them: "Kazakh", not "kk"."""

from django import template
from django.utils.translation import get_language_info

register = template.Library()


@register.filter
def language_name(code: str) -> str:
    """The language's name in the reader's language; the code itself if Django does not know it.

    A curator may record a language Django has no name for (a regional variant); the page must
    still render.
    """
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        try:
            return str(get_language_info(code.split("-")[0])["name_translated"])
        except KeyError:
            return code
