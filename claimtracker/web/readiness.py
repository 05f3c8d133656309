"""``/ready``: whether this process can serve, for load balancers and compose's healthcheck.

Answered by a middleware near the top of the stack, before the host check, the HTTPS redirect,
sessions and cookies: a probe comes over plain HTTP to the container's own address, whatever
ALLOWED_HOSTS and SECURE_SSL_REDIRECT say, and must work before anyone signs in. It runs one
query (``SELECT 1``) and tells nothing but whether the database answered (docs/operations.md).
"""

import logging
from collections.abc import Callable

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponseBase, JsonResponse

READINESS_PATH = "/ready"

logger = logging.getLogger(__name__)


def readiness() -> JsonResponse:
    """200 when the database answers ``SELECT 1``, else 503. This runs a query."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("Not ready: the database does not answer (%s).", type(error).__name__)
        response = JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
        # Ask again soon; a load balancer keeps the instance out meanwhile.
        response.headers["Retry-After"] = "5"
    else:
        response = JsonResponse({"status": "ready", "database": "ok"})
    response.headers["Cache-Control"] = "no-store"
    return response


class ReadinessMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.path_info == READINESS_PATH and request.method in {"GET", "HEAD"}:
            return readiness()
        return self.get_response(request)
