"""Response headers Django has no setting for, and the one policy Django cannot pick by URL.

``Cross-Origin-Resource-Policy`` tells browsers which sites may embed a response as a no-cors
subresource (an ``<img>``, a ``<script src>``), the Spectre-era leak CORS does not cover. One
value for every response: CORS requests (the API's public cross-origin reads) are not subject
to it, so ``same-origin`` blocks nothing a legitimate client does (docs/security.md).
"""

import base64
import hashlib
from collections.abc import Callable
from functools import cache

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils.csp import CSP
from django.utils.html import conditional_escape
from rest_framework.compat import pygments_css
from rest_framework.renderers import BrowsableAPIRenderer


class CrossOriginResourcePolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        # A view that knows better (none does yet) may set its own value.
        response.headers.setdefault(
            "Cross-Origin-Resource-Policy", settings.CROSS_ORIGIN_RESOURCE_POLICY
        )
        return response


@cache
def browsable_api_policy() -> dict[str, list[str]]:
    """The site's policy, widened for DRF's browsable API pages (staff use them to try the API).

    Their templates carry ``style="float: right"`` attributes, allowed here (an attribute styles
    one element and cannot select others, so it cannot read the page), and one <style> element
    of syntax-highlighting rules, allowed by the hash of exactly what DRF renders into it.
    Scripts stay ``'self'`` only.
    """
    code_style = str(conditional_escape(pygments_css(BrowsableAPIRenderer.code_style) or ""))
    digest = base64.b64encode(hashlib.sha256(code_style.encode()).digest()).decode()
    policy: dict[str, list[str]] = {
        directive: list(values) for directive, values in settings.SECURE_CSP.items()
    }
    policy["style-src-elem"] = [CSP.SELF, f"'sha256-{digest}'"]
    policy["style-src-attr"] = [CSP.UNSAFE_INLINE]
    return policy


class BrowsableApiPolicyMiddleware:
    """Give HTML rendered by DRF's browsable API its own policy (see ``browsable_api_policy``).

    The renderer is chosen by content negotiation, not by URL, so no view decorator can know in
    advance; this runs after the view, before ContentSecurityPolicyMiddleware writes the header.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        renderer = getattr(response, "accepted_renderer", None)
        if isinstance(renderer, BrowsableAPIRenderer) and not hasattr(response, "_csp_config"):
            response._csp_config = browsable_api_policy()  # type: ignore[attr-defined]
        return response
