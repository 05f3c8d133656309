"""Cache-Control for shared caches, and the rule that nothing personal is ever shared.

Public pages, feeds and exports: ``public, max-age=0, s-maxage=N, stale-while-revalidate=M``,
N and M the settings ``CACHE_SHARED_MAX_AGE`` and ``CACHE_STALE_WHILE_REVALIDATE``.
A browser revalidates every time (``max-age=0``: a reader who reloads sees a new status at once);
a CDN may answer from its copy for ``s-maxage`` seconds, and for ``stale-while-revalidate`` more
while it revalidates in the background. That is safe only because a write purges the pages
showing what it changed (``purge.py``): without ``CDN_PURGE_URL`` both default to 0, and the CDN
revalidates each request as before (a 304 costs one query).

``SharedCachePolicyMiddleware`` then overrules any view: a response that sets a cookie, varies on
``Cookie`` or ``Authorization`` (the admin, the API's record endpoints, the error-report form),
or answers a write, is ``private``, and ``no-store`` when the request carried credentials, set a
cookie or wrote. Its surrogate keys are removed: a CDN must not file it at all. One exception to
``Vary: Cookie``: the API's paths check a session's age, which adds it to the exports too; when
the response is one its view made for everyone and the request held no session data, the
cookie changed nothing and ``Cookie`` is dropped from ``Vary``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

SAFE_METHODS = frozenset({"GET", "HEAD"})
KEY_HEADERS = ("Surrogate-Key", "Cache-Tag")
PERSONAL_VARY = frozenset({"cookie", "authorization"})
# Separates the values of Vary and the directives of Cache-Control.
COMMA = re.compile(r"\s*,\s*")


def shared_cache_control() -> str:
    """The Cache-Control of a public page, feed or export, from the settings."""
    return (
        f"public, max-age=0, s-maxage={settings.CACHE_SHARED_MAX_AGE}, "
        f"stale-while-revalidate={settings.CACHE_STALE_WHILE_REVALIDATE}"
    )


def set_keys(response: HttpResponseBase, keys: list[str]) -> None:
    """Name a response for purging: Fastly reads ``Surrogate-Key``, Cloudflare ``Cache-Tag``
    (which it wants comma-separated). Both are removed before the response leaves the CDN."""
    response["Surrogate-Key"] = " ".join(keys)
    response["Cache-Tag"] = ",".join(keys)


def mark_shared(response: HttpResponseBase) -> None:
    """Say that the view made this response the same for everyone (``web.caching.public_page``)."""
    response.shared_by_everyone = True  # type: ignore[attr-defined]


def holds_session_data(request: HttpRequest) -> bool:
    session = getattr(request, "session", None)
    return bool(session is not None and session.accessed and not session.is_empty())


def drop_cookie_from_vary(response: HttpResponseBase) -> None:
    """For a response the same for everyone: a middleware looked for a session (the API's paths
    check one's age) and found none, so the response does not depend on the cookie after all,
    and a CDN may keep one copy for everyone."""
    kept = [name for name in COMMA.split(response["Vary"]) if name.lower() != "cookie"]
    if kept:
        response["Vary"] = ", ".join(kept)
    else:
        del response["Vary"]


def varies_on(response: HttpResponseBase) -> set[str]:
    if not response.has_header("Vary"):
        return set()
    return {name.strip().lower() for name in COMMA.split(response["Vary"])}


def carries_credentials(request: HttpRequest) -> bool:
    return "Authorization" in request.headers or settings.SESSION_COOKIE_NAME in request.COOKIES


def personal(request: HttpRequest, response: HttpResponseBase) -> bool:
    """Whether the response may differ by who asks, or acts for them."""
    return (
        request.method not in SAFE_METHODS
        or bool(response.cookies)
        or bool(varies_on(response) & PERSONAL_VARY)
    )


class SharedCachePolicyMiddleware:
    """Make every personal response private, whatever its view said (see the module docstring).

    Sits outside the session, CSRF and authentication middleware, so it sees the cookies they set
    and the ``Vary`` they add.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if (
            getattr(response, "shared_by_everyone", False)
            and "cookie" in varies_on(response)
            and not response.cookies
            and not holds_session_data(request)
        ):
            drop_cookie_from_vary(response)
        if personal(request, response):
            for header in KEY_HEADERS:
                del response[header]
            directives = {
                part.strip().split("=")[0].lower()
                for part in COMMA.split(response.get("Cache-Control", ""))
            }
            if "private" not in directives and "no-store" not in directives:
                no_store = (
                    request.method not in SAFE_METHODS
                    or bool(response.cookies)
                    or carries_credentials(request)
                )
                # An anonymous reader's browser may keep its copy and revalidate it.
                response["Cache-Control"] = "private, no-store" if no_store else "private, no-cache"
        return response
