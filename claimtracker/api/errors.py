"""One shape for every API error: ``{"errors": [{"code": …, "message": …, "field": …}]}``.

``code`` is stable and machine-readable, ``message`` is for a person to act on, and ``field``
names the request field at fault (dotted for nested ones), or is null. docs/api.md ("Errors")
lists the codes.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, serializers, status
from rest_framework.fields import get_error_detail
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

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
    response = drf_exception_handler(translate(exc), context)
    if response is None:
        return None  # a server error: Django logs it and answers 500
    response.data = {"errors": flatten(response.data)}
    return response
