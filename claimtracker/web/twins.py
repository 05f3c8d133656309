"""Every public page names its JSON twin: the same record from the REST API.

Readers see the link in the footer; machines find it as ``<link rel="alternate">`` in the head.
A public page and its API twin share a name and URL keywords (``web:claim`` with ``slug`` is
``api:claim-detail`` with ``slug``), so one context processor serves every detail page.
"""

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

DETAIL_TWINS = {"actor", "claim", "evidence", "source", "statement", "topic"}


def json_twin(request: HttpRequest) -> dict[str, str]:
    match = request.resolver_match
    if match is None or match.namespace != "web" or match.url_name not in DETAIL_TWINS:
        return {}
    try:
        return {"json_twin": reverse(f"api:{match.url_name}-detail", kwargs=match.kwargs)}
    except NoReverseMatch:  # a public URL the API cannot express: offer no twin, not an error
        return {}
