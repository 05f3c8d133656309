"""One shape for every API error: ``{"errors": [{"code": …, "message": …, "field": …}]}``.

``code`` is stable and machine-readable, ``message`` is for a person to act on, and ``field``
names the request field at fault (dotted for nested ones), or is null. docs/api.md ("Errors")
lists the codes.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
from rest_framework import exceptions, serializers, status
from rest_framework.fields import get_error_detail
from rest_framework.response import Response

from claimtracker.claims.services import StaleStatus


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"
    default_detail = "The record changed since you read it."


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"
    default_detail = "The request body is too large."


class ErrorSerializer(serializers.Serializer[None]):
    """One thing wrong with a request."""

    code = serializers.CharField(help_text="Stable and machine-readable, e.g. unknown_parameter.")
    message = serializers.CharField(help_text="For a person to act on.")
    field = serializers.CharField(
        allow_null=True,
        help_text="The request field or query parameter at fault (dotted when nested), or null.",
    )


class ErrorResponseSerializer(serializers.Serializer[None]):
    """Every API error has this shape."""

    # A field called errors, shadowing Serializer.errors on the class only.
    errors = ErrorSerializer(  # type: ignore[assignment]
        many=True, help_text="What went wrong, one entry per problem."
    )


def translate(exc: Exception) -> Exception:
    """Django's and the domain's exceptions as the API exceptions they mean."""
    if isinstance(exc, StaleStatus):
        return Conflict(detail=" ".join(exc.messages), code="stale_status")
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(detail=get_error_detail(exc))
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied(detail=str(exc) or None)
    if isinstance(exc, RequestDataTooBig):
        return PayloadTooLarge()
    return exc


def error_entry(code: str, message: str, field: str | None = None) -> dict[str, Any]:
    """One entry of ``errors``."""
    return {"code": code, "message": message, "field": field}


def flatten(detail: Any, field: str | None = None) -> list[dict[str, Any]]:
    if isinstance(detail, dict):
        return [
            error
            for key, value in detail.items()
            for error in flatten(
                value,
                None
                if key in {"non_field_errors", "__all__", "detail"}
                else (f"{field}.{key}" if field else str(key)),
            )
        ]
    if isinstance(detail, list):
        return [error for item in detail for error in flatten(item, field)]
    code = getattr(detail, "code", None) or "invalid"
    return [error_entry(code, str(detail), field)]


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    # Imported here: rest_framework.views loads DEFAULT_PARSER_CLASSES, whose parser imports
    # this module, and middleware (claimtracker/encoding.py) imports this module at start-up.
    from rest_framework.views import exception_handler as drf_exception_handler

    response = drf_exception_handler(translate(exc), context)
    if response is None:
        return None  # a server error: Django logs it and answers 500
    response.data = {"errors": flatten(response.data)}
    return response


# Django's error views (handler400, 403, 404 and 500 in claimtracker/urls.py): under /api/ the
# answer is the error shape above, whatever raised (a middleware, a parser, a bug); elsewhere
# Django's templated pages. The CORS middleware still adds its headers, since Django turns the
# exception into this response inside it.

API_PREFIX = "/api/"
TOO_LARGE = (
    "The request body is larger than this server accepts (DATA_UPLOAD_MAX_MEMORY_SIZE): "
    "nothing was read or saved."
)
NOT_FOUND = "Nothing here. The API's collections are listed at /api/v1/."
TOO_MANY_FIELDS = "The request has more fields than this server accepts: nothing was saved."


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def error_response(status_code: int, code: str, message: str) -> JsonResponse:
    """An error in the API's shape, for answers made outside DRF's views."""
    return JsonResponse({"errors": [error_entry(code, message)]}, status=status_code)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    # Django turns a body over DATA_UPLOAD_MAX_MEMORY_SIZE into a 400 (it is a
    # SuspiciousOperation); the API answers it as what it is, 413.
    if is_api(request):
        if isinstance(exception, RequestDataTooBig):
            return error_response(413, PayloadTooLarge.default_code, TOO_LARGE)
        if isinstance(exception, TooManyFieldsSent | TooManyFilesSent):
            return error_response(400, "too_many_fields", TOO_MANY_FIELDS)
        return error_response(400, "bad_request", "The server could not read this request.")
    return defaults.bad_request(request, exception)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        message = "You do not have permission to perform this action."
        return error_response(403, "permission_denied", message)
    return defaults.permission_denied(request, exception)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return error_response(404, "not_found", NOT_FOUND)
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if is_api(request):
        message = (
            "The server failed to answer this request; it has been logged. Before repeating a "
            "write, read the record back: it may have been saved."
        )
        return error_response(500, "server_error", message)
    return defaults.server_error(request)
