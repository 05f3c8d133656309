"""The interface languages as code uses them: URL codes, HTML lang tags, the prefix of a path.

settings.LANGUAGES is the one list; this module only derives from it (docs/i18n.md).
"""

import re

from django.conf import settings
from django.conf.locale import LANG_INFO

# Django knows no Kazakh in Latin script; its code in URLs and in Django is kk-latn (Django
# lowercases codes), the tag in HTML and hreflang is kk-Latn (BCP 47 script subtag).
EXTRA_LANG_INFO = {
    "kk-latn": {
        "bidi": False,
        "code": "kk-latn",
        "name": "Kazakh (Latin script)",
        "name_local": "Qazaqşa",
    },
}

PREFIX = re.compile(r"^/([a-z]{2}(?:-[a-z]{4})?)(/.*)$")


def register_language_info() -> None:
    # get_language_info() reads this dict at call time; adding to it is Django's documented way
    # (LANG_INFO has no setting).
    LANG_INFO.update(EXTRA_LANG_INFO)


def codes() -> list[str]:
    return [code for code, _ in settings.LANGUAGES]


def html_lang(code: str) -> str:
    """The BCP 47 tag of a Django language code: kk-latn → kk-Latn, ru → ru."""
    language, _, script = code.partition("-")
    if len(script) == 4:
        return f"{language}-{script.title()}"
    return f"{language}-{script.upper()}" if script else language


def split_prefix(path: str) -> tuple[str | None, str]:
    """A path's language code and the rest: /ru/claims/x/ → ("ru", "/claims/x/").

    (None, path) when the path has no language prefix (the API, the admin, an old address).
    """
    match = PREFIX.match(path)
    if match and match[1] in codes():
        return match[1], match[2]
    if path.rstrip("/") in {f"/{code}" for code in codes()}:
        return path.strip("/"), "/"
    return None, path


def in_language(path: str, code: str) -> str:
    """The same page in another language: /ru/claims/x/ → /kk-latn/claims/x/.

    The URL patterns themselves are not translated, so swapping the prefix is exact.
    """
    _, rest = split_prefix(path)
    return f"/{code}{rest}"


def unprefixed(path: str) -> str:
    """A path without its language prefix: /ru/claims/x/ → /claims/x/, the address it had before
    the prefixes (feed entry ids are built from it, so they never changed)."""
    return split_prefix(path)[1]
