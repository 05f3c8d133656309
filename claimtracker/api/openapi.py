"""How the API documents itself in its OpenAPI schema (drf-spectacular), beyond what it infers.

Named enums, anonymous reading, the path parameters, and the answers every list, detail and
write documents, errors included. The schema is served at /api/v1/schema/; docs/api.md is the
guide for clients.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import build_choice_description_list
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework.permissions import SAFE_METHODS
from rest_framework.viewsets import GenericViewSet

from claimtracker.api.errors import ErrorResponseSerializer
from claimtracker.api.fields import EnumField

SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"


# drf-spectacular registers extensions in an untyped __init_subclass__.
class EnumFieldExtension(OpenApiSerializerFieldExtension):  # type: ignore[no-untyped-call]
    """``EvidenceKindEnum``, ``RelationKindEnum``…: without this, drf-spectacular names every
    enum after its field, and the many fields called ``kind`` collide."""

    target_class = EnumField

    def get_name(self) -> str:
        return f"{self.target.enum.__name__}Enum"

    def map_serializer_field(self, auto_schema: Any, direction: Any) -> dict[str, Any]:
        return {
            "type": "string",
            "enum": list(self.target.enum.values),
            "description": build_choice_description_list(self.target.enum.choices),
        }


class ReadableSchema(AutoSchema):
    """Reading is open to anonymous clients (``RolePermissions`` allows every safe method),
    which drf-spectacular cannot tell from a custom permission class."""

    def get_auth(self) -> list[dict[str, list[str]]]:
        auths: list[dict[str, list[str]]] = super().get_auth()
        if self.method in SAFE_METHODS and {} not in auths:
            auths.append({})
        return auths


ERROR = ErrorResponseSerializer
TOO_MANY_REQUESTS = "Too many requests: wait the number of seconds in Retry-After."
COMMON_ERRORS = {
    401: OpenApiResponse(ERROR, description="The token given is invalid, expired or revoked."),
    429: OpenApiResponse(ERROR, description=TOO_MANY_REQUESTS),
}
IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="The ETag of the copy you hold; the answer is 304 with no body if it is current.",
)


def id_parameter(singular: str) -> OpenApiParameter:
    return OpenApiParameter(
        "id",
        {"type": "integer", "minimum": 1},
        OpenApiParameter.PATH,
        description=f"The {singular}'s id.",
    )


def slug_parameter(singular: str) -> OpenApiParameter:
    return OpenApiParameter(
        "slug",
        OpenApiTypes.STR,
        OpenApiParameter.PATH,
        description=f"The {singular}'s slug, as in its public address.",
        pattern=SLUG_PATTERN,
    )


def documented[V: type[GenericViewSet[Any]]](
    *, plural: str, singular: str, list_description: str, detail_description: str
) -> Callable[[V], V]:
    """List and detail documentation for a record endpoint, for its ``serializer_class`` and
    its lookup (a slug or an id)."""

    def document(viewset: V) -> V:
        # The stubs declare serializer_class per instance; every viewset here sets it on the class.
        serializer = viewset.serializer_class  # type: ignore[misc]
        if viewset.lookup_field == "slug":
            lookup = slug_parameter(singular)
        else:
            lookup = id_parameter(singular)
        decorate = extend_schema_view(
            list=extend_schema(
                summary=f"List {plural}",
                description=f"{list_description}\n\nCursor-paginated, newest first: follow "
                "`next`. Unknown or malformed query parameters are a 400 naming the parameter.",
                responses={
                    200: serializer,
                    400: OpenApiResponse(
                        ERROR, description="An unknown or malformed query parameter."
                    ),
                    404: OpenApiResponse(
                        ERROR, description="No page of this list has that cursor."
                    ),
                    **COMMON_ERRORS,
                },
            ),
            retrieve=extend_schema(
                summary=f"One {singular}",
                description=f"{detail_description}\n\nCarries a weak `ETag`; send it back in "
                "`If-None-Match` to get 304 when nothing changed.",
                parameters=[lookup, IF_NONE_MATCH],
                responses={
                    200: serializer,
                    304: OpenApiResponse(description="Not modified: the copy you hold is current."),
                    400: OpenApiResponse(ERROR, description="A query parameter was given."),
                    404: OpenApiResponse(ERROR, description=f"No {singular} here, or a draft."),
                    **COMMON_ERRORS,
                },
            ),
        )
        return decorate(viewset)

    return document


def write_responses(created: Any, *extra: int) -> dict[int, Any]:
    """The answers every write documents: the record, and the error shape for each refusal."""
    described = {
        400: "The body is malformed JSON, has an unknown field, a wrong type or a value the "
        "rules refuse; each error names its field.",
        401: "No valid token or session.",
        403: "Your role does not allow this.",
        404: "No such record, or not one you can see.",
        409: "The claim's status changed since you read it; nothing was recorded.",
        413: "The body is too large.",
        429: TOO_MANY_REQUESTS,
    }
    codes = [400, 401, 403, 413, 429, *extra]
    return {
        **created,
        **{code: OpenApiResponse(ERROR, description=described[code]) for code in codes},
    }
