"""Response headers Django has no setting for.

``Cross-Origin-Resource-Policy`` tells browsers which sites may embed a response as a no-cors
subresource (an ``<img>``, a ``<script src>``), the Spectre-era leak CORS does not cover. One
value for every response: CORS requests (the API's public cross-origin reads) are not subject
to it, so ``same-origin`` blocks nothing a legitimate client does (docs/security.md).
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase


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
